"""The self-assessment charts, drawn on the server as self-contained SVG (no script): one
bar across per section, on the instrument's scale from 1 to 4, with gridlines at each
level. The chart is one named image (a title and a description listing every figure); the
page gives the same figures as a table."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BLUE = "#005ea2"
INK = "#1b1b1b"
GREY = "#565c65"
LIGHT = "#dfe1e2"
ROW = 26
LABEL_WIDTH = 300
BAR_WIDTH = 320
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60
TOP = 4.0


def _x(value: float) -> float:
    return round(LABEL_WIDTH + BAR_WIDTH * value / TOP, 1)


def section_bars(bars: Sequence[tuple[str, float | None]], *, chart_id: str, title: str) -> str:
    """One bar per section, its length the mean on the 1 to 4 scale; no rating: "no ratings"."""
    height = 40 + ROW * len(bars)
    floor = 12 + ROW * len(bars)
    parts = []
    for level in range(1, 5):
        x = _x(level)
        parts.append(
            f'<line x1="{x}" y1="6" x2="{x}" y2="{floor}" stroke="{LIGHT}"/>'
            f'<text x="{x}" y="{floor + 14}" font-size="11" text-anchor="middle" '
            f'fill="{GREY}">{level}</text>'
        )
    for row, (label, value) in enumerate(bars):
        y = 8 + row * ROW
        short = label if len(label) <= 44 else label[:43] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(short)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{LABEL_WIDTH + 4}" y="{y + 14}" font-size="12" font-style="italic" '
                f'fill="{GREY}">no ratings</text>'
            )
            continue
        end = _x(value)
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{end - LABEL_WIDTH}" height="16" '
            f'fill="{BLUE}"/><text x="{end + 5}" y="{y + 14}" font-size="12" '
            f'fill="{INK}">{value:.1f}</text>'
        )
    words = "; ".join(
        f"{label}: {'no ratings' if value is None else f'{value:.1f}'}" for label, value in bars
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="Helvetica, Arial, sans-serif" class="dw-leadership-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(words)} (scale 1 to 4).</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f"{''.join(parts)}</svg>"
    )


DONT_KNOW_WORDS = "don't know"
DOT_COLOURS = ("#005ea2", "#d83933", "#00a91c", "#e5a000", "#8168b3", "#1b1b1b")


def member_dots(
    rows: Sequence[tuple[str, Sequence[int | str | None]]],
    *,
    members: Sequence[str],
    chart_id: str,
    title: str,
) -> str:
    """For the team only: per item, one dot per member at their rating (each member in a
    colour and offset of their own, so equal ratings stay visible). A rating is 1 to 4, None
    for "don't know" or "" for no answer yet; neither of the last two is drawn."""
    height = 40 + ROW * len(rows)
    floor = 12 + ROW * len(rows)
    parts = []
    for level in range(1, 5):
        x = _x(level)
        parts.append(
            f'<line x1="{x}" y1="6" x2="{x}" y2="{floor}" stroke="{LIGHT}"/>'
            f'<text x="{x}" y="{floor + 14}" font-size="11" text-anchor="middle" '
            f'fill="{GREY}">{level}</text>'
        )
    words = []
    for row, (label, ratings) in enumerate(rows):
        y = 8 + row * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        said = []
        for position, rating in enumerate(ratings):
            name = members[position] if position < len(members) else ""
            if rating == "":
                said.append(f"{name} no answer yet")
                continue
            said.append(f"{name} {DONT_KNOW_WORDS if rating is None else rating}")
            if not isinstance(rating, int):
                continue
            colour = DOT_COLOURS[position % len(DOT_COLOURS)]
            offset = (position % 5) * 3 - 6
            parts.append(
                f'<circle cx="{_x(rating)}" cy="{y + 10 + offset / 2}" r="5" fill="{colour}" '
                f'fill-opacity="0.8"/>'
            )
        words.append(f"{label}: {', '.join(said)}")
    legend = ", ".join(
        f"{name} ({DOT_COLOURS[i % len(DOT_COLOURS)]})" for i, name in enumerate(members)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="Helvetica, Arial, sans-serif" class="dw-leadership-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape("; ".join(words))}. Colours: {escape(legend)}.</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f"{''.join(parts)}</svg>"
    )
