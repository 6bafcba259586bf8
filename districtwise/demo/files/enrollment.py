"""Year-by-year membership: promotion, attrition, new entrants and mid-year moves."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from districtwise.demo.files.codes import PK, UNKNOWN
from districtwise.demo.files.csvout import take_column
from districtwise.demo.files.geography import Plan
from districtwise.demo.files.population import (
    Students,
    grade_targets,
    new_students,
    sample_zones,
)

MOVER_SHARE = 0.024  # students with rows at two schools in one year
ATTRITION = 0.07  # leave the district between years (besides graduates)


@dataclass
class Cohort:
    """The students of one school year: one entry per student."""

    stu: np.ndarray
    zone: np.ndarray
    grade: np.ndarray
    new: np.ndarray


@dataclass
class YearRows:
    """Enrollment rows of one school year (a mover has two rows)."""

    year: int
    days: int  # instructional days in the year
    stu: np.ndarray
    school: np.ndarray
    grade: np.ndarray
    start: np.ndarray  # first instructional day index of membership
    end: np.ndarray  # last instructional day index (inclusive)
    final: np.ndarray  # the student's last row of the year
    flags: dict[str, np.ndarray]  # int8 flag codes N/Y/blank per row

    def __len__(self) -> int:
        return len(self.stu)

    @property
    def days_enrolled(self) -> np.ndarray:
        """Instructional days in membership per row."""
        return self.end - self.start + 1


def key_columns(
    rows: YearRows, index: np.ndarray, ids: pa.Array, school_ids: pa.Array
) -> dict[str, pa.Array | np.ndarray]:
    """student_id, school_id and school_year of the rows ``index``: the first columns of
    every per-student file of a year."""
    return {
        "student_id": take_column(ids, rows.stu[index]),
        "school_id": take_column(school_ids, rows.school[index]),
        "school_year": np.full(len(index), rows.year, dtype=np.int16),
    }


def initial_cohort(
    rng: np.random.Generator, plan: Plan, students: Students, n: int, year: int
) -> Cohort:
    """The district's students in the first generated year."""
    grade = np.repeat(np.arange(PK, 13), grade_targets(n)).astype(np.int8)
    cohort = _add_entrants(rng, plan, students, grade, year, None)
    cohort.new = rng.random(len(grade)) < 0.05  # most were already enrolled the year before
    return cohort


def _add_entrants(
    rng: np.random.Generator,
    plan: Plan,
    students: Students,
    grade: np.ndarray,
    year: int,
    cohort: Cohort | None,
) -> Cohort:
    """Create students entering ``grade`` and append them to ``cohort``."""
    zone = sample_zones(rng, plan, grade)
    first = len(students)
    students.extend(new_students(rng, plan, zone, grade.astype(np.int64), year))
    fresh = Cohort(
        stu=np.arange(first, len(students)),
        zone=zone,
        grade=grade,
        new=np.ones(len(grade), dtype=bool),
    )
    if cohort is None:
        return fresh
    return Cohort(
        *(np.concatenate([a, b]) for a, b in zip(_parts(cohort), _parts(fresh), strict=True))
    )


def _parts(c: Cohort) -> tuple[np.ndarray, ...]:
    return c.stu, c.zone, c.grade, c.new


def leaving(rng: np.random.Generator, plan: Plan, cohort: Cohort) -> np.ndarray:
    """Students who do not return next year (graduates and movers out of the district)."""
    pov = plan.zone_poverty[plan.zones[cohort.zone]]
    attrition = rng.random(len(cohort.stu)) < ATTRITION * (0.7 + 0.6 * pov)
    return (cohort.grade == 12) | attrition


def next_cohort(
    rng: np.random.Generator,
    plan: Plan,
    students: Students,
    cohort: Cohort,
    leave: np.ndarray,
    year: int,
    n: int,
) -> Cohort:
    """Promote the returning students and add entrants to keep grade sizes near target."""
    keep = ~leave
    grade = cohort.grade[keep].astype(np.int8)
    retained = rng.random(len(grade)) < np.where(np.isin(grade, (0, 9)), 0.04, 0.012)
    grade = np.where(retained & (grade >= 0), grade, grade + 1).astype(np.int8)
    zone = cohort.zone[keep].copy()
    moved = rng.random(len(zone)) < 0.04
    zone[moved] = sample_zones(rng, plan, grade[moved])
    ok = plan.school_of[zone, grade + 1] >= 0
    zone[~ok] = sample_zones(rng, plan, grade[~ok])
    stay = Cohort(cohort.stu[keep], zone, grade, np.zeros(len(zone), dtype=bool))
    have = np.bincount(grade + 1, minlength=14)
    need = np.maximum(grade_targets(n) - have, 0)
    entrants = np.repeat(np.arange(PK, 13), need).astype(np.int8)
    return _add_entrants(rng, plan, students, entrants, year, stay)


