"""The needs map's pictures, drawn on the server as self-contained SVG (no script).

- The map: each school a dot at its place (projected by the analytics module), the dot
  holding its number of unmet needs, dark and larger where there are some; the number is
  written, so colour is never the only mark.
- The totals: one bar across per category, split into met (solid) and unmet (hatched),
  with the counts written beside it.
Each is one named image with a description listing every figure; the page gives the same
figures as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from districtwise.analytics.community.needs_map import Box, CategoryTotal

BLUE = "#005ea2"
RED = "#b50909"
INK = "#1b1b1b"
GREY = "#565c65"
LIGHT = "#dfe1e2"
ROW = 26
LABEL_WIDTH = 210
BAR_WIDTH = 300


def _frame(chart_id: str, title: str, words: str, width: float, height: float, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
        f'font-family="Helvetica, Arial, sans-serif" class="dw-needs-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(words)}</desc>'
        f'<rect x="0" y="0" width="{width:g}" height="{height:g}" fill="#ffffff" '
        f'stroke="{LIGHT}"/>{body}</svg>'
    )


# Up to this many schools, each dot carries its school's name; beyond, names would
# overlap (the table below the map names every school).
NAMED_AT_MOST = 25


def _name(point, radius: int, box: Box) -> str:
    """The school's name beside its dot, on the side with room."""
    left = point.x > box.width * 0.6
    x = point.x - radius - 4 if left else point.x + radius + 4
    anchor = "end" if left else "start"
    return (
        f'<text x="{x:g}" y="{point.y + 4}" font-size="11" text-anchor="{anchor}" '
        f'fill="{INK}">{escape(point.school.name)}</text>'
    )


def school_map(points: Sequence, box: Box, *, chart_id: str = "needs-map") -> str:
    """The schools at their places, each dot marked with its count of unmet needs.
    ``points`` carry ``school`` (with ``name``), ``x``, ``y`` and ``unmet``."""
    parts = []
    named = len(points) <= NAMED_AT_MOST
    for point in sorted(points, key=lambda p: p.unmet):  # the gaps drawn on top
        gap = point.unmet > 0
        radius = 11 if gap else 7
        parts.append(
            f"<g><title>{escape(point.school.name)}: {point.unmet} unmet</title>"
            f'<circle cx="{point.x}" cy="{point.y}" r="{radius}" '
            f'fill="{RED if gap else "#ffffff"}" stroke="{RED if gap else GREY}" '
            f'stroke-width="1.5"/>'
            f'<text x="{point.x}" y="{point.y + 4}" font-size="{11 if gap else 9}" '
            f'text-anchor="middle" fill="{"#ffffff" if gap else INK}">{point.unmet}</text>'
            + (_name(point, radius, box) if named else "")
            + "</g>"
        )
    with_gaps = sum(1 for p in points if p.unmet)
    words = (
        f"{len(points)} schools placed by their location; {with_gaps} with unmet needs. "
        + "; ".join(f"{p.school.name}: {p.unmet} unmet" for p in points)
        + "."
    )
    title = "Schools by location, marked with their unmet needs"
    return _frame(chart_id, title, words, box.width, box.height, "".join(parts))


def _needs(count: int) -> str:
    return f"{count} need" + ("" if count == 1 else "s")


def totals_bars(totals: Sequence[CategoryTotal], labels: dict[str, str], *, chart_id: str) -> str:
    """Open needs per category, the met part solid and the unmet part hatched."""
    largest = max((t.needs for t in totals), default=0) or 1
    parts = [
        '<defs><pattern id="needs-unmet-hatch" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#f8dfe2"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{RED}" stroke-width="3"/></pattern></defs>'
    ]
    for row, total in enumerate(totals):
        y = 8 + row * ROW
        met_w = round(BAR_WIDTH * total.met / largest, 1)
        unmet_w = round(BAR_WIDTH * total.unmet / largest, 1)
        text = f"{_needs(total.needs)}: {total.met} met, {total.unmet} unmet"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(labels.get(total.category, total.category))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{met_w}" height="16" fill="{BLUE}"/>'
            f'<rect x="{LABEL_WIDTH + met_w}" y="{y + 2}" width="{unmet_w}" height="16" '
            f'fill="url(#needs-unmet-hatch)" stroke="{RED}"/>'
            f'<text x="{LABEL_WIDTH + met_w + unmet_w + 5}" y="{y + 14}" font-size="12" '
            f'fill="{INK}">{escape(text)}</text>'
        )
    words = "; ".join(
        f"{labels.get(t.category, t.category)}: {_needs(t.needs)}, {t.met} met, {t.unmet} unmet"
        for t in totals
    )
    width = LABEL_WIDTH + BAR_WIDTH + 200
    title = "Open needs per category across the district: met and unmet"
    return _frame(chart_id, title, words + ".", width, 16 + ROW * len(totals), "".join(parts))
