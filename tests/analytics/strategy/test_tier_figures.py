"""The figures tier rules read: from the audit's tidy rows and, for turnover, staff.csv."""

from __future__ import annotations

import pyarrow as pa
import pytest

from districtwise.analytics.engine import close, connect, load_tables
from districtwise.analytics.equity.spec import TIDY_COLUMNS
from districtwise.analytics.strategy.tier_figures import (
    add_turnover,
    school_figures,
    staff_turnover,
    turnover_figures,
)


def row(year, unit, metric, group_type="all", group="all", num=0.0, den=0.0, **more) -> dict:
    base = dict.fromkeys(TIDY_COLUMNS)
    value = num / den if den else None
    base |= {"school_year": year, "unit_type": "school", "unit_id": unit, "metric": metric}
    base |= {"group_type": group_type, "group": group, "numerator": num, "denominator": den}
    base |= {"value": value, "status": "ok", "dimension": "x"}
    return base | more


AUDIT = [
    row(2026, "S1", "chronic_absenteeism", num=30, den=200),
    row(2026, "S1", "proficiency:STATE_MATH", num=40, den=100),
    row(2025, "S1", "proficiency:STATE_MATH", num=45, den=90),
    row(2026, "S1", "oss_rate", num=10, den=200),
    row(2026, "S1", "oss_rate", "race_ethnicity", "BL", 6, 40, ratio=2.4),
    row(2026, "S1", "oss_rate", "sex", "M", 8, 100, ratio=3.1, status="insufficient_n"),
    row(2026, "S1", "oss_rate", "disability", "Y", 3, 30, ratio=1.8, status="alternate"),
    row(2026, "S2", "chronic_absenteeism", status="unavailable"),
    row(2026, "S2", "proficiency:STATE_MATH", num=5, den=50),
    row(2026, "D", "chronic_absenteeism", num=1, den=2, unit_type="district"),
]


@pytest.fixture
def figures():
    table = pa.Table.from_pylist(AUDIT)
    return school_figures(table, school_year=2026, assessment="STATE_MATH")


def test_rates_are_read_in_percent_from_the_whole_school_row(figures):
    assert sorted(figures) == ["S1", "S2"]  # schools only: the district row is not placed
    assert figures["S1"]["chronic_absence"].value == pytest.approx(15.0)
    assert figures["S1"]["chronic_absence"].note == "30 of 200 students, 2026"
    assert figures["S1"]["proficiency"].value == pytest.approx(40.0)
    assert figures["S1"]["oss_rate"].value == pytest.approx(5.0)


def test_growth_is_the_change_of_proficiency_from_the_year_before_in_points(figures):
    growth = figures["S1"]["growth"]
    assert growth.value == pytest.approx(40.0 - 50.0)
    assert growth.note == "50.0 % in 2025, 40.0 % in 2026"
    assert figures["S2"]["growth"].missing == "no proficiency:STATE_MATH figure for 2025"


def test_discipline_risk_is_the_highest_ratio_that_may_be_computed(figures):
    # M's 3.1 has too few students (insufficient_n); BL's 2.4 beats disability's 1.8.
    risk = figures["S1"]["oss_risk_ratio"]
    assert (risk.value, risk.note) == (2.4, "race_ethnicity BL, 2026")
    assert risk.sources == ((2026, "oss_rate", "race_ethnicity", "BL"),)


def test_a_missing_figure_says_why(figures):
    assert figures["S2"]["chronic_absence"].value is None
    assert figures["S2"]["chronic_absence"].missing == (
        "chronic_absenteeism for 2026: its data file was not imported"
    )
    assert figures["S2"]["oss_rate"].missing == "no oss_rate figure for 2026"


def staff(staff_id, year, school) -> dict:
    return {"staff_id": staff_id, "school_year": year, "school_id": school, "role": "teacher"}


def test_staff_turnover_is_the_share_of_last_years_staff_no_longer_at_the_school(
    engine_write_stored,
):
    files = engine_write_stored(
        {
            "schools": [{"school_id": s, "name": s, "level": "other"} for s in ("A", "B")],
            "students": [{"student_id": "1"}],
            "enrollments": [{"student_id": "1", "school_id": "A", "school_year": 2026}],
            "staff": [
                # A had four in 2025: T1 stays, T2 moves to B, T3 leaves, T4 to the office.
                staff("T1", 2025, "A"),
                staff("T2", 2025, "A"),
                staff("T3", 2025, "A"),
                staff("T4", 2025, "A"),
                staff("T1", 2026, "A"),
                staff("T2", 2026, "B"),
                staff("T4", 2026, None),
                staff("T5", 2026, "A"),  # a new hire does not lower turnover
                staff("T6", 2025, "B"),
                staff("T6", 2026, "B"),
            ],
        }
    )
    con = connect("duckdb")
    try:
        counts = staff_turnover(load_tables(con, files), school_year=2026)
    finally:
        close(con)
    assert counts.to_pylist() == [
        {"school_id": "A", "staff_last_year": 4, "left": 3},
        {"school_id": "B", "staff_last_year": 1, "left": 0},
    ]
    turnover = turnover_figures(counts, school_year=2026)
    assert turnover["A"].value == 75.0
    assert turnover["A"].note == "3 of 4 staff of 2025 gone in 2026"
    figures = {"A": {}, "C": {}}
    add_turnover(figures, turnover, missing="no staff at the school in 2025")
    assert figures["A"]["staff_turnover"].value == 75.0
    assert figures["C"]["staff_turnover"].missing == "no staff at the school in 2025"
