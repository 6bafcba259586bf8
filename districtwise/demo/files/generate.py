"""generate_district_files: the demo district's contract CSV files and manifest."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from districtwise.demo import names
from districtwise.demo.files import assessments as tests_
from districtwise.demo.files import attendance, discipline, finance, tables
from districtwise.demo.files.course_rows import write_courses, write_elementary_day
from districtwise.demo.files.courses import COLUMNS as COURSE_COLUMNS
from districtwise.demo.files.courses import build_catalog
from districtwise.demo.files.csvout import CsvSet
from districtwise.demo.files.enrollment import YearRows
from districtwise.demo.files.leaders import leaders
from districtwise.demo.files.manifest import manifest
from districtwise.demo.files.planted import planted
from districtwise.demo.files.staff import (
    TEACHER,
    R,
    Roster,
    required,
    salary,
    staff_year,
    turnover,
)
from districtwise.demo.files.world import World, simulate, stream

Progress = Callable[[str, float], None]


class DemoSize(StrEnum):
    """Named demo sizes (students per year); ``SIZES[size]`` gives the count."""

    SMALL = "small"
    DEFAULT = "default"
    LARGE = "large"

    @property
    def students(self) -> int:
        """Students per school year."""
        return SIZES[self.value]


SIZES: dict[str, int] = {"small": 2_500, "default": 25_000, "large": 150_000}


def generate_district_files(
    out_dir: Path,
    *,
    seed: int,
    students: int,
    years: int = 3,
    daily_attendance: bool = False,
    full_records: bool = False,
    progress: Progress | None = None,
    last_year: int = 2026,
) -> dict[str, Any]:
    """Write the contract's CSV files + manifest.json into out_dir; return the manifest dict.

    ``students`` is the enrolment of each school year; the school years are the ``years``
    years ending with ``last_year`` (2026 = 2025-26). With ``daily_attendance`` the last
    year also gets attendance_daily.csv, whose totals equal attendance.csv exactly. With
    ``full_records`` every year also has interim tests (reading and maths, fall and spring,
    KG-08) and the elementary day as course enrollments, as a district that exports
    everything has: about 4 assessment and 7 course rows per student (the import benchmark).
    Neither option changes the other files' bytes.
    Same arguments, same bytes.
    """
    if students < 100 or years < 1:
        raise ValueError("need at least 100 students and one school year")
    report = progress or (lambda _step, _fraction: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    school_years = list(range(last_year - years + 1, last_year + 1))
    report("Simulating students and schools", 0.0)
    world = simulate(seed, students, school_years)
    with CsvSet(out_dir) as files:
        leaders = _write_all(files, world, daily_attendance, full_records, report)
    manifest = _manifest(world, files.row_counts(), leaders)
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (out_dir / "manifest.json").write_text(text, encoding="utf-8")
    report("Done", 1.0)
    return manifest


def _open_files(files: CsvSet, daily: bool) -> None:
    """Create every output file with its header."""
    files.open("schools.csv", tables.SCHOOL_COLUMNS)
    files.open("students.csv", tables.STUDENT_COLUMNS)
    files.open("enrollments.csv", tables.ENROLLMENT_COLUMNS)
    files.open("attendance.csv", attendance.ATTENDANCE_COLUMNS)
    if daily:
        files.open("attendance_daily.csv", attendance.DAILY_COLUMNS)
    files.open("discipline.csv", discipline.COLUMNS)
    files.open("assessments.csv", tests_.COLUMNS)
    files.open("course_enrollments.csv", COURSE_COLUMNS)
    files.open("staff.csv", tables.STAFF_COLUMNS)
    files.open("school_finance.csv", finance.COLUMNS)


def _write_all(
    files: CsvSet, world: World, daily: bool, full: bool, report: Progress
) -> dict[str, Any]:
    """Write all files year by year; return the last year's leaders."""
    _open_files(files, daily)
    ids, school_ids = world.student_ids(), world.school_ids()
    tables.write_schools(files["schools.csv"], world)
    tables.write_students(files["students.csv"], world, ids)
    staff = _StaffState(world)
    for i, rows in enumerate(world.years):
        share = 0.05 + 0.9 * i / len(world.years)
        report(f"School year {rows.year}: students", share)
        last = i == len(world.years) - 1
        _write_year(files, world, rows, ids, school_ids, last and daily, full)
        report(f"School year {rows.year}: staff and finance", share + 0.8 / len(world.years))
        roster = staff.advance(rows)
        tables.write_staff(
            files["staff.csv"],
            rows.year,
            roster,
            world,
            staff.ids,
            [d[1] for d in names.DEPARTMENTS],
        )
        _write_finance(files, world, rows, roster, school_ids)
    return staff.leaders()


def _write_year(
    files: CsvSet,
    world: World,
    rows: YearRows,
    ids: pa.Array,
    school_ids: pa.Array,
    daily: bool,
    full: bool,
) -> None:
    """The student-level files of one school year."""
    last = rows.year == world.years[-1].year
    calendar = world.calendars[rows.year]
    tables.write_enrollments(files["enrollments.csv"], rows, calendar, ids, school_ids, last)
    _write_attendance(files, world, rows, ids, school_ids, daily)
    _write_discipline(files, world, rows, ids, school_ids)
    _write_results(files, world, rows, ids, school_ids, full)


