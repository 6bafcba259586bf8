"""Reads of a network's driver diagram: its versions, the tree of one version, what changed
from the version before, and the network's change ideas with where each hangs.

Every function takes a network the user may read (``access.get_network_for_user``) or a
version of one; none of them changes anything.

Change ideas hang under secondary drivers or directly under a primary driver (a primary
with no secondary drivers yet, or a change that works on the primary as a whole). An idea
under several drivers is one idea: the diagram draws it once with a line to each driver.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from districtwise.improvement.models import (
    ChangeIdea,
    Cycle,
    DiagramVersion,
    Driver,
    IdeaPlacement,
    ImprovementNetwork,
)


# ---- the tree of one version ----
@dataclass
class IdeaNode:
    """A change idea as the diagram shows it: its title and how many cycles tested it."""

    idea: ChangeIdea
    cycles: int
    under: list[str] = field(default_factory=list)  # the drivers' words, in diagram order

    @property
    def tested(self) -> str:
        """How many cycles tested the idea, in words."""
        if self.cycles == 0:
            return "Not tested yet"
        return f"Tested in {self.cycles} cycle{'s' if self.cycles != 1 else ''}"


@dataclass
class DriverNode:
    """A driver with what hangs under it (secondary drivers under a primary; ideas under
    either), each idea with the pk of its placement here."""

    driver: Driver
    children: list[DriverNode] = field(default_factory=list)
    ideas: list[tuple[IdeaNode, int]] = field(default_factory=list)
    # For the editor: the network's ideas in use not yet under this driver.
    placeable: list[ChangeIdea] = field(default_factory=list)


@dataclass
class DiagramTree:
    """A version of the diagram: the aim, the primary drivers in order, and every idea
    placed in it once (in the order it first appears)."""

    version: DiagramVersion
    aim: str
    primaries: list[DriverNode]
    ideas: list[IdeaNode]

    def drivers_of(self, idea: ChangeIdea) -> list[Driver]:
        """The drivers the idea hangs under, in the diagram's order."""
        found = []
        for primary in self.primaries:
            for node in [primary, *primary.children]:
                if any(i.idea.pk == idea.pk for i, _ in node.ideas):
                    found.append(node.driver)
        return found

    @property
    def is_empty(self) -> bool:
        return not self.primaries


def working_version(network: ImprovementNetwork) -> DiagramVersion | None:
    """The version being edited: the newest one not yet recorded (None before the first
    edit)."""
    return network.diagram_versions.filter(recorded_at__isnull=True).order_by("-number").first()


def recorded_versions(network: ImprovementNetwork) -> list[DiagramVersion]:
    """The recorded versions, newest first, with who recorded them."""
    found = network.diagram_versions.filter(recorded_at__isnull=False)
    return list(found.select_related("recorded_by").order_by("-number"))


def version_by_number(network: ImprovementNetwork, number: int) -> DiagramVersion | None:
    """The network's version ``number`` (recorded or working), if there is one."""
    return network.diagram_versions.filter(number=number).first()


def cycle_counts(network: ImprovementNetwork) -> dict[int, int]:
    """How many cycles tested each change idea of the network (all teams, all stages)."""
    rows = (
        Cycle.objects.filter(change_idea__network=network)
        .values("change_idea")
        .annotate(n=Count("pk"))
    )
    return {row["change_idea"]: row["n"] for row in rows}


def diagram_tree(version: DiagramVersion) -> DiagramTree:
    """The tree of ``version``: aim → primary drivers → secondary drivers → change ideas."""
    network = version.network
    drivers = list(version.drivers.order_by("position", "pk"))
    nodes = {d.pk: DriverNode(d) for d in drivers}
    primaries = [nodes[d.pk] for d in drivers if d.parent_id is None]
    for d in drivers:
        if d.parent_id is not None and d.parent_id in nodes:
            nodes[d.parent_id].children.append(nodes[d.pk])
    counts = cycle_counts(network)
    ideas: dict[int, IdeaNode] = {}
    placements = IdeaPlacement.objects.filter(driver__version=version).select_related("idea")
    for p in placements.order_by("idea__title", "pk"):
        shown = ideas.setdefault(p.idea_id, IdeaNode(p.idea, counts.get(p.idea_id, 0)))
        nodes[p.driver_id].ideas.append((shown, p.pk))
    ordered: dict[int, IdeaNode] = {}
    for primary in primaries:
        for node in [primary, *primary.children]:
            for idea, _ in node.ideas:
                ordered.setdefault(idea.idea.pk, idea)
                idea.under.append(node.driver.text)
    return DiagramTree(version, network.aim_statement, primaries, list(ordered.values()))


