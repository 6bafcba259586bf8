"""The populations of equity-metrics.md "Units, years, populations", on a hand-made dataset
(tests/analytics/conftest.py) whose every row below was worked out by hand; DuckDB here,
both engines in test_spark_parity.py."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import ibis
import pytest

from districtwise.analytics.engine import close, connect, load_tables
from districtwise.analytics.population import (
    FLAGS,
    INDICATORS,
    POPULATION_COLUMNS,
    attendance_totals,
    school_population,
    unit_population,
)
from districtwise.analytics.tables import Tables

Files = dict[str, list[Path]]
ACTIONS = {"OSS": "has_oss", "ISS": "has_iss", "EXP": "has_exp", "REF": "has_ref", "ARR": "has_arr"}


def row(
    unit_type: str,
    year: int,
    unit: str,
    student: str,
    grade: str,
    race: str,
    sex: str,
    flags: str,
    days: tuple[float, float] | None,
    actions: str,
    removed: float | None,
) -> tuple[Any, ...]:
    """A population row. flags: seven of Y / N / ? (unknown) in FLAGS order; actions: the
    codes the student has ("OSS REF"), or "-" for unavailable (NULL indicators)."""
    codes = actions.split()
    indicators = {
        column: (None if actions == "-" else code in codes) for code, column in ACTIONS.items()
    }
    values = {
        "school_year": year,
        "unit_type": unit_type,
        "unit_id": unit,
        "student_id": student,
        "grade_level": grade,
        "race_ethnicity": race,
        "sex": sex,
        **{f: ("unknown" if c == "?" else c) for f, c in zip(FLAGS, flags, strict=True)},
        "days_enrolled": days[0] if days else None,
        "days_absent": days[1] if days else None,
        **{column: indicators[column] for column in INDICATORS},
        "days_removed": removed,
    }
    return tuple(values[c] for c in POPULATION_COLUMNS)


school = partial(row, "school")
network = partial(row, "network")
district = partial(row, "district")


U = "unknown"
SCHOOL_ROWS = [
    school(2025, "0001", "00101", "03", "HL", "F", "YNN?N?N", (100, 12), "OSS REF", 3.0),
    school(2025, "0001", "00104", "12", "WH", "X", "NNYNNNN", (170, 17), "EXP", 20.0),
    school(2025, "0002", "00101", "03", "HL", "F", "NN??Y?N", (80, 5.5), "ISS", 1.5),
    school(2025, "0002", "00102", "05", "BL", "M", "NNNNNNN", (70, 10), "", 0.0),
    school(2025, "0003", "00102", "06", "BL", "M", "Y?YNNNY", None, "", 0.0),
    school(2025, "0003", "00105", "09", "AS", "F", "YYNNNNN", (160, 4), "OSS", 4.0),
    school(2025, "0004", "00103", "KG", U, U, "???????", (9, 3), "", 0.0),
    # 2026: attendance from the daily file (P, A, H, P = 4 days, 1.5 absent).
    school(2026, "0001", "00103", "01", U, U, "?Y?????", (2, 0.5), "", 0.0),
    school(2026, "0002", "00101", "04", "HL", "F", "NNN?N?N", (4, 1.5), "ISS", 1.0),
    school(2026, "0003", "00105", "10", "AS", "F", "YNNNNNN", None, "OSS ARR", 2.0),
    school(2026, "0004", "00103", "KG", U, U, "N??????", (1, 1), "", 0.0),
]
NETWORK_ROWS = [
    # 00101 at 0001 and 0002: Y+N → Y, N+unknown → N; days and actions added up.
    network(2025, "N1", "00101", "03", "HL", "F", "YNN?Y?N", (180, 17.5), "OSS ISS REF", 4.5),
    network(2025, "N1", "00102", "05", "BL", "M", "NNNNNNN", (70, 10), "", 0.0),
    network(2025, "N1", "00104", "12", "WH", "X", "NNYNNNN", (170, 17), "EXP", 20.0),
    network(2025, "N2", "00102", "06", "BL", "M", "Y?YNNNY", None, "", 0.0),
    network(2025, "N2", "00105", "09", "AS", "F", "YYNNNNN", (160, 4), "OSS", 4.0),
    network(2026, "N1", "00101", "04", "HL", "F", "NNN?N?N", (4, 1.5), "ISS", 1.0),
    network(2026, "N1", "00103", "01", U, U, "?Y?????", (2, 0.5), "", 0.0),  # 0004: no network
    network(2026, "N2", "00105", "10", "AS", "F", "YNNNNNN", None, "OSS ARR", 2.0),
]
DISTRICT_ROWS = [
    district(2025, "D", "00101", "03", "HL", "F", "YNN?Y?N", (180, 17.5), "OSS ISS REF", 4.5),
    # 00102: grade of the later entry (0003, 06); attendance only at 0002.
    district(2025, "D", "00102", "06", "BL", "M", "YNYNNNY", (70, 10), "", 0.0),
    district(2025, "D", "00103", "KG", U, U, "???????", (9, 3), "", 0.0),
    district(2025, "D", "00104", "12", "WH", "X", "NNYNNNN", (170, 17), "EXP", 20.0),
    district(2025, "D", "00105", "09", "AS", "F", "YYNNNNN", (160, 4), "OSS", 4.0),
    district(2026, "D", "00101", "04", "HL", "F", "NNN?N?N", (4, 1.5), "ISS", 1.0),
    # 00103: same entry date at 0001 and 0004, the smaller school_id (0001, grade 01) wins.
    district(2026, "D", "00103", "01", U, U, "NY?????", (3, 1.5), "", 0.0),
    district(2026, "D", "00105", "10", "AS", "F", "YNNNNNN", None, "OSS ARR", 2.0),
]


@pytest.fixture
def population_con() -> Iterator[ibis.BaseBackend]:
    con = connect("duckdb")
    yield con
    close(con)


@pytest.fixture
def population_tables(population_con: ibis.BaseBackend, population_files: Files) -> Tables:
    return load_tables(population_con, population_files)


def rows_of(expr: ibis.Table) -> list[tuple[Any, ...]]:
    """The result rows in POPULATION_COLUMNS order, sorted by year, unit and student."""
    result = expr.select(*POPULATION_COLUMNS).to_pyarrow().to_pylist()
    rows = [tuple(r[c] for c in POPULATION_COLUMNS) for r in result]
    return sorted(rows, key=lambda r: (r[0], r[2], r[3]))


def test_school_population_is_one_row_per_enrollment_row(population_tables: Tables) -> None:
    assert rows_of(school_population(population_tables)) == SCHOOL_ROWS


def test_unit_population_school_is_the_school_population(population_tables: Tables) -> None:
    assert rows_of(unit_population(population_tables, "school")) == SCHOOL_ROWS


def test_network_population_counts_each_student_once_per_network(
    population_tables: Tables,
) -> None:
    assert rows_of(unit_population(population_tables, "network")) == NETWORK_ROWS


def test_district_population_counts_each_student_once(population_tables: Tables) -> None:
    assert rows_of(unit_population(population_tables, "district", district_id="D")) == (
        DISTRICT_ROWS
    )


def test_populations_have_the_same_columns_and_types(population_tables: Tables) -> None:
    schemas = [
        unit_population(population_tables, unit, district_id="D").schema()
        for unit in ("school", "network", "district")
    ]
    assert schemas[0] == schemas[1] == schemas[2]
    assert tuple(schemas[0].names) == POPULATION_COLUMNS
    assert schemas[0]["school_year"].is_int16()
    assert schemas[0]["has_oss"].is_boolean()


def test_district_population_needs_a_district_id(population_tables: Tables) -> None:
    with pytest.raises(ValueError, match="district_id"):
        unit_population(population_tables, "district")


def test_a_year_without_a_discipline_file_has_no_discipline_indicators(
    population_con: ibis.BaseBackend, population_files: Files
) -> None:
    files = dict(population_files)
    files["discipline"] = [p for p in files["discipline"] if "school_year=2026" not in str(p)]
    t = load_tables(population_con, files)
    rows = rows_of(unit_population(t, "district", district_id="D"))
    by_year = {year: [r for r in rows if r[0] == year] for year in (2025, 2026)}
    assert by_year[2025] == DISTRICT_ROWS[:5]
    indicators = [POPULATION_COLUMNS.index(c) for c in (*INDICATORS, "days_removed")]
    assert {r[i] for r in by_year[2026] for i in indicators} == {None}


def test_without_attendance_or_discipline_files_those_columns_are_null(
    population_con: ibis.BaseBackend, population_files: Files
) -> None:
    required = ("schools", "students", "enrollments")
    t = load_tables(population_con, {k: population_files[k] for k in required})
    assert attendance_totals(t) is None
    for unit in ("school", "network", "district"):
        result = unit_population(t, unit, district_id="D").to_pyarrow()
        for column in ("days_enrolled", "days_absent", *INDICATORS, "days_removed"):
            assert result[column].null_count == result.num_rows, (unit, column)


def test_daily_attendance_totals_equal_the_demo_districts_totals(
    population_con: ibis.BaseBackend, engine_demo_files: Files, engine_demo_totals: Path
) -> None:
    # The demo writes attendance_daily.csv for 2026 whose totals equal attendance.csv.
    t = load_tables(population_con, engine_demo_files)
    derived = attendance_totals(t)
    assert derived is not None
    derived = derived.filter(derived.school_year == 2026).to_pyarrow()
    given = population_con.read_parquet(engine_demo_totals).to_pyarrow()
    key = ["student_id", "school_id", "school_year", "days_enrolled", "days_absent"]
    assert derived.num_rows == given.num_rows > 1000
    assert sorted(derived.select(key).to_pylist(), key=str) == sorted(
        given.select(key).to_pylist(), key=str
    )
