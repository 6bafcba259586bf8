"""The run-chart and control-chart analysis (districtwise.analytics.runcharts).

The Anhøj limits are checked for every n from 10 to 100 against the formulas computed here
independently (math.comb and exact fractions for the binomial quantile, Decimal's
ROUND_HALF_UP for the rounding) and against the published table; every verdict is on a
series built and worked out by hand.
"""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import districtwise.analytics.runcharts as runcharts
from districtwise.analytics.runcharts import (
    SeriesError,
    crossings_limit,
    i_chart,
    ihi_rules,
    longest_run_limit,
    p_chart,
    runs_analysis,
    runs_limits,
    u_chart,
)
from tests.analytics.test_no_django import imported_modules

# A clean random series: 10 points below its median 11 and 10 above, in runs of at most 3
# (sides AA BBB A B AAA BB A BB AA BB A), so 11 runs and 10 crossings; no 5 points in a row
# go up or down; the median absolute deviation is 2.5. No rule may fire.
RANDOM = [13, 12, 8, 9, 7, 14, 9, 12, 15, 13, 6, 8, 12, 10, 7, 14, 13, 9, 6, 15]

# A zigzag upward drift: its median is 8.5; points 1-8 are below it and 13-20 above, with
# four single points between: runs 8 | 1 | 1 | 1 | 1 | 8, so 5 crossings.
DRIFT = [3, 1, 5, 2, 6, 4, 8, 5, 9, 7, 11, 8, 12, 10, 14, 11, 15, 13, 17, 14]


def from_sides(pattern: str) -> list[float]:
    """A series about the centre 2: "A" is 3 (above), "B" is 1 (below), "=" is 2 (on it)."""
    return [{"A": 3.0, "B": 1.0, "=": 2.0}[side] for side in pattern]


