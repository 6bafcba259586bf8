"""The demo files with full records: interim tests and the elementary day as courses.

The import benchmark generates its 1,000,000-student year this way, so these files must
follow the contract exactly and leave every other file as the plain demo writes it.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from districtwise.analytics.validate import validate_and_stage
from districtwise.demo.files import generate_district_files

SEED, STUDENTS = 7, 2_000
INTERIM = {
    "MAP_READING_FALL": "ELA",
    "MAP_MATH_FALL": "MATH",
    "MAP_READING_SPRING": "ELA",
    "MAP_MATH_SPRING": "MATH",
}
INTERIM_GRADES = {"KG", "01", "02", "03", "04", "05", "06", "07", "08"}
ELEMENTARY_GRADES = {"KG", "01", "02", "03", "04", "05"}
DAY = {"ELA", "MATH", "SCI", "SS", "ART", "MUS", "PE"}

Row = dict[str, str]


def rows(folder: Path, name: str) -> list[Row]:
    with (folder / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same district written plainly and with full records."""
    plain, full = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("full")
    generate_district_files(plain, seed=SEED, students=STUDENTS, years=2)
    generate_district_files(full, seed=SEED, students=STUDENTS, years=2, full_records=True)
    return plain, full


def is_elementary_day(row: Row) -> bool:
    grade, _, code = row["course_id"].partition("-")
    return grade[1:] in ELEMENTARY_GRADES and code in DAY and grade.startswith("E")


def test_other_files_and_rows_are_unchanged(pair: tuple[Path, Path]) -> None:
    plain, full = pair
    for path in sorted(plain.glob("*.csv")):
        if path.name in ("assessments.csv", "course_enrollments.csv"):
            continue
        assert (full / path.name).read_bytes() == path.read_bytes(), path.name
    state = [r for r in rows(full, "assessments.csv") if r["assessment"] not in INTERIM]
    assert state == rows(plain, "assessments.csv")
    courses = [r for r in rows(full, "course_enrollments.csv") if not is_elementary_day(r)]
    assert courses == rows(plain, "course_enrollments.csv")


def test_interim_tests(pair: tuple[Path, Path]) -> None:
    _plain, full = pair
    enrolled = {
        (r["student_id"], r["school_id"], r["school_year"]): r["grade_level"]
        for r in rows(full, "enrollments.csv")
    }
    interim = [r for r in rows(full, "assessments.csv") if r["assessment"] in INTERIM]
    per_student = Counter((r["student_id"], r["school_year"]) for r in interim)
    kg8 = {(s, y) for (s, _school, y), grade in enrolled.items() if grade in INTERIM_GRADES}
    assert set(per_student) <= kg8
    assert len(per_student) > 0.85 * len(kg8)  # ~3% untested in each of four tests
    assert max(per_student.values()) == 4
    levels: Counter[int] = Counter()
    for r in interim:
        key = (r["student_id"], r["school_id"], r["school_year"])
        assert r["subject"] == INTERIM[r["assessment"]]
        assert r["grade_level"] == enrolled[key]
        if r["performance_level"]:
            level = int(r["performance_level"])
            levels[level] += 1
            assert (r["proficient"] == "Y") == (level >= 3)
            assert 100 <= int(r["scale_score"]) <= 300
        else:
            assert r["proficient"] == "" and r["scale_score"] == ""
    assert set(levels) == {1, 2, 3, 4, 5}


def test_elementary_day(pair: tuple[Path, Path]) -> None:
    _plain, full = pair
    day = Counter(
        (r["student_id"], r["school_id"], r["school_year"])
        for r in rows(full, "course_enrollments.csv")
        if is_elementary_day(r)
    )
    elementary = {
        (r["student_id"], r["school_id"], r["school_year"])
        for r in rows(full, "enrollments.csv")
        if r["grade_level"] in ELEMENTARY_GRADES
    }
    assert set(day) == elementary
    assert set(day.values()) == {len(DAY)}


def test_full_records_import_without_problems(pair: tuple[Path, Path], tmp_path: Path) -> None:
    _plain, full = pair
    files = {p.name: p for p in full.glob("*.csv")}
    report = validate_and_stage(files, tmp_path / "stage")
    assert not report.has_errors
    assert report.problems == []
    counts = {name: len(rows(full, name)) for name in files}
    assert report.row_counts == counts
