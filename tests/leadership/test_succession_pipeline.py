"""Pipeline diversity: candidates beside staff and students, small groups hidden."""

from __future__ import annotations

from collections import Counter

import pytest

from districtwise.analytics.engine import close, connect, load_tables
from districtwise.analytics.leadership.pipeline import (
    pipeline_shares,
    profile_counts,
    staff_profiles,
    student_counts,
)
from tests.analytics.conftest import write_stored


def test_small_candidate_groups_are_hidden_with_their_complement():
    # 12 HL, 11 WH, 3 BL, 0 others, minimum 10: BL (3) hidden, so the next smallest (WH 11)
    # is hidden too, else 26 - 12 - 11 would give BL away.
    rows = pipeline_shares(
        "race_ethnicity",
        candidates=Counter({"HL": 12, "WH": 11, "BL": 3}),
        staff=None,
        students=None,
        minimum=10,
    )
    by_group = {r.group: r for r in rows}
    assert by_group["HL"].candidates.count == 12
    assert by_group["HL"].candidates.share == pytest.approx(12 / 26)
    assert by_group["BL"].candidates.hidden and by_group["BL"].candidates.share is None
    assert by_group["WH"].candidates.hidden
    assert by_group["AS"].candidates.count == 0
    assert by_group["HL"].staff is None and by_group["HL"].students is None


def test_every_column_is_compared_on_its_own_total():
    rows = pipeline_shares(
        "sex",
        candidates=Counter({"F": 20, "M": 10}),
        staff=Counter({"F": 300, "M": 100}),
        students=Counter({"F": 500, "M": 480, "X": 20}),
        minimum=10,
    )
    by_group = {r.group: r for r in rows}
    assert by_group["F"].candidates.share == pytest.approx(2 / 3)
    assert by_group["F"].staff.share == pytest.approx(0.75)
    assert by_group["X"].students.share == pytest.approx(0.02)
    assert by_group["X"].candidates.count == 0


def test_staff_and_students_are_read_from_the_newest_year(tmp_path):
    staff = [
        {"staff_id": "T1", "school_year": 2025, "school_id": "S1", "role": "teacher",
         "race_ethnicity": "WH", "sex": "M"},
        {"staff_id": "T1", "school_year": 2026, "school_id": "S1", "role": "teacher",
         "race_ethnicity": "HL", "sex": "F"},
        {"staff_id": "T2", "school_year": 2026, "school_id": "S1", "role": "principal",
         "race_ethnicity": None, "sex": "M"},
        {"staff_id": "T3", "school_year": 2025, "school_id": "S1", "role": "teacher",
         "race_ethnicity": "BL", "sex": "F"},
    ]  # fmt: skip
    students = [
        {"student_id": "s1", "race_ethnicity": "HL", "sex": "F"},
        {"student_id": "s2", "race_ethnicity": "HL", "sex": "M"},
        {"student_id": "s3", "race_ethnicity": "AS", "sex": None},
        {"student_id": "s4", "race_ethnicity": "WH", "sex": "F"},
    ]
    enrollments = [
        {"student_id": s, "school_id": "S1", "school_year": year, "grade_level": "05"}
        for s, year in [("s1", 2026), ("s2", 2026), ("s3", 2026), ("s4", 2025)]
    ]
    files = write_stored(
        tmp_path,
        {
            "schools": [{"school_id": "S1", "name": "One", "level": "elementary"}],
            "staff": staff,
            "students": students,
            "enrollments": enrollments,
        },
    )
    con = connect("duckdb")
    try:
        tables = load_tables(con, files)
        profiles = staff_profiles(tables)
        counts = student_counts(tables)
    finally:
        close(con)
    assert profiles == {
        "T1": {"race_ethnicity": "HL", "sex": "F"},
        "T2": {"race_ethnicity": "not_reported", "sex": "M"},
    }
    assert counts["race_ethnicity"] == Counter({"HL": 2, "AS": 1})
    assert counts["sex"] == Counter({"F": 1, "M": 1, "not_reported": 1})
    candidates = profile_counts(profiles, ["T1", "T9", ""])
    assert candidates["race_ethnicity"] == Counter({"HL": 1, "not_reported": 2})
