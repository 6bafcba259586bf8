"""compute_audit gives the same figures on Apache Spark (local[2]) as on DuckDB, over the
same Parquet files of a small demo district (floats to a relative 1e-9)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from districtwise.analytics.engine import close, connect, load_tables
from districtwise.analytics.equity.metrics import compute_audit
from districtwise.analytics.equity.spec import AuditSettings
from districtwise.demo.files import generate_district_files
from tests.analytics.conftest import csv_to_stored


def _audit(engine: str, files: dict[str, list[Path]]) -> list[tuple]:
    con = connect(engine, spark_master="local[2]")
    try:
        table = compute_audit(
            con, load_tables(con, files), district_id="demo", settings=AuditSettings()
        )
    finally:
        close(con)
    rows = [tuple(r.values()) for r in table.to_pylist()]
    return sorted(rows, key=lambda r: tuple((v is None, v) for v in r[:7]))


def test_spark_and_duckdb_give_the_same_audit(tmp_path_factory: pytest.TempPathFactory) -> None:
    src = tmp_path_factory.mktemp("parity_csv")
    generate_district_files(src, seed=5, students=400, years=1)
    files = csv_to_stored(src, tmp_path_factory.mktemp("parity_stored"))
    duck, spark = _audit("duckdb", files), _audit("spark", files)
    assert len(duck) == len(spark) > 500
    for d, s in zip(duck, spark, strict=True):
        same = all(
            math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
            if isinstance(a, float) and isinstance(b, float)
            else a == b
            for a, b in zip(d, s, strict=True)
        )
        assert same, f"DuckDB {d} != Spark {s}"
