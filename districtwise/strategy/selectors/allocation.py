"""Reads of the need-weighted allocation.

The allocation is computed on the true counts of the current equity audit (read as the
system, ``OPERATOR``): money goes to schools by their real enrolment. What a user *sees*
of the counts behind it comes through ``equity.selectors.audit_table`` as that user may
see it: their schools only, and without student-record rights no count the audit hides (a
group under the minimum display n, or one that would give such a group away). A figure
derived from a hidden count (weighted enrolment, amounts per student) is hidden with it.

Known limit: the allocations themselves are shown, and they are proportional to weighted
enrolment. Someone who sees every school's allocation under several scenarios whose
weights differ could, in principle, solve for a group's size from the differences. The
allocations are the district's decision and must be shown; the counts behind them are
not, and no page prints a district total of weighted enrolment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
from django.db.models import QuerySet

from districtwise.analytics.strategy.allocation import (
    STEP,
    WEIGHTABLE_FLAGS,
    AllocationInputError,
    QuartileAllocation,
    SchoolAllocation,
    SchoolCounts,
    Weights,
    allocation_table,
    per_students,
    quartile_table,
)
from districtwise.core.scopes import scope_for
from districtwise.equity.selectors import OPERATOR, audit_table, audit_years
from districtwise.strategy.access.allocation import (
    ADOPTED_READERS,
    reads_every_scenario,
    visible_school_ids,
)
from districtwise.strategy.models import AllocationScenario

# A metric over every student of a school: the denominator of each group is its students.
COUNT_METRIC = "identification:disability"
# What a school has now: dollars spent (school_finance.csv), or teacher FTE (staff.csv).
ACTUAL_FIGURE = {
    AllocationScenario.Unit.DOLLARS: ("per_pupil_spending", "numerator"),
    AllocationScenario.Unit.POSITIONS: ("novice_teacher_share", "denominator"),
}
# The metric the audit sums per poverty quartile over all the students of its schools.
QUARTILE_METRIC = "per_pupil_spending"
# Positions per student are tiny: they are shown per 100 students.
PER_STUDENTS = {AllocationScenario.Unit.DOLLARS: 1, AllocationScenario.Unit.POSITIONS: 100}


def scenario_list(*, user, district) -> QuerySet[AllocationScenario]:
    """The scenarios the user may see: every one for district-wide roles, the adopted ones
    for network leads and school leaders (narrowed to their schools by
    ``scenario_allocation``), none for anyone else."""
    scope = scope_for(user, district)
    scenarios = AllocationScenario.objects.filter(district=district)
    if reads_every_scenario(scope):
        return scenarios.select_related("copied_from", "created_by", "adopted_by")
    if scope.has_any(ADOPTED_READERS) and scope.school_ids:
        return scenarios.filter(adopted_at__isnull=False)
    return scenarios.none()


def allocation_years(*, district) -> list[int]:
    """The school years the current equity audit has counts for, newest first: the years a
    scenario can be computed for."""
    return audit_years(user=OPERATOR, district=district)


def _rows(table: pa.Table, metric: str) -> list[dict]:
    return table.filter(pc.equal(table["metric"], metric)).to_pylist()


def school_counts(*, district, school_year: int) -> list[SchoolCounts]:
    """Every school's true counts of the year (all students, and per weightable flag the
    students flagged Y), from the current audit. For computing, never for showing."""
    table = audit_table(user=OPERATOR, district=district, school_year=school_year)
    table = table.filter(pc.equal(table["unit_type"], "school"))
    by_school: dict[str, dict[str, int]] = {}
    for row in _rows(table, COUNT_METRIC):
        slot = by_school.setdefault(row["unit_id"], {})
        if row["group_type"] == "all":
            slot["students"] = round(row["denominator"] or 0)
        elif row["group_type"] in WEIGHTABLE_FLAGS and row["group"] == "Y":
            slot[row["group_type"]] = round(row["denominator"] or 0)
    return [
        SchoolCounts(code, slot.get("students", 0), {f: slot.get(f, 0) for f in WEIGHTABLE_FLAGS})
        for code, slot in sorted(by_school.items())
    ]


def _money(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value)).quantize(STEP)


def actual_amounts(*, district, school_year: int, unit: str) -> dict[str, Decimal | None]:
    """What each school has now, from the current audit: dollars spent at the school (the
    ``per_pupil_spending`` numerator, the sum of school_finance.amount) or teacher FTE (the
    ``novice_teacher_share`` denominator). None where the file was not imported."""
    metric, column = ACTUAL_FIGURE[AllocationScenario.Unit(unit)]
    table = audit_table(user=OPERATOR, district=district, school_year=school_year)
    table = table.filter(pc.equal(table["unit_type"], "school"))
    return {
        row["unit_id"]: _money(row[column] if row["status"] != "unavailable" else None)
        for row in _rows(table, metric)
        if row["group_type"] == "all"
    }


def scenario_weights(scenario: AllocationScenario) -> Weights:
    """The scenario's weights as the arithmetic takes them."""
    extra = {flag: Decimal(str(w)) for flag, w in (scenario.weights or {}).items()}
    return Weights(base=Decimal(scenario.base_weight), extra=extra)


