"""The stakeholder grid, drawn on the server as one self-contained SVG (no script).

Influence runs up (1 at the bottom, 5 at the top), interest across (1 at the left, 5 at the
right). The four quadrants are shaded and named. Each group is a numbered mark in its cell;
the mark's shape (and colour) says its stance, so the grid reads without colour; the page
gives the same points as a numbered table. A cell too full to draw every mark says how
many more it holds.
"""

from __future__ import annotations

import math
from html import escape

from districtwise.community.models.stakeholders import HIGH, Quadrant, Stance
from districtwise.community.selectors.stakeholders import (
    STANCE_MARKS,
    GridPoint,
    grid_cells,
)

INK = "#1b1b1b"
GREY = "#565c65"
LINE = "#a9aeb1"
CELL_W, CELL_H = 156, 110
LEFT, TOP, BOTTOM, RIGHT = 74, 12, 56, 12
BAND = 18  # the top of each cell, where a quadrant's name is written
SLOT_W, SLOT_H = 38, 20
PER_ROW = CELL_W // SLOT_W
ROWS = (CELL_H - BAND - 4) // SLOT_H
CAPACITY = PER_ROW * ROWS
WIDTH = LEFT + 5 * CELL_W + RIGHT
HEIGHT = TOP + 5 * CELL_H + BOTTOM
SHADES = {
    Quadrant.MANAGE_CLOSELY: "#e7f2f5",
    Quadrant.KEEP_SATISFIED: "#f1f1f1",
    Quadrant.KEEP_INFORMED: "#f5f9ee",
    Quadrant.MONITOR: "#ffffff",
}
COLOURS = {
    Stance.CHAMPION: "#00602b",
    Stance.SUPPORTIVE: "#1a4480",
    Stance.NEUTRAL: "#565c65",
    Stance.CONCERNED: "#8c4a00",
    Stance.OPPOSED: "#b50909",
    Stance.UNKNOWN: "#565c65",
}


def cell_origin(interest: int, influence: int) -> tuple[int, int]:
    """The top-left corner of the cell rated (``interest``, ``influence``)."""
    return LEFT + (interest - 1) * CELL_W, TOP + (5 - influence) * CELL_H


def mark(stance: str, cx: float, cy: float, r: float = 6.5) -> str:
    """The stance's shape centred at (cx, cy)."""
    shape, _ = STANCE_MARKS[Stance(stance)]
    colour = COLOURS[Stance(stance)]
    fill = f'fill="{colour}" stroke="{colour}"'
    if shape == "circle":
        return f'<circle cx="{cx}" cy="{cy}" r="{r}" {fill}/>'
    if shape == "dashed":
        return (
            f'<circle cx="{cx}" cy="{cy}" r="{r - 1}" fill="#ffffff" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="3 2"/>'
        )
    if shape == "square":
        side = r * 1.7
        return (
            f'<rect x="{cx - side / 2}" y="{cy - side / 2}" width="{side}" height="{side}" {fill}/>'
        )
    if shape == "triangle":
        corners = [(cx, cy - r), (cx + r, cy + r * 0.8), (cx - r, cy + r * 0.8)]
    elif shape == "diamond":
        corners = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
    else:  # star: five points
        corners = []
        for i in range(10):
            radius = r * 1.15 if i % 2 == 0 else r * 0.5
            angle = math.pi / 2 + i * math.pi / 5
            corners.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in corners)
    return f'<polygon points="{points}" {fill}/>'


def _quadrants() -> list[str]:
    """Shading of the four quadrants and their names, at the top-left of each."""
    parts = []
    regions = [
        (Quadrant.KEEP_SATISFIED, 1, 5, HIGH - 1, 5),
        (Quadrant.MANAGE_CLOSELY, HIGH, 5, 5, 5),
        (Quadrant.MONITOR, 1, HIGH - 1, HIGH - 1, HIGH - 1),
        (Quadrant.KEEP_INFORMED, HIGH, HIGH - 1, 5, HIGH - 1),
    ]
    for quadrant, first_interest, top_influence, last_interest, _ in regions:
        x, y = cell_origin(first_interest, top_influence)
        bottom_influence = HIGH if top_influence == 5 else 1
        _, y_end = cell_origin(first_interest, bottom_influence)
        width = (last_interest - first_interest + 1) * CELL_W
        parts.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{y_end + CELL_H - y}" '
            f'fill="{SHADES[quadrant]}"/>'
            f'<text x="{x + 6}" y="{y + 13}" font-size="12" font-weight="bold" '
            f'fill="{INK}">{escape(quadrant.label)}</text>'
        )
    return parts


