"""Reads of coverage: a stored run's figures, as far as the user may see them.

Aggregates (shares of entitled teachers meeting, partial, none) for every school the user
reads; teacher rows only for the schools whose leaders, network lead or district-wide
roles they are (``access.may_see_teachers_at``). Everything comes from the run's Parquet
files, so a page does no computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.http import Http404

from districtwise.analytics.supports.coverage import BAND_NAMES, EXPERIENCE_BANDS
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Network, Person, School
from districtwise.supports import access
from districtwise.supports.models import CoverageRun, DeliveryLog, Support

STATUS_NAMES = {"meets": "Meets", "partial": "Partial", "none": "None received"}
BAND_ORDER = {band: i for i, band in enumerate(EXPERIENCE_BANDS)}


@dataclass(frozen=True)
class Share:
    """Entitled teacher-support pairs and how many meet, partly meet or go without."""

    entitled: int
    meets: int
    partial: int
    none: int

    @property
    def share_meets(self) -> float:
        return self.meets / self.entitled if self.entitled else 0.0

    @property
    def percent_meets(self) -> int:
        return round(100 * self.share_meets)

    @property
    def text(self) -> str:
        """ "33 % (1 of 3)": the share meeting and what it is of."""
        return f"{self.percent_meets} % ({self.meets} of {self.entitled})"


@dataclass
class RollupLine:
    """One line of a roll-up table: a label and its share (overall, every support)."""

    label: str
    share: Share
    by_support: dict[int, Share] = field(default_factory=dict)
    cells: list[Share | None] = field(default_factory=list)

    def align(self, supports: list[Support]) -> RollupLine:
        """Set ``cells``: the share of each of ``supports``, in their order."""
        self.cells = [self.by_support.get(s.pk) for s in supports]
        return self


@dataclass(frozen=True)
class SchoolName:
    """A school as a heat map row names it."""

    pk: int
    name: str


@dataclass
class HeatMap:
    """Schools (rows) by supports (columns), each cell the share meeting (None: nobody
    entitled)."""

    supports: list[Support]
    rows: list[tuple[SchoolName, list[Share | None]]]


@dataclass
class TeacherLine:
    """A teacher's coverage of one support."""

    teacher_id: int
    name: str
    support: Support
    required: int
    received: int
    status: str
    band: str
    window_days: int

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def band_name(self) -> str:
        return BAND_NAMES[self.band]


def current_run(*, user, district) -> CoverageRun | None:
    """The newest finished coverage run, for anyone who reads the school pages."""
    if not access.may_see_coverage(scope_for(user, district)):
        return None
    runs = CoverageRun.objects.filter(district=district, status=CoverageRun.Status.SUCCEEDED)
    for run in runs.order_by("-computed_at", "-id")[:3]:
        if run.path and Path(run.path).is_dir():
            return run
    return None


def _read(run: CoverageRun, name: str, filters=None) -> pa.Table:
    return pq.read_table(Path(run.path) / f"{name}.parquet", filters=filters)


@lru_cache(maxsize=8)
def _rollup_table(path: str) -> pa.Table:
    """A run's roll-ups, read once per process (a run's files never change)."""
    return pq.read_table(Path(path) / "rollups.parquet")


def _share(row: dict) -> Share:
    return Share(row["entitled"], row["meets"], row["partial"], row["none"])


def _supports(district, run: CoverageRun) -> list[Support]:
    ids = set(pc.unique(_rollup_table(run.path).column("support_id")).drop_null().to_pylist())
    return list(Support.objects.filter(district=district, pk__in=ids).order_by("name"))


def _rollups(run: CoverageRun, unit_type: str, group_type: str) -> list[dict]:
    table = _rollup_table(run.path)
    wanted = pc.and_(
        pc.equal(table.column("unit_type"), unit_type),
        pc.equal(table.column("group_type"), group_type),
    )
    return table.filter(wanted).to_pylist()


def heat_map(*, user, district, run: CoverageRun) -> HeatMap:
    """The share of entitled teachers meeting each support, school by school, for the
    schools the user reads."""
    supports = _supports(district, run)
    named = _visible_schools(user, district).order_by("name").values_list("pk", "name")
    schools = [SchoolName(pk, name) for pk, name in named]
    cells = {
        (r["unit_id"], r["support_id"]): _share(r)
        for r in _rollups(run, "school", "all")
        if r["group_value"] == "all" and r["support_id"] is not None
    }
    rows = [(s, [cells.get((s.pk, p.pk)) for p in supports]) for s in schools]
    return HeatMap(supports, [(s, line) for s, line in rows if any(line)])