def longest_run_max_by_hand(n: int) -> int:
    """round(log2(n)) + 3, halves rounded up."""
    rounded = Decimal(repr(math.log2(n))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(rounded) + 3


def crossings_min_by_hand(n: int) -> int:
    """R's qbinom(0.05, n - 1, 0.5): the smallest k with P(X <= k) >= 0.05."""
    probability = Fraction(0)
    for k in range(n):
        probability += Fraction(math.comb(n - 1, k), 2 ** (n - 1))
        if probability >= Fraction(5, 100):
            return k
    raise AssertionError("unreachable")


# Anhøj & Olesen (2014), table of limits by number of useful observations.
PUBLISHED = {
    10: (6, 2), 11: (6, 2), 12: (7, 3), 13: (7, 3), 14: (7, 4), 15: (7, 4), 16: (7, 4),
    17: (7, 5), 18: (7, 5), 19: (7, 6), 20: (7, 6), 21: (7, 6), 22: (7, 7), 23: (8, 7),
    24: (8, 8), 25: (8, 8), 26: (8, 8), 27: (8, 9), 28: (8, 9), 29: (8, 10), 30: (8, 10),
    91: (10, 37), 100: (10, 41),
}  # fmt: skip


# ---- the Anhøj limits ----
@pytest.mark.parametrize("n", range(10, 101))
def test_the_limits_are_the_anhoej_formulas_for_every_n_from_10_to_100(n):
    assert longest_run_limit(n) == longest_run_max_by_hand(n)
    assert crossings_limit(n) == crossings_min_by_hand(n)
    alternating = runs_analysis([i % 2 for i in range(n)], center=0.5)
    assert alternating.n_useful == n
    assert alternating.longest_run_max == longest_run_max_by_hand(n)
    assert alternating.n_crossings_min == crossings_min_by_hand(n)


@pytest.mark.parametrize(("n", "limits"), sorted(PUBLISHED.items()))
def test_the_limits_match_the_published_table(n, limits):
    assert (longest_run_limit(n), crossings_limit(n)) == limits


def test_the_longest_run_limit_rounds_halves_up_where_log2_is_near_a_half():
    # log2(11) = 3.46 -> 3; log2(23) = 4.52 -> 5; log2(91) = 6.51 -> 7; log2(45) = 5.49 -> 5
    assert [longest_run_limit(n) for n in (11, 23, 45, 91)] == [6, 8, 8, 10]


# ---- the Anhøj verdicts on hand-built series ----
def test_a_clean_random_series_gives_no_signal():
    analysis = runs_analysis(RANDOM)
    assert (analysis.center, analysis.n_obs, analysis.n_useful) == (11, 20, 20)
    assert (analysis.longest_run, analysis.longest_run_max) == (3, 7)
    assert (analysis.n_crossings, analysis.n_crossings_min) == (10, 6)
    assert not analysis.signal and not analysis.runs_signal and not analysis.crossings_signal
    assert analysis.words.startswith("No signal: the longest run is 3 points below the median")


def test_the_result_is_a_frozen_record_with_its_verdicts_as_fields():
    analysis = runs_analysis(RANDOM)
    record = dataclasses.asdict(analysis)
    assert {"n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings"} <= set(record)
    assert (record["n_crossings_min"], record["signal"], record["enough_points"]) == (
        6,
        False,
        True,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.signal = True  # type: ignore[misc]


def test_a_sustained_shift_is_an_unusually_long_run_and_too_few_crossings():
    # twelve weeks around 10 then ten weeks around 16; median (13 + 14) / 2 = 13.5; the 14 of
    # week 6 is above it: runs 5 below, 1 above, 6 below, 10 above -> 3 crossings.
    baseline = [10, 13, 9, 12, 8, 14, 11, 9, 13, 10, 12, 8]
    after = [15, 16, 14, 17, 15, 16, 18, 15, 17, 16]
    analysis = runs_analysis(baseline + after)
    assert analysis.center == 13.5
    assert (analysis.longest_run, analysis.longest_run_max) == (10, 7)  # log2(22) = 4.46
    assert analysis.longest_run_positions == tuple(range(12, 22))
    assert analysis.longest_run_side == "above"
    assert (analysis.n_crossings, analysis.n_crossings_min) == (3, 7)
    assert analysis.runs_signal and analysis.crossings_signal and analysis.signal
    assert "the longest run is 10 points above the median" in analysis.words
    assert "a run longer than 7 happens by chance only rarely" in analysis.words
    assert "fewer than 7 crossings" in analysis.words


def test_a_drift_is_found_by_the_run_and_crossing_rules():
    analysis = runs_analysis(DRIFT)
    assert (analysis.center, analysis.longest_run, analysis.n_crossings) == (8.5, 8, 5)
    assert analysis.runs_signal and analysis.crossings_signal


def test_a_long_run_alone_is_a_signal():
    # 20 useful points, 12 crossings (>= 6), but 9 in a row below the centre (> 7)
    analysis = runs_analysis(from_sides("ABABABA" + "BBBBBBBBB" + "ABAB"), center=2)
    assert (analysis.n_useful, analysis.longest_run, analysis.n_crossings) == (20, 9, 11)
    assert analysis.runs_signal and not analysis.crossings_signal
    assert "center line" in analysis.words and "median" not in analysis.words


def test_too_few_crossings_alone_is_a_signal():
    # runs of 5: longest 5 (<= 7) but only 3 crossings (< 6)
    analysis = runs_analysis(from_sides("AAAAABBBBBAAAAABBBBB"), center=2)
    assert (analysis.longest_run, analysis.n_crossings) == (5, 3)
    assert analysis.crossings_signal and not analysis.runs_signal
    assert "crosses the center line 3 times" in analysis.words
    never = runs_analysis(from_sides("A" * 12), center=2)
    assert "the line never crosses the center line" in never.words


def test_points_on_the_median_are_not_useful_and_neither_break_nor_cross():
    # median 5 (the 8th of 15 sorted values); the five 5s are on it. Useful: B A A B A B A B
    # A B, where the two As at positions 1 and 4 form one run across the 5s between them.
    analysis = runs_analysis([4, 6, 5, 5, 7, 3, 5, 8, 2, 5, 6, 4, 5, 9, 1])
    assert (analysis.center, analysis.n_obs, analysis.n_useful) == (5, 15, 10)
    assert analysis.longest_run_positions == (1, 4)
    assert (analysis.n_crossings, analysis.longest_run_max, analysis.n_crossings_min) == (8, 6, 2)
    assert not analysis.signal
    assert "5 points on the median are not counted" in analysis.words


def test_a_point_on_the_centre_does_not_break_a_run_that_would_otherwise_be_short():
    analysis = runs_analysis(from_sides("ABABABA" + "BBBB=BBBB" + "ABABA"), center=2)
    assert (analysis.n_obs, analysis.n_useful, analysis.longest_run) == (21, 20, 8)
    assert analysis.longest_run_positions == (7, 8, 9, 10, 12, 13, 14, 15)
    assert analysis.runs_signal  # 8 > 7; had the point on the centre broken it: 4 and 4


def test_a_point_on_the_centre_between_the_sides_is_one_crossing_not_two():
    assert runs_analysis(from_sides("A=B"), center=2).n_crossings == 1


def test_missing_values_are_skipped_and_positions_keep_the_gaps():
    analysis = runs_analysis([None, 1, float("nan"), 3, Decimal("NaN"), 5, 6, 2])
    assert (analysis.n_obs, analysis.center) == (5, 3)
    assert analysis.longest_run_positions == (5, 6)  # 5 and 6, above 3


def test_numbers_of_any_kind_are_read():
    assert runs_analysis([Decimal("1.5"), 2, 3.5]).center == 2


def test_fewer_than_ten_useful_points_give_no_signal_and_say_so():
    # nine points in one run would be a signal with enough points
    analysis = runs_analysis([1, 1, 1, 1, 1, 9, 9, 9, 9], center=5)
    assert (analysis.n_useful, analysis.longest_run_max, analysis.n_crossings_min) == (9, 6, 2)
    assert analysis.n_crossings < analysis.n_crossings_min
    assert not analysis.enough_points and not analysis.signal
    assert not analysis.runs_signal and not analysis.crossings_signal
    assert "Too few points" in analysis.words and "at least 10" in analysis.words


def test_an_empty_series_has_no_limits():
    analysis = runs_analysis([])
    assert (analysis.n_obs, analysis.center, analysis.longest_run_max) == (0, None, None)
    assert not analysis.signal and "Too few points" in analysis.words


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([1, "7", 3], "position 1"),
        ([1, 2, True], "position 2"),
        ([float("inf")], "position 0 is infinite"),
    ],
)
def test_a_value_that_is_not_a_number_is_refused_with_its_position(values, message):
    with pytest.raises(SeriesError, match=message):
        runs_analysis(values)


