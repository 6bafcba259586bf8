"""Support tiers: the rules (validated, audited), the placement of every school with its
explanation and history, overrides, and what each user sees."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import override_settings

from districtwise.core.models import AuditEntry
from districtwise.strategy.models import PlacementRun, TierOverride, TierPlacement, TierRuleSet
from districtwise.strategy.selectors import tiers as selectors
from districtwise.strategy.services import tiers as services
from tests.strategy.tiers_data import EXPECTED, RULES, row, store_tier_audit


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield


def save_rules(cast, rules=RULES, actor="superintendent"):
    return services.tier_rules_update(actor=cast[actor], district=cast.district, **rules)


@pytest.fixture
def placed(cast):
    """Rules and an audit, and the schools placed."""
    save_rules(cast)
    store_tier_audit(cast)
    return services.tier_placements_refresh(district=cast.district)


def placement_of(run, school) -> TierPlacement:
    return run.placements.get(school=school)


# ---------------------------------------------------------------- rules


def test_rules_are_saved_audited_and_each_change_raises_the_version(cast):
    rule_set = save_rules(cast)
    assert (rule_set.version, rule_set.indicators.count(), rule_set.tiers.count()) == (1, 3, 3)
    assert rule_set.tiers.get(level=2).support_list == [
        "A coach two days a week",
        "Attendance team",
    ]
    changed = copy.deepcopy(RULES)
    changed["tiers"][0]["name"] = "Core"
    rule_set = save_rules(cast, changed)
    assert rule_set.version == 2
    entries = AuditEntry.objects.filter(object_type="strategy.tierruleset").order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    before, after = entries.last().changes["tiers"]
    assert (before[0]["name"], after[0]["name"]) == ("Universal", "Core")
    # Saving the same rules again changes nothing and writes nothing.
    assert save_rules(cast, changed).version == 2
    assert entries.count() == 2


def refused(cast, rules) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        save_rules(cast, rules)
    return caught.value.messages


def test_weights_that_do_not_add_up_are_refused_and_nothing_changes(cast):
    save_rules(cast)
    bad = copy.deepcopy(RULES)
    bad["indicators"][0]["weight"] = "30"
    bad["tiers"][0]["name"] = "Changed"
    assert refused(cast, bad) == ["The weights add up to 90 %; they must add up to exactly 100 %."]
    rule_set = TierRuleSet.objects.get(district=cast.district)
    assert rule_set.version == 1
    assert rule_set.tiers.get(level=1).name == "Universal"
    assert rule_set.indicators.get(indicator="chronic_absence").weight == Decimal("40")


def test_overlapping_cut_points_are_refused(cast):
    bad = copy.deepcopy(RULES)
    bad["tiers"][1]["score_from"] = "35"
    assert refused(cast, bad) == [
        "Tier 1 (Universal) and Tier 2 (Targeted) overlap: both cover the scores from 35 to 40."
    ]
    assert not TierRuleSet.objects.filter(district=cast.district).exists()


def test_cut_points_that_leave_a_gap_are_refused(cast):
    bad = copy.deepcopy(RULES)
    bad["tiers"][2]["score_from"] = "75"
    assert refused(cast, bad) == [
        "There is a gap between Tier 2 (Targeted) and Tier 3 (Intensive): no tier covers the "
        "scores from 70 to 75."
    ]


def test_an_unknown_indicator_and_a_word_for_a_number_are_named(cast):
    bad = copy.deepcopy(RULES)
    bad["indicators"][2]["indicator"] = "free_lunch"
    bad["indicators"][0]["weight"] = "forty"
    problems = refused(cast, bad)
    assert problems[0] == "The weight of Chronic absence rate is not a number: 'forty'."
    assert problems[1].startswith("There is no indicator 'free_lunch'; the indicators are")


# ---------------------------------------------------------------- placement


def test_every_school_is_placed_as_worked_out_by_hand(cast, placed):
    assert placed.school_year == 2026
    for name, (tier, score) in EXPECTED.items():
        placement = placement_of(placed, getattr(cast, name))
        assert (placement.tier, str(placement.score)) == (tier, score), name


def test_the_explanation_gives_each_indicator_and_says_what_is_missing(cast, placed):
    explanation = placement_of(placed, cast.north_2).explanation
    absence, proficiency, turnover = explanation["lines"]
    assert (absence["value"], absence["score"], absence["weight"]) == (20.0, 50.0, 40.0)
    assert (absence["used_weight"], absence["contribution"]) == (50.0, 25.0)
    assert absence["note"] == "20 of 100 students, 2026"
    assert (proficiency["value"], proficiency["contribution"]) == (40.0, 25.0)
    assert (turnover["value"], turnover["contribution"]) == (None, None)
    assert turnover["missing"] == "no staff.csv was imported"
    assert explanation["weights_note"] == (
        "Staff turnover is missing, so the weights of the other indicators (80 % together) "
        "are each multiplied by 100 / 80 to add up to 100 % again."
    )
    assert explanation["tier_name"] == "Targeted"


def test_history_keeps_one_row_per_school_per_run(cast, placed):
    # The same audit under the same rules is not placed twice …
    assert services.tier_placements_refresh(district=cast.district) == placed
    # … but a change of rules places again (here called directly, as on commit).
    save_rules(cast, {**RULES, "assessment": "STATE_ELA"})
    services.tier_placements_refresh(district=cast.district)
    assert PlacementRun.objects.filter(district=cast.district).count() == 2
    history = TierPlacement.objects.filter(school=cast.north_1)
    assert history.count() == 2
    # No STATE_ELA figures: north_1 has only chronic absence (100), still tier 3.
    newest = history.order_by("-run__created_at", "-run_id").first()
    assert (newest.tier, newest.explanation["lines"][1]["missing"]) == (
        3,
        "no proficiency:STATE_ELA figure for 2026",
    )


def test_nothing_is_placed_without_rules_or_an_audit(cast):
    store_tier_audit(cast)
    assert services.tier_placements_refresh(district=cast.district) is None
    assert not PlacementRun.objects.exists()


# ---------------------------------------------------------------- overrides


def test_an_override_shows_next_to_the_computed_tier_and_survives_recomputation(cast, placed):
    services.tier_override_set(
        actor=cast["superintendent"], school=cast.south_1, tier="3", reason="New principal"
    )
    services.tier_placements_refresh(district=cast.district, force=True)
    detail = selectors.school_tier_detail(
        user=cast["superintendent"], district=cast.district, pk=cast.south_1.pk
    )
    assert (detail.current.computed, detail.current.tier) == (1, 3)
    assert detail.current.override.reason == "New principal"
    assert len(detail.history) == 2
    entry = AuditEntry.objects.get(object_type="strategy.tieroverride", action="create")
    assert entry.changes["reason"] == [None, "New principal"]
    assert services.tier_override_remove(actor=cast["superintendent"], school=cast.south_1)
    assert not TierOverride.objects.exists()
    assert AuditEntry.objects.filter(object_type="strategy.tieroverride", action="delete").exists()


def test_an_override_needs_a_reason_and_a_tier_of_the_rules(cast, placed):
    with pytest.raises(ValidationError) as caught:
        services.tier_override_set(
            actor=cast["superintendent"], school=cast.south_1, tier="7", reason="  "
        )
    assert caught.value.messages == [
        "Choose one of the tiers of the rules (1, 2, 3); '7' is not one.",
        "Give the reason for placing the school in another tier.",
    ]
    assert not TierOverride.objects.exists()


# ---------------------------------------------------------------- who sees what


def names(board) -> dict[int | None, list[str]]:
    return {g.level: [r.school.name for r in g.schools] for g in board.groups}


def test_network_leads_see_their_schools_by_tier_and_principals_their_own(cast, placed):
    everyone = selectors.tier_board(user=cast["superintendent"], district=cast.district)
    assert names(everyone) == {
        1: ["South One High"],
        2: ["North Two Middle"],
        3: ["North One Elementary"],
    }
    assert [b["value"] for b in everyone.bars] == [1, 1, 1]
    north = selectors.tier_board(user=cast["north_lead"], district=cast.district)
    assert names(north) == {1: [], 2: ["North Two Middle"], 3: ["North One Elementary"]}
    own = selectors.tier_board(user=cast["principal_north_1"], district=cast.district)
    assert names(own) == {1: [], 2: [], 3: ["North One Elementary"]}
    with pytest.raises(Http404):
        selectors.tier_school_for_user(
            user=cast["principal_north_1"], district=cast.district, pk=cast.south_1.pk
        )
    assert selectors.tier_board(user=cast["partner"], district=cast.district).groups == []


def test_a_figure_hidden_from_a_user_is_hidden_in_the_explanation(cast):
    risk = {"indicator": "oss_risk_ratio", "weight": "20", "direction": "higher_needs_more",
            "scaling": "linear", "floor": "1", "ceiling": "3"}  # fmt: skip
    rules = copy.deepcopy(RULES)
    rules["indicators"][2] = risk
    save_rules(cast, rules)
    code = cast.north_1.code
    # A group of four students (under the display n of 10) with a ratio of 2.5.
    small = row(2026, code, "oss_rate", 2, 4, "sex", "F", ratio=2.5, dimension="discipline")
    store_tier_audit(cast, [row(2026, code, "oss_rate", 5, 100, dimension="discipline"), small])
    services.tier_placements_refresh(district=cast.district)

    def risk_line(person):
        detail = selectors.school_tier_detail(
            user=cast[person], district=cast.district, pk=cast.north_1.pk
        )
        return detail.lines[2], detail.lines[0]

    steward_risk, _ = risk_line("data_steward")  # holds the student-record grant
    assert (steward_risk["value"], steward_risk["value_text"]) == (2.5, "2.50 times")
    principal_risk, principal_absence = risk_line("principal_north_1")
    assert principal_risk["value"] is None and principal_risk["contribution"] is None
    assert principal_risk["value_text"] == "hidden: too few students to show"
    assert principal_risk["note"] == ""
    assert principal_absence["value_text"] == "40.0 %"


# ---------------------------------------------------------------- the command line


def test_the_command_line_places_the_schools_and_says_where(cast):
    from typer.testing import CliRunner

    from districtwise.cli import app

    runner = CliRunner()
    refused = runner.invoke(app, ["tiers-refresh", "--district", cast.district.code])
    assert refused.exit_code == 2
    assert "needs tier rules and a finished equity audit" in " ".join(refused.output.split())
    save_rules(cast)
    store_tier_audit(cast)
    done = runner.invoke(app, ["tiers-refresh", "--district", cast.district.code])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "Placed the schools of riverside (2026): 1 in tier 1, 1 in tier 2, 1 in tier 3."
    )
    unknown = runner.invoke(app, ["tiers-refresh", "--district", "nowhere"])
    assert (unknown.exit_code, "There is no district 'nowhere'." in unknown.output) == (2, True)
