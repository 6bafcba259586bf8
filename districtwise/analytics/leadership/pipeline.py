"""Diversity of the leader pipeline: the candidates' race and ethnicity (and sex) beside
the district's staff and students. No Django.

``staff_profiles`` and ``student_counts`` read the contract's tables (the newest school
year of each); ``pipeline_shares`` compares counts and hides small groups.

Suppression: a group of fewer candidates (or staff, or students) than the district's
minimum display n is never shown, and when exactly one group of a column is hidden the
next smallest is hidden too, so the hidden one cannot be worked out from the total
(``suppress_small``). A handful of candidates of one group in a named pipeline would say
who they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import ibis
import pyarrow as pa

from districtwise.analytics.contract import RACE_ETHNICITY, SEX
from districtwise.analytics.tables import Tables
from districtwise.analytics.voice.patterns import suppress_small

NOT_REPORTED = "not_reported"
GROUPS = {"race_ethnicity": (*RACE_ETHNICITY, NOT_REPORTED), "sex": (*SEX, NOT_REPORTED)}


def staff_profiles(tables: Tables) -> dict[str, dict[str, str]]:
    """Each staff member of the newest school year of staff.csv: staff_id → their
    ``race_ethnicity`` and ``sex`` (``not_reported`` when blank)."""
    staff = tables.staff
    newest = staff.school_year.max()
    latest = staff.filter(staff.school_year == newest)
    rows = latest.select("staff_id", "race_ethnicity", "sex").distinct().to_pyarrow()
    found: dict[str, dict[str, str]] = {}
    for row in rows.to_pylist():
        found.setdefault(
            row["staff_id"],
            {
                "race_ethnicity": row["race_ethnicity"] or NOT_REPORTED,
                "sex": row["sex"] or NOT_REPORTED,
            },
        )
    return found


def student_counts(tables: Tables) -> dict[str, Counter[str]]:
    """Students enrolled in the newest school year of enrollments.csv, counted by
    ``race_ethnicity`` and by ``sex`` (each student once)."""
    enrollments = tables.enrollments
    newest = enrollments.filter(enrollments.school_year == enrollments.school_year.max())
    enrolled = newest.select("student_id").distinct()
    students = tables.students
    joined = enrolled.left_join(students, enrolled.student_id == students.student_id)
    counts: dict[str, Counter[str]] = {}
    for group_type in GROUPS:
        column = joined[group_type].fill_null(NOT_REPORTED)
        grouped = joined.group_by(group=column).aggregate(count=ibis._.count())
        table: pa.Table = grouped.to_pyarrow()
        counts[group_type] = Counter({row["group"]: row["count"] for row in table.to_pylist()})
    return counts


def profile_counts(profiles: Mapping[str, Mapping[str, str]], ids) -> dict[str, Counter[str]]:
    """Count ``ids`` (staff ids; unknown or blank ones as not reported) by each group type."""
    counts: dict[str, Counter[str]] = {t: Counter() for t in GROUPS}
    for staff_id in ids:
        profile = profiles.get(staff_id or "")
        for group_type in GROUPS:
            counts[group_type][profile[group_type] if profile else NOT_REPORTED] += 1
    return counts


@dataclass(frozen=True)
class Share:
    count: int | None  # None: hidden (fewer than the minimum, or hidden beside one)
    share: float | None  # of the column's total, when the count is shown

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class GroupRow:
    group_type: str
    group: str
    candidates: Share
    staff: Share | None  # None: no staff figures available
    students: Share | None  # None: no student figures available


def _column(counts: Counter[str] | None, groups, minimum: int) -> dict[str, Share] | None:
    if counts is None:
        return None
    total = sum(counts.values())
    shown = suppress_small(
        {g: counts.get(g, 0) for g in groups if counts.get(g, 0)}, minimum=minimum
    )
    column = {}
    for group in groups:
        value = shown.get(group, 0)
        column[group] = Share(value, value / total if value is not None and total else None)
    return column


def pipeline_shares(
    group_type: str,
    *,
    candidates: Counter[str],
    staff: Counter[str] | None,
    students: Counter[str] | None,
    minimum: int,
) -> list[GroupRow]:
    """Per group of ``group_type``: the candidates', staff's and students' count and share
    of their total, small counts hidden (see the module's note). A group no one is in
    shows 0; a column without figures (no file imported) is None."""
    groups = GROUPS[group_type]
    columns = [_column(c, groups, minimum) for c in (candidates, staff, students)]
    rows = []
    for group in groups:
        cand, st, stu = (None if c is None else c[group] for c in columns)
        assert cand is not None
        rows.append(GroupRow(group_type, group, cand, st, stu))
    return rows
