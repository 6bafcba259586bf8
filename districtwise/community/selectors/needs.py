"""Reads of school needs and the needs map: the needs a user may see with whether
partners meet them, the map and matrix of their schools, one school's needs and services,
and the district's totals per category (aggregates, shown to every reader).

The matching rule itself is ``districtwise.analytics.community.needs_map``; here it is fed
from the database and its answers cut to what the user may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone

from districtwise.analytics.community import needs_map as rule
from districtwise.community import access
from districtwise.community.models import PartnerService, Partnership, SchoolNeed, ServiceCategory
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Network, School

CATEGORIES: list[tuple[str, str]] = list(ServiceCategory.choices)
CATEGORY_LABELS = dict(CATEGORIES)
MET_FILTERS = [("met", "Met by a partner"), ("unmet", "Not met (a gap)")]
STATE_FILTERS = [("open", "Open"), ("resolved", "Resolved"), ("all", "Open and resolved")]


def asked_id(text: str) -> int | None:
    """An id typed in a query string, or None: digits only, and short enough for the
    database to bind (SQLite refuses an integer past 64 bits with an error)."""
    return int(text) if text.isdecimal() and len(text) <= 18 else None


def service_rows(district, *, partnerships: frozenset[int] | None = None) -> list[rule.ServiceRow]:
    """Every service of the district's partnerships (or of ``partnerships``), with the
    schools of the service and of its partnership: three queries, however many there are."""
    services = PartnerService.objects.filter(partnership__district=district)
    if partnerships is not None:
        services = services.filter(partnership_id__in=partnerships)
    found = list(
        services.values_list(
            "id",
            "partnership_id",
            "partnership__status",
            "partnership__starts_on",
            "partnership__ends_on",
            "category",
        )
    )
    own: dict[int, set[int]] = {}
    through = PartnerService.schools.through.objects.filter(
        partnerservice_id__in=[row[0] for row in found]
    )
    for service_id, school_id in through.values_list("partnerservice_id", "school_id"):
        own.setdefault(service_id, set()).add(school_id)
    theirs: dict[int, set[int]] = {}
    links = Partnership.schools.through.objects.filter(partnership__district=district)
    for partnership_id, school_id in links.values_list("partnership_id", "school_id"):
        theirs.setdefault(partnership_id, set()).add(school_id)
    return [
        rule.ServiceRow(
            partnership_id=partnership,
            status=status,
            starts_on=starts,
            ends_on=ends,
            category=category,
            service_schools=frozenset(own.get(pk, ())),
            partnership_schools=frozenset(theirs.get(partnership, ())),
        )
        for pk, partnership, status, starts, ends, category in found
    ]


def user_coverage(user, district, *, today: dt.date | None = None) -> rule.Coverage:
    """Who delivers what where, as the user may be told: every partnership for the
    district's staff, a partner's own for a partner's login."""
    scope = scope_for(user, district)
    rows = service_rows(district, partnerships=access.needs_partnership_ids(scope))
    return rule.coverage(rows, today or timezone.localdate())


def need_row(need: SchoolNeed) -> rule.NeedRow:
    return rule.NeedRow(
        need_id=need.pk,
        school_id=need.school_id,
        category=need.category,
        priority=need.priority,
        students_affected=need.students_affected,
    )


# ---------------------------------------------------------------- the list


@dataclass(frozen=True)
class NeedListRow:
    need: SchoolNeed
    met: bool


def need_list(
    *,
    user,
    district,
    school: str = "",
    network: str = "",
    category: str = "",
    met: str = "",
    state: str = "open",
) -> list[NeedListRow]:
    """The needs the user may see, filtered, highest priority first, each with whether a
    partner meets it (a resolved need is neither met nor a gap: it is shown as met when a
    partner delivers it, whatever its state)."""
    needs: QuerySet[SchoolNeed] = access.visible_school_needs(user, district).select_related(
        "school", "school__network"
    )
    if (school_id := asked_id(school)) is not None:
        needs = needs.filter(school_id=school_id)
    if (network_id := asked_id(network)) is not None:
        needs = needs.filter(school__network_id=network_id)
    if category in CATEGORY_LABELS:
        needs = needs.filter(category=category)
    if state == "resolved":
        needs = needs.filter(resolved_on__isnull=False)
    elif state != "all":
        needs = needs.filter(resolved_on__isnull=True)
    covered = user_coverage(user, district)
    rows = [NeedListRow(n, rule.is_met(need_row(n), covered)) for n in needs]
    if met in ("met", "unmet"):
        rows = [r for r in rows if r.met == (met == "met")]
    order = rule.PRIORITY_ORDER
    return sorted(rows, key=lambda r: (order.get(r.need.priority, 9), r.need.school.name))


