"""The diagram's tree, its drawing and what changed between versions
(improvement.selectors.diagram, improvement.charts.diagram)."""

from __future__ import annotations

import re
from itertools import combinations

import pytest

from districtwise.improvement.charts.diagram import COLUMN, diagram_layout, diagram_svg, wrap
from districtwise.improvement.selectors import diagram as selectors
from districtwise.improvement.services import diagram as services
from districtwise.improvement.services import diagram_ideas as ideas
from tests import factories as f
from tests.improvement.matrix import matrix_network


@pytest.fixture
def network(cast):
    return matrix_network(cast)


@pytest.fixture
def lead(cast):
    return cast["north_lead"]


def big_tree(network, lead, *, primaries=5, secondaries=12, idea_count=20):
    """A diagram of the size the page must stay readable at: long words, ideas under
    several drivers, some ideas directly under a primary driver."""
    tops = [
        services.driver_add(
            actor=lead, network=network, text=f"Primary driver {i} with a fairly long name " * 2
        )
        for i in range(primaries)
    ]
    seconds = [
        services.driver_add(
            actor=lead, network=network, text=f"Secondary {j}: teachers see it", parent=tops[j % 5]
        )
        for j in range(secondaries)
    ]
    drivers = seconds + tops
    for k in range(idea_count):
        idea = ideas.change_idea_create(actor=lead, network=network, title=f"Change idea {k} " * 3)
        for driver in {drivers[k % len(drivers)], drivers[(k * 7 + 3) % len(drivers)]}:
            services.idea_place(actor=lead, driver=driver, idea=idea)
    return selectors.diagram_tree(tops[0].version)


def overlaps(a, b) -> bool:
    return not (a.y + a.h <= b.y or b.y + b.h <= a.y or a.x + a.w <= b.x or b.x + b.w <= a.x)


def test_a_full_size_diagram_draws_every_box_once_and_none_overlap(network, lead):
    tree = big_tree(network, lead)
    layout = diagram_layout(tree)
    columns = [sum(1 for b in layout.boxes if b.column == c) for c in range(4)]
    assert columns == [1, 5, 12, 20]
    for a, b in combinations(layout.boxes, 2):
        assert not overlaps(a, b), (a.lines, b.lines)
    assert all(b.x + b.w <= layout.width and b.y + b.h <= layout.height for b in layout.boxes)
    # Lines: aim to 5 primaries, primaries to 12 secondaries, one per placement.
    placements = sum(len(n.ideas) for p in tree.primaries for n in [p, *p.children])
    assert len(layout.paths) == 5 + 12 + placements


def test_no_line_crosses_a_secondary_driver_box(network, lead):
    """Lines from a primary driver straight to its ideas pass through an empty slot of the
    secondary column, never over a box there."""
    tree = big_tree(network, lead)
    layout = diagram_layout(tree)
    secondary = [b for b in layout.boxes if b.column == 2]
    for d in layout.paths:
        for _x, y in re.findall(r"L([\d.]+),([\d.]+)", d):  # the straight run across the slot
            assert not any(b.y <= float(y) <= b.y + b.h for b in secondary)


def test_text_is_wrapped_to_the_box_and_escaped(network, lead):
    assert all(len(line) <= 27 for line in wrap("a" * 70 + " tiny words after it"))
    services.driver_add(actor=lead, network=network, text="Families <b>&</b> schools")
    version = selectors.working_version(network)
    svg = diagram_svg(selectors.diagram_tree(version), chart_id="d", title="Diagram & more")
    assert "Families &lt;b&gt;&amp;&lt;/b&gt; schools" in svg
    assert 'role="img"' in svg and 'aria-labelledby="d-title d-desc"' in svg
    assert '<title id="d-title">Diagram &amp; more</title>' in svg
    assert f'width="{COLUMN}"' in svg


