"""The equity audit (shared/spec/equity-metrics.md): every metric, unit, year and group, as
the unsuppressed tidy table (``spec.TIDY_COLUMNS``).

    from districtwise.analytics.equity.metrics import compute_audit, unavailable_reasons
    table = compute_audit(con, tables, district_id="demo", settings=AuditSettings())
    unavailable_reasons(tables)   # {"oss_rate": "discipline.csv", ...} for missing files

How it runs: the engine (DuckDB or Spark, one ibis query) counts the students of every
unit, year and group in one pass over the populations unnested by group type
(``students.py``), and sums staff FTE and spending per unit (``resources.py``). Those
aggregates (a few rows per unit) come back as Arrow and the figures, comparisons, risk-ratio
statuses and poverty quartiles are finished with numpy (``grid.py``, ``families.py``,
``ratios.py``), identically whatever the engine.

Rows: for every unit with students in a year (the district with ``unit_id = district_id``,
each network, each school) every group of ``GROUP_TYPES`` is present, with denominator 0
and no value for a group without students (status ``insufficient_n``), so that a missing
group is visible; ``staff_representation`` has the race/ethnicity groups only; resource
metrics have group ``all`` and, for the district, ``poverty_quartile`` Q1-Q4. A metric
whose file was not imported, or whose file does not cover the school year, has one row per
unit and year with group all/all and status ``unavailable``; assessment metrics are then
named by family (``proficiency``, ``scale_score_mean``, ``scale_score_effect_size``), as no
assessment is known. An assessment not given in a year has no rows that year.
"""

from __future__ import annotations

import ibis
import numpy as np
import pyarrow as pa

from districtwise.analytics.equity.metrics import families
from districtwise.analytics.equity.metrics.grid import TIDY_SCHEMA, Grid, build_grid, unavailable
from districtwise.analytics.equity.metrics.resources import RACES, finance_sums, staff_sums
from districtwise.analytics.equity.metrics.students import (
    DISCIPLINE_FLAGS,
    IDENTIFICATIONS,
    StudentColumns,
    assessment_names,
    audited_rows,
    indicators_names,
    slug,
    student_counts,
)
from districtwise.analytics.equity.spec import ADVANCED_GRADES, AuditSettings
from districtwise.analytics.tables import Tables

__all__ = ["METRIC_FILES", "compute_audit", "unavailable_reasons"]

ASSESSMENT_FAMILIES = ("proficiency", "scale_score_mean", "scale_score_effect_size")
# Metric (or metric family, for the per-assessment ones) → the tables it needs (any of).
METRIC_FILES: dict[str, tuple[str, ...]] = {
    "chronic_absenteeism": ("attendance", "attendance_daily"),
    **{metric: ("discipline",) for metric in DISCIPLINE_FLAGS},
    "days_lost_per_100": ("discipline",),
    **{family: ("assessments",) for family in ASSESSMENT_FAMILIES},
    **{f"advanced:{kind}": ("course_enrollments",) for kind in ADVANCED_GRADES},
    **{f"identification:{flag}": ("enrollments",) for flag in IDENTIFICATIONS},
    "staff_representation": ("staff",),
    "per_pupil_spending": ("school_finance",),
    "per_weighted_pupil_spending": ("school_finance",),
    "novice_teacher_share": ("staff",),
    "out_of_field_share": ("staff",),
}
DIMENSIONS = {"chronic_absenteeism": "attendance", "staff_representation": "representation"}
DIMENSIONS.update({m: "discipline" for m in (*DISCIPLINE_FLAGS, "days_lost_per_100")})
DIMENSIONS.update({m: "achievement" for m in ASSESSMENT_FAMILIES})
DIMENSIONS.update({f"advanced:{k}": "opportunity" for k in ADVANCED_GRADES})
DIMENSIONS.update({f"identification:{f}": "programmatic" for f in IDENTIFICATIONS})
RESOURCE_METRICS = (
    "per_pupil_spending",
    "per_weighted_pupil_spending",
    "novice_teacher_share",
    "out_of_field_share",
)
DIMENSIONS.update({m: "resource" for m in RESOURCE_METRICS})


