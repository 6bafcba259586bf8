"""A driver diagram drawn as SVG on the server: the aim on the left, then the primary
drivers, the secondary drivers and the change ideas, each column left to right, lines from
each thing to what hangs under it.

Text is wrapped inside fixed-width boxes; boxes in a column are stacked, never overlapping.
Secondary drivers are grouped beside their primary driver; a primary driver with ideas
hung directly under it keeps an empty slot in the secondary column that its lines pass
through, so no line crosses a box. A change idea under several drivers is drawn once, as
near the middle of its drivers as the ideas above it allow, with a line to each driver.

The drawing is one named image (``role="img"``, a title and a description); the page
gives the same diagram as a nested list.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape

from districtwise.improvement.selectors.diagram import DiagramTree, DriverNode

INK = "#1b1b1b"
BLUE = "#005ea2"
DARK_BLUE = "#162e51"
PALE_BLUE = "#d9e8f6"
GREY = "#565c65"
PALE = "#f0f0f0"
WHITE = "#ffffff"

MARGIN = 8
COLUMN = 200  # a box's width
GAP = 56  # between columns, where the lines run
PAD = 8  # inside a box
LINE = 15  # text line height
FONT = 12
CHARS = 27  # characters per line at FONT in a COLUMN-wide box
ROW_GAP = 10  # between boxes of a column
GROUP_GAP = 22  # between one primary driver's group and the next
PASS_SLOT = 18  # the slot a primary driver's own idea lines pass through
HEADER = 30  # the column headings
COLUMNS = ("Aim", "Primary drivers", "Secondary drivers", "Change ideas")


@dataclass
class Box:
    """One drawn box: which column, where, its lines of text and an optional note line."""

    column: int
    x: float
    y: float
    lines: list[str]
    note: str = ""
    w: float = COLUMN

    @property
    def h(self) -> float:
        return box_height(self.lines, self.note)

    @property
    def middle(self) -> float:
        return self.y + self.h / 2


@dataclass
class Layout:
    """Every box and line of the diagram, and the drawing's size."""

    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def column_x(column: int) -> float:
    return MARGIN + column * (COLUMN + GAP)


def wrap(text: str) -> list[str]:
    """The text in lines that fit a box (long words are broken)."""
    return textwrap.wrap(text, CHARS, break_long_words=True) or [""]


def box_height(lines: list[str], note: str = "") -> float:
    return 2 * PAD + LINE * (len(lines) + (1 if note else 0))


def _curve_on(x1: float, y1: float, x2: float, y2: float) -> str:
    mid = (x1 + x2) / 2
    return f"C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    return f"M{x1:.1f},{y1:.1f} " + _curve_on(x1, y1, x2, y2)


def _place_drivers(tree: DiagramTree, gap: float) -> tuple[dict[int, Box], dict, float]:
    """Stack the primary drivers' groups; returns each driver's box, the y each idea line
    leaves a driver at (a slot for primaries), and the bottom of the driver columns."""
    boxes: dict[int, Box] = {}
    anchors: dict[int, tuple[float, float]] = {}  # driver pk -> (x, y) where idea lines start
    y = float(HEADER + MARGIN)
    for primary in tree.primaries:
        children = [Box(2, column_x(2), 0, wrap(c.driver.text)) for c in primary.children]
        heights = [b.h for b in children] + ([PASS_SLOT] if primary.ideas else [])
        rows = sum(heights) + ROW_GAP * max(0, len(heights) - 1)
        box = Box(1, column_x(1), 0, wrap(primary.driver.text))
        group = max(rows, box.h)
        box.y = y + (group - box.h) / 2
        boxes[primary.driver.pk] = box
        row_y = y + (group - rows) / 2
        for child, child_box in zip(primary.children, children, strict=True):
            child_box.y = row_y
            boxes[child.driver.pk] = child_box
            anchors[child.driver.pk] = (child_box.x + COLUMN, child_box.middle)
            row_y += child_box.h + ROW_GAP
        if primary.ideas:
            anchors[primary.driver.pk] = (column_x(2) + COLUMN, row_y + PASS_SLOT / 2)
        y += group + gap
    return boxes, anchors, y - gap


def _place_ideas(tree: DiagramTree, anchors: dict) -> dict[int, tuple[Box, list[int]]]:
    """Each idea once, near the middle of its drivers, in that order, without overlaps."""
    under: dict[int, list[int]] = {}
    for primary in tree.primaries:
        for node in [primary, *primary.children]:
            for idea, _ in node.ideas:
                under.setdefault(idea.idea.pk, []).append(node.driver.pk)
    wanted = []
    for idea in tree.ideas:
        ys = [anchors[pk][1] for pk in under[idea.idea.pk]]
        box = Box(3, column_x(3), 0, wrap(idea.idea.title), idea.tested)
        wanted.append((sum(ys) / len(ys) - box.h / 2, idea.idea.pk, box))
    placed: dict[int, tuple[Box, list[int]]] = {}
    floor = float(HEADER + MARGIN)
    for top, pk, box in sorted(wanted, key=lambda w: w[0]):
        box.y = max(top, floor)
        floor = box.y + box.h + ROW_GAP
        placed[pk] = (box, under[pk])
    return placed


