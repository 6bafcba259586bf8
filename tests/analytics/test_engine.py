"""connect and load_tables: the stored Parquet files as contract-typed ibis tables (DuckDB
here; the same on Spark is checked in test_spark_parity.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis
import pytest

from districtwise.analytics import contract, engine
from districtwise.analytics.engine import EngineUnavailableError, close, connect, load_tables
from districtwise.analytics.tables import MissingTableError, file_years, stored_schema

Files = dict[str, list[Path]]
Write = Callable[[dict[str, list[dict[str, Any]]]], Files]
REQUIRED = ("schools", "students", "enrollments")


@pytest.fixture
def engine_con() -> Iterator[ibis.BaseBackend]:
    con = connect("duckdb")
    yield con
    close(con)


def test_duckdb_runs_in_memory_with_two_threads(engine_con: ibis.BaseBackend) -> None:
    assert engine_con.name == "duckdb"
    threads = engine_con.raw_sql("SELECT current_setting('threads')").fetchone()
    assert threads == (2,)


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown analytics engine 'postgres'"):
        connect("postgres")


def test_spark_without_java_fails_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_spark_session", None)  # as if no session had started
    monkeypatch.setattr(engine.shutil, "which", lambda _name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(EngineUnavailableError, match="needs a Java runtime"):
        connect("spark")


def test_missing_optional_tables_are_reported_not_empty(
    engine_con: ibis.BaseBackend, population_files: Files
) -> None:
    files = {name: population_files[name] for name in REQUIRED}
    files["discipline"] = []  # no files is the same as absent
    t = load_tables(engine_con, files)
    assert t.has("enrollments")
    assert not t.has("discipline")
    assert t.missing == (
        "attendance",
        "attendance_daily",
        "discipline",
        "assessments",
        "course_enrollments",
        "staff",
        "school_finance",
    )
    with pytest.raises(MissingTableError, match=r"no discipline\.csv was imported"):
        _ = t.discipline
    with pytest.raises(KeyError, match="not a table of the data contract"):
        t.has("disciplines")
    with pytest.raises(AttributeError):
        _ = t.disciplines


def test_required_tables_must_be_given(
    engine_con: ibis.BaseBackend, population_files: Files
) -> None:
    with pytest.raises(ValueError, match="required tables missing: enrollments"):
        load_tables(engine_con, {k: population_files[k] for k in ("schools", "students")})


def test_every_table_has_the_contract_columns_and_stored_types(
    engine_con: ibis.BaseBackend, engine_demo_files: Files
) -> None:
    t = load_tables(engine_con, engine_demo_files)
    assert t.missing == ()
    for spec in contract.FILES:
        assert t[spec.table].schema() == stored_schema(spec.table), spec.table
    schema = t.staff.schema()
    assert schema["salary"] == ibis.dtype("decimal(18, 2)")
    assert schema["school_year"].is_int16()
    assert t.discipline.schema()["school_year"].is_int16()
    assert t.enrollments.schema()["entry_date"].is_date()
    assert t.assessments.schema()["performance_level"].is_int32()


def test_values_round_trip_with_their_types(
    engine_con: ibis.BaseBackend, engine_write_stored: Write, population_files: Files
) -> None:
    files = engine_write_stored(
        {
            "staff": [
                {
                    "staff_id": "S001",
                    "school_year": 2026,
                    "school_id": None,
                    "department": "Finance",
                    "role": "central_office",
                    "sex": None,
                    "race_ethnicity": "AS",
                    "years_experience": 1.5,
                    "certified_in_assignment": "Y",
                    "fte": 0.5,
                    "salary": Decimal("61234.56"),
                }
            ]
        }
    )
    files.update({k: population_files[k] for k in REQUIRED})
    row = load_tables(engine_con, files).staff.to_pyarrow().to_pylist()[0]
    assert row["salary"] == Decimal("61234.56")
    assert row["school_id"] is None
    assert row["school_year"] == 2026
    assert row["fte"] == 0.5


def test_ids_keep_their_leading_zeros(
    engine_con: ibis.BaseBackend, engine_write_stored: Write
) -> None:
    rows: dict[str, list[dict[str, Any]]] = {
        "schools": [
            {"school_id": sid, "name": sid, "level": "other", "grade_low": "PK"}
            | {"grade_high": "12", "network_id": "007"}
            for sid in ("0123", "123")
        ],
        "students": [{"student_id": sid} for sid in ("00123", "0123", "123")],
        "enrollments": [
            {"student_id": sid, "school_id": "0123", "school_year": 2026}
            | {"grade_level": "01", "entry_date": dt.date(2025, 8, 20)}
            for sid in ("00123", "0123", "123")
        ],
    }
    t = load_tables(engine_con, engine_write_stored(rows))
    assert sorted(t.students.student_id.to_pyarrow().to_pylist()) == ["00123", "0123", "123"]
    joined = t.enrollments.join(t.schools, "school_id")
    assert joined.count().to_pyarrow().as_py() == 3
    assert set(joined.network_id.to_pyarrow().to_pylist()) == {"007"}


def test_demo_ids_keep_their_leading_zeros(
    engine_con: ibis.BaseBackend, engine_demo_files: Files
) -> None:
    t = load_tables(engine_con, engine_demo_files)
    ids = t.students.student_id
    assert ids.length().min().to_pyarrow().as_py() == 10
    assert ids.startswith("0").all().to_pyarrow().as_py()


def test_files_of_several_batches_are_read_together(
    engine_con: ibis.BaseBackend, population_files: Files, tmp_path: Path
) -> None:
    # Two school years from two batch directories, with different extra columns.
    other = tmp_path / "batch2" / "enrollments" / "school_year=2026" / "data.parquet"
    other.parent.mkdir(parents=True)
    source = engine_con.read_parquet(population_files["enrollments"][1])
    engine_con.to_parquet(source.mutate(sis_code=ibis.literal("z")).drop("local_code"), other)
    files = dict(population_files, enrollments=[population_files["enrollments"][0], other])
    t = load_tables(engine_con, files)
    assert t.enrollments.schema() == stored_schema("enrollments")
    assert t.enrollments.count().to_pyarrow().as_py() == 11
    assert t.years("enrollments") == frozenset({2025, 2026})
    assert t.years("schools") is None


def test_loading_the_same_files_again_replaces_the_views(
    engine_con: ibis.BaseBackend, population_files: Files
) -> None:
    first = load_tables(engine_con, population_files)
    second = load_tables(engine_con, population_files)
    assert second.enrollments.count().to_pyarrow().as_py() == 11
    assert first.enrollments.count().to_pyarrow().as_py() == 11


def test_file_years_come_from_the_year_directories() -> None:
    assert file_years([Path("/w/b1/discipline/school_year=2025/data.parquet")]) == {2025}
    assert file_years([Path("/w/b1/schools/data.parquet")]) is None