def _lines_and_axes() -> list[str]:
    parts = []
    for i in range(6):
        x = LEFT + i * CELL_W
        y = TOP + i * CELL_H
        # the quadrants' borders are drawn heavier than the cells'
        x_width = 2.5 if i == HIGH - 1 else 1
        y_width = 2.5 if i == 5 - (HIGH - 1) else 1
        parts.append(
            f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + 5 * CELL_H}" stroke="{LINE}" '
            f'stroke-width="{x_width}"/>'
            f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + 5 * CELL_W}" y2="{y}" stroke="{LINE}" '
            f'stroke-width="{y_width}"/>'
        )
    for rating in range(1, 6):
        x, y = cell_origin(rating, rating)
        parts.append(
            f'<text x="{x + CELL_W / 2}" y="{TOP + 5 * CELL_H + 16}" font-size="12" '
            f'text-anchor="middle" fill="{INK}">{rating}</text>'
            f'<text x="{LEFT - 8}" y="{y + CELL_H / 2 + 4}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{rating}</text>'
        )
    middle_y = TOP + 5 * CELL_H / 2
    parts.append(
        f'<text x="{LEFT + 5 * CELL_W / 2}" y="{TOP + 5 * CELL_H + 40}" font-size="13" '
        f'text-anchor="middle" fill="{INK}">Interest in the district\'s work (1 to 5) →</text>'
        f'<text x="20" y="{middle_y}" font-size="13" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 20 {middle_y})">Influence over it (1 to 5) →</text>'
    )
    return parts


def _cell_marks(interest: int, influence: int, points: list[GridPoint]) -> list[str]:
    x0, y0 = cell_origin(interest, influence)
    shown = points if len(points) <= CAPACITY else points[: CAPACITY - 1]
    parts = []
    for i, point in enumerate(shown):
        x = x0 + 4 + (i % PER_ROW) * SLOT_W
        y = y0 + BAND + 2 + (i // PER_ROW) * SLOT_H
        parts.append(
            f"<g>{mark(point.stance, x + 8, y + 9)}"
            f'<text x="{x + 17}" y="{y + 13}" font-size="11" fill="{INK}">{point.number}</text>'
            "</g>"
        )
    if len(shown) < len(points):
        i = len(shown)
        x = x0 + 4 + (i % PER_ROW) * SLOT_W
        y = y0 + BAND + 2 + (i // PER_ROW) * SLOT_H
        parts.append(
            f'<text x="{x + 2}" y="{y + 13}" font-size="11" font-style="italic" '
            f'fill="{GREY}">+{len(points) - len(shown)}</text>'
        )
    return parts


def _words(points: list[GridPoint]) -> str:
    if not points:
        return "No groups are on the map yet."
    return "; ".join(
        f"{p.number}. {p.name}: interest {p.interest}, influence {p.influence}, "
        f"{p.quadrant.label.lower()}, {p.stance_label.lower()}"
        for p in points
    )


def stakeholder_grid_svg(points: list[GridPoint], *, title: str) -> str:
    """The grid of the module's docstring, one named image (title and a description of
    every point; the page's table gives the same)."""
    body = [*_quadrants(), *_lines_and_axes()]
    for (interest, influence), in_cell in sorted(grid_cells(points).items()):
        body.extend(_cell_marks(interest, influence, in_cell))
    words = _words(points)
    if len(words) > 4000:  # a description no one would listen to: the table says it all
        words = f"{len(points)} groups; the table below the grid lists each one."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="stakeholder-grid-title stakeholder-grid-desc" focusable="false" '
        f'width="100%" viewBox="0 0 {WIDTH} {HEIGHT}" style="max-width:{WIDTH}px" '
        f'font-family="Helvetica, Arial, sans-serif" class="dw-stakeholder-grid">'
        f'<title id="stakeholder-grid-title">{escape(title)}</title>'
        f'<desc id="stakeholder-grid-desc">{escape(words)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>'
        f"{''.join(body)}</svg>"
    )


def stance_key_svg(stance: str) -> str:
    """A small image of the stance's mark, for the legend beside its name."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 18 18" '
        f'aria-hidden="true" focusable="false">{mark(stance, 9, 9)}</svg>'
    )