# ---- what changed from the version before ----
@dataclass
class VersionChanges:
    """What changed from the version before, in words ready to list."""

    previous: DiagramVersion | None
    drivers_added: list[str] = field(default_factory=list)
    drivers_removed: list[str] = field(default_factory=list)
    drivers_renamed: list[tuple[str, str]] = field(default_factory=list)
    drivers_moved: list[tuple[str, str, str]] = field(default_factory=list)
    ideas_added: list[str] = field(default_factory=list)
    ideas_removed: list[str] = field(default_factory=list)
    ideas_moved: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        drivers = (self.drivers_added, self.drivers_removed, self.drivers_renamed)
        ideas = (self.ideas_added, self.ideas_removed, self.ideas_moved)
        return not any((*drivers, self.drivers_moved, *ideas))


def _under(driver: Driver | None) -> str:
    return f"“{driver.text}”" if driver else "the aim"


def _driver_changes(changes: VersionChanges, old: list[Driver], new: list[Driver]) -> None:
    """Drivers are the same across versions when the newer was copied from the older."""
    old_by_pk = {d.pk: d for d in old}
    kept = {d.copied_from_id for d in new if d.copied_from_id in old_by_pk}
    for d in new:
        before = old_by_pk.get(d.copied_from_id) if d.copied_from_id else None
        if before is None:
            changes.drivers_added.append(d.text)
            continue
        if before.text != d.text:
            changes.drivers_renamed.append((before.text, d.text))
        new_parent = d.parent.copied_from_id if d.parent else None
        if new_parent != before.parent_id:
            changes.drivers_moved.append((d.text, _under(before.parent), _under(d.parent)))
    changes.drivers_removed = [d.text for d in old if d.pk not in kept]


def _placements(version: DiagramVersion, *, lineage: bool) -> dict[int, dict[int, Driver]]:
    """Per idea: the drivers it hangs under, keyed by the driver's identity in the older
    version (``lineage``: a copied driver by what it was copied from)."""
    found: dict[int, dict[int, Driver]] = defaultdict(dict)
    rows = IdeaPlacement.objects.filter(driver__version=version).select_related("driver", "idea")
    for p in rows:
        key = p.driver_id
        if lineage:
            # A new driver (not copied) gets a key no older driver has.
            key = p.driver.copied_from_id or -p.driver_id
        found[p.idea_id][key] = p.driver
    return found


def _idea_changes(changes: VersionChanges, old: DiagramVersion, new: DiagramVersion) -> None:
    before, after = _placements(old, lineage=False), _placements(new, lineage=True)
    titles = dict(ChangeIdea.objects.filter(network=new.network).values_list("pk", "title"))
    for idea_pk in sorted(set(before) | set(after), key=lambda pk: titles.get(pk, "")):
        title = titles.get(idea_pk, "")
        if idea_pk not in before:
            changes.ideas_added.append(title)
        elif idea_pk not in after:
            changes.ideas_removed.append(title)
        elif set(before[idea_pk]) != set(after[idea_pk]):
            was = ", ".join(_under(d) for d in before[idea_pk].values())
            now = ", ".join(_under(d) for d in after[idea_pk].values())
            changes.ideas_moved.append((title, was, now))


def version_changes(version: DiagramVersion) -> VersionChanges:
    """What changed in ``version`` from the version numbered just before it: drivers and
    ideas added, removed, renamed or moved. The first version has no such list."""
    previous = version_by_number(version.network, version.number - 1)
    changes = VersionChanges(previous)
    if previous is None:
        return changes
    old = list(previous.drivers.select_related("parent"))
    new = list(version.drivers.select_related("parent"))
    _driver_changes(changes, old, new)
    _idea_changes(changes, previous, version)
    return changes


# ---- the change ideas of the network ----
@dataclass
class IdeaRow:
    """A change idea in the list: how many cycles tested it and the drivers it hangs under
    in the working version."""

    idea: ChangeIdea
    cycles: int
    under: list[Driver]


def change_idea_rows(network: ImprovementNetwork) -> list[IdeaRow]:
    """The network's change ideas (those in use first, then the retired ones), each with
    its cycle count and where it hangs in the working diagram."""
    counts = cycle_counts(network)
    working = working_version(network)
    under: dict[int, list[Driver]] = defaultdict(list)
    if working is not None:
        rows = IdeaPlacement.objects.filter(driver__version=working).select_related("driver")
        for p in rows.order_by("driver__parent_id", "driver__position", "driver__pk"):
            under[p.idea_id].append(p.driver)
    ideas = sorted(network.change_ideas.all(), key=lambda i: (i.retired_at is not None, i.title))
    return [IdeaRow(i, counts.get(i.pk, 0), under[i.pk]) for i in ideas]


def editor_tree(version: DiagramVersion) -> DiagramTree:
    """The tree of the working version for the editor: each driver also lists the ideas
    in use that could still be hung under it."""
    tree = diagram_tree(version)
    in_use = list(version.network.change_ideas.filter(retired_at__isnull=True))
    for primary in tree.primaries:
        for node in [primary, *primary.children]:
            placed = {idea.idea.pk for idea, _ in node.ideas}
            node.placeable = [i for i in in_use if i.pk not in placed]
    return tree