def year_rows(
    rng: np.random.Generator,
    plan: Plan,
    students: Students,
    cohort: Cohort,
    leave: np.ndarray,
    year: int,
    days: int,
) -> YearRows:
    """Enrollment rows of one year with entry/exit days, mid-year moves and flags."""
    n = len(cohort.stu)
    school = plan.school_of[cohort.zone, cohort.grade + 1]
    start = np.zeros(n, dtype=np.int64)
    late = cohort.new & (cohort.grade > 0) & (rng.random(n) < 0.3)
    start[late] = rng.integers(3, 140, late.sum())
    end = np.full(n, days - 1, dtype=np.int64)
    early = leave & (cohort.grade < 12) & ~late & (rng.random(n) < 0.4)
    end[early] = rng.integers(30, days - 5, early.sum())
    flags = student_year_flags(rng, students, cohort)
    mover = _movers(rng, plan, cohort, late | early)
    rows = _split_movers(rng, plan, cohort, school, start, end, mover)
    order = np.lexsort((rows[3], rows[0]))
    stu, sch, grade, st, en, src = (a[order] for a in rows)
    final = np.r_[stu[1:] != stu[:-1], True]
    return YearRows(
        year=year,
        days=days,
        stu=stu,
        school=sch,
        grade=grade,
        start=st,
        end=en,
        final=final,
        flags={k: v[src] for k, v in flags.items()},
    )


def _movers(rng: np.random.Generator, plan: Plan, cohort: Cohort, busy: np.ndarray) -> np.ndarray:
    """Mask of students who change school in the middle of the year."""
    n_serving = np.array([len(plan.serving(g)) for g in range(PK, 13)])
    can = (n_serving[cohort.grade + 1] > 1) & (cohort.grade >= 0) & ~busy
    return can & (rng.random(len(can)) < MOVER_SHARE)


def _split_movers(
    rng: np.random.Generator,
    plan: Plan,
    cohort: Cohort,
    school: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    mover: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """Rows (stu, school, grade, start, end, source index) with movers split in two."""
    idx = np.flatnonzero(mover)
    split = rng.integers(20, end[idx] - 20)
    second = np.empty(len(idx), dtype=np.int64)
    for g in np.unique(cohort.grade[idx]):
        sel = np.flatnonzero(cohort.grade[idx] == g)
        serving = plan.serving(int(g))
        pick = serving[rng.integers(0, len(serving), len(sel))]
        clash = pick == school[idx[sel]]
        pos = np.searchsorted(serving, pick[clash])
        pick[clash] = serving[(pos + 1) % len(serving)]
        second[sel] = pick
    src = np.r_[np.arange(len(school)), idx]
    first_end = end.copy()
    first_end[idx] = split
    return (
        cohort.stu[src],
        np.r_[school, second],
        cohort.grade[src],
        np.r_[start, split + 1],
        np.r_[first_end, end[idx]],
        src,
    )


def student_year_flags(
    rng: np.random.Generator, students: Students, cohort: Cohort
) -> dict[str, np.ndarray]:
    """Status flags of each student for the year (int8 N/Y/blank codes)."""
    s, n, g = cohort.stu, len(cohort.stu), cohort.grade
    ed = students.ed_base[s] ^ (rng.random(n) < 0.04)
    homeless = rng.random(n) < np.where(ed, 0.05, 0.004)
    flags = {
        "economically_disadvantaged": ed.astype(np.int8),
        "english_learner": (students.el_base[s] & (g < students.el_exit[s])).astype(np.int8),
        "disability": students.disability[s].astype(np.int8),
        "section_504": (students.s504[s] & ~students.disability[s]).astype(np.int8),
        "homeless": homeless.astype(np.int8),
        "foster_care": (rng.random(n) < 0.003).astype(np.int8),
        "gifted": (students.gifted[s] & (g >= 0)).astype(np.int8),
    }
    flags["economically_disadvantaged"][rng.random(n) < 0.005] = UNKNOWN
    flags["section_504"][rng.random(n) < 0.01] = UNKNOWN
    return flags
