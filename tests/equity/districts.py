"""Random small districts as the contract's CSV files (shared/spec/district-data-files.md),
for the property tests of the audit's privacy: a few schools in one or two networks, tens
of students with random group memberships, and attendance, discipline, assessment, course,
staff and finance rows, so that many figures of many metrics are small.

Every record of a student is at the one school they are enrolled in that year (the spec's
sums of schools are then exact), and staff and spending belong to schools with students
that year (so that the district's teacher FTE and dollars are its schools').
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from districtwise.analytics import contract

LEVELS = {
    "elementary": ("KG", "05"),
    "middle": ("06", "08"),
    "high": ("09", "12"),
    "k12": ("PK", "12"),
}
ADVANCED_GRADES = {
    "AP": ("09", "10", "11", "12"),
    "IB": ("09", "10", "11", "12"),
    "DUAL": ("11", "12"),
    "HONORS": ("06", "07", "08", "09", "10", "11", "12"),
    "ALG1_MS": ("07", "08"),
    "GT": contract.GRADES,
}
OPTIONAL_FILES = ("course_enrollments.csv", "staff.csv", "school_finance.csv")


@dataclass
class SmallDistrict:
    """The rows of each file (contract column -> text), and each school's network."""

    years: tuple[int, ...]
    networks: dict[str, str | None]
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name} {len(rows)}" for name, rows in self.rows.items())
        return f"SmallDistrict(years={self.years}, networks={self.networks}, rows: {counts})"

    def write(self, folder: Path) -> Path:
        """The files, as a district would hand them over (blank = unknown)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in self.rows.items():
            columns = contract.BY_NAME[name].column_names
            with (folder / name).open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                writer.writerows({c: row.get(c, "") for c in columns} for row in rows)
        return folder


class _Mix:
    """One example's shares of every group, skewed so that some groups are rare."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd
        self.weights: dict[str, list[float]] = {}

    def pick(self, name: str, values: tuple[str, ...]) -> str:
        if name not in self.weights:
            self.weights[name] = [self.rnd.random() ** 3 + 0.01 for _ in values]
        return self.rnd.choices(values, self.weights[name])[0]

    def chance(self, name: str, top: float = 1.0) -> bool:
        if name not in self.weights:
            self.weights[name] = [self.rnd.random() * top]
        return self.rnd.random() < self.weights[name][0]


@st.composite
def small_districts(draw, schools: tuple[tuple[str, str], ...]) -> SmallDistrict:
    """A district whose first schools are ``schools`` ((code, name), the first in network
    ``N``), and maybe one more; every other school in network N, S or none. One school has
    fewer than ten students in the last year, so some figures are always small."""
    # One school year twice as often as two: two cost twice the time.
    years = draw(st.sampled_from(((2026,), (2026,), (2025, 2026))))
    extra = draw(st.integers(0, 1))
    named = [*schools, *((f"X{i}", f"Extra School {i}") for i in range(extra))]
    networks = {named[0][0]: "N"}
    for code, _ in named[1:]:
        networks[code] = draw(st.sampled_from(("N", "S", None)))
    sizes = {(code, y): draw(st.integers(0, 40)) for code, _ in named for y in years}
    small = draw(st.sampled_from([code for code, _ in named]))
    sizes[(small, years[-1])] = draw(st.integers(1, 9))
    optional = {name for name in OPTIONAL_FILES if draw(st.booleans())}
    rnd = draw(st.randoms(use_true_random=False))
    return small_district(named, networks, sizes, optional, rnd)


def small_district(
    named: list[tuple[str, str]],
    networks: dict[str, str | None],
    sizes: dict[tuple[str, int], int],
    optional: set[str],
    rnd: random.Random,
) -> SmallDistrict:
    """The files of schools ``named`` ((code, name)) in ``networks`` with ``sizes[(code,
    year)]`` students, the optional files ``optional`` and every other choice by ``rnd``."""
    years = tuple(sorted({year for _, year in sizes}))
    district = SmallDistrict(years=years, networks=networks)
    _write_rows(district, named, sizes, optional, rnd)
    return district


def _write_rows(district, named, sizes, optional, rnd: random.Random) -> None:
    mix = _Mix(rnd)
    rows: dict[str, list[dict[str, str]]] = {
        name: [] for name in ("schools.csv", "students.csv", "enrollments.csv")
    }
    rows |= {"attendance.csv": [], "discipline.csv": [], "assessments.csv": []}
    rows |= {name: [] for name in optional}
    levels = {code: rnd.choice(sorted(LEVELS)) for code, _ in named}
    for code, name in named:
        low, high = LEVELS[levels[code]]
        rows["schools.csv"].append(
            {
                "school_id": code,
                "name": name,
                "network_id": district.networks[code] or "",
                "level": levels[code],
                "grade_low": low,
                "grade_high": high,
                "title_i": rnd.choice("YN"),
            }
        )
    for year in district.years:
        for index, (code, _) in enumerate(named):
            for number in range(sizes[(code, year)]):
                student = f"{year % 100}{index}{number:03d}"
                _student(rows, mix, rnd, student, code, year, levels[code])
            if sizes[(code, year)]:
                _school_year(rows, mix, rnd, code, year)
    district.rows = rows


def _flag(mix: _Mix, name: str) -> str:
    return mix.pick(name, ("Y", "N", ""))