# ---- the IHI rules ----
def test_the_ihi_rules_find_nothing_in_the_clean_random_series():
    analysis = ihi_rules(RANDOM)
    assert (analysis.n_runs, analysis.runs_min, analysis.runs_max) == (11, 7, 15)
    assert analysis.findings == () and not analysis.signal
    assert analysis.words.startswith("No signal")


def test_the_ihi_rules_find_the_shifts_and_too_few_runs_of_the_drift_but_no_trend():
    analysis = ihi_rules(DRIFT)
    found = [(finding.rule, finding.positions) for finding in analysis.findings]
    assert found == [
        ("shift", tuple(range(8))),
        ("shift", tuple(range(12, 20))),
        ("too_few_runs", tuple(range(20))),
    ]
    assert "points 1 to 8 are 8 in a row below the median" in analysis.words


def test_a_shift_counts_useful_points_only_across_a_point_on_the_centre():
    # five below, one on the centre, one below: six useful points in a row
    analysis = ihi_rules(from_sides("BBBBB=B" + "ABABABAB"), center=2)
    shifts = [f.positions for f in analysis.findings if f.rule == "shift"]
    assert shifts == [(0, 1, 2, 3, 4, 6)]
    five = ihi_rules(from_sides("BBBB=B" + "ABABABABA"), center=2)
    assert not [f for f in five.findings if f.rule == "shift"]


