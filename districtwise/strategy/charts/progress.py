"""A goal's progress drawn as an SVG line chart: the indicator's figures over time, the
target line from baseline to target, and gaps drawn as breaks in the line.

A period with no figure (or a figure hidden for privacy) is never drawn as zero: the line
stops before it and starts again after it, and a hollow mark on the time axis shows where
the gap is. The chart is one named image (``role="img"``, a title and a description in
words); the page always gives the same figures as a table beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from districtwise.analytics.strategy.progress import Point, Trajectory

BLUE = "#005ea2"
GREY = "#565c65"
LIGHT = "#dfe1e2"
INK = "#1b1b1b"


@dataclass(frozen=True)
class Frame:
    """The drawing area: full size and margins (left, right, top, bottom), in pixels."""

    width: int
    height: int
    margins: tuple[int, int, int, int]
    labels: bool


FULL = Frame(480, 220, (64, 16, 16, 36), True)
SPARK = Frame(160, 44, (4, 4, 4, 4), False)


def show_figure(value: Decimal | None, unit: str) -> str:
    """A figure as the district reads it: rates as percentages, dollars with a sign."""
    if value is None:
        return "no figure"
    if unit == "rate":
        return f"{(value * 100).quantize(Decimal('0.1'))} %"
    if unit == "dollars":
        return f"${value.quantize(Decimal('1')):,}"
    return format(value.normalize(), "f") if value == value.to_integral() else f"{value:f}"


def progress_svg(
    points: list[Point],
    trajectory: Trajectory | None,
    *,
    chart_id: str,
    title: str,
    unit: str,
    spark: bool = False,
) -> str:
    """The chart as SVG markup (empty when there is neither a figure nor a target line)."""
    known = [p for p in points if p.value is not None]
    if not known and trajectory is None:
        return ""
    frame = SPARK if spark else FULL
    scale = _Scale.around(points, trajectory, frame)
    parts = [_axes(scale, unit, [p.on for p in points])] if frame.labels else []
    if trajectory is not None:
        parts.append(_target_line(scale, trajectory))
    parts += [_gap_mark(scale, p) for p in points if p.value is None]
    parts += [_segment(scale, run) for run in _runs(points) if len(run) > 1]
    parts += [_dot(scale, p, spark) for p in known]
    description = _describe(points, trajectory, unit)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{frame.width}" height="{frame.height}" '
        f'viewBox="0 0 {frame.width} {frame.height}" class="dw-progress-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def _runs(points: list[Point]) -> list[list[Point]]:
    """Stretches of consecutive figures, split at every gap."""
    runs: list[list[Point]] = [[]]
    for point in sorted(points, key=lambda p: p.on):
        if point.value is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


@dataclass(frozen=True)
class _Scale:
    frame: Frame
    first: dt.date
    last: dt.date
    low: Decimal
    high: Decimal

    @classmethod
    def around(cls, points: list[Point], trajectory: Trajectory | None, frame: Frame) -> _Scale:
        days = [p.on for p in points]
        values = [p.value for p in points if p.value is not None]
        if trajectory is not None:
            days += [trajectory.baseline_on, trajectory.target_on]
            values += [trajectory.baseline_value, trajectory.target_value]
        low, high = min(values), max(values)
        if low == high:
            low, high = low - 1 if low else Decimal(-1), high + 1 if high else Decimal(1)
        pad = (high - low) / 10
        first, last = min(days), max(days)
        if first == last:
            first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
        return cls(frame, first, last, low - pad, high + pad)

    def x(self, day: dt.date) -> float:
        left, right = self.frame.margins[0], self.frame.width - self.frame.margins[1]
        share = (day - self.first).days / (self.last - self.first).days
        return round(left + share * (right - left), 1)

    def y(self, value: Decimal) -> float:
        top, bottom = self.frame.margins[2], self.frame.height - self.frame.margins[3]
        share = float((value - self.low) / (self.high - self.low))
        return round(bottom - share * (bottom - top), 1)

    @property
    def floor(self) -> float:
        return self.frame.height - self.frame.margins[3]


def _axes(scale: _Scale, unit: str, days: list[dt.date]) -> str:
    left = scale.frame.margins[0]
    right = scale.frame.width - scale.frame.margins[1]
    lines = [
        f'<line x1="{left}" y1="{scale.floor}" x2="{right}" y2="{scale.floor}" stroke="{GREY}"/>',
        f'<line x1="{left}" y1="{scale.frame.margins[2]}" x2="{left}" y2="{scale.floor}" '
        f'stroke="{GREY}"/>',
    ]
    for value in (scale.low, (scale.low + scale.high) / 2, scale.high):
        y = scale.y(value)
        lines.append(
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{LIGHT}"/>'
            f'<text x="{left - 4}" y="{y + 4}" font-size="11" text-anchor="end" fill="{INK}">'
            f"{escape(show_figure(value.quantize(Decimal('0.0001')), unit))}</text>"
        )
    for day, anchor in _time_labels(scale, days):
        lines.append(
            f'<text x="{scale.x(day)}" y="{scale.floor + 16}" font-size="11" '
            f'text-anchor="{anchor}" fill="{INK}">{day.isoformat()}</text>'
        )
    return "".join(lines)


def _time_labels(scale: _Scale, days: list[dt.date]) -> list[tuple[dt.date, str]]:
    """The first and last day, and each period between that has room for its label."""
    room = 72  # pixels a label of a date needs
    labels = [(scale.first, "start")]
    for day in sorted(set(days)):
        if (
            scale.x(day) - scale.x(labels[-1][0]) >= room
            and scale.x(scale.last) - scale.x(day) >= room
        ):
            labels.append((day, "middle"))
    return [*labels, (scale.last, "end")]


def _target_line(scale: _Scale, trajectory: Trajectory) -> str:
    return (
        f'<line class="dw-target-line" x1="{scale.x(trajectory.baseline_on)}" '
        f'y1="{scale.y(trajectory.baseline_value)}" x2="{scale.x(trajectory.target_on)}" '
        f'y2="{scale.y(trajectory.target_value)}" stroke="{GREY}" stroke-width="1.5" '
        f'stroke-dasharray="6 3"/>'
    )


def _segment(scale: _Scale, run: list[Point]) -> str:
    coords = " ".join(f"{scale.x(p.on)},{scale.y(p.value)}" for p in run if p.value is not None)
    return (
        f'<polyline class="dw-figure-line" points="{coords}" fill="none" '
        f'stroke="{BLUE}" stroke-width="2"/>'
    )


def _dot(scale: _Scale, point: Point, spark: bool) -> str:
    assert point.value is not None
    radius = 2.5 if spark else 4
    return (
        f'<circle class="dw-figure" cx="{scale.x(point.on)}" cy="{scale.y(point.value)}" '
        f'r="{radius}" fill="{BLUE}"/>'
    )


def _gap_mark(scale: _Scale, point: Point) -> str:
    """A hollow mark on the time axis where a period has no figure (never a point at 0)."""
    return (
        f'<circle class="dw-gap" cx="{scale.x(point.on)}" cy="{scale.floor}" r="4" '
        f'fill="white" stroke="{GREY}" stroke-width="1.5"/>'
    )


def _describe(points: list[Point], trajectory: Trajectory | None, unit: str) -> str:
    figures = "; ".join(
        f"{p.on.isoformat()} {show_figure(p.value, unit) if p.value is not None else 'gap'}"
        for p in sorted(points, key=lambda p: p.on)
    )
    line = (
        f" Target line from {show_figure(trajectory.baseline_value, unit)} on "
        f"{trajectory.baseline_on.isoformat()} to {show_figure(trajectory.target_value, unit)} "
        f"by {trajectory.target_on.isoformat()}."
        if trajectory is not None
        else " No target line: the baseline or the target is not set."
    )
    return (f"Figures: {figures}." if figures else "No figures yet.") + line
