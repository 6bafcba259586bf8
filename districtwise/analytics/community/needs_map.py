"""The needs map: which needs of which schools partners meet, where they leave gaps,
and where two partnerships deliver the same thing at one school.

The matching rule. A partnership *counts* on a day when it is not ended and its
agreement covers that day (``starts_on <= day <= ends_on``): a proposed one counts once
its dates begin, an active one whose agreement lapsed does not. A service of a counting
partnership is delivered at the schools it names, or, when it names none, at every school
of its partnership. A need of school S in category C is *met* when some counting
partnership delivers a service in C at S; otherwise it is a *gap*. A school has a
*duplicated* category when two or more distinct counting partnerships deliver it there
(two services of one partnership are one provider, not a duplicate).

The map view places schools by an equirectangular projection of their latitude and
longitude into a box: longitude scaled by the cosine of the middle latitude so that
distances across and up the map match, the whole fitted inside the box with a margin.

No Django here: plain rows in, plain answers out; the web layer scopes what it shows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

ENDED = "ended"
PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class ServiceRow:
    """A partnership's service, with what the rule needs of its partnership."""

    partnership_id: int
    status: str
    starts_on: dt.date
    ends_on: dt.date
    category: str
    service_schools: frozenset[int]
    partnership_schools: frozenset[int]

    def counts_on(self, day: dt.date) -> bool:
        return self.status != ENDED and self.starts_on <= day <= self.ends_on

    @property
    def schools(self) -> frozenset[int]:
        """Where it is delivered: its own schools, else every school of the partnership."""
        return self.service_schools or self.partnership_schools


@dataclass(frozen=True)
class NeedRow:
    """An open need of a school."""

    need_id: int
    school_id: int
    category: str
    priority: str = "medium"
    students_affected: int | None = None


# (school id, category) -> the partnerships delivering that category at that school
Coverage = dict[tuple[int, str], frozenset[int]]


def coverage(services: Iterable[ServiceRow], day: dt.date) -> Coverage:
    """Per school and category, the distinct partnerships that count on ``day`` and
    deliver a service of the category there."""
    found: dict[tuple[int, str], set[int]] = {}
    for service in services:
        if not service.counts_on(day):
            continue
        for school in service.schools:
            found.setdefault((school, service.category), set()).add(service.partnership_id)
    return {key: frozenset(ids) for key, ids in found.items()}


def is_met(need: NeedRow, covered: Coverage) -> bool:
    return bool(covered.get((need.school_id, need.category)))


def gaps(needs: Iterable[NeedRow], covered: Coverage) -> list[NeedRow]:
    """The needs no counting partnership meets: highest priority first, then the most
    students affected, then by school and category."""
    unmet = [need for need in needs if not is_met(need, covered)]
    return sorted(
        unmet,
        key=lambda n: (
            PRIORITY_ORDER.get(n.priority, 9),
            -(n.students_affected or 0),
            n.school_id,
            n.category,
        ),
    )


def duplicates(covered: Coverage, schools: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Per school (among ``schools``, when given), the categories two or more distinct
    partnerships deliver there, in name order."""
    wanted = None if schools is None else set(schools)
    found: dict[int, list[str]] = {}
    for (school, category), partnerships in sorted(covered.items()):
        if len(partnerships) >= 2 and (wanted is None or school in wanted):
            found.setdefault(school, []).append(category)
    return found


class Cell(StrEnum):
    """What one cell (a school and a category) of the matrix shows."""

    NONE = "none"  # no open need, no service
    MET = "met"  # a need, met by one partnership
    UNMET = "unmet"  # a need no partnership meets: a gap
    SERVICE_ONLY = "service_only"  # a service, no recorded need
    DUPLICATED = "duplicated"  # two or more partnerships deliver it there


@dataclass(frozen=True)
class MatrixCell:
    state: Cell
    has_need: bool
    providers: int


def matrix_cell(school: int, category: str, needed: set[tuple[int, str]], covered: Coverage):
    """One cell: duplicated wins over met or service-only (whether a need is recorded
    stays in ``has_need``)."""
    providers = len(covered.get((school, category), ()))
    has_need = (school, category) in needed
    if providers >= 2:
        state = Cell.DUPLICATED
    elif has_need:
        state = Cell.MET if providers else Cell.UNMET
    else:
        state = Cell.SERVICE_ONLY if providers else Cell.NONE
    return MatrixCell(state, has_need, providers)


def matrix(
    schools: Sequence[int],
    categories: Sequence[str],
    needs: Iterable[NeedRow],
    covered: Coverage,
) -> dict[int, list[MatrixCell]]:
    """Per school, one cell per category (in the order given)."""
    needed = {(n.school_id, n.category) for n in needs}
    return {s: [matrix_cell(s, c, needed, covered) for c in categories] for s in schools}


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    needs: int
    met: int

    @property
    def unmet(self) -> int:
        return self.needs - self.met


def category_totals(
    needs: Iterable[NeedRow], covered: Coverage, categories: Sequence[str]
) -> list[CategoryTotal]:
    """District-wide counts per category: open needs, met, unmet (in the order given)."""
    counts = {c: [0, 0] for c in categories}
    for need in needs:
        row = counts.setdefault(need.category, [0, 0])
        row[0] += 1
        row[1] += is_met(need, covered)
    return [CategoryTotal(c, n, m) for c, (n, m) in counts.items()]


@dataclass(frozen=True)
class Box:
    width: float
    height: float
    margin: float = 20.0


def project(places: Mapping[int, tuple[float, float]], box: Box) -> dict[int, tuple[float, float]]:
    """Place each (latitude, longitude) in ``box`` by an equirectangular projection, north
    up, the same scale across and up, centred, every point within the margin."""
    if not places:
        return {}
    lats = [lat for lat, _ in places.values()]
    lons = [lon for _, lon in places.values()]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * squeeze
    span_y = max(lats) - min(lats)
    inner_w, inner_h = box.width - 2 * box.margin, box.height - 2 * box.margin
    scale = min(
        inner_w / span_x if span_x else math.inf,
        inner_h / span_y if span_y else math.inf,
    )
    if scale == math.inf:
        scale = 0.0  # one place (or all at one spot): the centre
    left = (box.width - span_x * scale) / 2
    top = (box.height - span_y * scale) / 2
    return {
        key: (
            round(left + (lon - min(lons)) * squeeze * scale, 1),
            round(top + (max(lats) - lat) * scale, 1),
        )
        for key, (lat, lon) in places.items()
    }