def test_a_trend_of_five_is_found_and_an_equal_neighbour_neither_counts_nor_breaks():
    base = [10, 12, 10, 12, 10, 12]  # around the median, no trend of its own
    rising = ihi_rules([*base, 9, 11, 11, 13, 14, 16, 12, 10])  # 9 11 13 14 16: five
    trend = [f for f in rising.findings if f.rule == "trend"]
    assert [f.positions for f in trend] == [(6, 7, 8, 9, 10, 11)]
    assert "5 points in a row go up" in trend[0].words
    four = ihi_rules([*base, 9, 11, 11, 13, 14, 12, 10, 12])  # 9 11 13 14: four
    assert not [f for f in four.findings if f.rule == "trend"]


def test_a_falling_trend_is_found():
    analysis = ihi_rules([10, 14, 11, 12, 20, 18, 15, 12, 9, 14, 10, 14])  # median 13
    assert analysis.enough_points
    assert [f.positions for f in analysis.findings if f.rule == "trend"] == [(4, 5, 6, 7, 8)]


def test_too_few_and_too_many_runs_are_both_tails_of_the_runs_table():
    few = ihi_rules(from_sides("AAAAABBBBBAAAAABBBBB"), center=2)
    assert few.n_runs == 4 and [f.rule for f in few.findings] == ["too_few_runs"]
    many = ihi_rules(from_sides("AB" * 10), center=2)
    assert many.n_runs == 20 and [f.rule for f in many.findings] == ["too_many_runs"]
    assert "more than 15 happen by chance" in many.words
    # the limits for 20 useful points are 7 and 15 runs: on them, no signal; beyond, one
    at_most = ihi_rules(from_sides("AB" * 6 + "AA" + "BB" + "AAAA"), center=2)
    past_most = ihi_rules(from_sides("AB" * 7 + "AA" + "BBBB"), center=2)
    at_fewest = ihi_rules(from_sides("AAABBB" * 3 + "AA"), center=2)
    past_fewest = ihi_rules(from_sides("AAAABBBAAABBBBAAABBB"), center=2)
    assert [a.n_runs for a in (at_most, past_most, at_fewest, past_fewest)] == [15, 16, 7, 6]
    assert at_most.findings == () and at_fewest.findings == ()
    assert [f.rule for f in past_most.findings] == ["too_many_runs"]
    assert [f.rule for f in past_fewest.findings] == ["too_few_runs"]


