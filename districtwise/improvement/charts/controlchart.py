"""A control chart (I/XmR, p or u) drawn as SVG: the centre line and the limits of each
phase (stepped where a p or u chart's counts vary), the points outside the limits marked
(shape and colour), a line at each new baseline and the PDSA cycles on the timeline.

The page gives the same points, centre lines and limits as a table beside it."""

from __future__ import annotations

from html import escape

from districtwise.improvement.charts import drawing
from districtwise.improvement.charts.series import Chart


def control_chart_svg(chart: Chart, *, chart_id: str, title: str, small: bool = False) -> str:
    """The control chart as SVG markup (a frame with words when there is no value yet)."""
    frame = drawing.SMALL if small else drawing.FULL
    if not chart.points:
        return drawing.empty_svg(chart, chart_id=chart_id, title=title, frame=frame)
    scale = drawing.Scale.around(chart, frame)
    layers = [
        drawing.axes(scale, chart),
        drawing.phase_lines(scale, chart),
        limit_lines(scale, chart),
        drawing.centre_lines(scale, chart.points, "centre line"),
        drawing.data_line(scale, chart.points),
        drawing.markers(scale, chart.points),
    ]
    if not small:
        layers += [drawing.cycle_band(scale, chart), drawing.legend(scale, "centre line", True)]
    return drawing.svg(chart, layers, chart_id=chart_id, title=title, frame=frame)


def limit_lines(scale: drawing.Scale, chart: Chart) -> str:
    """The lower and upper limits of each phase, dashed, as steps between points."""
    parts = []
    for group in drawing.by_phase(chart.points):
        for name in ("lower", "upper"):
            values = [getattr(p, name) for p in group]
            if any(v is None for v in values):
                continue
            coords = drawing.stepped(scale, group, values)
            parts.append(
                f'<polyline class="dw-limit" points="{coords}" fill="none" '
                f'stroke="{drawing.LIMIT}" stroke-width="1.25" stroke-dasharray="5 3">'
                f"<title>{escape(name)} limit</title></polyline>"
            )
    return "".join(parts)