def test_an_idea_under_two_drivers_is_one_box_saying_its_cycle_count(network, lead):
    p1 = services.driver_add(actor=lead, network=network, text="Relationships")
    p2 = services.driver_add(actor=lead, network=network, text="Feedback")
    s1 = services.driver_add(actor=lead, network=network, text="Advisory", parent=p1)
    idea = ideas.change_idea_create(actor=lead, network=network, title="Grade check-ins")
    services.idea_place(actor=lead, driver=s1, idea=idea)
    services.idea_place(actor=lead, driver=p2, idea=idea)
    team = network.teams.get()
    f.CycleFactory(team=team, change_idea=idea)
    f.CycleFactory(team=team, change_idea=idea)
    tree = selectors.diagram_tree(p1.version)
    assert [i.idea.title for i in tree.ideas] == ["Grade check-ins"]
    assert tree.ideas[0].under == ["Advisory", "Feedback"]
    assert tree.ideas[0].tested == "Tested in 2 cycles"
    svg = diagram_svg(tree, chart_id="d", title="t")
    assert svg.count("Grade check-ins") == 1 and "Tested in 2 cycles" in svg
    assert svg.count("<path") == 2 + 1 + 2  # aim→2 primaries, primary→secondary, 2 idea lines


def test_an_empty_diagram_draws_nothing(network, lead):
    version = services.working_version_open(actor=lead, network=network)
    assert diagram_svg(selectors.diagram_tree(version), chart_id="d", title="t") == ""


def test_a_version_says_what_changed_from_the_one_before(network, lead):
    p1 = services.driver_add(actor=lead, network=network, text="Relationships")
    p2 = services.driver_add(actor=lead, network=network, text="Feedback")
    s1 = services.driver_add(actor=lead, network=network, text="Advisory", parent=p1)
    services.driver_add(actor=lead, network=network, text="Dropped", parent=p2)
    stays = ideas.change_idea_create(actor=lead, network=network, title="Stays")
    moves = ideas.change_idea_create(actor=lead, network=network, title="Moves")
    goes = ideas.change_idea_create(actor=lead, network=network, title="Goes")
    for idea in (stays, moves, goes):
        services.idea_place(actor=lead, driver=s1, idea=idea)
    services.version_record(actor=lead, network=network, note="v1")
    v2 = selectors.working_version(network)
    copy = {d.text: d for d in v2.drivers.all()}
    services.driver_rename(actor=lead, driver=copy["Relationships"], text="Belonging")
    services.driver_remove(actor=lead, driver=copy["Dropped"])
    services.driver_add(actor=lead, network=network, text="Attendance")
    advisory = copy["Advisory"]
    moved = advisory.placements.get(idea=moves)
    services.placement_remove(actor=lead, placement=moved)
    services.idea_place(actor=lead, driver=copy["Feedback"], idea=moves)
    services.placement_remove(actor=lead, placement=advisory.placements.get(idea=goes))
    new = ideas.change_idea_create_and_place(actor=lead, driver=copy["Feedback"], title="New")
    changes = selectors.version_changes(v2)
    assert changes.previous.number == 1
    assert changes.drivers_added == ["Attendance"]
    assert changes.drivers_removed == ["Dropped"]
    assert changes.drivers_renamed == [("Relationships", "Belonging")]
    assert changes.drivers_moved == []
    assert changes.ideas_added == [new.title]
    assert changes.ideas_removed == ["Goes"]
    assert changes.ideas_moved == [("Moves", "“Advisory”", "“Feedback”")]
    first = selectors.version_changes(selectors.version_by_number(network, 1))
    assert first.previous is None and first.nothing


def test_a_copied_version_with_no_edit_has_nothing_changed(network, lead):
    p1 = services.driver_add(actor=lead, network=network, text="P")
    idea = ideas.change_idea_create(actor=lead, network=network, title="I")
    services.idea_place(actor=lead, driver=p1, idea=idea)
    services.version_record(actor=lead, network=network, note="v1")
    assert selectors.version_changes(selectors.working_version(network)).nothing


def test_the_idea_list_says_where_each_idea_hangs_and_puts_retired_ones_last(network, lead):
    p1 = services.driver_add(actor=lead, network=network, text="P")
    a = ideas.change_idea_create(actor=lead, network=network, title="A idea")
    b = ideas.change_idea_create(actor=lead, network=network, title="B idea")
    services.idea_place(actor=lead, driver=p1, idea=a)
    services.idea_place(actor=lead, driver=p1, idea=b)
    ideas.change_idea_retire(actor=lead, idea=a)
    rows = selectors.change_idea_rows(network)
    assert [(r.idea.title, [d.text for d in r.under]) for r in rows] == [
        ("B idea", ["P"]),
        ("A idea", []),
    ]