def _student(rows, mix: _Mix, rnd: random.Random, student, school, year, level) -> None:
    low, high = LEVELS[level]
    grades = contract.GRADES
    grade = rnd.choice(grades[grades.index(low) : grades.index(high) + 1])
    rows["students.csv"].append(
        {
            "student_id": student,
            "sex": mix.pick("sex", ("F", "M", "X", "")),
            "race_ethnicity": mix.pick("race", (*contract.RACE_ETHNICITY, "")),
            "birth_year": str(year - 6 - max(grades.index(grade) - 1, 0)),
        }
    )
    key = {"student_id": student, "school_id": school, "school_year": str(year)}
    rows["enrollments.csv"].append(
        key
        | {"grade_level": grade, "entry_date": f"{year - 1}-08-20", "exit_date": ""}
        | {flag: _flag(mix, flag) for flag in contract.ENROLLMENTS.column_names[6:]}
    )
    if mix.chance("attendance"):
        enrolled = rnd.choice((5, 8, 45, 90, 150, 170, 180))
        absent = rnd.choice((0, 1, enrolled // 20, enrolled // 8, enrolled // 3))
        rows["attendance.csv"].append(
            key | {"days_enrolled": str(enrolled), "days_absent": str(absent)}
        )
    for action in range(rnd.randint(1, 3) if mix.chance("discipline", 0.5) else 0):
        _action(rows, mix, rnd, student, school, year, action)
    for assessment in ("STATE_ELA", "STATE_MATH"):
        if mix.chance(f"tested {assessment}"):
            rows["assessments.csv"].append(key | _score(mix, rnd, assessment, grade))
    if "course_enrollments.csv" in rows:
        _courses(rows, mix, rnd, key, grade)


def _action(rows, mix: _Mix, rnd: random.Random, student, school, year, number) -> None:
    action = mix.pick("action", contract.ACTIONS)
    removed = rnd.choice((0.5, 1, 2, 3, 5, 10)) if action in ("ISS", "OSS", "EXP") else 0
    day = dt.date(year - 1, 9, 1) + dt.timedelta(days=rnd.randint(0, 280))
    rows["discipline.csv"].append(
        {
            "incident_id": f"I{student}-{number}",
            "student_id": student,
            "school_id": school,
            "date": day.isoformat(),
            "action": action,
            "days_removed": str(removed),
            "offense": rnd.choice(("fighting", "defiance", "")),
        }
    )


def _score(mix: _Mix, rnd: random.Random, assessment: str, grade: str) -> dict[str, str]:
    proficient = mix.pick(f"proficient {assessment}", ("Y", "N", ""))
    level = {"Y": rnd.choice("34"), "N": rnd.choice("12"), "": ""}[proficient]
    score = str(rnd.randint(2300, 2700)) if proficient and mix.chance("scored") else ""
    return {
        "assessment": assessment,
        "subject": "ELA" if assessment.endswith("ELA") else "MATH",
        "grade_level": grade,
        "scale_score": score,
        "performance_level": level,
        "proficient": proficient,
    }


def _courses(rows, mix: _Mix, rnd: random.Random, key, grade) -> None:
    offered = [kind for kind, grades in ADVANCED_GRADES.items() if grade in grades]
    taken = [kind for kind in offered if mix.chance(f"takes {kind}", 0.6)]
    for kind in [*taken, ""] if rnd.random() < 0.5 else taken:
        rows["course_enrollments.csv"].append(
            key
            | {
                "course_id": f"C-{kind or 'ENG'}",
                "course_name": f"{kind or 'English'} course",
                "subject": "ELA",
                "advanced": kind,
                "passed": rnd.choice("YN"),
            }
        )


def _school_year(rows, mix: _Mix, rnd: random.Random, school, year) -> None:
    """A school's staff and spending in a year it has students."""
    if "staff.csv" in rows:
        teachers = rnd.randint(0, 14)
        for number in range(teachers + 1):
            rows["staff.csv"].append(
                {
                    "staff_id": f"T{school}-{number}",
                    "school_year": str(year),
                    "school_id": school,
                    "role": "teacher" if number < teachers else "principal",
                    "sex": mix.pick("staff sex", ("F", "M", "")),
                    "race_ethnicity": mix.pick("staff race", (*contract.RACE_ETHNICITY, "")),
                    "years_experience": str(rnd.choice((0, 1, 1.5, 4, 12, 25))),
                    "certified_in_assignment": rnd.choice("YYN"),
                    "fte": rnd.choice(("1", "1", "0.5")),
                    "salary": str(rnd.randint(40, 90) * 1000),
                }
            )
        rows["staff.csv"].append(
            {
                "staff_id": f"C-{school}",
                "school_year": str(year),
                "department": "Finance",
                "role": "central_office",
                "years_experience": "3",
                "certified_in_assignment": "Y",
                "fte": "1",
            }
        )
    if "school_finance.csv" in rows:
        for category in rnd.sample(("personnel", "nonpersonnel"), rnd.randint(1, 2)):
            rows["school_finance.csv"].append(
                {
                    "school_id": school,
                    "school_year": str(year),
                    "category": category,
                    "funding_source": rnd.choice(("general", "title_i", "grant")),
                    "amount": f"{rnd.randint(1_000, 900_000)}.{rnd.randint(0, 99):02d}",
                }
            )
