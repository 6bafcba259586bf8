"""Analytics test data in the stored layout (Parquet per table and school year).

Fixtures here are the engine's and the populations' (``engine_*``, ``population_*``); the
stored layout is what staging writes: ``<root>/<table>/school_year=<Y>/data.parquet`` and
``<root>/{schools,students}/data.parquet``, contract columns with contract.STORED_TYPE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from districtwise.analytics import contract
from districtwise.analytics.tables import DERIVED_YEAR, stored_columns, stored_schema
from districtwise.demo.files import generate_district_files

Rows = list[dict[str, Any]]
Files = dict[str, list[Path]]


def write_stored(root: Path, tables: dict[str, Rows]) -> Files:
    """Write hand-made rows as stored Parquet; keys not in the contract become extra
    VARCHAR columns (which the engine must ignore). Returns table → files."""
    files: Files = {}
    for table, rows in tables.items():
        schema = stored_schema(table).to_pyarrow()
        extra = sorted({k for row in rows for k in row} - set(schema.names))
        for name in extra:
            schema = schema.append(pa.field(name, pa.string()))
        data = pa.Table.from_pylist(rows, schema=schema)
        if table in contract.UNVERSIONED:
            files[table] = [_write(data, root / table / "data.parquet")]
            continue
        for year in sorted(set(data["school_year"].to_pylist())):
            part = data.filter(pa.compute.equal(data["school_year"], year))
            path = root / table / f"school_year={year}" / "data.parquet"
            files.setdefault(table, []).append(_write(part, path))
    return files


def _write(data: pa.Table, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(data, path)
    return path


def csv_to_stored(src: Path, root: Path) -> Files:
    """Convert a folder of contract CSV files into the stored layout (a stand-in for the
    staging step): all-VARCHAR read, blanks → NULL, cast to the stored types; discipline
    and attendance_daily get school_year from the date (July 1 to June 30)."""
    con = duckdb.connect()
    files: Files = {}
    for spec in contract.FILES:
        csv = src / spec.name
        if not csv.exists():
            continue
        select = ", ".join(
            _stored_expr(spec.table, n, k) for n, k in stored_columns(spec.table).items()
        )
        con.execute(
            f"CREATE TABLE {spec.table} AS SELECT {select} "
            f"FROM read_csv('{csv}', all_varchar = true, header = true)"
        )
        if spec.table in contract.UNVERSIONED:
            files[spec.table] = [
                _copy(con, f"SELECT * FROM {spec.table}", root / spec.table / "data.parquet")
            ]
            continue
        years = con.execute(f"SELECT DISTINCT school_year FROM {spec.table} ORDER BY 1").fetchall()
        for (year,) in years:
            path = root / spec.table / f"school_year={year}" / "data.parquet"
            query = f"SELECT * FROM {spec.table} WHERE school_year = {year}"
            files.setdefault(spec.table, []).append(_copy(con, query, path))
    con.close()
    return files


def _stored_expr(table: str, name: str, kind: str) -> str:
    if name == "school_year" and table in DERIVED_YEAR:
        day = 'CAST("date" AS DATE)'
        return f"CAST(year({day}) + (month({day}) >= 7)::INTEGER AS SMALLINT) AS school_year"
    return f'CAST(NULLIF("{name}", \'\') AS {kind}) AS "{name}"'


def _copy(con: duckdb.DuckDBPyConnection, source: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({source}) TO '{path}' (FORMAT parquet)")
    return path


# --- the hand-made dataset --------------------------------------------------------------
# Schools 0001, 0002 in network N1, 0003 in N2, 0004 in no network; school years 2025-26.
# The expected populations are worked out by hand in test_population.py.


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


FLAG_ORDER = (
    "economically_disadvantaged",
    "english_learner",
    "disability",
    "section_504",
    "homeless",
    "foster_care",
    "gifted",
)


def _enrollment(
    student: str, school: str, year: int, grade: str, entry: str, exit_: str | None, flags: str
) -> dict[str, Any]:
    """flags: seven characters in FLAG_ORDER, Y / N / ? (? = blank, unknown)."""
    row: dict[str, Any] = {
        "student_id": student,
        "school_id": school,
        "school_year": year,
        "grade_level": grade,
        "entry_date": _d(entry),
        "exit_date": _d(exit_) if exit_ else None,
        "local_code": "x",  # an extra column
    }
    row.update({f: (None if c == "?" else c) for f, c in zip(FLAG_ORDER, flags, strict=True)})
    return row


def _discipline(
    incident: str, student: str, school: str, day: str, action: str, days: float, year: int
) -> dict[str, Any]:
    return {
        "incident_id": incident,
        "student_id": student,
        "school_id": school,
        "date": _d(day),
        "action": action,
        "days_removed": days,
        "offense": None,
        "school_year": year,
    }


def _daily(student: str, school: str, day: str, status: str) -> dict[str, Any]:
    year = _d(day).year + (_d(day).month >= 7)
    return {
        "student_id": student,
        "school_id": school,
        "date": _d(day),
        "status": status,
        "school_year": year,
    }


def _attendance(student: str, school: str, enrolled: float, absent: float) -> dict[str, Any]:
    return {
        "student_id": student,
        "school_id": school,
        "school_year": 2025,
        "days_enrolled": enrolled,
        "days_absent": absent,
    }


def _school(school: str, network: str | None, level: str, low: str, high: str) -> dict:
    return {
        "school_id": school,
        "name": f"School {school}",
        "network_id": network,
        "level": level,
        "grade_low": low,
        "grade_high": high,
        "title_i": "Y" if network else None,
    }


def _student(student: str, sex: str | None, race: str | None, born: int | None) -> dict:
    return {"student_id": student, "sex": sex, "race_ethnicity": race, "birth_year": born}


E = _enrollment
POPULATION_TABLES: dict[str, Rows] = {
    "schools": [
        _school("0001", "N1", "k12", "PK", "12"),
        _school("0002", "N1", "k8", "KG", "08"),
        _school("0003", "N2", "6-12", "06", "12"),
        _school("0004", None, "other", "PK", "12"),
    ],
    "students": [
        _student("00101", "F", "HL", 2016),
        _student("00102", "M", "BL", 2013),
        _student("00103", None, None, None),
        _student("00104", "X", "WH", 2007),
        _student("00105", "F", "AS", 2010),
    ],
    "enrollments": [
        # 00101 moves from 0001 to 0002 (both N1) in 2025: Y at one, N at the other.
        E("00101", "0001", 2025, "03", "2024-08-20", "2025-01-15", "YNN?N?N"),
        E("00101", "0002", 2025, "03", "2025-01-20", None, "NN??Y?N"),
        # 00102 moves from 0002 (N1) to 0003 (N2) and changes grade.
        E("00102", "0002", 2025, "05", "2024-08-20", "2024-12-01", "NNNNNNN"),
        E("00102", "0003", 2025, "06", "2024-12-05", None, "Y?YNNNY"),
        E("00103", "0004", 2025, "KG", "2024-08-20", None, "???????"),
        E("00104", "0001", 2025, "12", "2024-08-20", "2025-05-30", "NNYNNNN"),
        E("00105", "0003", 2025, "09", "2024-08-20", None, "YYNNNNN"),
        E("00101", "0002", 2026, "04", "2025-08-20", None, "NNN?N?N"),
        # 00103: two rows with the same entry date (0004 has no network).
        E("00103", "0001", 2026, "01", "2025-08-20", None, "?Y?????"),
        E("00103", "0004", 2026, "KG", "2025-08-20", "2025-09-01", "N??????"),
        E("00105", "0003", 2026, "10", "2025-08-20", None, "YNNNNNN"),
    ],
    # Totals for 2025 only; 2026 comes from the daily file.
    "attendance": [
        _attendance("00101", "0001", 100, 12),
        _attendance("00101", "0002", 80, 5.5),
        _attendance("00102", "0002", 70, 10),
        _attendance("00103", "0004", 9, 3),
        _attendance("00104", "0001", 170, 17),
        _attendance("00105", "0003", 160, 4),
        _attendance("00105", "0001", 50, 50),  # no enrollment row there: left out
    ],
    "attendance_daily": [
        _daily("00104", "0001", "2025-03-03", "A"),  # 2025 has totals: ignored
        _daily("00101", "0002", "2025-08-20", "P"),
        _daily("00101", "0002", "2025-08-21", "A"),
        _daily("00101", "0002", "2025-08-22", "H"),
        _daily("00101", "0002", "2025-08-25", "P"),
        _daily("00103", "0001", "2025-09-02", "P"),
        _daily("00103", "0001", "2025-09-03", "H"),
        _daily("00103", "0004", "2025-08-20", "A"),
        _daily("00102", "0002", "2025-08-20", "A"),  # no 2026 enrollment: left out
    ],
    "discipline": [
        _discipline("I1", "00101", "0001", "2024-10-01", "OSS", 3, 2025),
        _discipline("I1", "00101", "0001", "2024-10-01", "REF", 0, 2025),
        _discipline("I2", "00101", "0002", "2025-02-10", "ISS", 1.5, 2025),
        _discipline("I3", "00102", "0001", "2024-11-01", "OSS", 5, 2025),  # not enrolled there
        _discipline("I4", "00104", "0001", "2025-05-01", "EXP", 20, 2025),
        _discipline("I5", "00104", "0001", "2025-05-02", "OTH", 0, 2025),
        _discipline("I8", "00105", "0003", "2025-06-01", "OSS", 4, 2025),
        _discipline("I6", "00105", "0003", "2025-09-15", "ARR", 0, 2026),
        _discipline("I6", "00105", "0003", "2025-09-15", "OSS", 2, 2026),
        _discipline("I7", "00101", "0002", "2025-08-25", "ISS", 1, 2026),
    ],
}


@pytest.fixture(scope="session")
def population_files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    """The hand-made dataset in the stored layout."""
    return write_stored(tmp_path_factory.mktemp("population"), POPULATION_TABLES)


@pytest.fixture(scope="session")
def engine_demo_files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    """A small demo district (2,500 students, school years 2025 and 2026) in the stored
    layout, without the 2026 attendance totals: 2026 attendance comes from the daily file
    (``engine_demo_totals`` gives the totals it replaced)."""
    src = tmp_path_factory.mktemp("demo_csv")
    generate_district_files(src, seed=3, students=2500, years=2, daily_attendance=True)
    files = csv_to_stored(src, tmp_path_factory.mktemp("demo_stored"))
    files["attendance"] = [p for p in files["attendance"] if p.parent.name != "school_year=2026"]
    return files


@pytest.fixture(scope="session")
def engine_demo_totals(engine_demo_files: Files) -> Path:
    """The demo district's 2026 attendance totals (attendance.csv), left out of its files."""
    root = engine_demo_files["attendance"][0].parent.parent
    return root / "school_year=2026" / "data.parquet"


@pytest.fixture
def engine_write_stored(tmp_path: Path) -> Callable[[dict[str, Rows]], Files]:
    """Write hand-made rows (table → list of dicts) in the stored layout under tmp_path."""
    return lambda tables: write_stored(tmp_path / "stored", tables)
