"""Write validated contract files as typed Parquet in the staging layout the engine reads.

    <out_dir>/<table>/school_year=<YYYY>/data.parquet   year-bearing tables
    <out_dir>/schools/data.parquet, <out_dir>/students/data.parquet

Each file holds every contract column (missing optional columns as typed NULLs), the
derived ``school_year`` for tables that take it from a date, then the unknown columns
that were kept, as VARCHAR under their header names.
"""

# SQL here is assembled from contract identifiers and our own names; values from the
# files never enter SQL text except through cells.literal() / cells.quote_ident().
# ruff: noqa: S608

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from districtwise.analytics.contract import UNVERSIONED

Run = Callable[[str, float], object]
PARQUET = "FORMAT parquet"


def _path_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def stage_table(
    run: Run, table: str, select_sql: str, out_dir: Path, years: list[int], weight: float
) -> Path:
    """COPY the typed rows of one table into its place under ``out_dir``; return its folder.

    ``years``: the school years of the rows (one year is written without partitioning,
    which DuckDB does noticeably faster).
    """
    target = out_dir / table
    target.mkdir(parents=True, exist_ok=False)
    if table in UNVERSIONED or len(years) == 1:
        folder = target if table in UNVERSIONED else target / f"school_year={years[0]}"
        folder.mkdir(exist_ok=True)
        run(f"COPY ({select_sql}) TO {_path_literal(folder / 'data.parquet')} ({PARQUET})", weight)
        return target
    if not years:
        return target  # a header-only optional file: the table has no rows
    run(
        f"COPY ({select_sql}) TO {_path_literal(target)} ({PARQUET}, PARTITION_BY (school_year), "
        "WRITE_PARTITION_COLUMNS true, FILENAME_PATTERN 'data', OVERWRITE_OR_IGNORE true)",
        weight,
    )
    for partition in target.iterdir():
        _name_single_file(run, partition)
    return target


def _name_single_file(run: Run, partition: Path) -> None:
    """DuckDB names partition files data0.parquet, data1.parquet …: make one data.parquet."""
    written = sorted(partition.glob("*.parquet"))
    if len(written) == 1:
        written[0].rename(partition / "data.parquet")
        return
    merged = partition / "data.parquet.tmp"
    sources = ", ".join(_path_literal(p) for p in written)
    run(f"COPY (SELECT * FROM read_parquet([{sources}])) TO {_path_literal(merged)} ({PARQUET})", 0)
    for path in written:
        path.unlink()
    merged.rename(partition / "data.parquet")


def unstage(out_dir: Path, tables: list[str]) -> None:
    """Remove tables written before a failure, so nothing final is left behind."""
    for table in tables:
        shutil.rmtree(out_dir / table, ignore_errors=True)