def _write_attendance(
    files: CsvSet, world: World, rows: YearRows, ids: pa.Array, school_ids: pa.Array, daily: bool
) -> None:
    """attendance.csv (and optionally attendance_daily.csv) rows of one year."""
    year, last = rows.year, rows.year == world.years[-1].year
    rng = stream(world.seed, f"attendance-{year}")
    enrolled, absent = attendance.absence_halves(
        rng, rows, world.poverty, world.students.attend, not last, world.struggling_mask()
    )
    attendance.write_attendance(files["attendance.csv"], rows, ids, school_ids, enrolled, absent)
    if daily:
        daily_rng = stream(world.seed, f"daily-{year}")
        out = files["attendance_daily.csv"]
        calendar = world.calendars[year]
        attendance.write_daily(daily_rng, out, rows, calendar, ids, school_ids, absent)


def _write_results(
    files: CsvSet, world: World, rows: YearRows, ids: pa.Array, school_ids: pa.Array, full: bool
) -> None:
    """assessments.csv and course_enrollments.csv rows of one year (``full``: with the
    interim tests and the elementary day)."""
    ability, year = world.students.ability, rows.year
    rng = stream(world.seed, f"assessments-{year}")
    out = files["assessments.csv"]
    index = year - world.years[0].year
    shift = tests_.struggling_shift(world.struggling_mask(), index)
    tests_.write_assessments(rng, out, rows, ids, school_ids, ability, world.poverty, shift)
    if full:
        rng = stream(world.seed, f"interim-{year}")
        tests_.write_interim(rng, out, rows, ids, school_ids, ability, world.poverty)
    rng = stream(world.seed, f"courses-{year}")
    out = files["course_enrollments.csv"]
    write_courses(rng, out, rows, ids, school_ids, ability, world.ib_school, build_catalog())
    if full:
        rng = stream(world.seed, f"elementary-{year}")
        write_elementary_day(rng, out, rows, ids, school_ids, ability)


def _write_discipline(
    files: CsvSet, world: World, rows: YearRows, ids: pa.Array, school_ids: pa.Array
) -> None:
    """discipline.csv rows of one year."""
    rng = stream(world.seed, f"discipline-{rows.year}")
    planted_mask = np.zeros(world.plan.n_schools, dtype=bool)
    planted_mask[world.oss_planted] = True
    s, level = world.students, world.plan.level
    oss = discipline.oss_students(
        rng,
        rows,
        s.race,
        s.behave,
        level,
        world.poverty,
        np.flatnonzero(planted_mask),
        world.struggling_mask(),
    )
    acts = discipline.actions(rng, rows, s.behave, level, world.poverty, oss)
    discipline.write_discipline(
        rng, files["discipline.csv"], rows, world.calendars[rows.year], ids, school_ids, acts
    )


def _write_finance(
    files: CsvSet, world: World, rows: YearRows, roster: Roster, school_ids: pa.Array
) -> None:
    """school_finance.csv rows of one year, from the school's payroll and enrolment."""
    n = world.plan.n_schools
    school = roster.key // R
    on_site = school < n
    pay = salary(roster.key, roster.exp, n) * roster.fte
    payroll = np.bincount(school[on_site], weights=pay[on_site], minlength=n)
    counts = {
        k: np.bincount(rows.school, weights=rows.flags[f] == 1, minlength=n)
        for k, f in (
            ("ed", "economically_disadvantaged"),
            ("el", "english_learner"),
            ("dis", "disability"),
        )
    }
    enrolment = np.bincount(rows.school, minlength=n)
    amount = finance.school_spending(
        stream(world.seed, f"finance-{rows.year}"), payroll, enrolment, counts, world.title_i
    )
    finance.write_finance(files["school_finance.csv"], rows.year, school_ids, amount, world.title_i)


class _StaffState:
    """Staff rosters carried from year to year."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = stream(world.seed, "staff")
        self.roster: Roster | None = None
        self.next_sid = 0
        self.ids = pa.array([], pa.string())

    def advance(self, rows: YearRows) -> Roster:
        """The roster of the year of ``rows``."""
        w = self.world
        enrolment = np.bincount(rows.school, minlength=w.plan.n_schools)
        need = required(enrolment, w.plan.level, w.title_i, w.students_per_year)
        if self.roster is not None:
            self.roster = turnover(self.rng, self.roster, w.poverty, w.struggling_mask())
        self.roster, self.next_sid = staff_year(
            self.rng, self.roster, need, w.poverty, self.next_sid
        )
        self.ids = tables.staff_id_strings(max(self.next_sid, 999_999))
        return self.roster

    def teacher_fte(self) -> np.ndarray:
        """Teacher FTE per school in the current roster."""
        assert self.roster is not None
        n = self.world.plan.n_schools
        teach = self.roster.key % R == TEACHER
        teach &= self.roster.key < n * R
        return np.bincount(self.roster.key[teach] // R, weights=self.roster.fte[teach], minlength=n)

    def leaders(self) -> dict[str, Any]:
        """Principal, assistant principals and coach per school; a lead per department."""
        assert self.roster is not None
        return {
            "leaders": leaders(self.world, self.roster, self.ids),
            "teacher_fte": self.teacher_fte(),
        }


def _manifest(world: World, counts: dict[str, int], staff: dict[str, Any]) -> dict[str, Any]:
    """Assemble the manifest."""
    return manifest(world, counts, staff["leaders"], planted(world, staff["teacher_fte"]))