def unavailable_reasons(tables: Tables) -> dict[str, str]:
    """Metric (family) → the missing file(s), for every metric whose input was not imported,
    e.g. ``{"oss_rate": "discipline.csv", "chronic_absenteeism": "attendance.csv or
    attendance_daily.csv"}``. Keys are the metric names of the unavailable rows."""
    return {
        metric: " or ".join(f"{name}.csv" for name in needed)
        for metric, needed in METRIC_FILES.items()
        if not any(tables.has(name) for name in needed)
    }


def compute_audit(
    con: ibis.BaseBackend,
    tables: Tables,
    *,
    district_id: str,
    settings: AuditSettings,
    years: list[int] | None = None,
) -> pa.Table:
    """The unsuppressed equity audit of one district: one row per figure (TIDY_COLUMNS).

    ``con`` is the engine connection ``tables`` were loaded on; ``years`` limits the school
    years (default: every year with enrollments). Suppression is not applied here.
    """
    problems = settings.problems()
    if problems:
        raise ValueError(" ".join(problems))
    columns = StudentColumns(
        attendance=tables.has("attendance") or tables.has("attendance_daily"),
        discipline=tables.has("discipline"),
        courses=tables.has("course_enrollments"),
        assessments=assessment_names(tables, years),
    )
    # The enrollment rows with their joins are built once (a temporary table on DuckDB, a
    # cached frame on Spark) and read by every unit type.
    with audited_rows(tables, years, columns).cache() as rows:
        query = student_counts(
            tables, district_id=district_id, settings=settings, columns=columns, rows=rows
        )
        grid = build_grid(con.to_pyarrow(query), indicators_names(columns))
    parts = [
        *_student_figures(grid, tables, columns, settings),
        *_staff_and_finance_figures(grid, tables, district_id, years),
    ]
    return (
        pa.concat_tables([p for p in parts if p.num_rows], promote_options="none").cast(TIDY_SCHEMA)
        if parts
        else TIDY_SCHEMA.empty_table()
    )


def _covered(grid: Grid, tables: Tables, needed: tuple[str, ...]) -> np.ndarray:
    """Grid rows whose school year the files of any of ``needed`` cover (known from the
    year-partitioned layout; a table of unknown years covers every year)."""
    covered = np.zeros(grid.size, dtype=bool)
    for name in needed:
        if tables.has(name):
            years = tables.years(name)
            covered |= True if years is None else np.isin(grid.years, sorted(years))
    return covered


def _split(
    grid: Grid, tables: Tables, metric: str, family: str | None = None
) -> tuple[np.ndarray, list[pa.Table]]:
    """(grid rows with data, [unavailable rows of the others]) for a metric."""
    covered = _covered(grid, tables, METRIC_FILES[family or metric])
    missing = np.flatnonzero(~covered)
    name = family or metric
    rows = [unavailable(grid, metric=name, dimension=DIMENSIONS[name], units=missing)]
    return np.flatnonzero(covered), rows


def _student_figures(
    grid: Grid, tables: Tables, columns: StudentColumns, settings: AuditSettings
) -> list[pa.Table]:
    m = grid.matrices
    out: list[pa.Table] = []

    def rate_metric(metric: str, num: str, den: str, family: str | None = None) -> None:
        units, gone = _split(grid, tables, metric, family)
        out.extend(gone)
        if len(units) and num in m:
            out.append(
                families.rate_figures(
                    grid,
                    metric=metric,
                    dimension=DIMENSIONS[family or metric],
                    numerator=m[num],
                    denominator=m[den],
                    settings=settings,
                    units=units,
                )
            )

    rate_metric("chronic_absenteeism", "chronic_num", "chronic_den")
    for metric in DISCIPLINE_FLAGS:
        rate_metric(metric, f"{metric}_num", "discipline_den")
    units, gone = _split(grid, tables, "days_lost_per_100")
    out.extend(gone)
    if len(units):
        out.append(
            families.days_lost_figures(
                grid, days=m["days_removed"], students=m["discipline_den"], units=units
            )
        )
    out.extend(_assessment_figures(grid, tables, columns, settings))
    for kind in ADVANCED_GRADES:
        rate_metric(f"advanced:{kind}", f"adv_{kind}_num", f"adv_{kind}_den")
    for flag in IDENTIFICATIONS:
        rate_metric(f"identification:{flag}", f"ident_{flag}", "students")
    return out


