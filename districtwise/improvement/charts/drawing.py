"""The parts run charts and control charts share: the frame, the axes, the points (a point
of a signal is an orange diamond, the others blue circles: shape as well as colour), the
phase lines, the PDSA cycles on the timeline and the legend.

The SVG is self-contained so that WeasyPrint draws it in a PDF as a browser does: explicit
width, height and viewBox, colours written out, a generic font family, no CSS variables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from districtwise.improvement.charts.series import Chart, ChartPoint

BLUE = "#005ea2"
SIGNAL = "#d54309"
GREY = "#565c65"
LIGHT = "#dfe1e2"
INK = "#1b1b1b"
CENTRE = "#00a91c"
LIMIT = "#71767a"
PHASE = "#1a4480"
CYCLE = "#5e519e"


@dataclass(frozen=True)
class Frame:
    """Full size and the margins (left, right, top, bottom) of the plot, in pixels."""

    width: int
    height: int
    margins: tuple[int, int, int, int]
    small: bool


FULL = Frame(640, 320, (70, 16, 30, 104), False)
SMALL = Frame(320, 150, (52, 8, 18, 26), True)


@dataclass(frozen=True)
class Scale:
    frame: Frame
    first: dt.date
    last: dt.date
    low: float
    high: float

    @classmethod
    def around(cls, chart: Chart, frame: Frame) -> Scale:
        days = [p.on for p in chart.points] + [p.starts_on for p in chart.phases]
        if not frame.small:
            days += [c.starts_on for c in chart.cycles]
            days += [c.closed_on for c in chart.cycles if c.closed_on]
        values = [p.value for p in chart.points] + [p.center for p in chart.points]
        values += [v for p in chart.points for v in (p.lower, p.upper) if v is not None]
        low, high = min(values), max(values)
        if low == high:
            low, high = low - 1, high + 1
        pad = (high - low) / 10
        first, last = min(days), max(days)
        if first == last:
            first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
        return cls(frame, first, last, low - pad, high + pad)

    @property
    def left(self) -> int:
        return self.frame.margins[0]

    @property
    def right(self) -> int:
        return self.frame.width - self.frame.margins[1]

    @property
    def top(self) -> int:
        return self.frame.margins[2]

    @property
    def floor(self) -> int:
        return self.frame.height - self.frame.margins[3]

    def x(self, day: dt.date) -> float:
        share = (day - self.first).days / (self.last - self.first).days
        return round(self.left + share * (self.right - self.left), 1)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(self.floor - share * (self.floor - self.top), 1)


def svg(chart: Chart, layers: list[str], *, chart_id: str, title: str, frame: Frame) -> str:
    """The finished, named image: a title and the chart's words as its description."""
    f = frame
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{f.width}" height="{f.height}" viewBox="0 0 {f.width} {f.height}" '
        f'font-family="Helvetica, Arial, sans-serif" class="dw-qi-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(chart.words)}</desc>'
        f'<rect x="0" y="0" width="{f.width}" height="{f.height}" fill="#ffffff"/>'
        + "".join(layers)
        + "</svg>"
    )


def empty_svg(chart: Chart, *, chart_id: str, title: str, frame: Frame) -> str:
    """A chart with no value yet: the frame and the words."""
    text = (
        f'<text x="{frame.width // 2}" y="{frame.height // 2}" text-anchor="middle" '
        f'font-size="13" fill="{INK}">No values yet</text>'
    )
    return svg(chart, [text], chart_id=chart_id, title=title, frame=frame)