def _visible_schools(user, district):
    seen = access.visible_school_ids(scope_for(user, district))
    schools = School.objects.filter(district=district).select_related("network")
    return schools if seen is None else schools.filter(pk__in=seen)


def _lines(rows: list[dict], key, label) -> list[RollupLine]:
    lines: dict[object, RollupLine] = {}
    for r in rows:
        line = lines.setdefault(key(r), RollupLine(label(r), Share(0, 0, 0, 0)))
        if r["support_id"] is None:
            line.share = _share(r)
        else:
            line.by_support[r["support_id"]] = _share(r)
    return list(lines.values())


def network_lines(*, user, district, run: CoverageRun) -> list[RollupLine]:
    """Each network the user oversees (every one, for district-wide roles)."""
    scope = scope_for(user, district)
    if scope.district_wide:
        networks = Network.objects.filter(district=district)
    else:
        networks = Network.objects.filter(district=district, pk__in=scope.network_ids)
    names = dict(networks.values_list("pk", "name"))
    rows = [r for r in _rollups(run, "network", "all") if r["unit_id"] in names]
    return sorted(_lines(rows, lambda r: r["unit_id"], lambda r: names[r["unit_id"]]), key=str)


def _broadest_unit(user, district) -> tuple[str, set[int | None]]:
    """The roll-ups a user reads by band and tier: the district for district-wide roles,
    their networks for a network lead, else their schools."""
    scope = scope_for(user, district)
    if scope.district_wide:
        return "district", {None}
    if scope.network_ids:
        return "network", set(scope.network_ids)
    return "school", set(access.visible_school_ids(scope) or ())


def group_lines(*, user, district, run: CoverageRun, group_type: str) -> list[RollupLine]:
    """Roll-ups overall (``all``), by experience band (new teachers first) or by school
    tier, over the broadest unit the user reads: the district, else their networks or
    schools summed (a teacher in two of them counts in each)."""
    unit_type, units = _broadest_unit(user, district)
    rows = [r for r in _rollups(run, unit_type, group_type) if r["unit_id"] in units]
    merged: dict[tuple, list[int]] = {}
    for r in rows:
        counts = merged.setdefault((r["group_value"], r["support_id"]), [0, 0, 0, 0])
        for i, name in enumerate(("entitled", "meets", "partial", "none")):
            counts[i] += r[name]
    summed = [
        dict(group_value=g, support_id=s, entitled=c[0], meets=c[1], partial=c[2], none=c[3])
        for (g, s), c in merged.items()
    ]
    lines = _lines(summed, lambda r: r["group_value"], lambda r: _group_label(group_type, r))
    order = (lambda line: line.label) if group_type == "tier" else _band_order
    return sorted(lines, key=order)


def _group_label(group_type: str, row: dict) -> str:
    value = row["group_value"]
    if group_type == "all":
        return "Every entitled teacher you oversee"
    if group_type == "experience":
        return BAND_NAMES.get(value, value)
    return "Not placed in a tier" if value == "none" else f"Tier {value}"


def _band_order(line: RollupLine) -> int:
    names = {name: BAND_ORDER[band] for band, name in BAND_NAMES.items()}
    return names.get(line.label, 99)


@dataclass
class SchoolCoverage:
    """A school's coverage: by support and by band for everyone who reads the school;
    teacher rows and the teachers going without only for those who may see teachers."""

    school: School
    by_support: list[tuple[Support, Share]]
    by_band: list[RollupLine]
    teachers: list[TeacherLine] | None
    going_without: list[TeacherLine] | None

    @property
    def by_support_list(self) -> list[Support]:
        return [support for support, _ in self.by_support]