def need_list_page(*, user, district, page, per_page: int, **filters: str) -> Page:
    rows = need_list(user=user, district=district, **filters)
    return Paginator(rows, per_page).get_page(page)


def filter_networks(schools: QuerySet[School]) -> QuerySet[Network]:
    """The networks of ``schools`` (those the user may filter by)."""
    return Network.objects.filter(schools__in=schools).distinct().order_by("name")


def filter_schools(user, district) -> QuerySet[School]:
    """The schools the user may filter the list by (those on their needs map)."""
    shown = access.needs_map_schools(scope_for(user, district))
    return School.objects.filter(district=district, pk__in=list(shown)).order_by("name")


# ---------------------------------------------------------------- the map


def cell_mark(cell: rule.MatrixCell | None) -> tuple[str, str]:
    """How a matrix cell shows on screen: its style and its symbol with words (never the
    colour alone)."""
    if cell is None:
        return "dw-cell--hidden", "—"
    if cell.state == rule.Cell.DUPLICATED:
        return "dw-cell--duplicated", f"◆ {cell.providers} partners" + (
            ", need" if cell.has_need else ""
        )
    return CELL_MARKS[cell.state]


CELL_MARKS = {
    rule.Cell.NONE: ("", ""),
    rule.Cell.MET: ("dw-cell--met", "✓ met"),
    rule.Cell.UNMET: ("dw-cell--unmet", "✗ gap"),
    rule.Cell.SERVICE_ONLY: ("dw-cell--service_only", "○ service"),
}


@dataclass(frozen=True)
class MatrixRow:
    school: School
    cells: list[tuple[str, rule.MatrixCell | None]]  # (category, cell; None: not shown)
    unmet: int
    duplicated: list[str]

    @property
    def marks(self) -> list[tuple[str, str]]:
        return [cell_mark(cell) for _, cell in self.cells]


MAP_BOX = rule.Box(640, 420)


@dataclass(frozen=True)
class MapPoint:
    school: School
    x: float
    y: float
    unmet: int


@dataclass
class NeedsMap:
    rows: list[MatrixRow]
    gaps: list[SchoolNeed]
    duplicated: list[MatrixRow]
    totals: list[rule.CategoryTotal]
    points: list[MapPoint] = field(default_factory=list)
    without_place: list[School] = field(default_factory=list)
    box: rule.Box = MAP_BOX

    @property
    def categories(self) -> list[tuple[str, str]]:
        return CATEGORIES


def district_totals(district, *, today: dt.date | None = None) -> list[rule.CategoryTotal]:
    """The district's open needs per category, with how many partners meet: aggregates
    every reader of the map may see (counts of needs, nothing about a school)."""
    needs = SchoolNeed.objects.filter(district=district, resolved_on__isnull=True)
    rows = [rule.NeedRow(pk, s, c) for pk, s, c in needs.values_list("id", "school_id", "category")]
    covered = rule.coverage(service_rows(district), today or timezone.localdate())
    return rule.category_totals(rows, covered, [c for c, _ in CATEGORIES])


def _place(school: School) -> tuple[float, float] | None:
    if school.latitude is None or school.longitude is None:
        return None
    return float(Decimal(school.latitude)), float(Decimal(school.longitude))


# What the map shows of a need (loading less keeps the page quick at 150 schools).
MAP_NEED_FIELDS = (
    "id",
    "school_id",
    "category",
    "priority",
    "students_affected",
    "description",
    "resolved_on",
)


