"""The engine's queries give identical answers on Apache Spark (local[2]) and on DuckDB,
over the same Parquet files: the hand-made dataset and a small demo district.

Rows are sorted and compared exactly; a float may differ by a relative 1e-9 (a sum or mean
of many values may be added up in a different order by the two engines).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ibis
import pytest

from districtwise.analytics import contract
from districtwise.analytics.engine import close, connect, load_tables
from districtwise.analytics.population import FLAGS, UNIT_TYPES, unit_population
from districtwise.analytics.tables import Tables, stored_schema

Files = dict[str, list[Path]]
Query = Callable[[Tables], ibis.Table]
REL_TOL = 1e-9
SPARK_START_SECONDS: list[float] = []


@pytest.fixture(scope="module")
def engine_spark() -> Iterator[ibis.BaseBackend]:
    """One Spark session for the module (local[2]); no Java is a failure, not a skip."""
    started = time.perf_counter()
    con = connect("spark", spark_master="local[2]")
    SPARK_START_SECONDS.append(time.perf_counter() - started)
    yield con
    close(con)


@pytest.fixture(scope="module")
def engine_duckdb() -> Iterator[ibis.BaseBackend]:
    con = connect("duckdb")
    yield con
    close(con)


@pytest.fixture(scope="module", params=["hand_made", "demo"])
def engine_pair(
    request: pytest.FixtureRequest, engine_spark: ibis.BaseBackend, engine_duckdb: ibis.BaseBackend
) -> tuple[Tables, Tables]:
    """The same files loaded on Spark and on DuckDB."""
    name = "population_files" if request.param == "hand_made" else "engine_demo_files"
    files: Files = request.getfixturevalue(name)
    return load_tables(engine_spark, files), load_tables(engine_duckdb, files)


def sorted_rows(expr: ibis.Table) -> list[tuple[Any, ...]]:
    rows = [tuple(r.values()) for r in expr.to_pyarrow().to_pylist()]
    return sorted(rows, key=lambda r: tuple((v is None, v) for v in r))


def assert_same_rows(spark: list[tuple[Any, ...]], duck: list[tuple[Any, ...]]) -> None:
    assert len(spark) == len(duck)
    for s, d in zip(spark, duck, strict=True):
        same = all(
            math.isclose(a, b, rel_tol=REL_TOL)
            if isinstance(a, float) and b is not None
            else a == b
            for a, b in zip(s, d, strict=True)
        )
        assert same, f"Spark {s} != DuckDB {d}"


def assert_parity(pair: tuple[Tables, Tables], query: Query) -> list[tuple[Any, ...]]:
    spark, duck = (query(t) for t in pair)
    assert spark.schema() == duck.schema()
    duck_rows = sorted_rows(duck)
    assert_same_rows(sorted_rows(spark), duck_rows)
    return duck_rows


# --- the queries ---------------------------------------------------------------------------
GROUP_TYPES = ("race_ethnicity", "sex", *FLAGS)


def population(unit_type: str) -> Query:
    return lambda t: unit_population(t, unit_type, district_id="D1")  # type: ignore[arg-type]


def long_groups(pop: ibis.Table) -> ibis.Table:
    """The population once per group type: group_type, group (all/all included)."""
    parts = [pop.mutate(group_type=ibis.literal("all"), group=ibis.literal("all"))]
    parts += [pop.mutate(group_type=ibis.literal(g), group=pop[g]) for g in GROUP_TYPES]
    return ibis.union(*parts)


def counts_per_group(unit_type: str) -> Query:
    def query(t: Tables) -> ibis.Table:
        g = long_groups(population(unit_type)(t))
        return g.group_by(["school_year", "unit_id", "group_type", "group"]).aggregate(
            students=g.count(),
            oss=g.has_oss.sum(),
            days_removed=g.days_removed.sum(),
            mean_days_absent=g.days_absent.mean(),
        )

    return query


def chronic_absence(unit_type: str) -> Query:
    """Denominator: days_enrolled >= 10; numerator: days_absent / days_enrolled >= 0.10."""

    def query(t: Tables) -> ibis.Table:
        g = long_groups(population(unit_type)(t))
        g = g.filter(g.days_enrolled >= 10)
        chronic = (g.days_absent / g.days_enrolled >= 0.10).ifelse(1, 0)
        return g.group_by(["school_year", "unit_id", "group_type", "group"]).aggregate(
            denominator=g.count(), numerator=chronic.sum()
        )

    return query


# --- the tests -----------------------------------------------------------------------------


def test_tables_have_the_stored_schema_on_both_engines(engine_pair: tuple[Tables, Tables]) -> None:
    spark, duck = engine_pair
    assert spark.missing == duck.missing
    for spec in contract.FILES:
        if duck.has(spec.table):
            assert (
                spark[spec.table].schema()
                == duck[spec.table].schema()
                == (stored_schema(spec.table))
            )


@pytest.mark.parametrize("table", ["schools", "students", "enrollments", "discipline"])
def test_tables_read_the_same_rows(engine_pair: tuple[Tables, Tables], table: str) -> None:
    assert assert_parity(engine_pair, lambda t: t[table])


@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_populations_are_identical(engine_pair: tuple[Tables, Tables], unit_type: str) -> None:
    rows = assert_parity(engine_pair, population(unit_type))
    assert len(rows) >= 5


@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_counts_per_group_are_identical(engine_pair: tuple[Tables, Tables], unit_type: str) -> None:
    assert assert_parity(engine_pair, counts_per_group(unit_type))


@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_chronic_absence_counts_are_identical(
    engine_pair: tuple[Tables, Tables], unit_type: str
) -> None:
    rows = assert_parity(engine_pair, chronic_absence(unit_type))
    assert any(numerator > 0 for *_, numerator in rows)


def test_the_spark_session_started_quickly() -> None:
    # Informational bound: a local[2] session starts in about 4 s on the project's machines.
    assert SPARK_START_SECONDS and SPARK_START_SECONDS[0] < 60