def axes(scale: Scale, chart: Chart) -> str:
    small = scale.frame.small
    size = 10 if small else 11
    lines = [
        f'<line x1="{scale.left}" y1="{scale.floor}" x2="{scale.right}" y2="{scale.floor}" '
        f'stroke="{GREY}"/>',
        f'<line x1="{scale.left}" y1="{scale.top}" x2="{scale.left}" y2="{scale.floor}" '
        f'stroke="{GREY}"/>',
    ]
    for value in (scale.low, (scale.low + scale.high) / 2, scale.high):
        y = scale.y(value)
        lines.append(
            f'<line x1="{scale.left}" y1="{y}" x2="{scale.right}" y2="{y}" stroke="{LIGHT}"/>'
            f'<text x="{scale.left - 4}" y="{y + 4}" font-size="{size}" text-anchor="end" '
            f'fill="{INK}">{escape(chart.show(value))}</text>'
        )
    for day, anchor in time_labels(scale, [p.on for p in chart.points]):
        lines.append(
            f'<text x="{scale.x(day)}" y="{scale.floor + 14}" font-size="{size}" '
            f'text-anchor="{anchor}" fill="{INK}">{escape(_short_date(day, small))}</text>'
        )
    return "".join(lines)


def _short_date(day: dt.date, small: bool) -> str:
    return day.strftime("%b %Y" if small else "%b %-d, %Y")


def time_labels(scale: Scale, days: Sequence[dt.date]) -> list[tuple[dt.date, str]]:
    """The first and last day, and each day between that has room for its label."""
    room = 85 if scale.frame.small else 110  # a label anchored at its middle needs 1.5 widths
    labels = [(scale.first, "start")]
    for day in sorted(set(days)):
        if (
            scale.x(day) - scale.x(labels[-1][0]) >= room
            and scale.x(scale.last) - scale.x(day) >= room
        ):
            labels.append((day, "middle"))
    return [*labels, (scale.last, "end")]


def phase_lines(scale: Scale, chart: Chart) -> str:
    """A vertical line at each new baseline, with its label (shortened on a small chart)."""
    parts = []
    for phase in chart.phases:
        x = scale.x(phase.starts_on)
        most = 16 if scale.frame.small else 30
        label = phase.label if len(phase.label) <= most else phase.label[: most - 1] + "…"
        parts.append(
            f'<line class="dw-phase" x1="{x}" y1="{scale.top - 12}" x2="{x}" y2="{scale.floor}" '
            f'stroke="{PHASE}" stroke-width="1.5" stroke-dasharray="2 2"/>'
            f'<text x="{x + 3}" y="{scale.top - 3}" font-size="{10 if scale.frame.small else 11}" '
            f'fill="{PHASE}">{escape(label)}</text>'
        )
    return "".join(parts)


def by_phase(points: Sequence[ChartPoint]) -> list[list[ChartPoint]]:
    """The points split where a new phase starts."""
    groups: list[list[ChartPoint]] = []
    for point in points:
        if not groups or groups[-1][-1].phase != point.phase:
            groups.append([])
        groups[-1].append(point)
    return groups


def data_line(scale: Scale, points: Sequence[ChartPoint]) -> str:
    """The values joined within each phase (a new baseline breaks the line)."""
    parts = []
    for group in by_phase(points):
        coords = " ".join(f"{scale.x(p.on)},{scale.y(p.value)}" for p in group)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{BLUE}" stroke-width="1.5"/>'
        )
    return "".join(parts)


def stepped(scale: Scale, group: Sequence[ChartPoint], values: Sequence[float]) -> str:
    """Path coordinates of a line that may change at every point, drawn as steps halfway
    between points (a constant line comes out flat)."""
    xs = [scale.x(p.on) for p in group]
    coords = []
    for i, value in enumerate(values):
        start = xs[i] if i == 0 else round((xs[i - 1] + xs[i]) / 2, 1)
        end = xs[i] if i == len(xs) - 1 else round((xs[i] + xs[i + 1]) / 2, 1)
        y = scale.y(value)
        coords.append(f"{start},{y} {end},{y}")
    return " ".join(coords)


def centre_lines(scale: Scale, points: Sequence[ChartPoint], name: str) -> str:
    parts = []
    for group in by_phase(points):
        coords = stepped(scale, group, [p.center for p in group])
        parts.append(
            f'<polyline class="dw-centre" points="{coords}" fill="none" stroke="{CENTRE}" '
            f'stroke-width="1.5"><title>{escape(name)}</title></polyline>'
        )
    return "".join(parts)


