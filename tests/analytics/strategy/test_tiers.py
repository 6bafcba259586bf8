"""Tier scoring and placement on small examples worked out by hand."""

from __future__ import annotations

import pytest

from districtwise.analytics.strategy.tiers import (
    HIGHER_NEEDS_MORE,
    LOWER_NEEDS_MORE,
    RANK,
    Figure,
    IndicatorRule,
    TierCut,
    TierRules,
    need_scores,
    place_schools,
    rule_problems,
)

TIERS = (
    TierCut(1, "Universal", 0, 40),
    TierCut(2, "Targeted", 40, 70),
    TierCut(3, "Intensive", 70, 100),
)
ABSENCE = IndicatorRule("chronic_absence", 60, HIGHER_NEEDS_MORE, floor=10, ceiling=40)
PROFICIENCY = IndicatorRule("proficiency", 40, LOWER_NEEDS_MORE, floor=20, ceiling=60)
RULES = TierRules((ABSENCE, PROFICIENCY), TIERS)


def figures(absence, proficiency) -> dict[str, Figure]:
    return {"chronic_absence": Figure(absence), "proficiency": Figure(proficiency)}


def test_linear_scaling_runs_from_the_low_to_the_high_value_and_is_clipped():
    values = {"A": 10.0, "B": 25.0, "C": 55.0, "D": 5.0}
    assert need_scores(values, ABSENCE) == {"A": 0.0, "B": 50.0, "C": 100.0, "D": 0.0}
    # Lower proficiency is more need: 30 % is a quarter of the way up from 20 to 60.
    assert need_scores({"A": 30.0, "B": 60.0}, PROFICIENCY) == {"A": 75.0, "B": 0.0}


def test_rank_scaling_is_the_share_of_other_schools_with_less_need_ties_shared():
    rule = IndicatorRule("oss_rate", 100, HIGHER_NEEDS_MORE, scaling=RANK)
    values = {"A": 1.0, "B": 3.0, "C": 3.0, "D": 9.0, "E": None}
    # Four schools with a value: A below all (0), B and C tie on ranks 1 and 2 (1.5/3),
    # D above all (3/3); E has no value and no score.
    assert need_scores(values, rule) == {"A": 0.0, "B": 50.0, "C": 50.0, "D": 100.0}


def test_a_school_is_placed_by_the_weighted_need_score():
    placed = place_schools(
        {"A": figures(25.0, 30.0), "B": figures(10.0, 60.0), "C": figures(40.0, 20.0)}, RULES
    )
    # A: absence 50 x 60 % = 30, proficiency 75 x 40 % = 30: score 60, tier 2.
    assert (placed["A"].score, placed["A"].tier) == (60.0, 2)
    assert [line.contribution for line in placed["A"].lines] == [30.0, 30.0]
    assert (placed["B"].score, placed["B"].tier) == (0.0, 1)
    # The top score, 100, is in the top tier.
    assert (placed["C"].score, placed["C"].tier) == (100.0, 3)
    assert placed["A"].weights_note.startswith("Every indicator has a value")


def test_a_score_on_a_cut_point_belongs_to_the_higher_tier():
    # Absence 30 → 2/3 of 30..: (30-10)/30 = 66.67 x 60 % = 40; proficiency 60 → 0.
    placed = place_schools({"A": figures(30.0, 60.0)}, RULES)
    assert (placed["A"].score, placed["A"].tier) == (40.0, 2)


def test_a_missing_indicator_is_said_to_be_missing_and_the_other_weights_scale_up():
    school = {
        "chronic_absence": Figure(25.0),
        "proficiency": Figure(None, missing="proficiency for 2026: no value"),
    }
    placed = place_schools({"A": school}, RULES)["A"]
    absence, proficiency = placed.lines
    # Only absence (60 %) is left: it counts 100 %, so the score is its need score, 50.
    assert (absence.used_weight, absence.contribution, placed.score) == (100.0, 50.0, 50.0)
    assert (proficiency.value, proficiency.score, proficiency.contribution) == (None, None, None)
    assert proficiency.missing == "proficiency for 2026: no value"
    assert "Proficiency rate is missing" in placed.weights_note
    assert "multiplied by 100 / 60" in placed.weights_note


def test_a_school_without_any_value_is_not_placed():
    placed = place_schools({"A": figures(None, None)}, RULES)["A"]
    assert (placed.tier, placed.score) == (None, None)
    assert "not placed" in placed.weights_note


def test_usable_rules_have_no_problems():
    assert rule_problems(RULES) == []


def test_weights_that_do_not_add_up_to_100_are_refused():
    short = TierRules((ABSENCE, IndicatorRule("proficiency", 30, LOWER_NEEDS_MORE, RANK)), TIERS)
    assert rule_problems(short) == [
        "The weights add up to 90 %; they must add up to exactly 100 %."
    ]


def test_an_unknown_indicator_is_named():
    rules = TierRules((IndicatorRule("lunch_count", 100, HIGHER_NEEDS_MORE, RANK),), TIERS)
    (problem,) = rule_problems(rules)
    assert problem.startswith("There is no indicator 'lunch_count'; the indicators are ")


@pytest.mark.parametrize(
    ("tiers", "problem"),
    [
        (
            (TierCut(1, "U", 0, 50), TierCut(2, "T", 45, 100)),
            "Tier 1 (U) and Tier 2 (T) overlap: both cover the scores from 45 to 50.",
        ),
        (
            (TierCut(1, "U", 0, 40), TierCut(2, "T", 45, 100)),
            "There is a gap between Tier 1 (U) and Tier 2 (T): no tier covers the scores "
            "from 40 to 45.",
        ),
        (
            (TierCut(1, "U", 5, 40), TierCut(2, "T", 40, 100)),
            "No tier covers the scores from 0 to 5.",
        ),
        (
            (TierCut(1, "U", 0, 40), TierCut(2, "T", 40, 90)),
            "No tier covers the scores from 90 to 100.",
        ),
        (
            (TierCut(2, "T", 0, 40), TierCut(1, "U", 40, 100)),
            "Tier 1 (U) covers lower scores than Tier 2 (T): a higher tier is for schools "
            "with more need (higher scores).",
        ),
        ((TierCut(1, "U", 0, 100),), "Define at least two tiers."),
    ],
)
def test_cut_points_that_overlap_leave_gaps_or_run_backwards_are_refused(tiers, problem):
    assert rule_problems(TierRules((ABSENCE, PROFICIENCY), tiers)) == [problem]


def test_linear_scaling_needs_a_low_value_below_the_high_one():
    bad = IndicatorRule("chronic_absence", 100, HIGHER_NEEDS_MORE, floor=40, ceiling=10)
    assert rule_problems(TierRules((bad,), TIERS)) == [
        "Chronic absence rate: the low value (40) must be below the high value (10)."
    ]
