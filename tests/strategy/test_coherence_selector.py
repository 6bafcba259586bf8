"""The coherence findings each reader gets on the plan of ``coherence_fixtures`` (its
docstring works out the answers), and students reached read through the equity audit."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from districtwise.analytics.strategy.coherence import counts_by_kind
from districtwise.strategy.models import Goal
from districtwise.strategy.selectors.coherence import coherence_for, school_enrolment
from tests.strategy.coherence_fixtures import audit_with_enrolment, troubled_plan  # noqa: F401

pytestmark = pytest.mark.usefixtures("troubled_plan")


def _sentences(found, kind):
    return [f.sentence for f in found.findings if f.kind == kind]


def test_the_superintendent_gets_every_finding_of_the_plan(cast):
    found = coherence_for(user=cast["superintendent"], district=cast.district)
    assert counts_by_kind(found.findings) == {
        "overload": 1,
        "orphan": 1,
        "unserved_goal": 0,
        "competition": 1,
        "budget_priority": 1,
        "empty_frame": 1,
        "abandonment": 1,
    }
    assert _sentences(found, "overload") == [
        "North One Elementary carries 2 initiatives, more than the plan's limit of 1: I1 and I2."
    ]
    assert _sentences(found, "competition") == [
        "I1 and I2 both work through coaching in North One Elementary."
    ]
    assert _sentences(found, "budget_priority") == [
        "G1 Readers by third grade is priority 1 but receives $10,000, less than "
        "lower-priority G2 (priority 3, $50,000)."
    ]
    assert _sentences(found, "empty_frame") == [
        "No goal is tagged with the learning agenda “System learning”."
    ]
    goals = {g.code: g.pk for g in Goal.objects.all()}
    assert found.budget_per_goal == {goals["G1"]: D(10000), goals["G2"]: D(50000)}


def test_a_principal_gets_their_schools_findings_and_the_plan_level_ones(cast):
    found = coherence_for(user=cast["principal_south_1"], district=cast.district)
    assert [s.name for s in found.snapshot.schools] == ["South One High"]
    assert sorted(i.code for i in found.snapshot.initiatives) == ["I3", "I4"]
    assert counts_by_kind(found.findings) == {
        "overload": 0,
        "orphan": 1,
        "unserved_goal": 0,  # G2 is served by I1, which they cannot see
        "competition": 0,
        "budget_priority": 1,
        "empty_frame": 1,
        "abandonment": 1,
    }
    text = " ".join(f.sentence for f in found.findings)
    assert "North" not in text and "I1" not in text and "I2" not in text


def test_a_network_lead_gets_the_troubles_of_their_network(cast):
    found = coherence_for(user=cast["north_lead"], district=cast.district)
    assert [s.name for s in found.snapshot.schools] == [
        "North One Elementary",
        "North Two Middle",
    ]
    counts = counts_by_kind(found.findings)
    assert (counts["overload"], counts["competition"], counts["orphan"]) == (1, 1, 0)


def test_partners_and_family_members_get_nothing(cast):
    for person in ("partner", "family"):
        assert coherence_for(user=cast[person], district=cast.district) is None


def test_without_an_audit_the_cost_per_student_is_unknown(cast):
    found = coherence_for(user=cast["superintendent"], district=cast.district)
    assert all(r.cost_per_student is None for r in found.reaches.values())
    assert _sentences(found, "abandonment") == [
        "Consider stopping I3 Robotics club: it serves no goal. Its cost per student reached "
        "is unknown (students reached: no audit enrolment figure)."
    ]


@pytest.mark.usefixtures("audit_with_enrolment")
def test_enrolment_comes_from_the_audit_and_small_schools_stay_hidden(cast):
    north_1, north_2, south_1 = cast.north_1.code, cast.north_2.code, cast.south_1.code
    steward = school_enrolment(user=cast["data_steward"], district=cast.district)
    assert steward == {north_1: 200, north_2: 300, south_1: 5}
    superintendent = school_enrolment(user=cast["superintendent"], district=cast.district)
    assert superintendent == {north_1: 200, north_2: 300}
    assert school_enrolment(user=cast["principal_north_2"], district=cast.district) == {
        north_2: 300
    }


@pytest.mark.usefixtures("audit_with_enrolment")
def test_cost_per_student_far_above_the_median_makes_a_candidate(cast):
    # With student-record rights: I1 $50,000 / 200 = $250; I2 $10,000 / 500 = $20; I3
    # $5,000 / 5 = $1,000. Median $250; twice it $500: I3 is far above.
    steward = coherence_for(user=cast["data_steward"], district=cast.district)
    costs = {r.cost_per_student for r in steward.reaches.values()}
    assert {D(250), D(20), D(1000)} <= costs
    assert _sentences(steward, "abandonment") == [
        "Consider stopping I3 Robotics club: it serves no goal; it costs $1,000 per student "
        "reached, more than twice the plan's median of $250."
    ]
    # Without them South One's 5 students are hidden: I3's cost is unknown, never shown.
    superintendent = coherence_for(user=cast["superintendent"], district=cast.district)
    i3 = next(i for i in superintendent.snapshot.initiatives if i.code == "I3")
    assert superintendent.reaches[i3.id].cost_per_student is None
    assert "$1,000" not in " ".join(f.sentence for f in superintendent.findings)