def markers(scale: Scale, points: Sequence[ChartPoint]) -> str:
    """Blue circles, and orange diamonds for the points that belong to a signal."""
    small = scale.frame.small
    parts = []
    for p in points:
        x, y = scale.x(p.on), scale.y(p.value)
        if p.signal:
            r = 5 if small else 6.5
            parts.append(
                f'<path class="dw-signal" d="M{x},{y - r} L{x + r},{y} L{x},{y + r} '
                f'L{x - r},{y} Z" fill="{SIGNAL}" stroke="{INK}" stroke-width="0.75"/>'
            )
        else:
            parts.append(
                f'<circle class="dw-point" cx="{x}" cy="{y}" r="{2.5 if small else 3.5}" '
                f'fill="{BLUE}"/>'
            )
    return "".join(parts)


def cycle_band(scale: Scale, chart: Chart) -> str:
    """Each PDSA cycle on the timeline under the axis: a triangle where it started, a
    square where it closed, both with the cycle's number (told in full in the table)."""
    y = scale.floor + 34
    parts = [
        f'<text x="{scale.left - 4}" y="{y + 4}" font-size="11" text-anchor="end" '
        f'fill="{INK}">PDSA</text>'
    ]
    for cycle in chart.cycles:
        x = scale.x(cycle.starts_on)
        parts.append(
            f'<g class="dw-cycle"><title>Cycle {cycle.number}: {escape(cycle.title)}</title>'
            f'<path d="M{x},{y - 6} L{x + 6},{y + 5} L{x - 6},{y + 5} Z" fill="{CYCLE}"/>'
            f'<text x="{x}" y="{y + 17}" font-size="10" text-anchor="middle" fill="{INK}">'
            f"{cycle.number}</text>"
        )
        if cycle.closed_on:
            end = scale.x(cycle.closed_on)
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{end}" y2="{y}" stroke="{CYCLE}"/>'
                f'<rect x="{end - 5}" y="{y - 5}" width="10" height="10" fill="#ffffff" '
                f'stroke="{CYCLE}" stroke-width="2"/>'
            )
        parts.append("</g>")
    return "".join(parts)


def legend(scale: Scale, centre_name: str, limits: bool) -> str:
    """What each mark means, drawn in the image itself (a printed chart keeps it)."""
    y = scale.frame.height - 14
    items = [
        f'<circle cx="8" cy="{y - 4}" r="3.5" fill="{BLUE}"/>',
        _legend_text(16, y, "value"),
        f'<path d="M66,{y - 10} L72,{y - 4} L66,{y + 2} L60,{y - 4} Z" fill="{SIGNAL}"/>',
        _legend_text(78, y, "part of a signal"),
        f'<line x1="176" y1="{y - 4}" x2="196" y2="{y - 4}" stroke="{CENTRE}" stroke-width="1.5"/>',
        _legend_text(200, y, centre_name),
    ]
    x = 200 + 7 * len(centre_name) + 12
    if limits:
        items += [
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 20}" y2="{y - 4}" stroke="{LIMIT}" '
            'stroke-dasharray="5 3"/>',
            _legend_text(x + 24, y, "limits"),
        ]
        x += 74
    items += [
        f'<line x1="{x}" y1="{y - 12}" x2="{x}" y2="{y + 2}" stroke="{PHASE}" '
        'stroke-dasharray="2 2" stroke-width="1.5"/>',
        _legend_text(x + 6, y, "new phase"),
        f'<path d="M{x + 82},{y - 10} L{x + 88},{y + 1} L{x + 76},{y + 1} Z" fill="{CYCLE}"/>',
        _legend_text(x + 94, y, "cycle start"),
        f'<rect x="{x + 166}" y="{y - 9}" width="10" height="10" fill="#ffffff" '
        f'stroke="{CYCLE}" stroke-width="2"/>',
        _legend_text(x + 180, y, "close"),
    ]
    return "".join(items)


def _legend_text(x: int, y: int, text: str) -> str:
    return f'<text x="{x}" y="{y}" font-size="11" fill="{INK}">{escape(text)}</text>'
