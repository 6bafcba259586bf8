"""The student populations the equity metrics count over (equity-metrics.md, "Units, years,
populations"), written once as ibis expressions that run on DuckDB and on Spark.

Every population has one row per student of a unit (school, network or district) and school
year, with the same columns whatever the unit type (``POPULATION_COLUMNS``):

  school_year, unit_type, unit_id, student_id, grade_level,
  race_ethnicity, sex, <one column per flag>      group values, never NULL ('unknown')
  days_enrolled, days_absent                      NULL when the student has no attendance
  has_oss, has_iss, has_exp, has_ref, has_arr      NULL when no discipline file covers the year
  days_removed                                    ISS + OSS + EXP days; NULL likewise

School: one row per enrollment row, with that row's statuses. Network and district: each
student with a row in any of the unit's schools that year, once; a flag is Y if any row
says Y, else N if any says N, else unknown; days are summed over the unit's schools and an
action in any of them counts. Their grade_level is that of the student's row with the
latest entry_date in the unit (on a tie, the row of the smallest school_id): the grade the
student was last placed in that year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import ibis
import ibis.expr.types as ir

from districtwise.analytics.tables import Tables

UnitType = Literal["school", "network", "district"]
UNIT_TYPES: tuple[UnitType, ...] = ("school", "network", "district")
UNKNOWN = "unknown"
FLAGS = (
    "economically_disadvantaged",
    "english_learner",
    "disability",
    "section_504",
    "homeless",
    "foster_care",
    "gifted",
)
# Indicator column → discipline action (students with at least one such action).
INDICATORS = {
    "has_oss": "OSS",
    "has_iss": "ISS",
    "has_exp": "EXP",
    "has_ref": "REF",
    "has_arr": "ARR",
}
# Actions whose days_removed are days of instruction lost (days_lost_per_100).
REMOVALS = ("ISS", "OSS", "EXP")
ROW_KEY = ("student_id", "school_id", "school_year")
POPULATION_COLUMNS = (
    "school_year",
    "unit_type",
    "unit_id",
    "student_id",
    "grade_level",
    "race_ethnicity",
    "sex",
    *FLAGS,
    "days_enrolled",
    "days_absent",
    *INDICATORS,
    "days_removed",
)


def enrollment_rows(t: Tables) -> ir.Table:
    """One row per enrollment row with everything the populations need.

    Columns: the enrollment key, grade_level, entry_date, network_id (NULL for a school in
    no network), group-ready race_ethnicity, sex and flags, attendance totals and discipline
    indicators of that student at that school in that year.
    """
    e = t.enrollments
    students = t.students
    schools = t.schools.select(school_id_s="school_id", network_id="network_id")
    rows = e.left_join(students, e.student_id == students.student_id).select(
        *ROW_KEY,
        "grade_level",
        "entry_date",
        race_ethnicity=_group_value(students.race_ethnicity),
        sex=_group_value(students.sex),
        **{flag: _group_value(e[flag]) for flag in FLAGS},
    )
    rows = rows.left_join(schools, rows.school_id == schools.school_id_s).drop("school_id_s")
    return _with_discipline(t, _with_attendance(t, rows))


# How a further per-row column of the caller's rolls up to a network or district student.
RollUp = Literal["any", "max", "sum"]


def school_population(
    t: Tables, *, rows: ir.Table | None = None, extras: Mapping[str, RollUp] | None = None
) -> ir.Table:
    """The school populations: one row per enrollment row (student, school, year), with that
    row's statuses (``POPULATION_COLUMNS``; unit_id is the school_id). ``rows``: the
    ``enrollment_rows`` of ``t`` when the caller has them already (built once, e.g. cached),
    with the further columns named in ``extras``, which are kept."""
    rows = enrollment_rows(t) if rows is None else rows
    units = rows.mutate(unit_type=ibis.literal("school"), unit_id=rows.school_id)
    return units.select(*POPULATION_COLUMNS, *(extras or {}))


def unit_population(
    t: Tables,
    unit_type: UnitType,
    *,
    district_id: str = "",
    rows: ir.Table | None = None,
    extras: Mapping[str, RollUp] | None = None,
) -> ir.Table:
    """The population of every unit of a type, per school year (``POPULATION_COLUMNS``).

    ``network``: unit_id is the network_id (schools without a network are in no network).
    ``district``: the whole dataset is one unit whose unit_id is ``district_id``.
    ``school``: the same as ``school_population``.
    ``rows``: the ``enrollment_rows`` of ``t`` (or some of its school years), when the
    caller has them already; ``extras``: further columns of ``rows`` to carry, each rolled
    up to a network or district student as it says (any / max / sum over their rows).
    """
    if unit_type == "school":
        return school_population(t, rows=rows, extras=extras)
    rows = enrollment_rows(t) if rows is None else rows
    if unit_type == "network":
        rows = rows.filter(rows.network_id.notnull()).mutate(unit_id=rows.network_id)
    elif unit_type == "district":
        if not district_id:
            raise ValueError("the district population needs a district_id")
        rows = rows.mutate(unit_id=ibis.literal(district_id))
    else:
        raise ValueError(f"unknown unit type {unit_type!r}: one of {', '.join(UNIT_TYPES)}")
    return _roll_up(rows, unit_type, extras or {})


def _group_value(column: ir.StringValue) -> ir.StringValue:
    """A reported value, or 'unknown' where it was left blank (never silently 'N')."""
    return column.fill_null(UNKNOWN)


def _with_attendance(t: Tables, rows: ir.Table) -> ir.Table:
    """Join each row's days_enrolled and days_absent (NULL without an attendance record)."""
    totals = attendance_totals(t)
    if totals is None:
        none = ibis.null().cast("float64")
        return rows.mutate(days_enrolled=none, days_absent=none)
    totals = totals.rename(a_student_id="student_id", a_school_id="school_id", a_year="school_year")
    joined = rows.left_join(
        totals,
        [
            rows.student_id == totals.a_student_id,
            rows.school_id == totals.a_school_id,
            rows.school_year == totals.a_year,
        ],
    )
    return joined.drop("a_student_id", "a_school_id", "a_year")


