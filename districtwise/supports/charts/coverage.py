"""The coverage heat map: schools (rows) by supports (columns), each cell coloured by the
share of the school's entitled teachers who meet the support's nonnegotiable, with the
percentage written in the cell so that colour is never the only carrier. A legend names
the colour bands; the page gives the same figures as a table."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from districtwise.supports.selectors.coverage import HeatMap, Share

# Five bands of the share meeting, light to dark (text colour chosen for contrast).
BANDS = (
    (0, 20, "#eff3ff", "#1b1b1b"),
    (20, 40, "#c6dbef", "#1b1b1b"),
    (40, 60, "#6baed6", "#1b1b1b"),
    (60, 80, "#2171b5", "#ffffff"),
    (80, 101, "#08306b", "#ffffff"),
)
EMPTY = "#dfe1e2"
LABEL_WIDTH, CELL_W, CELL_H, HEAD_H = 220, 96, 26, 44


@dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: str


def band_of(percent: int) -> tuple[str, str]:
    """The fill and text colours of a share meeting, in percent."""
    for low, high, fill, ink in BANDS:
        if low <= percent < high:
            return fill, ink
    return BANDS[-1][2], BANDS[-1][3]


def legend() -> list[LegendEntry]:
    """The colour bands, lowest first, and the colour of a cell nobody is entitled in."""
    labels = ("under 20 %", "20 to 39 %", "40 to 59 %", "60 to 79 %", "80 % or more")
    entries = [LegendEntry(label, band[2]) for label, band in zip(labels, BANDS, strict=True)]
    return [*entries, LegendEntry("nobody entitled", EMPTY)]


def _cell(x: int, y: int, share: Share | None) -> str:
    if share is None:
        return (
            f'<rect x="{x}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" fill="{EMPTY}"/>'
            f'<text x="{x + CELL_W // 2}" y="{y + 17}" text-anchor="middle" font-size="12" '
            f'fill="#1b1b1b">—</text>'
        )
    fill, ink = band_of(share.percent_meets)
    return (
        f'<rect x="{x}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" fill="{fill}"/>'
        f'<text x="{x + CELL_W // 2}" y="{y + 17}" text-anchor="middle" font-size="12" '
        f'fill="{ink}">{share.percent_meets} %</text>'
    )


_PLACEHOLDER = 987654321


def _school_url_pattern() -> str:
    return reverse("supports:coverage_school", args=[_PLACEHOLDER])


def heat_map_table(view: HeatMap) -> SafeString:
    """The heat map's figures as table rows (``<tr>``), drawn here rather than in a
    template for the same reason."""
    pattern = _school_url_pattern()
    rows = []
    for school, cells in view.rows:
        link = pattern.replace(str(_PLACEHOLDER), str(school.pk))
        figures = "".join(f"<td>{share.text if share else '—'}</td>" for share in cells)
        rows.append(
            f'<tr><th scope="row"><a class="usa-link" href="{link}">{escape(school.name)}</a>'
            f"</th>{figures}</tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 (the names are escaped, the rest is ours)


def heat_map_svg(view: HeatMap, *, chart_id: str = "coverage-heat-map") -> SafeString:
    """The heat map as an inline SVG element (empty when there is nothing to draw)."""
    if not view.rows or not view.supports:
        return mark_safe("")
    width = LABEL_WIDTH + CELL_W * len(view.supports)
    height = HEAD_H + CELL_H * len(view.rows)
    parts = [
        f'<svg role="img" aria-labelledby="{chart_id}-title" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" class="dw-heat-map">',
        f'<title id="{chart_id}-title">Share of entitled teachers meeting each support, '
        f"school by school ({len(view.rows)} schools; the table below gives every figure)"
        "</title>",
    ]
    for i, support in enumerate(view.supports):
        x = LABEL_WIDTH + i * CELL_W + CELL_W // 2
        name = escape(support.name if len(support.name) <= 14 else support.name[:13] + "…")
        parts.append(
            f'<text x="{x}" y="{HEAD_H - 10}" text-anchor="middle" font-size="12" '
            f'fill="#1b1b1b">{name}</text>'
        )
    for j, (school, cells) in enumerate(view.rows):
        y = HEAD_H + j * CELL_H
        name = escape(school.name if len(school.name) <= 30 else school.name[:29] + "…")
        parts.append(f'<text x="0" y="{y + 17}" font-size="12" fill="#1b1b1b">{name}</text>')
        parts.extend(_cell(LABEL_WIDTH + i * CELL_W, y, share) for i, share in enumerate(cells))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text in it is escaped above)
