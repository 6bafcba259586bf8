"""Measures computed from the district's data: one figure per school per period.

A network's measure can be backed by a metric of the district's live data files instead
of being entered by its teams. Each metric here counts, for a school and a collection
period (its first and last day), a ``numerator`` out of a ``denominator`` and the number
of ``students`` the figure is about (for the privacy rule of the metric spec: a figure
about fewer students than the minimum display n is not shown). The work is set-based SQL
on the DuckDB connection of ``districtwise.analytics.engine``.

- ``attendance_rate`` (``attendance_daily.csv``): days attended out of days of
  membership at the school in the period, a half-day absence counting half a day
  (``H``). ``students``: students with a day of membership in the period. A period with
  no day of membership (a holiday week) has no figure.
- ``suspended_share`` (``discipline.csv``, ``enrollments.csv``): students with an
  in-school or out-of-school suspension or an expulsion (``ISS``, ``OSS``, ``EXP``) at
  the school in the period, out of the students enrolled there during the period (an
  enrollment row of the period's school year whose entry date is on or before the
  period's last day and whose exit date is blank or on or after its first day).
- ``incidents_per_100`` (``discipline.csv``, ``enrollments.csv``): disciplinary incidents
  (distinct ``incident_id``) at the school in the period per 100 students enrolled
  during it: the numerator counts incidents, the denominator is hundreds of students.

Discipline metrics cover the periods of the school years whose discipline file was
imported, up to the last date it holds; attendance the periods with days of membership.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from districtwise.analytics.tables import Tables


@dataclass(frozen=True)
class DataMetric:
    """A metric a measure can be backed by, as a network lead chooses it."""

    key: str
    label: str
    definition: str
    chart: str
    unit: str
    higher_is_better: bool
    needs: tuple[str, ...]


METRICS: dict[str, DataMetric] = {
    m.key: m
    for m in (
        DataMetric(
            "attendance_rate",
            "Attendance rate (from daily attendance)",
            "Days attended out of days of membership at the school in the period; a "
            "half-day absence counts as half a day attended.",
            "p",
            "%",
            True,
            ("attendance_daily",),
        ),
        DataMetric(
            "suspended_share",
            "Share of students suspended",
            "Students with an in-school or out-of-school suspension or an expulsion at the "
            "school in the period, out of the students enrolled there during the period.",
            "p",
            "%",
            False,
            ("discipline", "enrollments"),
        ),
        DataMetric(
            "incidents_per_100",
            "Discipline incidents per 100 students",
            "Disciplinary incidents at the school in the period per 100 students enrolled "
            "there during the period.",
            "u",
            "incidents per 100 students",
            False,
            ("discipline", "enrollments"),
        ),
    )
}


class MetricUnavailable(LookupError):
    """The live data lacks a file the metric needs."""


@dataclass(frozen=True)
class SchoolPeriodFigure:
    """One school's figure for one period."""

    school_id: str
    period_start: dt.date
    numerator: float
    denominator: float
    students: int

    @property
    def value(self) -> float:
        return self.numerator / self.denominator


def school_year_of(on: dt.date) -> int:
    """The school year holding ``on``, named by the year it ends in (July to June)."""
    return on.year + 1 if on.month >= 7 else on.year


_ATTENDANCE = """
SELECT d.school_id, p.period_start,
       CAST(sum(CASE d.status WHEN 'P' THEN 1.0 WHEN 'H' THEN 0.5 ELSE 0.0 END) AS DOUBLE)
           AS numerator,
       CAST(count(*) AS DOUBLE) AS denominator,
       CAST(count(DISTINCT d.student_id) AS BIGINT) AS students
FROM imp_daily d JOIN imp_periods p ON d.date BETWEEN p.period_start AND p.period_end
GROUP BY ALL ORDER BY ALL
"""

