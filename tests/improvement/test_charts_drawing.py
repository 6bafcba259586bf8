"""Run and control charts as SVG: signal points marked by shape and colour, phases, cycles,
and a drawing WeasyPrint can print as it stands."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from districtwise.improvement.charts.controlchart import control_chart_svg
from districtwise.improvement.charts.limits import control_chart
from districtwise.improvement.charts.runchart import run_chart_svg
from districtwise.improvement.charts.series import CycleMark, Phase, run_chart
from tests.improvement.test_charts_series import FLAT, SHIFTED, START, weekly

SVG = "{http://www.w3.org/2000/svg}"


def shapes(svg: str, css_class: str) -> int:
    return len(re.findall(f'class="{css_class}"', svg))


def test_a_shifted_series_is_drawn_with_its_signal_points_as_orange_diamonds():
    svg = run_chart_svg(run_chart(weekly(SHIFTED)), chart_id="c", title="Shifted")
    assert shapes(svg, "dw-signal") == 20
    assert shapes(svg, "dw-point") == 0
    diamond = re.search(r'<path class="dw-signal" d="M[^"]+ Z" fill="([^"]+)"', svg)
    assert diamond is not None and diamond.group(1) == "#d54309"


def test_a_flat_series_is_drawn_without_signal_marks():
    svg = run_chart_svg(run_chart(weekly(FLAT)), chart_id="c", title="Flat")
    assert shapes(svg, "dw-signal") == 0
    assert shapes(svg, "dw-point") == 20
    assert shapes(svg, "dw-centre") == 1


def test_the_chart_is_a_named_self_contained_image():
    chart = run_chart(weekly(SHIFTED))
    svg = run_chart_svg(chart, chart_id="m1", title="Passing every course, North One")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "m1-title m1-desc"
    assert (root.get("width"), root.get("height")) == ("640", "320")
    assert root.get("viewBox") == "0 0 640 320"
    assert root.find(f"{SVG}title").text == "Passing every course, North One"
    assert root.find(f"{SVG}desc").text == chart.words
    assert "var(" not in svg and "@font-face" not in svg and "href" not in svg


def test_a_cycle_appears_on_the_timeline_with_its_start_and_close():
    cycle = CycleMark(
        1, "Weekly grade check", "Grade checks", "North One team",
        START + dt.timedelta(weeks=2), START + dt.timedelta(weeks=5), "Adopt",
    )  # fmt: skip
    svg = run_chart_svg(run_chart(weekly(FLAT), cycles=[cycle]), chart_id="c", title="t")
    assert shapes(svg, "dw-cycle") == 1
    assert "<title>Cycle 1: Weekly grade check</title>" in svg
    cycle_group = svg[svg.index('class="dw-cycle"') :]
    assert "<path" in cycle_group and "<rect" in cycle_group  # started and closed


def test_a_control_chart_draws_its_phase_line_and_the_limits_of_each_phase():
    values = weekly([10, 12, 10, 12, 20, 21, 20, 21])
    chart = control_chart("i", values, phases=[Phase(values[4].on, "Grade check adopted")])
    svg = control_chart_svg(chart, chart_id="c", title="t")
    assert shapes(svg, "dw-phase") == 1
    assert "Grade check adopted" in svg
    assert shapes(svg, "dw-limit") == 4  # lower and upper, in each of the two phases
    assert shapes(svg, "dw-centre") == 2


def test_a_small_chart_leaves_the_cycles_and_legend_to_the_page():
    cycle = CycleMark(1, "Check", "Grade checks", "North One team", START, None, "")
    chart = run_chart(weekly(FLAT), cycles=[cycle])
    svg = run_chart_svg(chart, chart_id="c", title="t", small=True)
    assert 'width="320"' in svg and shapes(svg, "dw-cycle") == 0


def test_a_chart_without_values_says_so():
    svg = run_chart_svg(run_chart([]), chart_id="c", title="t")
    assert "No values yet" in svg
