"""The charts' analysis of a series, worked out by hand: signals, words, phases, limits."""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.improvement.charts.limits import control_chart
from districtwise.improvement.charts.series import CycleMark, Observation, Phase, run_chart

START = dt.date(2025, 9, 1)
# Ten weeks around 6, then ten around 10: the median is 8 (between 7 and 9), so the first ten
# points are all below it and the last ten all above.
SHIFTED = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 9, 10, 9, 11, 10, 9, 10, 11, 9, 10]
# Random-looking: median 5.5, runs ++ -- + - + -- +++ -- ++ -- + - (12 runs, 11 crossings,
# the longest 3), no five points going one way, nothing far from the rest.
FLAT = [6, 7, 4, 5, 8, 3, 6, 5, 4, 7, 6, 8, 5, 3, 7, 6, 4, 5, 8, 4]


def weekly(values, start=START) -> list[Observation]:
    return [Observation(start + dt.timedelta(weeks=i), v) for i, v in enumerate(values)]


def test_a_sustained_shift_marks_every_point_of_the_long_run_and_names_the_rule():
    chart = run_chart(weekly(SHIFTED))
    assert chart.signal
    # 20 useful points: a run may be round(log2 20) + 3 = 7 long; both runs here are 10.
    assert [p.signal for p in chart.points] == [True] * 20
    assert {p.center for p in chart.points} == {8}
    words = chart.words
    assert "Anhøj, unusually long run" in words
    assert "10 points in a row below the median of 8" in words
    assert "more than the 7 expected at most for 20 useful points" in words
    # 1 crossing; the 5% quantile of Binomial(19, 0.5) is 6 (P(X <= 5) = 0.032, P(X <= 6) =
    # 0.084).
    assert "crosses the median once, fewer than the 6 expected at least" in words


def test_a_random_series_has_no_signal_and_says_why():
    chart = run_chart(weekly(FLAT))
    assert not chart.signal
    assert not any(p.signal for p in chart.points)
    assert chart.words == (
        "No signal (Anhøj rules): the longest run is 3 points (at most 7 expected) and the "
        "line crosses the median (5.5) 11 times (at least 6 expected) for 20 useful points: "
        "the variation looks random."
    )


def test_the_ihi_rules_mark_a_shift_and_say_so():
    chart = run_chart(weekly(SHIFTED), rule_set="ihi")
    assert chart.signal and chart.rules_name == "IHI rules"
    assert all(p.signal for p in chart.points)
    assert "Signal (IHI rules)" in chart.words and "Shift" in chart.words


def test_the_ihi_rules_find_nothing_in_a_random_series():
    chart = run_chart(weekly(FLAT), rule_set="ihi")
    assert not chart.signal
    assert chart.words.startswith("No signal (IHI rules)")
    assert "12 runs for 20 useful points" in chart.words


def test_too_few_points_are_drawn_without_signals_and_the_chart_says_so():
    # Eight points, four low then four high: a shift to the eye, but too few to judge.
    chart = run_chart(weekly([1, 1, 1, 1, 9, 9, 9, 9]))
    assert not chart.signal and not chart.enough
    assert not any(p.signal for p in chart.points)
    assert "Only 8 useful points" in chart.words
    assert "the rules need at least 10" in chart.words
    assert "drawn without signals" in chart.words


def test_points_on_the_median_are_not_useful():
    # 11 values, median 5: the point on it does not count, leaving 10 useful points.
    chart = run_chart(weekly([5, 4, 6, 3, 7, 4, 6, 3, 7, 4, 6]))
    assert "for 10 useful points" in chart.words
    fewer = run_chart(weekly([5, 4, 6, 5, 7, 4, 6, 3, 7, 4, 6]))
    assert "Only 9 useful points (points exactly on the median do not count)" in fewer.words


def test_a_phase_gives_the_run_chart_a_new_median():
    values = weekly([10, 12, 10, 12, 20, 21, 20, 21])
    chart = run_chart(values, phases=[Phase(values[4].on, "Grade check adopted")])
    assert [p.center for p in chart.points] == [11] * 4 + [20.5] * 4
    assert [p.phase for p in chart.points] == [0] * 4 + [1] * 4


def test_a_phase_recomputes_the_control_limits_from_its_own_points():
    values = weekly([10, 12, 10, 12, 20, 21, 20, 21])
    chart = control_chart("i", values, phases=[Phase(values[4].on, "Grade check adopted")])
    baseline, after = chart.points[0], chart.points[4]
    # Baseline: mean 11, moving ranges 2, 2, 2 -> 11 +/- 2.66 x 2 = 5.68 to 16.32.
    assert baseline.center == pytest.approx(11)
    assert (baseline.lower, baseline.upper) == (pytest.approx(5.68), pytest.approx(16.32))
    # After the change: mean 20.5, moving ranges 1, 1, 1 -> 20.5 +/- 2.66 = 17.84 to 23.16.
    assert after.center == pytest.approx(20.5)
    assert (after.lower, after.upper) == (pytest.approx(17.84), pytest.approx(23.16))
    # One baseline over all eight would have centred on 15.75.
    assert control_chart("i", values).points[0].center == pytest.approx(15.75)
    assert "From September 29, 2025 (Grade check adopted)" in chart.words


def test_a_p_chart_has_limits_that_step_with_each_periods_count():
    values = [
        Observation(START, 0.1, 5, 50),
        Observation(START + dt.timedelta(weeks=1), 0.1, 10, 100),
    ]
    chart = control_chart("p", values)
    first, second = chart.points
    # p = 15 / 150 = 0.1; sigma = sqrt(0.1 x 0.9 / n): 0.042426 (n 50) and 0.03 (n 100).
    assert first.center == second.center == pytest.approx(0.1)
    assert first.upper == pytest.approx(0.227279, abs=1e-6)
    assert first.lower == 0
    assert (second.lower, second.upper) == (pytest.approx(0.01), pytest.approx(0.19))
    assert chart.rows[1]["count"] == "10 of 100"
    assert chart.rows[1]["value"] == "10.0 %"


def test_a_p_chart_leaves_out_a_value_without_its_count_and_says_so():
    values = [Observation(START, 0.5), Observation(START, 0.1, 1, 10)]
    chart = control_chart("p", values)
    assert len(chart.points) == 1
    assert "1 value(s) without a count above zero were left out" in chart.words


def test_a_point_beyond_the_limits_is_a_signal_of_the_control_chart():
    values = weekly([10, 11, 10, 11, 10, 11, 10, 11, 10, 30])
    chart = control_chart("i", values)
    # Mean 124 / 10 = 12.4; moving ranges eight 1s and a 20: mean 28/9 -> 12.4 +/- 8.276.
    assert chart.points[-1].upper == pytest.approx(12.4 + 2.66 * 28 / 9)
    assert [p.signal for p in chart.points] == [False] * 9 + [True]
    assert "Signal (control limits): 1 point(s) outside the limits" in chart.words
    assert "November 3, 2025 (above)" in chart.words


def test_cycles_ride_along_with_the_chart():
    cycle = CycleMark(1, "Weekly grade check", "Grade checks", "North One team", START, None, "")
    chart = run_chart(weekly(FLAT), cycles=[cycle])
    assert chart.cycles == [cycle]
