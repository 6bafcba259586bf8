"""The succession pages' charts, drawn on the server as self-contained SVG (no script):
bars across for each network's bench, grouped bars for the pipeline's shares. Each is one
named image (a title and a description listing every figure); the page gives the same
figures as a table beside it. A share hidden for privacy is drawn as no bar, marked
"hidden"; a column without figures is not drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

INK = "#1b1b1b"
GREY = "#565c65"
# Blue, gold, green of the design system: told apart by their legend and order too.
SERIES_COLOURS = ("#005ea2", "#e5a000", "#00a91c")
LABEL_WIDTH = 220
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 80


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: hidden for privacy
    text: str


def _frame(chart_id: str, title: str, words: str, height: int, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="Helvetica, Arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(words)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


def _bar(y: float, bar: Bar, largest: float, colour: str, height: int = 16) -> str:
    if bar.value is None:
        return (
            f'<text x="{LABEL_WIDTH + 4}" y="{y + height - 3}" font-size="11" '
            f'font-style="italic" fill="{GREY}">hidden</text>'
        )
    width = round(BAR_WIDTH * bar.value / largest, 1) if largest else 0
    return (
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{height}" fill="{colour}"/>'
        f'<text x="{LABEL_WIDTH + width + 5}" y="{y + height - 3}" font-size="11" '
        f'fill="{INK}">{escape(bar.text)}</text>'
    )


def _label(y: float, text: str) -> str:
    text = text if len(text) <= 34 else text[:33] + "…"
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y}" font-size="12" text-anchor="end" '
        f'fill="{INK}">{escape(text)}</text>'
    )


def bars_across(bars: Sequence[Bar], *, chart_id: str, title: str) -> str:
    """One bar across per label, the longest for the largest value."""
    largest = max((b.value or 0 for b in bars), default=0) or 1
    parts = []
    for row, bar in enumerate(bars):
        y = 8 + row * 26
        parts.append(_label(y + 14, bar.label) + _bar(y + 2, bar, largest, SERIES_COLOURS[0]))
    words = "; ".join(f"{b.label}: {b.text}" for b in bars) + "."
    return _frame(chart_id, title, words, 16 + 26 * len(bars), "".join(parts))


def grouped_bars(
    groups: Sequence[tuple[str, Sequence[Bar]]],
    *,
    series: Sequence[str],
    chart_id: str,
    title: str,
) -> str:
    """Per group (a label), one thin bar per series (in ``series`` order), on one scale
    from 0 to the largest value; a legend at the top names the series."""
    largest = max((b.value or 0 for _, bars in groups for b in bars), default=0) or 1
    parts = []
    for i, name in enumerate(series):
        x = LABEL_WIDTH + i * 110
        parts.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{SERIES_COLOURS[i]}"/>'
            f'<text x="{x + 16}" y="16" font-size="11" fill="{INK}">{escape(name)}</text>'
        )
    step = 14 * len(series) + 12
    words = []
    for row, (label, bars) in enumerate(groups):
        top = 28 + row * step
        parts.append(_label(top + 7 * len(series) + 4, label))
        for i, bar in enumerate(bars):
            parts.append(_bar(top + i * 14, bar, largest, SERIES_COLOURS[i], height=12))
        words.append(
            f"{label}: " + ", ".join(f"{s} {b.text}" for s, b in zip(series, bars, strict=True))
        )
    return _frame(chart_id, title, "; ".join(words) + ".", 32 + step * len(groups), "".join(parts))
