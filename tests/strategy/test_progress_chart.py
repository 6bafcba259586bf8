"""The progress chart draws a gap as a break in the line, never as a point at zero."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D

from districtwise.analytics.strategy.progress import Point, Trajectory
from districtwise.strategy.charts.progress import progress_svg, show_figure

LINE = Trajectory(D("0.40"), dt.date(2024, 6, 30), D("0.60"), dt.date(2028, 6, 30))
POINTS = [
    Point(dt.date(2024, 6, 30), D("0.40")),
    Point(dt.date(2025, 6, 30), D("0.44")),
    Point(dt.date(2026, 6, 30), None),  # no figure
    Point(dt.date(2027, 6, 30), D("0.52")),
    Point(dt.date(2028, 6, 30), D("0.55")),
]


def _svg(points=POINTS, trajectory=LINE):
    return progress_svg(points, trajectory, chart_id="g1", title="G1 All students", unit="rate")


def test_a_gap_splits_the_line_in_two_and_is_marked_on_the_time_axis():
    svg = _svg()
    assert svg.count('class="dw-figure-line"') == 2
    assert svg.count('class="dw-figure"') == 4
    assert svg.count('class="dw-gap"') == 1
    # The gap's mark sits on the time axis (the bottom of the plot: 220 - 36 = 184) ...
    assert re.search(r'class="dw-gap" cx="[\d.]+" cy="184"', svg)
    # ... and no figure is drawn there: the lowest figure (0.40) is above the axis.
    cys = [float(y) for y in re.findall(r'class="dw-figure" cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert max(cys) < 184


def test_the_target_line_runs_from_baseline_to_target():
    svg = _svg()
    x1, y1, x2, y2 = map(
        float,
        re.search(
            r'dw-target-line" x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"', svg
        ).groups(),
    )
    assert x1 < x2 and y2 < y1  # left to right, rising (higher values are drawn higher)


def test_the_chart_names_itself_and_says_its_figures_in_words():
    svg = _svg()
    assert 'role="img"' in svg and '<title id="g1-title">G1 All students</title>' in svg
    assert "2025-06-30 44.0 %; 2026-06-30 gap; 2027-06-30 52.0 %" in svg
    assert "Target line from 40.0 % on 2024-06-30 to 60.0 % by 2028-06-30." in svg


def test_nothing_to_draw_gives_no_chart():
    assert _svg(points=[Point(dt.date(2025, 6, 30), None)], trajectory=None) == ""


def test_figures_read_in_the_indicators_unit():
    assert show_figure(D("0.1234"), "rate") == "12.3 %"
    assert show_figure(D("1250000.4"), "dollars") == "$1,250,000"
    assert show_figure(D("12.50"), "number") == "12.50"
    assert show_figure(None, "number") == "no figure"
