"""A principal's weeks as an SVG bar chart: one bar per week, its height the share of the
week's logged time on instructional leadership, with the goal as a dashed line. A week
with no log has no bar and a hollow mark on the axis (never a bar at 0 %). The page gives
the same figures as a table beside it."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from districtwise.analytics.workload.time_use import Period

BLUE, GREY, LIGHT, INK = "#005ea2", "#565c65", "#dfe1e2", "#1b1b1b"
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 520, 220, 48, 12, 12, 40


def percent(share: Decimal | None) -> str:
    """A share as a reader writes it: 0.475 -> "47.5 %"; "no log" when there is none."""
    if share is None:
        return "no log"
    return f"{(share * 100).quantize(Decimal('0.1')).normalize():f} %"


def _y(share: Decimal) -> float:
    return round(HEIGHT - BOTTOM - float(share) * (HEIGHT - TOP - BOTTOM), 1)


def weeks_svg(weeks: list[Period], goal: Decimal, *, chart_id: str, title: str) -> str:
    """The chart as SVG markup."""
    slot = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)
    parts = [_axes(weeks, slot)]
    for i, week in enumerate(weeks):
        x = LEFT + i * slot
        share = week.instructional_share
        if share is None:
            parts.append(
                f'<circle class="dw-gap" cx="{x + slot / 2:.1f}" cy="{HEIGHT - BOTTOM}" r="4" '
                f'fill="white" stroke="{GREY}" stroke-width="1.5"/>'
            )
            continue
        top = _y(share)
        parts.append(
            f'<rect class="dw-week" x="{x + slot * 0.15:.1f}" y="{top}" '
            f'width="{slot * 0.7:.1f}" height="{HEIGHT - BOTTOM - top:.1f}" fill="{BLUE}"/>'
        )
    goal_y = _y(goal)
    parts.append(
        f'<line class="dw-goal" x1="{LEFT}" y1="{goal_y}" x2="{WIDTH - RIGHT}" y2="{goal_y}" '
        f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 3"/>'
        f'<text x="{WIDTH - RIGHT}" y="{goal_y - 4}" font-size="11" text-anchor="end" '
        f'fill="{INK}">goal {escape(percent(goal))}</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" class="dw-time-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(describe(weeks, goal))}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def describe(weeks: list[Period], goal: Decimal) -> str:
    """The chart in words: each week's share, and the goal."""
    said = "; ".join(
        f"week of {w.starts_on:%d %b}: {percent(w.instructional_share)}" for w in weeks
    )
    return f"Instructional share by week. {said}. Goal {percent(goal)}."


def _axes(weeks: list[Period], slot: float) -> str:
    lines = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="{GREY}"/>'
    ]
    for share in (Decimal(0), Decimal("0.5"), Decimal(1)):
        y = _y(share)
        lines.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="{LIGHT}"/>'
            f'<text x="{LEFT - 4}" y="{y + 4}" font-size="11" text-anchor="end" fill="{INK}">'
            f"{share * 100:.0f} %</text>"
        )
    for i, week in enumerate(weeks):
        if i % 2 == 0 or len(weeks) <= 6:
            lines.append(
                f'<text x="{LEFT + (i + 0.5) * slot:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'font-size="10" text-anchor="middle" fill="{INK}">{week.starts_on:%d %b}</text>'
            )
    return "".join(lines)