_DISCIPLINE = """
WITH enrolled AS (
    SELECT e.school_id, p.period_start, count(DISTINCT e.student_id) AS students
    FROM imp_enrollments e JOIN imp_periods p
      ON e.school_year = p.school_year AND e.entry_date <= p.period_end
     AND (e.exit_date IS NULL OR e.exit_date >= p.period_start)
    WHERE p.covered
    GROUP BY ALL
),
counted AS (
    SELECT d.school_id, p.period_start,
           count(DISTINCT d.student_id) FILTER (WHERE d.action IN ('ISS', 'OSS', 'EXP'))
               AS suspended,
           count(DISTINCT d.incident_id) AS incidents
    FROM imp_discipline d JOIN imp_periods p ON d.date BETWEEN p.period_start AND p.period_end
    GROUP BY ALL
)
SELECT n.school_id, n.period_start,
       CAST(coalesce(c.suspended, 0) AS DOUBLE) AS suspended,
       CAST(coalesce(c.incidents, 0) AS DOUBLE) AS incidents,
       CAST(n.students AS BIGINT) AS students
FROM enrolled n LEFT JOIN counted c
  ON c.school_id = n.school_id AND c.period_start = n.period_start
ORDER BY ALL
"""


def _raw(con: Any) -> Any:
    raw = getattr(con, "con", con)
    if not hasattr(raw, "register"):
        raise TypeError("Measures from the district's data are computed on the DuckDB engine.")
    return raw


def _register(raw: Any, name: str, table: Any, school_ids: Sequence[str]) -> None:
    """A contract table, kept to the schools asked about, as a DuckDB view."""
    kept = table.filter(table.school_id.isin(list(school_ids)))
    raw.register(name, kept.to_pyarrow())


def _periods(
    periods: Sequence[tuple[dt.date, dt.date]], covered: Any = lambda start: True
) -> pa.Table:
    return pa.table(
        {
            "period_start": pa.array([p[0] for p in periods], pa.date32()),
            "period_end": pa.array([p[1] for p in periods], pa.date32()),
            "school_year": pa.array([school_year_of(p[0]) for p in periods], pa.int16()),
            "covered": pa.array([bool(covered(p[0])) for p in periods], pa.bool_()),
        }
    )


def school_period_figures(
    con: Any,
    tables: Tables,
    *,
    metric: str,
    school_ids: Sequence[str],
    periods: Sequence[tuple[dt.date, dt.date]],
) -> list[SchoolPeriodFigure]:
    """The figures of ``metric`` (a key of ``METRICS``) for each school of ``school_ids``
    (school codes) and each period (first and last day) that has one. Raises
    ``MetricUnavailable`` when the live data lacks a file the metric needs."""
    if metric not in METRICS:
        raise KeyError(f"{metric!r} is not a metric of the data: {', '.join(METRICS)}.")
    missing = [name for name in METRICS[metric].needs if not tables.has(name)]
    if missing:
        files = ", ".join(f"{name}.csv" for name in missing)
        raise MetricUnavailable(f"The district's data has no {files}: this measure needs it.")
    if not school_ids or not periods:
        return []
    raw = _raw(con)
    if metric == "attendance_rate":
        return _attendance(raw, tables, school_ids, periods)
    return _discipline(raw, tables, metric, school_ids, periods)


def _attendance(raw, tables: Tables, school_ids, periods) -> list[SchoolPeriodFigure]:
    _register(raw, "imp_daily", tables.attendance_daily, school_ids)
    raw.register("imp_periods", _periods(periods))
    rows = raw.execute(_ATTENDANCE).fetchall()
    return [SchoolPeriodFigure(r[0], r[1], float(r[2]), float(r[3]), int(r[4])) for r in rows]


def _discipline(raw, tables: Tables, metric, school_ids, periods) -> list[SchoolPeriodFigure]:
    _register(raw, "imp_discipline", tables.discipline, school_ids)
    _register(raw, "imp_enrollments", tables.enrollments, school_ids)
    whole = tables.discipline
    last = whole.date.max().to_pyarrow().as_py()
    years = tables.years("discipline") or frozenset(whole.school_year.to_pyarrow().to_pylist())

    def covered(start: dt.date) -> bool:
        return last is not None and start <= last and school_year_of(start) in years

    raw.register("imp_periods", _periods(periods, covered))
    rows = raw.execute(_DISCIPLINE).fetchall()
    found = []
    for school_id, start, suspended, incidents, students in rows:
        if metric == "suspended_share":
            found.append(SchoolPeriodFigure(school_id, start, suspended, students, students))
        else:
            found.append(SchoolPeriodFigure(school_id, start, incidents, students / 100, students))
    return found