def _assessment_figures(
    grid: Grid, tables: Tables, columns: StudentColumns, settings: AuditSettings
) -> list[pa.Table]:
    if not tables.has("assessments"):
        _, gone = _split(grid, tables, "proficiency")
        return (
            [
                unavailable(grid, metric=f, dimension="achievement", units=np.arange(grid.size))
                for f in ASSESSMENT_FAMILIES
            ]
            if len(gone)
            else []
        )
    m, out = grid.matrices, []
    district = grid.district_row
    for name in columns.assessments:
        s = slug(name)
        tested = m[f"prof_{s}_den"][district, 0] + m[f"score_{s}_n"][district, 0]
        units = np.flatnonzero(tested > 0)  # the years in which the assessment was given
        out.append(
            families.rate_figures(
                grid,
                metric=f"proficiency:{name}",
                dimension="achievement",
                numerator=m[f"prof_{s}_num"],
                denominator=m[f"prof_{s}_den"],
                settings=settings,
                units=units,
            )
        )
        out.extend(
            families.scale_score_figures(
                grid,
                assessment=name,
                count=m[f"score_{s}_n"],
                total=m[f"score_{s}_sum"],
                squares=m[f"score_{s}_sq"],
                units=units,
            )
        )
    return out


def _staff_and_finance_figures(
    grid: Grid, tables: Tables, district_id: str, years: list[int] | None
) -> list[pa.Table]:
    m, out = grid.matrices, []
    quartile = families.poverty_quartiles(grid)
    if tables.has("school_finance"):
        sums = tables.con.to_pyarrow(finance_sums(tables, district_id=district_id, years=years))
        amount = grid.per_unit(sums, "amount")
        for metric, students in (
            ("per_pupil_spending", m["students"][:, 0]),
            ("per_weighted_pupil_spending", m["weighted"][:, 0]),
        ):
            units, gone = _split(grid, tables, metric)
            out.extend(gone)
            out.append(
                families.resource_figures(
                    grid,
                    metric=metric,
                    numerator=amount,
                    denominator=students,
                    quartile=quartile,
                    units=units,
                )
            )
    else:
        for metric in ("per_pupil_spending", "per_weighted_pupil_spending"):
            out.extend(_split(grid, tables, metric)[1])
    if tables.has("staff"):
        sums = tables.con.to_pyarrow(staff_sums(tables, district_id=district_id, years=years))
        fte = grid.per_unit(sums, "fte")
        units, gone = _split(grid, tables, "staff_representation")
        out.extend(gone)
        race_fte = np.column_stack([grid.per_unit(sums, f"fte_{r}") for r in RACES])
        out.append(
            families.staff_representation_figures(
                grid, fte=fte, race_fte=race_fte, students=m["students"], units=units
            )
        )
        for metric, column in (
            ("novice_teacher_share", "novice"),
            ("out_of_field_share", "out_of_field"),
        ):
            units, gone = _split(grid, tables, metric)
            out.extend(gone)
            out.append(
                families.resource_figures(
                    grid,
                    metric=metric,
                    numerator=grid.per_unit(sums, column),
                    denominator=fte,
                    quartile=quartile,
                    units=units,
                )
            )
    else:
        for metric in ("staff_representation", "novice_teacher_share", "out_of_field_share"):
            out.extend(_split(grid, tables, metric)[1])
    return out