def runs_limits_by_enumeration(n: int) -> tuple[int, int]:
    """Every placement of the n // 2 points below among n, counting runs: the fewest and
    most runs not in a 2.5% tail."""
    counts: dict[int, int] = {}
    for below in combinations(range(n), n // 2):
        sides = [i in below for i in range(n)]
        runs = 1 + sum(a != b for a, b in pairwise(sides))
        counts[runs] = counts.get(runs, 0) + 1
    total = sum(counts.values())
    too_few = [r for r in counts if 40 * sum(c for s, c in counts.items() if s <= r) <= total]
    too_many = [r for r in counts if 40 * sum(c for s, c in counts.items() if s >= r) <= total]
    return max(too_few, default=1) + 1, min(too_many, default=n + 1) - 1


@pytest.mark.parametrize("n", range(10, 17))
def test_the_runs_limits_are_the_exact_distribution_of_runs(n):
    assert runs_limits(n) == runs_limits_by_enumeration(n)


def test_the_runs_limits_for_10_to_60_points():
    # worked by hand: 10 points, 5 and 5: P(2 runs) = 2/252, P(3) = 8/252, so 2 runs (0.8%)
    # is too few and 3 (4.0% cumulative) is not; by symmetry 10 runs is too many.
    assert runs_limits(10) == (3, 9)
    assert runs_limits(16) == (5, 13)
    assert runs_limits(60) == (24, 38)
    for n in range(10, 61, 2):  # an even split is symmetric about n / 2 + 1 runs
        fewest, most = runs_limits(n)
        assert fewest + most == n + 2
    for n in range(10, 61):
        fewest, most = runs_limits(n)
        assert fewest < n / 2 + 1 < most


def test_an_astronomical_point_is_over_three_robust_standard_deviations_away():
    # with its 10th point (13) replaced, RANDOM's median stays 11 and the median absolute
    # deviation becomes 3, so the threshold is 3 x 1.4826 x 3 = 13.34: 25 is 14 away, 24 is 13
    wild = [*RANDOM[:9], 25, *RANDOM[10:]]
    assert [(f.rule, f.positions) for f in ihi_rules(wild).findings] == [("astronomical", (9,))]
    assert "point 10 (25) is more than 3 robust standard deviations" in ihi_rules(wild).words
    mild = [*RANDOM[:9], 24, *RANDOM[10:]]
    assert ihi_rules(mild).findings == ()


def test_no_astronomical_point_is_judged_when_most_values_are_equal():
    analysis = ihi_rules([5, 5, 5, 5, 5, 5, 5, 9, 1, 9, 1, 9, 1])
    assert not [f for f in analysis.findings if f.rule == "astronomical"]


def test_the_ihi_rules_need_ten_useful_points():
    analysis = ihi_rules([1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert not analysis.enough_points and analysis.findings == ()
    assert (analysis.runs_min, analysis.runs_max) == (None, None)
    assert "Too few points" in analysis.words


# ---- control charts ----
def test_the_i_chart_limits_by_hand():
    # mean 11; moving ranges 2, 1, 2, 4 -> 2.25; limits 11 -/+ 2.66 x 2.25 = 5.985
    chart = i_chart([10, 12, 11, 13, 9])
    assert chart.center == (11,) * 5
    assert chart.lower == pytest.approx((5.015,) * 5)
    assert chart.upper == pytest.approx((16.985,) * 5)
    assert chart.moving_range is not None
    assert chart.moving_range.values == (None, 2, 1, 2, 4)
    assert chart.moving_range.center == (2.25,) * 5
    assert chart.moving_range.upper == pytest.approx((7.35075,) * 5)  # 3.267 x 2.25
    assert chart.phases[0].mean_moving_range == 2.25
    assert chart.phase == (0,) * 5


def test_the_i_chart_flags_a_point_outside_the_limits_and_a_run_of_eight():
    # sum 149 -> mean 12.4167; moving ranges sum 49 over 11 -> 4.4545; upper 24.2658
    chart = i_chart([10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 30, 11])
    assert chart.center[0] == pytest.approx(149 / 12)
    assert chart.upper[0] == pytest.approx(149 / 12 + 2.66 * 49 / 11)
    assert [(s.rule, s.positions) for s in chart.signals] == [
        ("outside_limits", (10,)),
        ("run_on_one_side", tuple(range(10))),  # the 30 pulls the mean above the rest
    ]
    assert chart.outside == (False,) * 10 + (True, False)
    assert "Signal: point 11 falls outside the control limits" in chart.words


def test_a_run_of_eight_on_one_side_is_a_signal_within_its_phase_only():
    values = [14, 15, 14, 15, 10, 11, 10, 11, 10, 11, 10, 11]
    chart = i_chart(values)  # mean 11.83; the last eight are below it; limits 8.21-15.46
    assert [(s.rule, s.positions) for s in chart.signals] == [
        ("run_on_one_side", tuple(range(4, 12)))
    ]
    phased = i_chart(values, phases=[4])  # the second phase's mean is 10.5: 10s and 11s
    assert phased.signals == ()


def test_phases_recompute_the_centre_and_limits_from_their_start():
    chart = i_chart([10, 12, 11, 13, 9, 20, 22, 21, 23, 19], phases=[5])
    assert chart.phase == (0,) * 5 + (1,) * 5
    assert chart.center == (11,) * 5 + (21,) * 5
    assert chart.lower == pytest.approx((5.015,) * 5 + (15.015,) * 5)
    assert chart.upper == pytest.approx((16.985,) * 5 + (26.985,) * 5)
    assert chart.moving_range is not None
    assert chart.moving_range.values[5] is None  # no range across the phase boundary
    assert [(p.start, p.stop, p.center) for p in chart.phases] == [(0, 5, 11), (5, 10, 21)]
    assert chart.signals == ()
    assert chart.words.startswith("No signal")


def test_a_phase_of_one_point_has_a_centre_but_no_limits():
    chart = i_chart([10, 12, 11, 13, 9, 20], phases=[5])
    assert (chart.center[5], chart.lower[5], chart.upper[5]) == (20, None, None)


def test_the_p_chart_limits_with_unequal_denominators():
    # p = 46 / 410 = 0.11220; 3 sqrt(p (1 - p) / n) = 0.13390, 0.09468, 0.12223, 0.06695
    chart = p_chart([5, 12, 9, 20], [50, 100, 60, 200])
    assert chart.values == (0.1, 0.12, 0.15, 0.1)
    assert chart.center == (pytest.approx(46 / 410),) * 4
    assert chart.lower == pytest.approx((0, 0.01751, 0, 0.04525), abs=1e-5)  # clipped at 0
    assert chart.upper == pytest.approx((0.24610, 0.20688, 0.23443, 0.17915), abs=1e-5)


def test_the_p_chart_upper_limit_is_clipped_at_one():
    chart = p_chart([9, 10, 10], [10, 10, 10])  # p = 29/30; 3 sqrt(p (1-p) / 10) = 0.170
    assert chart.upper == (1, 1, 1)
    assert chart.lower == pytest.approx((29 / 30 - 0.17029,) * 3, abs=1e-5)


def test_the_u_chart_limits_with_unequal_exposures():
    # u = 23 / 60 = 0.38333; 3 sqrt(u / e) = 0.58737, 0.41533, 0.83066, 0.37148
    chart = u_chart([3, 8, 2, 10], [10, 20, 5, 25])
    assert chart.values == (0.3, 0.4, 0.4, 0.4)
    assert chart.center == (pytest.approx(23 / 60),) * 4
    assert chart.lower == pytest.approx((0, 0, 0, 0.01185), abs=1e-5)
    assert chart.upper == pytest.approx((0.97070, 0.79866, 1.21400, 0.75482), abs=1e-5)


def test_p_and_u_charts_recompute_per_phase():
    chart = p_chart([2, 3, 8, 9], [20, 20, 20, 20], phases=[2])
    assert chart.center == pytest.approx((0.125, 0.125, 0.425, 0.425))


def test_missing_values_are_skipped_and_kept_as_gaps():
    chart = i_chart([10, None, 12, float("nan"), 11, 13, 9])
    assert chart.values == (10, None, 12, None, 11, 13, 9)
    assert chart.center == (11,) * 7  # the same as without the gaps
    assert chart.lower == pytest.approx((5.015,) * 7)
    assert chart.moving_range is not None
    assert chart.moving_range.values == (None, None, 2, None, 1, 2, 4)
    rates = p_chart([5, None, 9], [50, 100, 60])
    assert rates.values == (0.1, None, 0.15)
    assert rates.center == (pytest.approx(14 / 110),) * 3
    assert (rates.lower[1], rates.upper[1]) == (None, None)


def test_a_control_chart_of_fewer_than_ten_points_reports_no_signal_and_says_so():
    chart = i_chart([10, 11, 10, 11, 10, 11, 10, 11, 90])
    assert chart.upper[8] is not None and chart.values[8] > chart.upper[8]
    assert not chart.enough_points and chart.signals == ()
    assert "Too few points for control-chart signals: 9 values" in chart.words


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: p_chart([1, 2], [10]), "differ in length"),
        (lambda: p_chart([1, 2], [10, 0]), "denominators: the value at position 1"),
        (lambda: p_chart([1, 12], [10, 10]), "more than its denominator"),
        (lambda: p_chart([1, "x"], [10, 10]), "numerators: the value at position 1"),
        (lambda: u_chart([-1, 2], [10, 10]), "counts: the value at position 0 is negative"),
        (lambda: u_chart([1, 2], [10, -3]), "not positive"),
        (lambda: i_chart([1, 2, 3], phases=[3]), "phases: 3 is not a position"),
        (lambda: i_chart([1, 2, 3], phases=["1"]), "phases"),
    ],
)
def test_bad_chart_input_is_refused_with_what_and_where(build, message):
    with pytest.raises(SeriesError, match=message):
        build()