def computed_lines(scenario: AllocationScenario) -> list[SchoolAllocation]:
    """Every school's allocation under the scenario, with what it has now: the stored
    lines of an adopted scenario, else computed from the current audit's true counts.
    Raises ``AllocationInputError`` when the audit has no counts for the year."""
    district, year = scenario.district, scenario.school_year
    actual = actual_amounts(district=district, school_year=year, unit=scenario.unit)
    if scenario.is_adopted:
        return [
            SchoolAllocation(
                school_id=line.school_code,
                students=line.students,
                weighted=line.weighted_enrolment,
                amount=line.amount,
                actual=actual.get(line.school_code),
                quartile=line.poverty_quartile,
                flagged=line.flagged,
            )
            for line in scenario.lines.all()
        ]
    counts = school_counts(district=district, school_year=year)
    if not counts:
        raise AllocationInputError("school_year", no_data_message(district, year))
    return allocation_table(
        counts, weights=scenario_weights(scenario), pool=scenario.pool, actual=actual
    )


def no_data_message(district, school_year: int) -> str:
    """Why there is nothing to allocate by for ``school_year``, and which years there are."""
    years = allocation_years(district=district)
    if not years:
        return "There is no equity audit of the district yet: import the district's files first."
    named = ", ".join(year_name(y) for y in years)
    return (
        f"The current equity audit has no enrolment for {year_name(school_year)} (it has {named})."
    )


def year_name(year: int) -> str:
    """2026 -> "2025-26" (a school year is named by the calendar year it ends in)."""
    return f"{year - 1}-{str(year)[-2:]}"


# ------------------------------------------------------------------ what a user sees


@dataclass
class AllocationRow:
    """One school's line as the user may see it (None: hidden or not known)."""

    school_code: str
    school_name: str
    quartile: str
    students: int | None
    flagged: dict[str, int | None]
    weighted: Decimal | None
    amount: Decimal
    actual: Decimal | None
    gap: Decimal | None
    amount_per: Decimal | None
    gap_per: Decimal | None
    hidden: bool = False


@dataclass
class QuartileRow:
    """One poverty quartile's sums as the user may see them."""

    quartile: str
    schools: int
    students: int | None
    amount: Decimal
    actual: Decimal | None
    gap: Decimal | None
    amount_per: Decimal | None
    gap_per: Decimal | None


@dataclass
class AllocationView:
    """A scenario's allocation as one user may see it."""

    scenario: AllocationScenario
    rows: list[AllocationRow] = field(default_factory=list)
    quartiles: list[QuartileRow] | None = None
    problem: str = ""
    hidden: bool = False
    actual_missing: bool = False
    per: int = 1

    @property
    def weighted_flags(self) -> list[str]:
        return [f for f in WEIGHTABLE_FLAGS if Decimal(str(self.scenario.weights.get(f, 0)))]


@dataclass(frozen=True)
class _Published:
    """The counts and figures the user's view of the audit shows, per school and quartile."""

    schools: dict[str, dict[str, float | None]]
    quartiles: dict[str, dict[str, float | None]]


def _published(user, district, scenario: AllocationScenario) -> _Published:
    """What the user's view of the audit publishes: per school its counts and what it has
    now; per poverty quartile whether its row (of spending per pupil, the one metric the
    audit sums by quartile over all students) is published, which decides whether the
    quartile's students, and the figures that give them away, may be shown."""
    table = audit_table(user=user, district=district, school_year=scenario.school_year)
    metric, column = ACTUAL_FIGURE[AllocationScenario.Unit(scenario.unit)]
    wanted = pa.array(sorted({COUNT_METRIC, metric, QUARTILE_METRIC}))
    schools: dict[str, dict[str, float | None]] = {}
    quartiles: dict[str, dict[str, float | None]] = {}
    for row in table.filter(pc.is_in(table["metric"], wanted)).to_pylist():
        if row["unit_type"] == "school" and row["metric"] == COUNT_METRIC:
            key = "students" if row["group_type"] == "all" else row["group_type"]
            if row["group"] in ("all", "Y"):
                schools.setdefault(row["unit_id"], {})[key] = row["denominator"]
        elif row["unit_type"] == "school" and row["metric"] == metric:
            if row["group_type"] == "all":
                schools.setdefault(row["unit_id"], {})["actual"] = row[column]
        elif row["group_type"] == "poverty_quartile" and row["metric"] == QUARTILE_METRIC:
            quartiles[row["group"]] = {"students": row["denominator"]}
    return _Published(schools, quartiles)


def _school_names(district) -> dict[str, tuple[int, str]]:
    from districtwise.organization.models import School

    return {s.code: (s.pk, s.name) for s in School.objects.filter(district=district)}