def attendance_totals(t: Tables) -> ir.Table | None:
    """Per student, school and year: days_enrolled and days_absent (None without attendance).

    attendance.csv gives them; for a school year that attendance.csv does not cover (no row
    of that year), they are derived from attendance_daily.csv: every row is one day in
    membership, and a day absent counts 1 for ``A``, 0.5 for ``H`` (contract).
    """
    parts = []
    if t.has("attendance"):
        a = t.attendance
        parts.append(a.select(*ROW_KEY, "days_enrolled", "days_absent"))
    if t.has("attendance_daily"):
        d = t.attendance_daily
        if t.has("attendance"):
            d = d.anti_join(t.attendance.select("school_year").distinct(), "school_year")
        absent = ibis.cases((d.status == "A", 1.0), (d.status == "H", 0.5), else_=0.0)
        parts.append(
            d.group_by(list(ROW_KEY)).aggregate(
                days_enrolled=d.count().cast("float64"), days_absent=absent.sum()
            )
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else parts[0].union(parts[1])


def _with_discipline(t: Tables, rows: ir.Table) -> ir.Table:
    """Join each row's discipline indicators and days_removed.

    Actions count only where the student has an enrollment row at that school that year
    (others are left out of every metric); a row of a year no discipline file covers gets
    NULL (unavailable), not "no action".
    """
    if not t.has("discipline"):
        return rows.mutate(
            **{name: ibis.null().cast("boolean") for name in INDICATORS},
            days_removed=ibis.null().cast("float64"),
        )
    per_row = discipline_per_row(t).rename(
        d_student_id="student_id", d_school_id="school_id", d_year="school_year"
    )
    joined = rows.left_join(
        per_row,
        [
            rows.student_id == per_row.d_student_id,
            rows.school_id == per_row.d_school_id,
            rows.school_year == per_row.d_year,
        ],
    )
    years = t.years("discipline")
    covered = ibis.literal(True) if years is None else joined.school_year.isin(sorted(years))
    return joined.mutate(
        **{name: covered.ifelse(joined[name].fill_null(False), None) for name in INDICATORS},
        days_removed=covered.ifelse(joined.days_removed.fill_null(0.0), None),
    ).drop("d_student_id", "d_school_id", "d_year")


def discipline_per_row(t: Tables) -> ir.Table:
    """Per student, school and year with an action: the indicators and days_removed.

    The school year is the stored one (derived at import from the district calendar).
    """
    d = t.discipline
    removed = d.action.isin(REMOVALS).ifelse(d.days_removed, 0.0)
    return d.group_by(list(ROW_KEY)).aggregate(
        **{name: (d.action == action).any() for name, action in INDICATORS.items()},
        days_removed=removed.sum(),
    )


def _roll_up(rows: ir.Table, unit_type: UnitType, extras: Mapping[str, RollUp]) -> ir.Table:
    """One row per (year, unit, student) from the student's enrollment rows in the unit."""
    key = ["school_year", "unit_id", "student_id"]
    # Y outranks N outranks unknown: the flag is the highest rank of any of the rows.
    rank = {f: ibis.cases((rows[f] == "Y", 2), (rows[f] == "N", 1), else_=0) for f in FLAGS}
    # The grade of the row entered last; on a tie, of the smallest school_id (both never
    # NULL): the row with the smallest (-entry day, school_id).
    latest = ibis.struct({"day": -rows.entry_date.epoch_days(), "school": rows.school_id})
    students = rows.group_by(key).aggregate(
        # One value per student whatever the row (from students.csv).
        race_ethnicity=rows.race_ethnicity.arbitrary(),
        sex=rows.sex.arbitrary(),
        grade_level=rows.grade_level.argmin(latest),
        **{f"rank_{f}": rank[f].max() for f in FLAGS},
        days_enrolled=rows.days_enrolled.sum(),
        days_absent=rows.days_absent.sum(),
        **{name: rows[name].any() for name in INDICATORS},
        days_removed=rows.days_removed.sum(),
        **{name: getattr(rows[name], how)() for name, how in extras.items()},
    )
    flags = {
        f: ibis.cases(
            (students[f"rank_{f}"] == 2, "Y"), (students[f"rank_{f}"] == 1, "N"), else_=UNKNOWN
        )
        for f in FLAGS
    }
    return students.mutate(unit_type=ibis.literal(unit_type), **flags).select(
        *POPULATION_COLUMNS, *extras
    )
