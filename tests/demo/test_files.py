"""Tests of the demo-district file generator, on the files it writes (no database).

Every metric here is recomputed independently from the CSV files, read back with
Python's csv module, following docs equity-metrics.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from districtwise.demo.files import SIZES, DemoSize, generate_district_files

SMALL_SEED, DEFAULT_SEED = 11, 5
CONTRACT: dict[str, list[str]] = {
    "schools.csv": [
        "school_id",
        "name",
        "network_id",
        "level",
        "grade_low",
        "grade_high",
        "title_i",
    ],
    "students.csv": ["student_id", "sex", "race_ethnicity", "birth_year"],
    "enrollments.csv": [
        "student_id",
        "school_id",
        "school_year",
        "grade_level",
        "entry_date",
        "exit_date",
        "economically_disadvantaged",
        "english_learner",
        "disability",
        "section_504",
        "homeless",
        "foster_care",
        "gifted",
    ],
    "attendance.csv": ["student_id", "school_id", "school_year", "days_enrolled", "days_absent"],
    "discipline.csv": [
        "incident_id",
        "student_id",
        "school_id",
        "date",
        "action",
        "days_removed",
        "offense",
    ],
    "assessments.csv": [
        "student_id",
        "school_id",
        "school_year",
        "assessment",
        "subject",
        "grade_level",
        "scale_score",
        "performance_level",
        "proficient",
    ],
    "course_enrollments.csv": [
        "student_id",
        "school_id",
        "school_year",
        "course_id",
        "course_name",
        "subject",
        "advanced",
        "passed",
    ],
    "staff.csv": [
        "staff_id",
        "school_year",
        "school_id",
        "department",
        "role",
        "sex",
        "race_ethnicity",
        "years_experience",
        "certified_in_assignment",
        "fte",
        "salary",
    ],
    "school_finance.csv": ["school_id", "school_year", "category", "funding_source", "amount"],
}
GRADES = ["PK", "KG"] + [f"{g:02d}" for g in range(1, 13)]
RACES = {"HL", "AI", "AS", "BL", "PI", "WH", "TR", ""}
FLAGS = {"Y", "N", ""}
FLAG_COLUMNS = CONTRACT["enrollments.csv"][6:]
ROLES = {
    "teacher",
    "principal",
    "assistant_principal",
    "coach",
    "counselor",
    "specialist",
    "paraprofessional",
    "central_office",
    "other",
}
ADVANCED_GRADES = {
    "AP": GRADES[10:],
    "IB": GRADES[10:],
    "DUAL": GRADES[10:],
    "HONORS": GRADES[7:],
    "ALG1_MS": ["07", "08"],
    "GT": GRADES,
}
MIN_CELL, MIN_N = 10, 30

Row = dict[str, str]


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Small district (2,500 students) with the daily attendance file."""
    out = tmp_path_factory.mktemp("small")
    generate_district_files(out, seed=SMALL_SEED, students=SIZES["small"], daily_attendance=True)
    return out


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Default-size district (25,000 students)."""
    out = tmp_path_factory.mktemp("default")
    generate_district_files(out, seed=DEFAULT_SEED, students=SIZES["default"])
    return out


_CACHE: dict[tuple[Path, str], list[Row]] = {}


def read(folder: Path, name: str) -> list[Row]:
    """All rows of a CSV file as dicts (standard RFC 4180 reader), cached."""
    key = (folder, name)
    if key not in _CACHE:
        with (folder / name).open(newline="", encoding="utf-8") as handle:
            _CACHE[key] = list(csv.DictReader(handle))
    return _CACHE[key]


def manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def school_year_of(date: str) -> int:
    """The school year (July 1 - June 30) containing an ISO date."""
    d = dt.date.fromisoformat(date)
    return d.year + 1 if d.month >= 7 else d.year


# ----------------------------------------------------------------- metric computations


def combine(values: Iterable[str]) -> str:
    """District flag: Y if any Y, else N if any N, else unknown."""
    vals = set(values)
    return "Y" if "Y" in vals else "N" if "N" in vals else "unknown"


def district_flags(folder: Path, year: int, flag: str) -> dict[str, str]:
    """student_id -> district-population flag value for one school year."""
    seen: dict[str, list[str]] = defaultdict(list)
    for r in read(folder, "enrollments.csv"):
        if int(r["school_year"]) == year:
            seen[r["student_id"]].append(r[flag])
    return {s: combine(v) for s, v in seen.items()}


def race_of(folder: Path) -> dict[str, str]:
    return {r["student_id"]: r["race_ethnicity"] or "unknown" for r in read(folder, "students.csv")}


def risk_ratio(population: dict[str, str], hits: set[str], group: str) -> dict[str, Any]:
    """Group rate, comparison (all others) rate, ratio and status per the metric spec."""
    members = [s for s, g in population.items() if g == group]
    others = [s for s, g in population.items() if g != group]
    cell = sum(s in hits for s in members)
    other_cell = sum(s in hits for s in others)
    value = cell / len(members) if members else None
    comparison = other_cell / len(others) if others else None
    status = "ok"
    if cell < MIN_CELL or len(members) < MIN_N:
        status = "insufficient_n"
    elif other_cell < MIN_CELL or len(others) < MIN_N:
        status = "alternate"
    elif not comparison:
        status = "undefined"
    ratio = value / comparison if status == "ok" and value is not None and comparison else None
    return {
        "value": value,
        "comparison": comparison,
        "ratio": ratio,
        "status": status,
        "cell": cell,
        "n": len(members),
    }


def school_population(folder: Path, year: int) -> dict[str, set[str]]:
    """school_id -> students with an enrollment row there in ``year``."""
    pop: dict[str, set[str]] = defaultdict(set)
    for r in read(folder, "enrollments.csv"):
        if int(r["school_year"]) == year:
            pop[r["school_id"]].add(r["student_id"])
    return pop


def oss_ratios(folder: Path, year: int) -> dict[str, dict[str, Any]]:
    """oss_rate risk ratio of Black students per school."""
    race = race_of(folder)
    oss: dict[str, set[str]] = defaultdict(set)
    for r in read(folder, "discipline.csv"):
        if r["action"] == "OSS" and school_year_of(r["date"]) == year:
            oss[r["school_id"]].add(r["student_id"])
    return {
        school: risk_ratio({s: race[s] for s in students}, oss[school], "BL")
        for school, students in school_population(folder, year).items()
    }


def disability_ratio(folder: Path, year: int) -> dict[str, Any]:
    race = race_of(folder)
    flags = district_flags(folder, year, "disability")
    hits = {s for s, f in flags.items() if f == "Y"}
    return risk_ratio({s: race[s] for s in flags}, hits, "BL")


def ap_ratio(folder: Path, year: int) -> dict[str, Any]:
    """advanced:AP, district, economically disadvantaged Y vs all others."""
    in_grades = {
        r["student_id"]
        for r in read(folder, "enrollments.csv")
        if int(r["school_year"]) == year and r["grade_level"] in ADVANCED_GRADES["AP"]
    }
    takers = {
        r["student_id"]
        for r in read(folder, "course_enrollments.csv")
        if int(r["school_year"]) == year and r["advanced"] == "AP"
    }
    ed = district_flags(folder, year, "economically_disadvantaged")
    return risk_ratio({s: ed[s] for s in in_grades}, takers & in_grades, "Y")


def chronic(folder: Path, year: int) -> tuple[dict[str, bool], dict[str, str]]:
    """District chronic absence per eligible student (days summed over schools), homeless."""
    days: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in read(folder, "attendance.csv"):
        if int(r["school_year"]) == year:
            days[r["student_id"]][0] += float(r["days_enrolled"])
            days[r["student_id"]][1] += float(r["days_absent"])
    result = {s: a / e >= 0.10 for s, (e, a) in days.items() if e >= 10}
    return result, district_flags(folder, year, "homeless")


def chronic_ratio(folder: Path, year: int) -> dict[str, Any]:
    result, homeless = chronic(folder, year)
    return risk_ratio({s: homeless[s] for s in result}, {s for s, c in result.items() if c}, "Y")


def proficiency(folder: Path, year: int, assessment: str) -> dict[str, bool]:
    """student -> proficient (Y at any school) among students with a Y/N result."""
    out: dict[str, bool] = {}
    for r in read(folder, "assessments.csv"):
        if int(r["school_year"]) == year and r["assessment"] == assessment and r["proficient"]:
            out[r["student_id"]] = out.get(r["student_id"], False) or r["proficient"] == "Y"
    return out


def math_ratio(folder: Path, year: int) -> dict[str, Any]:
    result = proficiency(folder, year, "STATE_MATH")
    el = district_flags(folder, year, "english_learner")
    return risk_ratio({s: el[s] for s in result}, {s for s, p in result.items() if p}, "Y")


def poverty_quartiles(folder: Path, year: int) -> dict[str, int]:
    """school_id -> quartile, exactly as the metric spec defines it."""
    rows: dict[str, int] = defaultdict(int)
    ed: dict[str, int] = defaultdict(int)
    for r in read(folder, "enrollments.csv"):
        if int(r["school_year"]) == year:
            rows[r["school_id"]] += 1
            ed[r["school_id"]] += r["economically_disadvantaged"] == "Y"
    order = sorted(rows, key=lambda s: (ed[s] / rows[s], s))
    total, before, out = sum(rows.values()), 0, {}
    for school in order:
        out[school] = min(4, int(4 * (before + rows[school] / 2) // total) + 1)
        before += rows[school]
    return out


def novice_shares(folder: Path, year: int) -> dict[int, float]:
    """novice_teacher_share per poverty quartile."""
    quartile = poverty_quartiles(folder, year)
    fte: dict[int, float] = defaultdict(float)
    novice: dict[int, float] = defaultdict(float)
    for r in read(folder, "staff.csv"):
        if int(r["school_year"]) == year and r["role"] == "teacher":
            q = quartile[r["school_id"]]
            fte[q] += float(r["fte"])
            novice[q] += float(r["fte"]) * (float(r["years_experience"]) < 2)
    return {q: novice[q] / fte[q] for q in fte}


# ------------------------------------------------------------------- interface, determinism


def test_public_interface() -> None:
    assert SIZES == {"small": 2500, "default": 25000, "large": 150000}
    assert DemoSize("default").students == 25000
    assert SIZES[DemoSize.SMALL] == 2500


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    runs = {}
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        runs[name] = generate_district_files(tmp_path / name, seed=seed, students=800, years=2)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert runs["a"] == runs["b"]
    differing = {k for k, v in digest(tmp_path / "c").items() if digest(tmp_path / "a")[k] != v}
    assert {"students.csv", "enrollments.csv", "attendance.csv"} <= differing


def test_daily_flag_does_not_change_other_files(tmp_path: Path, small: Path) -> None:
    generate_district_files(tmp_path, seed=SMALL_SEED, students=SIZES["small"])
    with_daily = digest(small)
    without = digest(tmp_path)
    assert "attendance_daily.csv" not in without
    for name, value in without.items():
        if name != "manifest.json":
            assert with_daily[name] == value, name


def test_progress_is_reported(tmp_path: Path) -> None:
    calls: list[tuple[str, float]] = []
    generate_district_files(
        tmp_path, seed=1, students=500, years=1, progress=lambda step, f: calls.append((step, f))
    )
    fractions = [f for _, f in calls]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(isinstance(step, str) and step for step, _ in calls)


# ------------------------------------------------------------------------- the contract


def test_headers_are_exact_and_plain(small: Path) -> None:
    for name, columns in CONTRACT.items():
        first_line = (small / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first_line == ",".join(columns), name
    daily = (small / "attendance_daily.csv").open(encoding="utf-8").readline().strip()
    assert daily == "student_id,school_id,date,status"


def test_manifest_row_counts_and_years(small: Path) -> None:
    m = manifest(small)
    assert m["school_years"] == [2024, 2025, 2026]
    assert m["seed"] == SMALL_SEED and m["students"] == 2500
    assert m["district"]["code"] == "demo" and "(demo)" in m["district"]["name"]
    for name, count in m["files"].items():
        if name != "attendance_daily.csv":
            assert len(read(small, name)) == count, name


def test_schools_and_networks(small: Path) -> None:
    schools = read(small, "schools.csv")
    m = manifest(small)
    assert len({s["school_id"] for s in schools}) == len(schools)
    assert all(re.fullmatch(r"\d{4}", s["school_id"]) for s in schools)
    assert {s["network_id"] for s in schools} <= {n["network_id"] for n in m["networks"]}
    for s in schools:
        assert s["level"] in {"elementary", "middle", "high", "k8", "6-12", "k12", "other"}
        assert GRADES.index(s["grade_low"]) <= GRADES.index(s["grade_high"])
        assert s["title_i"] in {"Y", "N"}
    by_id = {s["school_id"]: s for s in m["schools"]}
    for s in schools:
        facts = by_id[s["school_id"]]
        assert all(facts[k] == s[k] for k in CONTRACT["schools.csv"])
        assert 41 < facts["latitude"] < 42.3 and -89 < facts["longitude"] < -87.7
        assert 0 <= facts["poverty_share"] <= 1


def test_students(small: Path) -> None:
    students = read(small, "students.csv")
    ids = [s["student_id"] for s in students]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"0\d{9}", i) for i in ids)
    assert {s["sex"] for s in students} <= {"F", "M", "X", ""}
    assert {s["race_ethnicity"] for s in students} <= RACES
    assert all(2000 <= int(s["birth_year"]) <= 2022 for s in students)


def enrolment_keys(folder: Path) -> dict[tuple[str, str, int], Row]:
    return {
        (r["student_id"], r["school_id"], int(r["school_year"])): r
        for r in read(folder, "enrollments.csv")
    }


def test_enrollments(small: Path) -> None:
    rows = read(small, "enrollments.csv")
    keys = enrolment_keys(small)
    assert len(keys) == len(rows)
    students = {s["student_id"] for s in read(small, "students.csv")}
    schools = {s["school_id"]: s for s in read(small, "schools.csv")}
    for r in rows:
        assert r["student_id"] in students
        school = schools[r["school_id"]]
        g = GRADES.index(r["grade_level"])
        assert GRADES.index(school["grade_low"]) <= g <= GRADES.index(school["grade_high"])
        year = int(r["school_year"])
        assert school_year_of(r["entry_date"]) == year
        if r["exit_date"]:
            assert school_year_of(r["exit_date"]) == year
            assert r["entry_date"] <= r["exit_date"]
        assert all(r[f] in FLAGS for f in FLAG_COLUMNS)
    assert not any(r["exit_date"] == "" for r in rows if r["school_year"] != "2026")
    assert {r["school_year"] for r in rows} == {"2024", "2025", "2026"}


def test_attendance(small: Path) -> None:
    keys = enrolment_keys(small)
    rows = read(small, "attendance.csv")
    seen = set()
    for r in rows:
        key = (r["student_id"], r["school_id"], int(r["school_year"]))
        assert key in keys and key not in seen
        seen.add(key)
        enrolled, absent = float(r["days_enrolled"]), float(r["days_absent"])
        assert 0 <= absent <= enrolled <= 180
        assert (2 * absent).is_integer()
        if key[2] == 2026:
            assert enrolled.is_integer()
    assert seen == set(keys)


def test_discipline(small: Path) -> None:
    keys = enrolment_keys(small)
    rows = read(small, "discipline.csv")
    incidents: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    pairs = set()
    for r in rows:
        key = (r["student_id"], r["school_id"], school_year_of(r["date"]))
        assert key in keys, "action at a school where the student has no row that year"
        enrol = keys[key]
        assert enrol["entry_date"] <= r["date"] <= (enrol["exit_date"] or "9999")
        assert dt.date.fromisoformat(r["date"]).month not in (7,)
        assert r["action"] in {"ISS", "OSS", "EXP", "REF", "ARR", "OTH"}
        days = float(r["days_removed"])
        assert days >= 0 and (r["action"] not in {"REF", "OTH", "ARR"} or days == 0)
        assert r["offense"]
        incidents[r["incident_id"]].add((r["student_id"], r["date"], r["offense"]))
        assert (r["incident_id"], r["action"]) not in pairs
        pairs.add((r["incident_id"], r["action"]))
    assert all(len(v) == 1 for v in incidents.values()), "an incident has one student and date"


def test_assessments(small: Path) -> None:
    keys = enrolment_keys(small)
    seen = set()
    tested = {
        "STATE_ELA": ("ELA", {"03", "04", "05", "06", "07", "08", "11"}),
        "STATE_MATH": ("MATH", {"03", "04", "05", "06", "07", "08", "11"}),
        "STATE_SCIENCE": ("SCIENCE", {"05", "08", "11"}),
    }
    for r in read(small, "assessments.csv"):
        key = (r["student_id"], r["school_id"], int(r["school_year"]))
        assert key in keys
        assert (*key, r["assessment"]) not in seen
        seen.add((*key, r["assessment"]))
        subject, grades = tested[r["assessment"]]
        assert r["subject"] == subject and r["grade_level"] in grades
        assert r["grade_level"] == keys[key]["grade_level"]
        assert r["proficient"] in FLAGS
        if r["proficient"]:
            level = int(r["performance_level"])
            assert 1 <= level <= 4 and (r["proficient"] == "Y") == (level >= 3)
            assert 2200 <= int(r["scale_score"]) <= 2800
        else:
            assert r["performance_level"] == "" and r["scale_score"] == ""


def test_course_enrollments(small: Path) -> None:
    keys = enrolment_keys(small)
    seen = set()
    for r in read(small, "course_enrollments.csv"):
        key = (r["student_id"], r["school_id"], int(r["school_year"]))
        assert key in keys
        assert (*key, r["course_id"]) not in seen
        seen.add((*key, r["course_id"]))
        assert r["course_name"] and r["subject"] and r["passed"] in FLAGS
        grade = keys[key]["grade_level"]
        if r["advanced"]:
            assert grade in ADVANCED_GRADES[r["advanced"]], (r["advanced"], grade)
        else:
            assert GRADES.index(grade) >= GRADES.index("06")


def test_staff(small: Path) -> None:
    schools = {s["school_id"] for s in read(small, "schools.csv")}
    seen = set()
    for r in read(small, "staff.csv"):
        assert re.fullmatch(r"S\d{6}", r["staff_id"])
        assert (r["staff_id"], r["school_year"]) not in seen
        seen.add((r["staff_id"], r["school_year"]))
        assert r["role"] in ROLES
        if r["role"] == "central_office":
            assert r["school_id"] == "" and r["department"]
        else:
            assert r["school_id"] in schools and r["department"] == ""
        assert r["sex"] in {"F", "M", "X", ""} and r["race_ethnicity"] in RACES
        assert 0 < float(r["fte"]) <= 1 and float(r["years_experience"]) >= 0
        assert r["certified_in_assignment"] in FLAGS and float(r["salary"]) > 20_000


def test_staff_leaders_exist_with_their_roles(small: Path) -> None:
    m = manifest(small)
    last = {r["staff_id"]: r for r in read(small, "staff.csv") if r["school_year"] == "2026"}
    leaders = m["staff_leaders"]
    assert len(leaders["schools"]) == len(m["schools"])
    for entry in leaders["schools"]:
        assert last[entry["principal"]]["role"] == "principal"
        assert last[entry["coach"]]["role"] == "coach"
        assert 1 <= len(entry["assistant_principals"]) <= 2
        for ap in entry["assistant_principals"]:
            assert last[ap]["role"] == "assistant_principal"
        for sid in (entry["principal"], entry["coach"], *entry["assistant_principals"]):
            assert last[sid]["school_id"] == entry["school_id"]
    names = {d["code"]: d["name"] for d in m["departments"]}
    assert set(names) == {
        "teaching-and-learning",
        "operations",
        "data-and-assessment",
        "family-engagement",
        "human-resources",
    }
    for lead in leaders["departments"]:
        row = last[lead["staff_id"]]
        assert row["role"] == "central_office" and row["department"] == names[lead["code"]]


def test_school_finance(small: Path) -> None:
    schools = {s["school_id"]: s for s in read(small, "schools.csv")}
    seen = set()
    for r in read(small, "school_finance.csv"):
        key = (r["school_id"], r["school_year"], r["category"], r["funding_source"])
        assert key not in seen
        seen.add(key)
        assert r["category"] in {"personnel", "nonpersonnel"}
        assert r["funding_source"] in {"general", "title_i", "idea", "state_categorical", "grant"}
        assert float(r["amount"]) > 0
        if r["funding_source"] == "title_i":
            assert schools[r["school_id"]]["title_i"] == "Y"


def test_daily_attendance_agrees_with_totals(small: Path) -> None:
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    keys = enrolment_keys(small)
    with (small / "attendance_daily.csv").open(newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            enrol = keys[(r["student_id"], r["school_id"], 2026)]
            assert enrol["entry_date"] <= r["date"] <= (enrol["exit_date"] or "9999")
            assert dt.date.fromisoformat(r["date"]).weekday() < 5
            t = totals[(r["student_id"], r["school_id"])]
            t[0] += 1
            t[1] += {"P": 0.0, "A": 1.0, "H": 0.5}[r["status"]]
    expected = {
        (r["student_id"], r["school_id"]): [float(r["days_enrolled"]), float(r["days_absent"])]
        for r in read(small, "attendance.csv")
        if r["school_year"] == "2026"
    }
    assert totals == expected
    assert manifest(small)["files"]["attendance_daily.csv"] == sum(
        int(v[0]) for v in totals.values()
    )


# ------------------------------------------------------------------------- distributions


def rate(hits: Iterable[bool]) -> float:
    values = list(hits)
    return sum(values) / len(values)


def test_organisation_at_default_size(default: Path) -> None:
    schools = read(default, "schools.csv")
    assert 36 <= len(schools) <= 44
    assert len({s["network_id"] for s in schools}) == 4
    levels = [s["level"] for s in schools]
    assert 0.5 <= levels.count("elementary") / len(schools) <= 0.7
    assert 0.15 <= levels.count("middle") / len(schools) <= 0.25
    assert 0.1 <= levels.count("high") / len(schools) <= 0.2


def test_students_progress_and_move(default: Path) -> None:
    grade_of: dict[tuple[str, int], str] = {}
    rows_per: dict[tuple[str, int], int] = defaultdict(int)
    for r in read(default, "enrollments.csv"):
        grade_of[(r["student_id"], int(r["school_year"]))] = r["grade_level"]
        rows_per[(r["student_id"], int(r["school_year"]))] += 1
    pairs = [(g, grade_of[(s, y + 1)]) for (s, y), g in grade_of.items() if (s, y + 1) in grade_of]
    promoted = rate(GRADES.index(b) == GRADES.index(a) + 1 for a, b in pairs)
    assert promoted > 0.95
    assert not any(a == "12" for a, _ in pairs)
    movers = rate(n == 2 for (_, y), n in rows_per.items() if y == 2026)
    assert 0.01 <= movers <= 0.03
    per_year = [sum(1 for (_, y) in rows_per if y == year) for year in (2024, 2025, 2026)]
    assert all(24_000 <= n <= 26_000 for n in per_year)


def test_demographics_vary_with_poverty(default: Path) -> None:
    race = race_of(default)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in read(default, "enrollments.csv"):
        if r["school_year"] == "2026":
            s = stats[r["school_id"]]
            s[0] += 1
            s[1] += r["economically_disadvantaged"] == "Y"
            s[2] += race[r["student_id"]] in {"BL", "HL"}
    ed = np.array([s[1] / s[0] for s in stats.values()])
    minority = np.array([s[2] / s[0] for s in stats.values()])
    assert ed.min() < 0.25 and ed.max() > 0.8
    assert np.corrcoef(ed, minority)[0, 1] > 0.6
    shares = {g: rate(v == g for v in race.values()) for g in RACES - {""} | {"unknown"}}
    assert 0.003 <= shares["unknown"] <= 0.02
    assert all(shares[g] > 0 for g in shares)
    sexes = [r["sex"] for r in read(default, "students.csv")]
    assert 0 < sexes.count("X") < 0.01 * len(sexes) and 0 < sexes.count("") < 0.02 * len(sexes)


def test_attendance_discipline_achievement_levels(default: Path) -> None:
    result, _ = chronic(default, 2026)
    assert 0.20 <= rate(result.values()) <= 0.30
    students = {
        r["student_id"] for r in read(default, "enrollments.csv") if r["school_year"] == "2026"
    }
    by_action: dict[str, set[str]] = defaultdict(set)
    for r in read(default, "discipline.csv"):
        if school_year_of(r["date"]) == 2026:
            by_action[r["action"]].add(r["student_id"])
    share = {a: len(v) / len(students) for a, v in by_action.items()}
    assert 0.01 <= share["OSS"] <= 0.08
    assert share["OSS"] < share["ISS"] < 0.12
    assert share["EXP"] < 0.005 and share["ARR"] < share["REF"] < 0.01
    for assessment in ("STATE_ELA", "STATE_MATH", "STATE_SCIENCE"):
        assert 0.35 <= rate(proficiency(default, 2026, assessment).values()) <= 0.55


def test_proficiency_lower_in_high_poverty_schools(default: Path) -> None:
    quartile = poverty_quartiles(default, 2026)
    by_q: dict[int, list[bool]] = defaultdict(list)
    for r in read(default, "assessments.csv"):
        if r["school_year"] == "2026" and r["proficient"]:
            by_q[quartile[r["school_id"]]].append(r["proficient"] == "Y")
    assert rate(by_q[1]) > rate(by_q[4]) + 0.15


def test_courses_per_secondary_student(default: Path) -> None:
    secondary = {
        (r["student_id"], r["school_id"])
        for r in read(default, "enrollments.csv")
        if r["school_year"] == "2026" and GRADES.index(r["grade_level"]) >= 7
    }
    courses = [r for r in read(default, "course_enrollments.csv") if r["school_year"] == "2026"]
    regular = sum(1 for r in courses if r["advanced"] != "GT")
    assert 6.5 <= regular / len(secondary) <= 7.5
    assert {r["advanced"] for r in courses} == {"", "AP", "IB", "DUAL", "HONORS", "ALG1_MS", "GT"}


def test_staff_size_and_mix(default: Path) -> None:
    staff = [r for r in read(default, "staff.csv") if r["school_year"] == "2026"]
    teachers = [r for r in staff if r["role"] == "teacher"]
    fte = sum(float(r["fte"]) for r in teachers)
    assert 1700 * 0.85 <= fte <= 1700 * 1.15
    assert rate(r["fte"] == "1" for r in teachers) > 0.9
    shares = novice_shares(default, 2026)
    assert shares[4] > shares[1]
    white_staff = rate(r["race_ethnicity"] == "WH" for r in teachers)
    white_students = rate(v == "WH" for v in race_of(default).values())
    assert white_staff > white_students + 0.2
    counts = defaultdict(int, {role: sum(1 for r in staff if r["role"] == role) for role in ROLES})
    assert counts["principal"] == 40 or counts["principal"] == len(read(default, "schools.csv"))
    assert counts["central_office"] > 20 and counts["paraprofessional"] > 200


def test_per_pupil_spending(default: Path) -> None:
    spend: dict[str, float] = defaultdict(float)
    for r in read(default, "school_finance.csv"):
        if r["school_year"] == "2026":
            spend[r["school_id"]] += float(r["amount"])
    pupils: dict[str, int] = defaultdict(int)
    for r in read(default, "enrollments.csv"):
        if r["school_year"] == "2026":
            pupils[r["school_id"]] += 1
    per_pupil = [spend[s] / pupils[s] for s in pupils]
    assert 9_000 <= sum(spend.values()) / sum(pupils.values()) <= 16_000
    assert min(per_pupil) >= 7_000 and max(per_pupil) <= 20_000


# ---------------------------------------------------------------------- planted patterns


def planted(folder: Path, pattern_id: str) -> dict[str, Any]:
    return next(p for p in manifest(folder)["planted"] if p["id"] == pattern_id)


def assert_ratio(found: dict[str, Any], entry: dict[str, Any]) -> None:
    assert found["status"] == "ok", found
    assert abs(found["ratio"] - entry["expected_ratio_approx"]) <= entry["tolerance"], found


def folders(request: pytest.FixtureRequest, entry_min: int) -> list[Path]:
    names = ["default"] + (["small"] if entry_min <= SIZES["small"] else [])
    return [request.getfixturevalue(n) for n in names]


def test_planted_oss(default: Path) -> None:
    entry = planted(default, "oss_black_students")
    assert 3 <= len(entry["unit_ids"]) <= 4
    for year in entry["school_years"]:
        ratios = oss_ratios(default, year)
        for school in entry["unit_ids"]:
            assert_ratio(ratios[school], entry)
        others = [
            r for s, r in ratios.items() if s not in entry["unit_ids"] and r["status"] == "ok"
        ]
        assert others, "no other school with a measurable ratio"
        for found in others:
            assert (
                abs(found["ratio"] - entry["other_units_expected_ratio_approx"])
                <= entry["other_units_tolerance"]
            ), found


@pytest.mark.parametrize("size", ["default", "small"])
def test_planted_district_patterns(request: pytest.FixtureRequest, size: str) -> None:
    folder: Path = request.getfixturevalue(size)
    checks = {
        "disability_black_students": disability_ratio,
        "ap_economically_disadvantaged": ap_ratio,
        "chronic_absence_homeless": chronic_ratio,
        "math_proficiency_english_learners": math_ratio,
    }
    for pattern_id, compute in checks.items():
        entry = planted(folder, pattern_id)
        if entry["min_students_detectable"] > manifest(folder)["students"]:
            continue
        for year in entry["school_years"]:
            found = compute(folder, year)
            assert_ratio(found, entry)
            assert abs(found["value"] - entry["expected_value_approx"]) < 0.06, (pattern_id, found)


def test_planted_novice_teachers(default: Path) -> None:
    entry = planted(default, "novice_teachers_high_poverty")
    for year in entry["school_years"]:
        shares = novice_shares(default, year)
        ratio = shares[4] / shares[1]
        assert ratio >= entry["expected_min_ratio"]
        assert abs(ratio - entry["expected_ratio_approx"]) <= entry["tolerance"], shares


def test_planted_entries_are_complete(default: Path) -> None:
    m = manifest(default)
    ids = {p["id"] for p in m["planted"]}
    assert len(ids) == 6
    school_ids = {s["school_id"] for s in m["schools"]}
    for p in m["planted"]:
        assert {
            "metric",
            "unit_type",
            "unit_ids",
            "school_year",
            "group_type",
            "group",
            "expected_ratio_approx",
            "tolerance",
            "min_students_detectable",
        } <= set(p)
        if p["unit_type"] == "school":
            assert set(p["unit_ids"]) <= school_ids