# ---- properties ----
series_values = st.lists(
    st.one_of(st.none(), st.integers(-5, 5), st.floats(-100, 100, allow_nan=False)),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(series_values)
def test_runs_analysis_properties(values):
    analysis = runs_analysis(values)
    assert analysis.n_useful <= analysis.n_obs
    assert analysis.n_crossings <= max(analysis.n_useful - 1, 0)
    assert analysis.longest_run * (analysis.n_crossings + 1) >= analysis.n_useful
    backwards = runs_analysis(values[::-1])
    assert backwards.longest_run == analysis.longest_run
    assert backwards.n_crossings == analysis.n_crossings
    if not analysis.enough_points:
        assert not analysis.signal


@settings(max_examples=100, deadline=None)
@given(series_values, st.lists(st.integers(0, 39), max_size=3))
def test_i_chart_limits_surround_the_centre(values, starts):
    chart = i_chart(values, phases=[s for s in starts if s < len(values)])
    assert len(chart.values) == len(chart.center) == len(chart.phase) == len(values)
    for low, middle, high in zip(chart.lower, chart.center, chart.upper, strict=True):
        if low is not None and middle is not None and high is not None:
            assert low <= middle <= high


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 50)), min_size=1, max_size=30))
def test_p_chart_limits_stay_between_zero_and_one(pairs):
    numerators = [min(a, b) for a, b in pairs]
    chart = p_chart(numerators, [b for _, b in pairs])
    assert all(0 <= low <= high <= 1 for low, high in zip(chart.lower, chart.upper, strict=True))


