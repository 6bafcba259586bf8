"""The analytics engine connection: DuckDB embedded, or Apache Spark, behind ibis.

Metric code is written once as ibis expressions; ``connect`` gives the backend they run on
and ``load_tables`` registers a dataset's Parquet files on it with the contract's types, so
that both engines see the same columns of the same types (see ``tables.py``).

    con = connect("duckdb")                      # or connect("spark", spark_master=...)
    t = load_tables(con, {"enrollments": [path, ...], ...})
    t.enrollments.count().execute()
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import ibis

from districtwise.analytics.tables import (
    REQUIRED_TABLES,
    Tables,
    file_years,
    spark_ddl,
    stored_schema,
)

ENGINES = ("duckdb", "spark")
_ALIASES = {"pyspark": "spark"}
DUCKDB_THREADS = 2

_spark_lock = threading.Lock()
_spark_session: Any = None  # the process's SparkSession, made on first use


class EngineUnavailableError(RuntimeError):
    """The requested engine cannot start here (for Spark: no Java)."""


def connect(
    engine: str = "duckdb", *, spark_master: str = "local[2]", temp_dir: Path | None = None
) -> ibis.BaseBackend:
    """Connect to an analytics engine: ``"duckdb"`` (in memory) or ``"spark"`` (``pyspark``).

    DuckDB gets a fresh in-memory database with two threads (spilling to ``temp_dir`` when
    given). Spark gets the process's one SparkSession, started on first use against
    ``spark_master`` (``local[2]`` runs in this process's JVM); later calls reuse it whatever
    master they name, because a JVM holds one SparkContext.
    """
    engine = _ALIASES.get(engine, engine)
    if engine == "duckdb":
        config: dict[str, Any] = {"threads": DUCKDB_THREADS}
        if temp_dir is not None:
            config["temp_directory"] = str(temp_dir)
        return ibis.duckdb.connect(":memory:", **config)
    if engine == "spark":
        return ibis.pyspark.connect(spark_session(spark_master, temp_dir))
    raise ValueError(f"unknown analytics engine {engine!r}: choose one of {', '.join(ENGINES)}")


def spark_session(master: str = "local[2]", temp_dir: Path | None = None) -> Any:
    """The process's SparkSession (started once; the first caller's settings win)."""
    global _spark_session
    with _spark_lock:
        if _spark_session is None:
            _spark_session = _start_spark(master, temp_dir)
        return _spark_session


def _start_spark(master: str, temp_dir: Path | None) -> Any:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineUnavailableError(
            "The Spark engine needs a Java runtime (Java 17: apt-get install "
            "openjdk-17-jre-headless, which `make test` does); none is on PATH or in JAVA_HOME."
        )
    from pyspark.sql import SparkSession

    local = master.startswith("local")
    if local:
        # In-process Spark binds to loopback: no network interface is needed or exposed.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if temp_dir is None:
        temp_dir = Path(tempfile.mkdtemp(prefix="districtwise-spark-"))
        atexit.register(shutil.rmtree, temp_dir, ignore_errors=True)
    builder = (
        SparkSession.builder.master(master)
        .appName("districtwise")
        # Nothing is saved as a Spark table; the warehouse only must not land in the cwd.
        .config("spark.sql.warehouse.dir", str(Path(temp_dir) / "spark-warehouse"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # Results come back to Python through Arrow, not row by row.
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if local:
        # One machine's cores: Spark's default of 200 shuffle partitions only adds overhead.
        builder = builder.config("spark.sql.shuffle.partitions", "4")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def close(con: ibis.BaseBackend) -> None:
    """Release a connection. DuckDB closes; the process's Spark session stays up for reuse
    (``stop_spark`` ends it)."""
    if con.name == "duckdb":
        con.disconnect()


def stop_spark() -> None:
    """Stop the process's SparkSession, if one was started."""
    global _spark_session
    with _spark_lock:
        if _spark_session is not None:
            _spark_session.stop()
            _spark_session = None


def load_tables(con: ibis.BaseBackend, files: dict[str, list[Path]]) -> Tables:
    """Register a dataset's Parquet files, table → files, on the connection.

    A table absent from ``files`` (or with no files) is a missing optional file; the
    required tables (schools, students, enrollments) must be given. Each table is read
    with exactly the contract's columns (extra columns are ignored) cast to the contract's
    stored types, so DuckDB and Spark give identical schemas.
    """
    given = {name: [Path(p) for p in paths] for name, paths in files.items() if paths}
    absent = [name for name in REQUIRED_TABLES if name not in given]
    if absent:
        raise ValueError(f"required tables missing: {', '.join(absent)}")
    loaded = {name: _read(con, name, paths) for name, paths in given.items()}
    years = {name: file_years(paths) for name, paths in given.items()}
    return Tables(con=con, loaded=loaded, loaded_years=years)


def _read(con: ibis.BaseBackend, table: str, paths: list[Path]) -> ibis.Table:
    schema = stored_schema(table)
    # The same files give the same view name, so reloading a dataset replaces its views
    # instead of piling up new ones in a long-lived Spark session.
    digest = hashlib.sha256("\0".join(str(p.resolve()) for p in paths).encode()).hexdigest()
    view = f"dw_{table}_{digest[:16]}"
    if con.name == "pyspark":
        reader = con._session.read.schema(spark_ddl(table))  # type: ignore[attr-defined]
        reader.parquet(*map(str, paths)).createOrReplaceTempView(view)
        raw = con.table(view)
    else:
        # hive_partitioning off: the school_year=<Y> directory is not a column; the file's is.
        raw = con.read_parquet(  # type: ignore[attr-defined]
            paths, table_name=view, union_by_name=True, hive_partitioning=False
        )
    return raw.select(*(raw[name].cast(dtype).name(name) for name, dtype in schema.items()))
