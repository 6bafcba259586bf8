"""The engine's queries give identical answers on Apache Spark (local[2]) and on DuckDB,
over the same Parquet files: the hand-made dataset and a small demo district.

Rows are sorted and compared exactly; a float may differ by a relative 1e-9 (a sum or mean
of many values may be added up in a different order by the two engines).
"""

from __future__ import annotations

import math
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


@pytest.fixture(scope="module")
def engine_spark() -> Iterator[ibis.BaseBackend]:
    """One Spark session for the module (local[2]); no Java is a failure, not a skip."""
    con = connect("spark", spark_master="local[2]")
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
    """Each population row once per group type: group_type and group ("all"/"all" too).

    One scan of the population, unnested over the group types (a union of one select per
    group type would compute the population again for each).
    """
    types = ibis.literal(["all", *GROUP_TYPES], type="array<string>")
    g = pop.mutate(group_type=types.unnest())
    group = ibis.cases(*((g.group_type == c, g[c]) for c in GROUP_TYPES), else_="all")
    return g.mutate(group=group)


def counts_per_group(unit_type: str) -> Query:
    """Per unit, year and group: students, OSS students, days removed, mean days absent, and
    the chronic absence counts (denominator: days_enrolled >= 10; numerator: of those,
    days_absent / days_enrolled >= 0.10)."""

    def query(t: Tables) -> ibis.Table:
        g = long_groups(population(unit_type)(t))
        counted = g.days_enrolled >= 10
        chronic = counted & (g.days_absent / g.days_enrolled >= 0.10)
        return g.group_by(["school_year", "unit_id", "group_type", "group"]).aggregate(
            students=g.count(),
            oss=g.has_oss.sum(),
            days_removed=g.days_removed.sum(),
            mean_days_absent=g.days_absent.mean(),
            chronic_denominator=counted.sum(),
            chronic_numerator=chronic.sum(),
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
    rows = assert_parity(engine_pair, counts_per_group(unit_type))
    chronic = [r[-1] for r in rows]
    assert any(n > 0 for n in chronic)