# ---- no Django ----
def test_the_run_chart_package_imports_no_django_even_when_loaded_alone():
    package = Path(runcharts.__file__).parent
    for path in package.glob("*.py"):
        assert not {m for m in imported_modules(path) if m.split(".")[0] == "django"}
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, districtwise.analytics.runcharts as r;"
         "print(any(m.split('.')[0] == 'django' for m in sys.modules))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert loaded.stdout.strip() == "False"


# ---- long series: the limits stay right and quick past the exact arithmetic ----
def test_the_crossings_limit_of_a_long_series_equals_the_exact_quantile():
    """Past EXACT_TRIALS the binomial terms are summed as floats; where both ways can be
    computed they give the same quantile."""
    from districtwise.analytics.runcharts import anhoej

    for trials in (1_500, 2_001, 2_500, 3_000):
        assert anhoej._float_binomial_quantile(trials) == anhoej._exact_binomial_quantile(trials)
    # A million points: the normal approximation of the 5% quantile, 499999.5 - 1.645 x 500.
    assert abs(anhoej.crossings_limit(1_000_000) - (499_999.5 - 1.6449 * 499.9995)) < 2


def test_the_runs_limits_of_a_long_series_come_from_the_normal_approximation():
    from districtwise.analytics.runcharts import ihi

    exact = ihi.runs_limits(1_000)
    approximate = ihi._normal_runs_limits(1_000)
    assert all(abs(a - e) <= 1 for a, e in zip(approximate, exact, strict=True))
    fewest, most = ihi.runs_limits(100_000)  # mean 50,001, sd 158.1
    assert (fewest, most) == (
        math.ceil(50_001 - 1.96 * 158.1131),
        math.floor(50_001 + 1.96 * 158.1131),
    )
