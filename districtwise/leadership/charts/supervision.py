"""The caseload's chart, drawn on the server as self-contained SVG (no script): one row per
principal, one column per month, each cell a square whose size grows with the number of
completed visits and which carries the number itself, so nothing is told by colour alone.
The page gives the same figures as a table beside it."""

from __future__ import annotations

import datetime as dt
from html import escape

BLUE = "#005ea2"
INK = "#1b1b1b"
GREY = "#565c65"
LIGHT = "#dfe1e2"
ROW = 28
LABEL_WIDTH = 230
COLUMN = 56


def visits_grid(
    rows: list[tuple[str, list[int]]], months: list[dt.date], *, chart_id: str, title: str
) -> str:
    """Completed visits per principal (``rows``: name, counts per month) per month."""
    width = LABEL_WIDTH + COLUMN * len(months) + 10
    height = 34 + ROW * len(rows)
    largest = max((n for _, counts in rows for n in counts), default=0) or 1
    parts = [
        f'<text x="{LABEL_WIDTH + COLUMN * i + COLUMN / 2}" y="20" font-size="12" '
        f'text-anchor="middle" fill="{INK}">{m:%b %Y}</text>'
        for i, m in enumerate(months)
    ]
    words = []
    for r, (name, counts) in enumerate(rows):
        y = 30 + r * ROW
        label = name if len(name) <= 34 else name[:33] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        for i, count in enumerate(counts):
            cx, cy = LABEL_WIDTH + COLUMN * i + COLUMN / 2, y + ROW / 2
            side = 8 + 14 * count / largest if count else 0
            parts.append(
                f'<rect x="{cx - 11}" y="{cy - 11}" width="22" height="22" fill="none" '
                f'stroke="{LIGHT}"/>'
            )
            if count:
                parts.append(
                    f'<rect x="{cx - side / 2:.1f}" y="{cy - side / 2:.1f}" width="{side:.1f}" '
                    f'height="{side:.1f}" fill="{BLUE}" fill-opacity="0.35"/>'
                )
            parts.append(
                f'<text x="{cx}" y="{cy + 4}" font-size="11" text-anchor="middle" '
                f'fill="{INK if count else GREY}">{count}</text>'
            )
        described = ", ".join(f"{m:%b %Y} {n}" for m, n in zip(months, counts, strict=True))
        words.append(f"{name}: {described}")
    description = "; ".join(words) + "." if words else "No principals."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="Helvetica, Arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
        f"{''.join(parts)}</svg>"
    )