def needs_map(*, user, district, network: str = "", today: dt.date | None = None) -> NeedsMap:
    """The needs map of the schools the user sees (of one ``network``, when given): a
    matrix row per school (cells outside what a partner may see are not shown), the gaps
    highest priority first, the schools with duplicated services, the district's totals
    per category, and the map points."""
    scope = scope_for(user, district)
    shown = access.needs_map_schools(scope)
    found = School.objects.filter(district=district, pk__in=list(shown))
    if (network_id := asked_id(network)) is not None:
        found = found.filter(network_id=network_id)
    schools = list(found.select_related("network"))
    needs = list(
        access.visible_school_needs(user, district)
        .filter(resolved_on__isnull=True, school_id__in=[s.pk for s in schools])
        .only(*MAP_NEED_FIELDS)
    )
    covered = user_coverage(user, district, today=today)
    codes = [c for c, _ in CATEGORIES]
    cells = rule.matrix([s.pk for s in schools], codes, [need_row(n) for n in needs], covered)
    by_pk = {n.pk: n for n in needs}
    gaps = [by_pk[g.need_id] for g in rule.gaps([need_row(n) for n in needs], covered)]
    school_of = {s.pk: s for s in schools}
    for need in gaps:
        need.school = school_of[need.school_id]
    rows = []
    for school in schools:
        limit = shown[school.pk]
        row = [
            (c, cell if limit is None or c in limit else None)
            for c, cell in zip(codes, cells[school.pk], strict=True)
        ]
        unmet = sum(1 for _, cell in row if cell and cell.state == rule.Cell.UNMET)
        dup = [c for c, cell in row if cell and cell.state == rule.Cell.DUPLICATED]
        rows.append(MatrixRow(school, row, unmet, dup))
    view = NeedsMap(
        rows=rows,
        gaps=gaps,
        duplicated=[r for r in rows if r.duplicated],
        totals=district_totals(district, today=today),
    )
    places = {s.pk: p for s in schools if (p := _place(s)) is not None}
    xy = rule.project(places, view.box)
    unmet_at = {r.school.pk: r.unmet for r in rows}
    view.points = [MapPoint(s, *xy[s.pk], unmet_at[s.pk]) for s in schools if s.pk in xy]
    view.without_place = [s for s in schools if s.pk not in xy]
    return view


MATRIX_LABELS = {
    rule.Cell.NONE: "",
    rule.Cell.MET: "need met",
    rule.Cell.UNMET: "need unmet",
    rule.Cell.SERVICE_ONLY: "service, no need recorded",
    rule.Cell.DUPLICATED: "duplicated",
}


def cell_text(cell: rule.MatrixCell | None) -> str:
    """A cell as words (the export and the screen reader read the same)."""
    if cell is None:
        return "not shown"
    text = MATRIX_LABELS[cell.state]
    if cell.state == rule.Cell.DUPLICATED:
        need = "need met" if cell.has_need else "no need recorded"
        text = f"duplicated: {cell.providers} partnerships, {need}"
    return text


def export_header() -> list[str]:
    return ["School", "Network", "Unmet needs", *[label for _, label in CATEGORIES]]


def export_rows(view: NeedsMap) -> list[list[object]]:
    return [
        [
            row.school.name,
            row.school.network.name if row.school.network else "",
            row.unmet,
            *[cell_text(cell) for _, cell in row.cells],
        ]
        for row in view.rows
    ]


# ---------------------------------------------------------------- one school


@dataclass
class SchoolNeedsView:
    school: School
    needs: list[NeedListRow]
    services: list[PartnerService]
    gaps: list[SchoolNeed]
    duplicated: list[tuple[str, int]]  # (category label, partnerships)


def school_needs(*, user, district, school: School, today: dt.date | None = None):
    """One school as the user may see it: its needs (open first) with whether partners
    meet them, the services of the partnerships the user may read delivered there, its
    gaps and the categories two or more partnerships deliver there."""
    day = today or timezone.localdate()
    needs = list(
        access.visible_school_needs(user, district)
        .filter(school=school)
        .order_by("resolved_on", "category")
    )
    covered = user_coverage(user, district, today=day)
    rows = [NeedListRow(n, rule.is_met(need_row(n), covered)) for n in needs]
    open_rows = [need_row(n) for n in needs if n.resolved_on is None]
    by_pk = {n.pk: n for n in needs}
    partnerships = access.visible_partnerships(user, district)
    delivered_there = Q(schools=school) | Q(schools__isnull=True, partnership__schools=school)
    services = list(
        PartnerService.objects.filter(partnership__in=partnerships)
        .filter(delivered_there)
        .distinct()
        .select_related("partnership", "partnership__partner")
        .order_by("category", "name")
    )
    dup = rule.duplicates(covered, [school.pk]).get(school.pk, [])
    return SchoolNeedsView(
        school=school,
        needs=rows,
        services=services,
        gaps=[by_pk[g.need_id] for g in rule.gaps(open_rows, covered)],
        duplicated=[(CATEGORY_LABELS[c], len(covered[(school.pk, c)])) for c in dup],
    )
