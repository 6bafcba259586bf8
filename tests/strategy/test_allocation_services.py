"""Creating, editing, copying and adopting allocation scenarios: bad input changes nothing,
every change is in the audit history, one adopted allocation per school year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from districtwise.core.models import AuditEntry
from districtwise.strategy.models import AllocationLine, AllocationScenario
from districtwise.strategy.services import allocation as services
from tests.strategy.allocation_fixtures import audit, new_scenario  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("audit")


def _refusal(cast, **changes) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        new_scenario(cast, **changes)
    assert not AllocationScenario.objects.exists()
    return refused.value.message_dict


def test_a_pool_written_as_currency_is_refused_saying_where_and_what(cast):
    problems = _refusal(cast, pool="$1,200")
    assert list(problems) == ["pool"]
    assert "Pool: “$1,200” is not a number" in problems["pool"][0]


def test_a_weight_that_is_not_a_number_or_negative_is_refused_per_field(cast):
    problems = _refusal(cast, weight_english_learner="-0.5", weight_gifted="half")
    assert "must not be negative" in problems["weight_english_learner"][0]
    assert "Weight for gifted students: “half” is not a number" in problems["weight_gifted"][0]


def test_a_school_year_the_audit_has_no_enrolment_for_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.scenario_create(
            actor=cast["superintendent"],
            district=cast.district,
            name="Next year",
            school_year="2031",
            unit="dollars",
            pool="1000",
            base_weight="1",
            weights={},
        )
    message = refused.value.message_dict["school_year"][0]
    assert "no enrolment for 2030-31" in message and "2025-26" in message
    assert not AllocationScenario.objects.exists()


def test_creating_a_scenario_is_audited(cast):
    scenario = new_scenario(cast)
    assert scenario.weights == {
        "economically_disadvantaged": "0.25",
        "english_learner": "0.5",
        "disability": "0.9",
    }
    entry = AuditEntry.objects.get(object_id=str(scenario.pk), action="create")
    assert entry.actor == cast["superintendent"]
    assert entry.changes["pool"] == [None, "1000.00"]


def test_adopting_stores_the_allocation_and_replaces_the_years_previous_one(cast):
    first, second = new_scenario(cast, name="First"), new_scenario(cast, name="Second")
    actor = cast["superintendent"]
    services.scenario_adopt(actor=actor, district=cast.district, scenario=first)
    assert sum(line.amount for line in first.lines.all()) == Decimal("1000.00")
    services.scenario_adopt(actor=actor, district=cast.district, scenario=second)
    first.refresh_from_db()
    assert not first.is_adopted and not first.lines.exists()
    assert list(AllocationScenario.objects.filter(adopted_at__isnull=False)) == [second]
    assert AllocationLine.objects.filter(scenario=second).count() == 3
    actions = AuditEntry.objects.filter(object_type="strategy.allocationscenario")
    assert {"adopt", "unadopt"} <= set(actions.values_list("action", flat=True))
    adopted = actions.filter(action="adopt", object_id=str(second.pk)).get()
    assert sorted(adopted.changes["allocation"][1].values()) == ["175.71", "298.35", "525.94"]


def test_an_edit_on_a_stale_version_is_refused_and_nothing_is_lost(cast):
    scenario = new_scenario(cast)
    fields = {
        "name": "Renamed",
        "school_year": "2026",
        "unit": "dollars",
        "pool": "2000",
        "base_weight": "1",
        "weights": {},
    }
    actor, district = cast["superintendent"], cast.district
    services.scenario_update(actor=actor, district=district, scenario=scenario, version=1, **fields)
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.scenario_update(
            actor=actor, district=district, scenario=scenario, version=1, **fields | {"pool": "5"}
        )
    scenario.refresh_from_db()
    assert (scenario.name, scenario.pool, scenario.version) == ("Renamed", Decimal("2000"), 2)


def test_a_copy_keeps_the_weights_and_says_where_it_came_from(cast):
    original = new_scenario(cast, weight_homeless="1.5")
    copy = services.scenario_copy(
        actor=cast["superintendent"], district=cast.district, scenario=original
    )
    assert copy.copied_from == original and not copy.is_adopted
    assert copy.weights == original.weights and copy.pool == original.pool
    assert AuditEntry.objects.filter(object_id=str(copy.pk), action="create").exists()