def school_coverage(*, user, district, run: CoverageRun, school: School) -> SchoolCoverage:
    """One school of a run (the caller has checked the user reads the school)."""
    supports = {s.pk: s for s in _supports(district, run)}
    mine = [r for r in _rollups(run, "school", "all") if r["unit_id"] == school.pk]
    by_support = [
        (supports[r["support_id"]], _share(r))
        for r in mine
        if r["support_id"] in supports and r["group_value"] == "all"
    ]
    band_rows = [r for r in _rollups(run, "school", "experience") if r["unit_id"] == school.pk]
    by_band = sorted(
        _lines(band_rows, lambda r: r["group_value"], lambda r: _group_label("experience", r)),
        key=_band_order,
    )
    teachers = going = None
    if access.may_see_teachers_at(scope_for(user, district), school):
        teachers = teacher_lines(run=run, school=school, supports=supports)
        going = [t for t in teachers if t.status != "meets"]
        going.sort(key=lambda t: (BAND_ORDER[t.band], t.status != "none", t.name))
    by_support.sort(key=lambda pair: pair[0].name)
    for line in by_band:
        line.align([s for s, _ in by_support])
    return SchoolCoverage(school, by_support, by_band, teachers, going)


def teacher_lines(*, run: CoverageRun, school: School, supports: dict[int, Support]):
    """Every teacher of the school in the run and each support they are entitled to,
    by name (callers check the user may see teachers of the school)."""
    members = _read(run, "memberships", [("school_id", "=", school.pk)]).column("teacher_id")
    rows = _read(run, "teachers", [("teacher_id", "in", members.to_pylist() or [-1])])
    names = _names(set(rows.column("teacher_id").to_pylist()))
    lines = [
        TeacherLine(
            teacher_id=r["teacher_id"],
            name=names.get(r["teacher_id"], f"Teacher {r['teacher_id']}"),
            support=supports[r["support_id"]],
            required=r["required"],
            received=r["received"],
            status=r["status"],
            band=r["experience_band"],
            window_days=r["window_days"],
        )
        for r in rows.to_pylist()
        if r["support_id"] in supports
    ]
    return sorted(lines, key=lambda t: (t.name, t.teacher_id, t.support.name))


def _names(ids: set[int]) -> dict[int, str]:
    people = Person.objects.filter(pk__in=ids).values_list("pk", "family_name", "given_name")
    return {pk: f"{family}, {given}" for pk, family, given in people}


@dataclass
class TeacherCoverage:
    """One teacher of a run: their schools, each entitled support and the deliveries."""

    teacher: Person
    schools: list[School]
    lines: list[TeacherLine]
    deliveries: list[DeliveryLog]


def teacher_coverage(*, user, district, run: CoverageRun, pk: int) -> TeacherCoverage:
    """A teacher's coverage. 404 unless the teacher belongs, in the run, to a school the
    user reads; 403 when the user reads it but may not see teachers there (a coach)."""
    from django.core.exceptions import PermissionDenied

    scope = scope_for(user, district)
    members = _read(run, "memberships", [("teacher_id", "=", pk)]).column("school_id")
    schools = list(_visible_schools(user, district).filter(pk__in=members.to_pylist()))
    teacher = Person.objects.filter(district=district, pk=pk).first()
    if teacher is None or not schools:
        raise Http404("Not found")
    if not any(access.may_see_teachers_at(scope, s) for s in schools):
        raise PermissionDenied("Only the school's leaders and its network lead see teachers.")
    supports = {s.pk: s for s in _supports(district, run)}
    names = {pk: f"{teacher.family_name}, {teacher.given_name}"}
    rows = _read(run, "teachers", [("teacher_id", "=", pk)]).to_pylist()
    lines = [
        TeacherLine(
            pk,
            names[pk],
            supports[r["support_id"]],
            r["required"],
            r["received"],
            r["status"],
            r["experience_band"],
            r["window_days"],
        )
        for r in rows
        if r["support_id"] in supports
    ]
    logs = DeliveryLog.objects.filter(
        district=district,
        attendees__teacher_id=pk,
        delivered_on__range=(run.starts_on, run.ends_on),
    ).select_related("support", "school")
    return TeacherCoverage(teacher, schools, lines, list(logs.order_by("delivered_on", "pk")))


def export_rows(lines: list[TeacherLine]) -> list[list[object]]:
    """The school's teacher table as spreadsheet rows (the header is ``EXPORT_HEADER``)."""
    return [
        [t.name, t.band_name, t.support.name, t.required, t.received, t.status_name] for t in lines
    ]


EXPORT_HEADER = ["Teacher", "Experience", "Support", "Required", "Received", "Status"]