def diagram_layout(tree: DiagramTree) -> Layout:
    """Where every box and line goes."""
    boxes, anchors, bottom = _place_drivers(tree, GROUP_GAP)
    ideas = _place_ideas(tree, anchors)
    ideas_bottom = max((box.y + box.h for box, _ in ideas.values()), default=0)
    if ideas_bottom > bottom and len(tree.primaries) > 1:
        # More ideas than drivers: spread the drivers' groups down beside them, so the
        # lines run across rather than steeply down.
        gap = GROUP_GAP + (ideas_bottom - bottom) / (len(tree.primaries) - 1)
        boxes, anchors, bottom = _place_drivers(tree, gap)
        ideas = _place_ideas(tree, anchors)
    for box, _ in ideas.values():
        bottom = max(bottom, box.y + box.h)
    aim = Box(0, column_x(0), 0, wrap(tree.aim))
    height = max(bottom, HEADER + MARGIN + aim.h) + MARGIN
    aim.y = HEADER + (height - HEADER - aim.h) / 2
    layout = Layout(column_x(4) - GAP + MARGIN, height, [aim, *boxes.values()])
    for primary in tree.primaries:
        box = boxes[primary.driver.pk]
        layout.paths.append(_curve(aim.x + COLUMN, aim.middle, box.x, box.middle))
        layout.paths += _driver_paths(primary, box, boxes)
    for box, driver_pks in ideas.values():
        layout.boxes.append(box)
        layout.paths += [_idea_path(boxes[pk], anchors[pk], box) for pk in driver_pks]
    return layout


def _idea_path(driver: Box, anchor: tuple[float, float], idea: Box) -> str:
    """A line from a driver to an idea; from a primary driver, across its empty slot in
    the secondary column first."""
    x, y = anchor
    end = _curve_on(x, y, idea.x, idea.middle)
    if driver.column == 2:
        return f"M{x:.1f},{y:.1f} {end}"
    slot = column_x(2)
    start = _curve(driver.x + COLUMN, driver.middle, slot, y)
    return f"{start} L{x:.1f},{y:.1f} {end}"


def _driver_paths(primary: DriverNode, box: Box, boxes: dict[int, Box]) -> list[str]:
    return [
        _curve(box.x + COLUMN, box.middle, boxes[c.driver.pk].x, boxes[c.driver.pk].middle)
        for c in primary.children
    ]


STYLES = {
    0: (DARK_BLUE, DARK_BLUE, WHITE),
    1: (PALE_BLUE, BLUE, INK),
    2: (WHITE, BLUE, INK),
    3: (PALE, GREY, INK),
}


def _box_svg(box: Box) -> str:
    fill, stroke, ink = STYLES[box.column]
    weight = ' font-weight="bold"' if box.column in (0, 1) else ""
    parts = [
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w}" height="{box.h:.1f}" '
        f'rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
        f'<text x="{box.x + PAD:.1f}" y="{box.y + PAD:.1f}" font-size="{FONT}" '
        f'fill="{ink}"{weight}>'
    ]
    for line in box.lines:
        parts.append(f'<tspan x="{box.x + PAD:.1f}" dy="{LINE}">{escape(line)}</tspan>')
    if box.note:
        parts.append(
            f'<tspan x="{box.x + PAD:.1f}" dy="{LINE}" font-size="11" fill="{GREY}" '
            f'font-style="italic">{escape(box.note)}</tspan>'
        )
    return "".join(parts) + "</text>"


def describe(tree: DiagramTree) -> str:
    """The diagram's size in words (its description for screen readers)."""
    secondaries = sum(len(p.children) for p in tree.primaries)
    return (
        f"Aim: {tree.aim} {len(tree.primaries)} primary drivers, {secondaries} secondary "
        f"drivers and {len(tree.ideas)} change ideas. The list after the diagram gives the "
        "same tree in words."
    )


def diagram_svg(tree: DiagramTree, *, chart_id: str, title: str) -> str:
    """The diagram as SVG markup (empty when it has no driver yet)."""
    if tree.is_empty:
        return ""
    layout = diagram_layout(tree)
    headings = "".join(
        f'<text x="{column_x(i):.1f}" y="{HEADER - 10}" font-size="13" font-weight="bold" '
        f'fill="{INK}">{name}</text>'
        for i, name in enumerate(COLUMNS)
    )
    lines = "".join(
        f'<path d="{d}" fill="none" stroke="{GREY}" stroke-width="1.2"/>' for d in layout.paths
    )
    boxes = "".join(_box_svg(b) for b in layout.boxes)
    w, h = f"{layout.width:.0f}", f"{layout.height:.0f}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="{w}" height="{h}" viewBox="0 0 {w} {h}" class="dw-driver-diagram" '
        f'font-family="Source Sans Pro, Helvetica, Arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(describe(tree))}</desc>'
        f"{headings}{lines}{boxes}</svg>"
    )
