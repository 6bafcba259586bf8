"""The student-based counts of the audit, as one ibis query per audit (DuckDB and Spark).

Every unit's population (population.py) gets one row per student with 0/1 indicators and
sums for every student metric (``StudentColumns``), then is unnested over the group types
and aggregated per (school_year, unit_type, unit_id, group_type, group): one scan of the
populations whatever the number of groups and metrics.

Per unit-student extras that the populations do not carry (courses, assessments, the grade
eligibility of advanced coursework) are computed per enrollment row and rolled up like the
populations: a network/district student is *eligible* for an advanced type when any of their
enrollment rows in the unit that year is in an eligible grade, *takes* it when they have a
course of that type at any of the unit's schools; their proficiency is the best of their
rows (Y over N); their scale score on an assessment is the mean of their scores in the unit
(one per student, so a student tested at two schools counts once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from districtwise.analytics.equity.spec import ADVANCED_GRADES, GROUP_TYPES, AuditSettings
from districtwise.analytics.population import (
    UNIT_TYPES,
    RollUp,
    enrollment_rows,
    unit_population,
)
from districtwise.analytics.tables import Tables

GROUP_KEY = ("school_year", "unit_type", "unit_id", "group_type", "group")
UNIT_KEY = ("school_year", "unit_type", "unit_id", "student_id")
ROW_KEY = ("student_id", "school_id", "school_year")
DISCIPLINE_FLAGS = {
    "oss_rate": "has_oss",
    "iss_rate": "has_iss",
    "expulsion_rate": "has_exp",
    "referral_rate": "has_ref",
    "arrest_rate": "has_arr",
}
IDENTIFICATIONS = ("disability", "gifted", "english_learner")


def slug(name: str) -> str:
    """A column-safe form of an assessment id."""
    return re.sub(r"[^0-9A-Za-z]", "_", name)


@dataclass(frozen=True)
class StudentColumns:
    """What the student aggregate holds for this dataset (which files, which assessments)."""

    attendance: bool
    discipline: bool
    courses: bool
    assessments: tuple[str, ...]


def assessment_names(t: Tables, years: list[int] | None) -> tuple[str, ...]:
    """The assessments present in the data (sorted); empty without assessments.csv."""
    if not t.has("assessments"):
        return ()
    a = t.assessments
    if years is not None:
        a = a.filter(a.school_year.isin(years))
    return tuple(sorted(a.select("assessment").distinct().to_pyarrow()["assessment"].to_pylist()))


def audited_rows(t: Tables, years: list[int] | None, columns: StudentColumns) -> ir.Table:
    """The enrollment rows (``population.enrollment_rows``) of the audited school years, each
    with its own extras (``row_extras``): what every unit type's population is built from."""
    rows = enrollment_rows(t)
    if years is not None:
        rows = rows.filter(rows.school_year.isin(years))
    if columns.courses:
        rows = _join_row(rows, _courses_per_row(t))
    if columns.assessments:
        rows = _join_row(rows, _assessments_per_row(t, columns.assessments))
    return rows.mutate(**row_extras(rows, columns))


def row_extras(rows: ir.Table, columns: StudentColumns) -> dict[str, ir.Value]:
    """Per enrollment row: advanced eligibility (its grade) and courses taken, proficiency
    rank and scale-score sum and count per assessment (rolled up by ``EXTRA_ROLL_UP``)."""
    values: dict[str, ir.Value] = {}
    if columns.courses:
        for kind, grades in ADVANCED_GRADES.items():
            values[f"elig_{kind}"] = rows.grade_level.isin(grades) if grades else ibis.literal(True)
            values[f"has_{kind}"] = rows[f"has_{kind}"].fill_null(False)
    for name in columns.assessments:
        s = slug(name)
        values[f"prof_{s}"] = rows[f"prof_{s}"].fill_null(0)
        values[f"scnt_{s}"] = rows[f"scnt_{s}"].fill_null(0)
    return values


def extra_roll_up(columns: StudentColumns) -> dict[str, RollUp]:
    """How each row extra becomes a network or district student's: eligible or taking a
    course in any row, the best proficiency rank, scores summed (then averaged)."""
    out: dict[str, RollUp] = {}
    if columns.courses:
        for kind in ADVANCED_GRADES:
            out[f"elig_{kind}"] = out[f"has_{kind}"] = "any"
    for name in columns.assessments:
        s = slug(name)
        out[f"prof_{s}"] = "max"
        out[f"ssum_{s}"] = out[f"scnt_{s}"] = "sum"
    return out


def student_counts(
    t: Tables,
    *,
    district_id: str,
    settings: AuditSettings,
    columns: StudentColumns,
    rows: ir.Table,
) -> ir.Table:
    """Per unit, year, group type and group: the sums of every student indicator.

    ``rows``: ``audited_rows`` (the caller may have them cached: every unit type reads them).
    """
    extras = extra_roll_up(columns)
    pop = ibis.union(
        *(
            unit_population(t, u, district_id=district_id, rows=rows, extras=extras)
            for u in UNIT_TYPES
        )
    )
    wide = pop.select(*UNIT_KEY[:3], *group_columns(pop), **indicators(pop, settings, columns))
    # Students of a unit with the same groups in every group type are added up first: the
    # unnest then repeats a few rows per combination instead of every student.
    names = indicators_names(columns)
    combos = wide.group_by([*UNIT_KEY[:3], *(g for g in GROUP_TYPES if g != "all")]).aggregate(
        **{name: wide[name].sum() for name in names}
    )
    long = _unnest_groups(combos)
    sums = {name: long[name].sum() for name in indicators_names(columns)}
    return long.group_by(list(GROUP_KEY)).aggregate(**sums)


