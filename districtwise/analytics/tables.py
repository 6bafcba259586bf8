"""The stored tables of one district's live data, as ibis tables typed by the contract.

``Tables`` is what every metric function receives: ``tables.enrollments`` is an ibis table
whose columns are exactly the contract's columns (plus ``school_year`` for the date-bearing
discipline and attendance_daily tables) with the stored types of ``contract.STORED_TYPE``,
whatever engine runs it. Optional files may be absent: ``tables.has("discipline")`` says
whether one was imported, and reading an absent table raises ``MissingTableError``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from districtwise.analytics import contract

# The ibis type of each stored type (contract.STORED_TYPE values).
IBIS_TYPE: dict[str, dt.DataType] = {
    "VARCHAR": dt.string,
    "DATE": dt.date,
    "SMALLINT": dt.int16,
    "DOUBLE": dt.float64,
    "INTEGER": dt.int32,
    "DECIMAL(18,2)": dt.Decimal(18, 2),
}
# Spark SQL DDL spelling of the same types (VARCHAR without a length is STRING there).
SPARK_TYPE: dict[str, str] = {
    "VARCHAR": "STRING",
    "DATE": "DATE",
    "SMALLINT": "SMALLINT",
    "DOUBLE": "DOUBLE",
    "INTEGER": "INT",
    "DECIMAL(18,2)": "DECIMAL(18,2)",
}
# Tables whose school year is derived from a date; staging stores it as a column.
DERIVED_YEAR = ("discipline", "attendance_daily")
REQUIRED_TABLES = tuple(spec.table for spec in contract.FILES if spec.required)
_YEAR_DIR = re.compile(r"^school_year=(\d{4})$")


class MissingTableError(LookupError):
    """A metric asked for a table whose file was not imported."""


def stored_columns(table: str) -> dict[str, str]:
    """Column name → stored type (``contract.STORED_TYPE`` value) of a stored table."""
    spec = contract.BY_TABLE[table]
    columns = {c.name: contract.STORED_TYPE[c.kind] for c in spec.columns}
    if table in DERIVED_YEAR:
        columns["school_year"] = contract.STORED_TYPE["year"]
    return columns


def stored_schema(table: str) -> ibis.Schema:
    """The ibis schema every engine gives a stored table."""
    return ibis.schema({name: IBIS_TYPE[kind] for name, kind in stored_columns(table).items()})


def spark_ddl(table: str) -> str:
    """The stored schema as a Spark DDL string (read schema of the Parquet files)."""
    return ", ".join(f"`{name}` {SPARK_TYPE[kind]}" for name, kind in stored_columns(table).items())


def file_years(paths: list[Path]) -> frozenset[int] | None:
    """School years of year-partitioned files (``…/school_year=2026/data.parquet``).

    None when any path is not in a ``school_year=<Y>`` directory (the years are then only
    known from the data).
    """
    years = set()
    for path in paths:
        match = _YEAR_DIR.match(path.parent.name)
        if match is None:
            return None
        years.add(int(match.group(1)))
    return frozenset(years)


@dataclass(frozen=True)
class Tables:
    """The contract's tables of one dataset on one engine connection.

    ``tables.<name>`` (or ``tables["<name>"]``) gives the ibis table; ``has(name)`` says
    whether it was loaded; ``missing`` lists the contract tables that were not; ``years(name)``
    gives the school years whose files were loaded, when the file layout says so.
    """

    con: ibis.BaseBackend
    loaded: Mapping[str, ir.Table]
    loaded_years: Mapping[str, frozenset[int] | None] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        """Whether the table's file was imported (so metrics on it are available)."""
        self._check_name(name)
        return name in self.loaded

    @property
    def missing(self) -> tuple[str, ...]:
        """Contract tables without data, in contract order."""
        return tuple(spec.table for spec in contract.FILES if spec.table not in self.loaded)

    def years(self, name: str) -> frozenset[int] | None:
        """School years of the loaded files of a year-bearing table; None when not known."""
        self._check_name(name)
        return self.loaded_years.get(name)

    def __getitem__(self, name: str) -> ir.Table:
        self._check_name(name)
        try:
            return self.loaded[name]
        except KeyError:
            raise MissingTableError(f"{name}: no {name}.csv was imported") from None

    def __getattr__(self, name: str) -> ir.Table:
        if name.startswith("_") or name not in contract.BY_TABLE:
            raise AttributeError(name)
        return self[name]

    @staticmethod
    def _check_name(name: str) -> None:
        if name not in contract.BY_TABLE:
            raise KeyError(f"{name!r} is not a table of the data contract")
