"""The patterns page's charts, drawn on the server as self-contained SVG (no script): bars
across for categories, networks and departments, columns for months. Each is one named
image (a title and a description listing every figure); the page gives the same figures
as a table beside it. A count hidden for privacy is drawn as no bar, marked "hidden"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BLUE = "#005ea2"
INK = "#1b1b1b"
GREY = "#565c65"
LIGHT = "#dfe1e2"
ROW = 26
LABEL_WIDTH = 210
BAR_WIDTH = 330
WIDTH = LABEL_WIDTH + BAR_WIDTH + 70


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: hidden for privacy
    text: str  # the value as the reader reads it


def _frame(chart_id: str, title: str, words: str, width: int, height: int, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="Helvetica, Arial, sans-serif" class="dw-voice-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(words)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


def _words(bars: Sequence[Bar]) -> str:
    return "; ".join(f"{b.label}: {b.text}" for b in bars) + "."


def bars_across(bars: Sequence[Bar], *, chart_id: str, title: str, top: float | None = None) -> str:
    """One bar across per label, longest for the largest value (or ``top``)."""
    largest = top or max((b.value or 0 for b in bars), default=0) or 1
    parts = []
    for row, bar in enumerate(bars):
        y = 8 + row * ROW
        label = bar.label if len(bar.label) <= 32 else bar.label[:31] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text x="{LABEL_WIDTH + 4}" y="{y + 14}" font-size="12" font-style="italic" '
                f'fill="{GREY}">hidden</text>'
            )
            continue
        width = round(BAR_WIDTH * bar.value / largest, 1)
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{width}" height="16" fill="{BLUE}"/>'
            f'<text x="{LABEL_WIDTH + width + 5}" y="{y + 14}" font-size="12" '
            f'fill="{INK}">{escape(bar.text)}</text>'
        )
    height = 16 + ROW * len(bars)
    return _frame(chart_id, title, _words(bars), WIDTH, height, "".join(parts))


def columns(bars: Sequence[Bar], *, chart_id: str, title: str) -> str:
    """One column per label (months, oldest first), with a baseline and the counts."""
    step, floor, tall = 50, 170, 130
    width = 40 + step * len(bars)
    largest = max((b.value or 0 for b in bars), default=0) or 1
    parts = [
        f'<line x1="20" y1="{floor}" x2="{width - 10}" y2="{floor}" stroke="{GREY}"/>',
        f'<line x1="20" y1="{floor - tall}" x2="{width - 10}" y2="{floor - tall}" '
        f'stroke="{LIGHT}"/>',
    ]
    for i, bar in enumerate(bars):
        x = 30 + i * step
        height = round(tall * (bar.value or 0) / largest, 1)
        month, _, year = bar.label.partition(" ")
        parts.append(
            f'<rect x="{x}" y="{floor - height}" width="30" height="{height}" fill="{BLUE}"/>'
            f'<text x="{x + 15}" y="{floor - height - 4}" font-size="11" text-anchor="middle" '
            f'fill="{INK}">{escape(bar.text)}</text>'
            f'<text x="{x + 15}" y="{floor + 14}" font-size="11" text-anchor="middle" '
            f'fill="{INK}">{escape(month)}</text>'
            f'<text x="{x + 15}" y="{floor + 27}" font-size="10" text-anchor="middle" '
            f'fill="{GREY}">{escape(year)}</text>'
        )
    return _frame(chart_id, title, _words(bars), width, floor + 36, "".join(parts))