def group_columns(pop: ir.Table) -> list[ir.Value]:
    return [pop[g] for g in GROUP_TYPES if g != "all"]


def _unnest_groups(wide: ir.Table) -> ir.Table:
    """Each student row once per group type, with its group in that type ('all' too)."""
    types = [g for g in GROUP_TYPES if g != "all"]
    array = ibis.literal(["all", *types], type="array<string>")
    long = wide.mutate(group_type=array.unnest())
    group = ibis.cases(*((long.group_type == g, long[g]) for g in types), else_="all")
    return long.mutate(group=group).drop(*types)


def _flag_y(column: ir.StringValue) -> ir.IntegerValue:
    return (column == "Y").ifelse(1, 0)


def indicators(
    pop: ir.Table, settings: AuditSettings, columns: StudentColumns
) -> dict[str, ir.Value]:
    """Per population row: the 0/1 indicators and sums that the group aggregates add up."""
    one = ibis.literal(1)
    out: dict[str, ir.Value] = {
        "students": one,
        "weighted": (
            1.0
            + settings.weight_economically_disadvantaged
            * (pop.economically_disadvantaged == "Y").ifelse(1.0, 0.0)
            + settings.weight_english_learner * (pop.english_learner == "Y").ifelse(1.0, 0.0)
            + settings.weight_disability * (pop.disability == "Y").ifelse(1.0, 0.0)
        ),
    }
    for flag in IDENTIFICATIONS:
        out[f"ident_{flag}"] = _flag_y(pop[flag])
    if columns.attendance:
        counted = pop.days_enrolled.notnull() & (
            pop.days_enrolled >= settings.minimum_days_enrolled
        )
        if settings.chronic_rule == "days":
            chronic = pop.days_absent >= settings.chronic_days
        else:
            # As the spec writes it: days_absent / days_enrolled >= share (a division, not
            # days_absent >= share x days_enrolled, which rounds differently at the edge).
            chronic = pop.days_absent / pop.days_enrolled >= settings.chronic_share
        out["chronic_den"] = counted.ifelse(1, 0)
        out["chronic_num"] = (counted & chronic).ifelse(1, 0)
    if columns.discipline:
        # NULL indicators: a school year no discipline file covers (not counted).
        out["discipline_den"] = pop.has_oss.notnull().ifelse(1, 0)
        for metric, flag in DISCIPLINE_FLAGS.items():
            out[f"{metric}_num"] = pop[flag].fill_null(False).ifelse(1, 0)
        out["days_removed"] = pop.days_removed.fill_null(0.0)
    if columns.courses:
        for kind in ADVANCED_GRADES:
            eligible = pop[f"elig_{kind}"].fill_null(False)
            out[f"adv_{kind}_den"] = eligible.ifelse(1, 0)
            out[f"adv_{kind}_num"] = (eligible & pop[f"has_{kind}"].fill_null(False)).ifelse(1, 0)
    for name in columns.assessments:
        s = slug(name)
        rank = pop[f"prof_{s}"].fill_null(0)
        out[f"prof_{s}_den"] = (rank > 0).ifelse(1, 0)
        out[f"prof_{s}_num"] = (rank == 2).ifelse(1, 0)
        count = pop[f"scnt_{s}"]
        # The student's mean score in the unit (one per student, however many rows).
        score = (count > 0).ifelse(pop[f"ssum_{s}"] / count.cast("float64"), None)
        out[f"score_{s}_n"] = score.notnull().ifelse(1, 0)
        out[f"score_{s}_sum"] = score.fill_null(0.0)
        out[f"score_{s}_sq"] = (score * score).fill_null(0.0)
    return out


def indicators_names(columns: StudentColumns) -> list[str]:
    names = ["students", "weighted", *(f"ident_{f}" for f in IDENTIFICATIONS)]
    if columns.attendance:
        names += ["chronic_den", "chronic_num"]
    if columns.discipline:
        names += ["discipline_den", *(f"{m}_num" for m in DISCIPLINE_FLAGS), "days_removed"]
    if columns.courses:
        names += [f"adv_{k}_{p}" for k in ADVANCED_GRADES for p in ("den", "num")]
    for name in columns.assessments:
        s = slug(name)
        names += [f"prof_{s}_den", f"prof_{s}_num", f"score_{s}_n", f"score_{s}_sum"]
        names.append(f"score_{s}_sq")
    return names


def _join_row(rows: ir.Table, per_row: ir.Table) -> ir.Table:
    renamed = per_row.rename(**{f"r_{k}": k for k in ROW_KEY})
    joined = rows.left_join(renamed, [rows[k] == renamed[f"r_{k}"] for k in ROW_KEY])
    return joined.drop(*(f"r_{k}" for k in ROW_KEY))


def _courses_per_row(t: Tables) -> ir.Table:
    c = t.course_enrollments
    c = c.filter(c.advanced.notnull())
    return c.group_by(list(ROW_KEY)).aggregate(
        **{f"has_{kind}": (c.advanced == kind).any() for kind in ADVANCED_GRADES}
    )


def _assessments_per_row(t: Tables, names: tuple[str, ...]) -> ir.Table:
    a = t.assessments
    rank = ibis.cases((a.proficient == "Y", 2), (a.proficient == "N", 1), else_=0)
    aggs: dict[str, ir.Value] = {}
    for name in names:
        s, mine = slug(name), a.assessment == name
        aggs[f"prof_{s}"] = mine.ifelse(rank, 0).max()
        aggs[f"ssum_{s}"] = mine.ifelse(a.scale_score, None).sum()
        aggs[f"scnt_{s}"] = (mine & a.scale_score.notnull()).ifelse(1, 0).sum()
    return a.group_by(list(ROW_KEY)).aggregate(**aggs)