def _row(
    line: SchoolAllocation, name: str, shown: dict, flags: list[str], per: int
) -> AllocationRow:
    students = line.students if shown.get("students") is not None else None
    flagged = {f: (line.flagged.get(f, 0) if shown.get(f) is not None else None) for f in flags}
    # A hidden group of no students tells nothing about anyone (equity.suppression): the
    # weighted enrolment is withheld only when a hidden group has students in it.
    complete = students is not None and all(
        flagged[f] is not None or not line.flagged.get(f, 0) for f in flags
    )
    actual = line.actual if shown.get("actual") is not None else None
    gap = None if actual is None else line.amount - actual
    return AllocationRow(
        school_code=line.school_id,
        school_name=name,
        quartile=f"Q{line.quartile}",
        students=students,
        flagged=flagged,
        weighted=line.weighted if complete else None,
        amount=line.amount,
        actual=actual,
        gap=gap,
        amount_per=per_students(line.amount, students or 0, per=per) if students else None,
        gap_per=per_students(gap, students or 0, per=per) if students else None,
        hidden=students is None or any(v is None for v in flagged.values()),
    )


def _quartile_row(q: QuartileAllocation, shown: dict | None, per: int) -> QuartileRow:
    # A quartile without schools tells nothing about any student.
    visible = q.schools == 0 or (shown is not None and shown.get("students") is not None)
    students = q.students if visible else None
    actual = q.actual if visible and q.actual is not None else None
    gap = None if actual is None else q.amount - actual
    return QuartileRow(
        quartile=q.quartile,
        schools=q.schools,
        students=students,
        amount=q.amount,
        actual=actual,
        gap=gap,
        amount_per=per_students(q.amount, students, per=per) if students else None,
        gap_per=per_students(gap, students, per=per) if students else None,
    )


def scenario_allocation(*, user, district, scenario: AllocationScenario) -> AllocationView:
    """The scenario's allocation table as ``user`` may see it: the schools in their reach,
    each with its allocation, its counts and what it has now unless hidden from them, and
    (for district-wide readers) the sums per poverty quartile."""
    scope = scope_for(user, district)
    per = PER_STUDENTS[AllocationScenario.Unit(scenario.unit)]
    view = AllocationView(scenario=scenario, per=per)
    try:
        lines = computed_lines(scenario)
    except AllocationInputError as problem:
        view.problem = problem.message
        return view
    view.actual_missing = all(line.actual is None for line in lines)
    reach = visible_school_ids(scope)
    names = _school_names(district)
    published = (
        _everything(lines) if scope.student_records else _published(user, district, scenario)
    )
    flags = view.weighted_flags
    for line in lines:
        pk, name = names.get(line.school_id, (None, line.school_id))
        if reach is not None and pk not in reach:
            continue
        shown = published.schools.get(line.school_id, {})
        view.rows.append(_row(line, name, shown, flags, per))
    view.hidden = any(row.hidden for row in view.rows)
    if reach is None:
        view.quartiles = [
            _quartile_row(q, published.quartiles.get(q.quartile), per)
            for q in quartile_table(lines)
        ]
    return view


def _everything(lines: Iterable[SchoolAllocation]) -> _Published:
    every: dict[str, float | None] = {"students": 1.0, "actual": 1.0}
    every |= {f: 1.0 for f in WEIGHTABLE_FLAGS}
    quartiles: dict[str, dict[str, float | None]] = {
        q: {"students": 1.0, "actual": 1.0} for q in ("Q1", "Q2", "Q3", "Q4")
    }
    return _Published({line.school_id: every for line in lines}, quartiles)


@dataclass
class ComparedLine:
    """One school (or quartile) under each compared scenario, and each scenario's
    difference from the first (None where a scenario has no figure for it)."""

    label: str
    amounts: list[Decimal | None]
    differences: list[Decimal | None]


@dataclass
class Comparison:
    """Two or more scenarios side by side, per school and per poverty quartile."""

    views: list[AllocationView]
    schools: list[ComparedLine]
    quartiles: list[ComparedLine]


def _compared(label: str, amounts: list[Decimal | None]) -> ComparedLine:
    first = amounts[0]
    differences = [
        None if first is None or amount is None else amount - first for amount in amounts
    ]
    return ComparedLine(label, amounts, differences)


def scenario_comparison(*, user, district, scenarios: list[AllocationScenario]) -> Comparison:
    """The scenarios' allocations side by side as the user may see them, with each one's
    difference from the first, per school and per poverty quartile."""
    views = [scenario_allocation(user=user, district=district, scenario=s) for s in scenarios]
    names: dict[str, str] = {}
    amounts: list[dict[str, Decimal]] = []
    for view in views:
        names |= {r.school_code: r.school_name for r in view.rows}
        amounts.append({r.school_code: r.amount for r in view.rows})
    schools = [
        _compared(names[code], [each.get(code) for each in amounts])
        for code in sorted(names, key=lambda c: (names[c], c))
    ]
    quartiles = [
        _compared(
            q, [next((x.amount for x in v.quartiles or [] if x.quartile == q), None) for v in views]
        )
        for q in ("Q1", "Q2", "Q3", "Q4")
    ]
    return Comparison(views, schools, quartiles)
