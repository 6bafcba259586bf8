"""A run chart drawn as SVG: the values over time, the median of each phase, the points of
a signal marked (shape and colour), the phases and the team's PDSA cycles on the timeline.

The page gives the same points, medians and signals as a table beside it."""

from __future__ import annotations

from districtwise.improvement.charts import drawing
from districtwise.improvement.charts.series import Chart


def run_chart_svg(chart: Chart, *, chart_id: str, title: str, small: bool = False) -> str:
    """The run chart as SVG markup (a frame with words when there is no value yet)."""
    frame = drawing.SMALL if small else drawing.FULL
    if not chart.points:
        return drawing.empty_svg(chart, chart_id=chart_id, title=title, frame=frame)
    scale = drawing.Scale.around(chart, frame)
    layers = [
        drawing.axes(scale, chart),
        drawing.phase_lines(scale, chart),
        drawing.centre_lines(scale, chart.points, "median"),
        drawing.data_line(scale, chart.points),
        drawing.markers(scale, chart.points),
    ]
    if not small:
        layers += [drawing.cycle_band(scale, chart), drawing.legend(scale, "median", False)]
    return drawing.svg(chart, layers, chart_id=chart_id, title=title, frame=frame)
