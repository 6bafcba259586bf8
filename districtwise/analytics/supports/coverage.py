"""Coverage: for every teacher and every support they are entitled to, the dose received
against the nonnegotiable over a period, and a status (meets / partial / none).

Inputs are Arrow tables (``ASSIGNMENT_COLUMNS``, ``SUPPORT_COLUMNS``, ``DELIVERY_COLUMNS``)
and the period [``starts_on``, ``ends_on``], both days included. The work is set-based SQL
on the DuckDB connection of ``districtwise.analytics.engine`` (no loop over rows), so a
district of 75,000 teachers and 7.5 million deliveries takes seconds.

The rules, teacher by teacher:

- **Window**: the days of the period covered by any of the teacher's assignments. A
  teacher in two schools is one teacher: their assignments are unioned, never added, so two
  overlapping assignments of a full year make a window of one year.
- **Entitlement** by the support's audience, through any assignment that overlaps the
  period: ``all``; ``new`` (years of experience below the support's ``new_teacher_years``);
  ``subject`` (same subject, ignoring case and surrounding spaces); ``grade_span`` (the
  teacher's grades overlap the support's span; an open end of the span is open); ``tier``
  (the school's support tier is the support's tier). A teacher entitled through one of two
  schools is entitled, with their whole window.
- **Required dose** = ``min_occurrences`` x the number of the support's periods in the
  window: a week is 7 days and a month 30.44 days, rounded to the nearest whole delivery
  (half up), because a window rarely ends on the weekday a team meets: 226 days are 32.3
  weeks, in which a weekly PLC meets 32 times, and 32 are owed. A ``year`` support's year
  is the period asked for (coverage is read over a school year) and its dose is rounded
  up, so a teacher present the whole period needs exactly ``min_occurrences`` and a
  mid-year hire present 73 of 146 days needs half of it, rounded up (a teacher present at
  all is owed the yearly support). Computed in whole numbers (the nearest whole of
  ``n x days / 7`` is ``(2 x n x days + 7) // 14``), so no rounding error can add a
  delivery. A window of a few days can owe nothing yet (0 required): that counts as met.
- **Received dose** = the deliveries of the support to the teacher on a day of their
  window (at any of their schools) lasting at least ``min_minutes``; shorter ones do not
  count.
- **Status**: ``meets`` (received ≥ required), ``partial`` (some but fewer), ``none``.

Roll-ups (``coverage_rollups``) count entitled teacher-support pairs per school (a teacher
in two schools counts in both), network and district (there, once), for each support and
for every support together, overall, by experience band (``new`` < 2 years, ``2-4``,
``5+``) and by school tier, with the shares meeting, partial and none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

ASSIGNMENT_COLUMNS = (
    "teacher_id",
    "school_id",
    "network_id",
    "tier",
    "starts_on",
    "ends_on",
    "years_experience",
    "subject",
    "grade_low",
    "grade_high",
)
SUPPORT_COLUMNS = (
    "support_id",
    "audience",
    "new_teacher_years",
    "audience_subject",
    "audience_grade_low",
    "audience_grade_high",
    "audience_tier",
    "min_occurrences",
    "period",
    "min_minutes",
)
DELIVERY_COLUMNS = ("support_id", "teacher_id", "school_id", "delivered_on", "minutes")

ASSIGNMENT_SCHEMA = pa.schema(
    [
        ("teacher_id", pa.int64()),
        ("school_id", pa.int64()),
        ("network_id", pa.int64()),
        ("tier", pa.int32()),
        ("starts_on", pa.date32()),
        ("ends_on", pa.date32()),
        ("years_experience", pa.int32()),
        ("subject", pa.string()),
        ("grade_low", pa.string()),
        ("grade_high", pa.string()),
    ]
)
SUPPORT_SCHEMA = pa.schema(
    [
        ("support_id", pa.int64()),
        ("audience", pa.string()),
        ("new_teacher_years", pa.int32()),
        ("audience_subject", pa.string()),
        ("audience_grade_low", pa.string()),
        ("audience_grade_high", pa.string()),
        ("audience_tier", pa.int32()),
        ("min_occurrences", pa.int32()),
        ("period", pa.string()),
        ("min_minutes", pa.int32()),
    ]
)
DELIVERY_SCHEMA = pa.schema(
    [
        ("support_id", pa.int64()),
        ("teacher_id", pa.int64()),
        ("school_id", pa.int64()),
        ("delivered_on", pa.date32()),
        ("minutes", pa.int32()),
    ]
)

# Experience bands, new teachers first (the order pages show them in).
EXPERIENCE_BANDS = ("new", "2-4", "5+")
BAND_NAMES = {"new": "New (under 2 years)", "2-4": "2 to 4 years", "5+": "5 years or more"}
STATUSES = ("meets", "partial", "none")

# A grade as a number: PK -1, KG 0, 01..12 1..12; blank is unknown.
_GRADE = """CREATE OR REPLACE TEMP MACRO grade_number(g) AS
    CASE upper(trim(coalesce(g, ''))) WHEN 'PK' THEN -1 WHEN 'KG' THEN 0
    WHEN '' THEN NULL ELSE TRY_CAST(g AS INTEGER) END"""

_TEACHERS = """
WITH clipped AS (
    SELECT teacher_id, school_id, network_id, tier, years_experience, subject,
           grade_low, grade_high,
           greatest(starts_on, $start) AS s,
           least(coalesce(ends_on, $end), $end) AS e
    FROM cov_assignments
    WHERE starts_on <= $end AND coalesce(ends_on, $end) >= $start
),
ordered AS (  -- the furthest day reached by the teacher's earlier assignments
    SELECT teacher_id, s, e,
           max(e) OVER (PARTITION BY teacher_id ORDER BY s, e
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM clipped
),
islands AS (  -- a new stretch starts where an assignment begins after that day
    SELECT teacher_id, s, e,
           sum(CASE WHEN reach IS NULL OR s > reach + 1 THEN 1 ELSE 0 END)
               OVER (PARTITION BY teacher_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
    FROM ordered
),
spans AS (
    SELECT teacher_id, island, min(s) AS s, max(e) AS e FROM islands GROUP BY ALL
),
windows AS (
    SELECT teacher_id, CAST(sum(datediff('day', s, e) + 1) AS BIGINT) AS window_days
    FROM spans GROUP BY teacher_id
),
experience AS (
    SELECT teacher_id, min(years_experience) AS years_experience FROM clipped GROUP BY ALL
),
entitled AS (
    SELECT DISTINCT c.teacher_id, p.support_id
    FROM clipped c, cov_supports p
    WHERE CASE p.audience
        WHEN 'all' THEN TRUE
        WHEN 'new' THEN c.years_experience < p.new_teacher_years
        WHEN 'subject' THEN trim(coalesce(p.audience_subject, '')) <> ''
            AND lower(trim(coalesce(c.subject, ''))) = lower(trim(p.audience_subject))
        WHEN 'grade_span' THEN
            grade_number(c.grade_low) <= coalesce(grade_number(p.audience_grade_high), 12)
            AND coalesce(grade_number(c.grade_high), grade_number(c.grade_low))
                >= coalesce(grade_number(p.audience_grade_low), -1)
        WHEN 'tier' THEN c.tier = p.audience_tier
        ELSE FALSE END
),
received AS (
    SELECT d.teacher_id, d.support_id, count(*) AS received
    FROM cov_deliveries d
    JOIN cov_supports p ON p.support_id = d.support_id
    JOIN spans w ON w.teacher_id = d.teacher_id AND d.delivered_on BETWEEN w.s AND w.e
    WHERE d.minutes >= p.min_minutes
    GROUP BY ALL
),
doses AS (
    SELECT n.teacher_id, n.support_id, w.window_days, x.years_experience,
           CAST(CASE p.period
               WHEN 'week' THEN (p.min_occurrences * w.window_days * 2 + 7) // 14
               WHEN 'month' THEN (p.min_occurrences * w.window_days * 200 + 3044) // 6088
               ELSE (p.min_occurrences * w.window_days + $days - 1) // $days
           END AS BIGINT) AS required,
           CAST(coalesce(r.received, 0) AS BIGINT) AS received
    FROM entitled n
    JOIN cov_supports p ON p.support_id = n.support_id
    JOIN windows w ON w.teacher_id = n.teacher_id
    JOIN experience x ON x.teacher_id = n.teacher_id
    LEFT JOIN received r ON r.teacher_id = n.teacher_id AND r.support_id = n.support_id
)
SELECT teacher_id, support_id, window_days, required, received,
       CASE WHEN received >= required THEN 'meets'
            WHEN received > 0 THEN 'partial' ELSE 'none' END AS status,
       CAST(years_experience AS INTEGER) AS years_experience,
       CASE WHEN years_experience < 2 THEN 'new'
            WHEN years_experience < 5 THEN '2-4' ELSE '5+' END AS experience_band
FROM doses
ORDER BY teacher_id, support_id
"""

_MEMBERSHIPS = """
SELECT DISTINCT teacher_id, school_id, network_id, tier
FROM cov_assignments
WHERE starts_on <= $end AND coalesce(ends_on, $end) >= $start
ORDER BY school_id, teacher_id
"""

_ROLLUPS = """
WITH placed AS (  -- each teacher in each unit, with the tier of their school there
    SELECT DISTINCT teacher_id, 'school' AS unit_type, school_id AS unit_id,
           coalesce(CAST(tier AS VARCHAR), 'none') AS tier_group
    FROM cov_memberships
    UNION ALL
    SELECT DISTINCT teacher_id, 'network', network_id, coalesce(CAST(tier AS VARCHAR), 'none')
    FROM cov_memberships WHERE network_id IS NOT NULL
    UNION ALL
    SELECT DISTINCT teacher_id, 'district', NULL, coalesce(CAST(tier AS VARCHAR), 'none')
    FROM cov_memberships
),
units AS (  -- once per unit, whatever the tiers of their schools in it
    SELECT DISTINCT teacher_id, unit_type, unit_id FROM placed
),
grouped AS (  -- every row a distinct (unit, group, teacher, support): plain counts
    SELECT u.unit_type, u.unit_id, 'all' AS group_type, 'all' AS group_value,
           t.support_id, t.status
    FROM cov_teachers t JOIN units u ON u.teacher_id = t.teacher_id
    UNION ALL
    SELECT u.unit_type, u.unit_id, 'experience', t.experience_band, t.support_id, t.status
    FROM cov_teachers t JOIN units u ON u.teacher_id = t.teacher_id
    UNION ALL
    SELECT p.unit_type, p.unit_id, 'tier', p.tier_group, t.support_id, t.status
    FROM cov_teachers t JOIN placed p ON p.teacher_id = t.teacher_id
),
counted AS (
    SELECT unit_type, unit_id, support_id, group_type, group_value,
           count(*) AS entitled,
           count(*) FILTER (WHERE status = 'meets') AS meets,
           count(*) FILTER (WHERE status = 'partial') AS partial,
           count(*) FILTER (WHERE status = 'none') AS "none"
    FROM grouped
    GROUP BY GROUPING SETS (
        (unit_type, unit_id, group_type, group_value, support_id),
        (unit_type, unit_id, group_type, group_value)
    )
)
SELECT unit_type, unit_id, support_id, group_type, group_value,
       CAST(entitled AS BIGINT) AS entitled, CAST(meets AS BIGINT) AS meets,
       CAST(partial AS BIGINT) AS partial, CAST("none" AS BIGINT) AS "none",
       meets / entitled AS share_meets, partial / entitled AS share_partial,
       "none" / entitled AS share_none
FROM counted
ORDER BY unit_type, unit_id NULLS FIRST, support_id NULLS FIRST, group_type, group_value
"""


@dataclass(frozen=True)
class CoverageResult:
    """What a computation gives: ``teachers`` (one row per entitled teacher and support),
    ``memberships`` (the teachers of each school in the period) and ``rollups``."""

    teachers: pa.Table
    memberships: pa.Table
    rollups: pa.Table


def _duckdb(con: Any) -> Any:
    """The DuckDB connection under an ibis backend (or a DuckDB connection as it is)."""
    raw = getattr(con, "con", con)
    if not hasattr(raw, "register"):
        raise TypeError("Coverage is computed on the DuckDB engine.")
    return raw


def _conform(table: pa.Table, schema: pa.Schema, what: str) -> pa.Table:
    missing = [name for name in schema.names if name not in table.column_names]
    if missing:
        raise ValueError(f"The {what} lack the columns {', '.join(missing)}.")
    return table.select(schema.names).cast(schema)


def teacher_coverage(
    con: Any,
    *,
    assignments: pa.Table,
    supports: pa.Table,
    deliveries: pa.Table,
    starts_on: dt.date,
    ends_on: dt.date,
) -> pa.Table:
    """One row per teacher and support they are entitled to over [``starts_on``,
    ``ends_on``]: ``window_days``, ``required``, ``received``, ``status``,
    ``years_experience`` (the lowest of their assignments) and ``experience_band``.
    The rules are the module's docstring."""
    if ends_on < starts_on:
        raise ValueError("The period ends before it starts.")
    raw = _duckdb(con)
    raw.register("cov_assignments", _conform(assignments, ASSIGNMENT_SCHEMA, "assignments"))
    raw.register("cov_supports", _conform(supports, SUPPORT_SCHEMA, "supports"))
    raw.register("cov_deliveries", _conform(deliveries, DELIVERY_SCHEMA, "deliveries"))
    raw.execute(_GRADE)
    days = (ends_on - starts_on).days + 1
    params = {"start": starts_on, "end": ends_on, "days": days}
    try:
        return raw.sql(_TEACHERS, params=params).to_arrow_table()
    finally:
        for name in ("cov_assignments", "cov_supports", "cov_deliveries"):
            raw.unregister(name)


def school_memberships(
    con: Any, *, assignments: pa.Table, starts_on: dt.date, ends_on: dt.date
) -> pa.Table:
    """The teachers of each school in the period (``teacher_id``, ``school_id``,
    ``network_id``, ``tier``): a teacher in two schools is a member of both."""
    raw = _duckdb(con)
    raw.register("cov_assignments", _conform(assignments, ASSIGNMENT_SCHEMA, "assignments"))
    try:
        params = {"start": starts_on, "end": ends_on}
        return raw.sql(_MEMBERSHIPS, params=params).to_arrow_table()
    finally:
        raw.unregister("cov_assignments")


def coverage_rollups(con: Any, *, teachers: pa.Table, memberships: pa.Table) -> pa.Table:
    """Entitled teacher-support pairs and the shares meeting, partial and none, per
    ``unit_type`` (school, network, district; ``unit_id`` null for the district), per
    ``support_id`` (null: every support together), per ``group_type`` (``all``,
    ``experience`` by band, ``tier`` by school tier, ``none`` for a school not placed).
    A teacher in two schools counts in both schools but once in their network and the
    district."""
    raw = _duckdb(con)
    raw.register("cov_teachers", teachers)
    raw.register("cov_memberships", memberships)
    try:
        return raw.sql(_ROLLUPS).to_arrow_table()
    finally:
        raw.unregister("cov_teachers")
        raw.unregister("cov_memberships")


def compute_coverage(
    con: Any,
    *,
    assignments: pa.Table,
    supports: pa.Table,
    deliveries: pa.Table,
    starts_on: dt.date,
    ends_on: dt.date,
) -> CoverageResult:
    """Teacher-level coverage, the school memberships and the roll-ups in one call."""
    teachers = teacher_coverage(
        con,
        assignments=assignments,
        supports=supports,
        deliveries=deliveries,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    members = school_memberships(con, assignments=assignments, starts_on=starts_on, ends_on=ends_on)
    rollups = coverage_rollups(con, teachers=teachers, memberships=members)
    return CoverageResult(teachers=teachers, memberships=members, rollups=rollups)
