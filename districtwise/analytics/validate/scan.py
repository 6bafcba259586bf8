"""The SQL that reads one contract file: its check pass, its locate pass, its typed rows.

The check pass reads the file once (in parallel) and leaves a summary table ``g_<table>``:
one row per group of the file's identifying columns (student, school, school year, and for a
streamed file the rest of the key) with row counts and counts of bad cells. Only when
something is wrong does the locate pass read the file again, numbering its records, to find
each line.

A file up to ``hold_bytes`` is *held*: the check pass keeps its typed rows in the DuckDB
table ``r_<table>`` (spilling to disk past the memory limit), the summary and the duplicate
keys are worked out from there, and the file is written from there; it is parsed once. A
larger file (the daily attendance of a big district) is *streamed*: the summary is taken
while reading, and the file is read a second time to be written.
"""

# SQL here is assembled from contract identifiers and our own names; values from the
# files never enter SQL text except through cells.literal() / cells.quote_ident().
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from districtwise.analytics.contract import FILES, STORED_TYPE, Column, FileSpec
from districtwise.analytics.validate import cells
from districtwise.analytics.validate.header import Header

RN = "__rn"  # record number among the rows DuckDB accepted (1 = first data record)
DATE = "__date"  # the typed date of attendance_daily / discipline rows
ROW_ERROR = "__row_error"  # attendance.csv: days_absent > days_enrolled
CELL_ERRORS = "__cell_errors"  # the number of bad cells of a row
KEY_HASH = "__key_hash"  # a held file's key, hashed
# Tables other files refer to keep their key in the summary, where references are checked.
REFERENCED = frozenset(table for spec in FILES for _, table, _ in spec.references)
STATUS_ABSENCE = "CASE {s} WHEN 'A' THEN 1.0 WHEN 'H' THEN 0.5 ELSE 0.0 END"


@dataclass
class FileScan:
    """One contract file, its header, and the district calendar."""

    spec: FileSpec
    path: Path
    header: Header
    month: int = 7
    day: int = 1
    held: bool = False

    @property
    def table(self) -> str:
        return self.spec.table

    def raw(self, name: str) -> str | None:
        """The raw VARCHAR column of a contract column, or None when the file lacks it."""
        position = self.header.columns.get(name)
        return None if position is None else f"c{position}"

    def present(self) -> list[Column]:
        return [c for c in self.spec.columns if c.name in self.header.columns]

    def source(self, *, ignore_errors: bool, rejects: str | None = None) -> str:
        """read_csv of the whole file as VARCHAR, strict RFC 4180, our own column names."""
        columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(self.header.names)))
        options = [
            f"columns = {{{columns}}}",
            "header = true",
            "auto_detect = false",
            "delim = ','",
            "quote = '\"'",
            "escape = '\"'",
            "strict_mode = true",
            "null_padding = false",
            f"ignore_errors = {str(ignore_errors).lower()}",
        ]
        if rejects:
            options += [
                "store_rejects = true",
                f"rejects_table = '{rejects}'",
                f"rejects_scan = '{rejects}_scan'",
            ]
        return f"read_csv({cells.literal(str(self.path))}, {', '.join(options)})"

    # --- per-row expressions -------------------------------------------------------------

    def derived_year(self) -> bool:
        """True when the school year comes from a date with the district calendar."""
        return self.spec.year_from == "date" and self.raw("date") is not None

    def _date_year(self) -> str:
        return cells.school_year_of(DATE, self.month, self.day)

    def _plausible(self, year: str) -> str:
        return f"{year} BETWEEN {cells.YEAR_MIN} AND {cells.YEAR_MAX}"

    def errors(self) -> dict[str, str]:
        """column -> SQL giving the rule its cell breaks (NULL when fine)."""
        out = {}
        for column in self.present():
            raw = self.raw(column.name)
            assert raw is not None
            extra = []
            if column.name == "date" and self.derived_year():
                extra.append((f"NOT {self._plausible(self._date_year())}", "bad_year"))
            out[column.name] = cells.error_rule(column, raw, extra)
        return out

    def year_sql(self) -> str | None:
        """The typed school year of a row (NULL when unknown or invalid)."""
        if self.derived_year():
            year = self._date_year()
            return f"CASE WHEN {self._plausible(year)} THEN {year} END"
        raw = self.raw("school_year")
        if raw is None:
            return None
        return f"CASE WHEN e_school_year IS NULL THEN TRY_CAST({raw} AS SMALLINT) END"

    def group_columns(self) -> dict[str, str]:
        """name -> typed SQL of the columns the summary table is grouped by."""
        out: dict[str, str] = {}
        # Identifiers as read: a blank one is already an error (and never a known id).
        for name, _table, _column in self.spec.references:
            raw = self.raw(name)
            if raw is not None:
                out[name] = raw
        year = self.year_sql()
        if year is not None:
            out["school_year"] = year
        if self.held and self.table not in REFERENCED:  # duplicates are found in r_<table>
            return out
        for name in self.spec.key:
            raw = self.raw(name)
            if name not in out and name != "date" and raw is not None:
                out[name] = raw
        return out

    def key_columns(self) -> list[str] | None:
        """The key as columns of r_<table> when a held file's duplicates are found there."""
        if not self.held or not self.spec.key or self.daily_key():
            return None
        if any(self.raw(k) is None for k in self.spec.key):
            return None  # a key column is missing: that is reported already
        groups = self.group_columns()
        return [k if k in groups else f"__k_{k}" for k in self.spec.key]

    def key_in_groups(self) -> bool:
        """The duplicate-key check can be made on the summary (the key is a group column)."""
        groups = self.group_columns()
        return bool(self.spec.key) and all(k in groups for k in self.spec.key)

    def daily_key(self) -> bool:
        """attendance_daily: duplicates are found per group with a bitmap of days."""
        groups = self.group_columns()
        return (
            self.spec.key == ("student_id", "school_id", "date")
            and self.derived_year()
            and all(k in groups for k in ("student_id", "school_id", "school_year"))
        )

    def rows_sql(self, *, numbered: bool, rejects: str | None = None) -> str:
        """Every accepted row: raw cells, typed date, cell rules, group values, and with
        ``numbered`` the record number (which makes DuckDB read the file in one thread)."""
        source = self.source(ignore_errors=True, rejects=rejects)
        number = f"row_number() OVER () AS {RN}, " if numbered else ""
        read = f"SELECT {number}* FROM {source}"
        date_raw = self.raw("date")
        date = (
            f", CASE WHEN {cells.valid_date(date_raw)} THEN TRY_CAST({date_raw} AS DATE) END "
            f"AS {DATE}"
            if date_raw is not None
            else ""
        )
        layer1 = f"SELECT *{date} FROM ({read})"
        errors = "".join(f", {sql} AS e_{name}" for name, sql in self.errors().items())
        layer2 = f"SELECT *{errors} FROM ({layer1})"
        groups = "".join(f", {sql} AS {name}" for name, sql in self.group_columns().items())
        groups += "".join(
            f", {self.raw(k.removeprefix('__k_'))} AS {k}"
            for k in self.key_columns() or []
            if k.startswith("__k_")
        )
        count = " + ".join(f"(e_{name} IS NOT NULL)::INTEGER" for name in self.errors()) or "0"
        layer3 = (
            f"SELECT *{groups}, {self._row_error()} AS {ROW_ERROR}, {count} AS {CELL_ERRORS} "
            f"FROM ({layer2})"
        )
        extra = "".join(f", {sql} AS {name}" for name, sql in self._extra_row_columns().items())
        return f"SELECT *{extra} FROM ({layer3})" if extra else layer3

    def _row_error(self) -> str:
        enrolled, absent = self.raw("days_enrolled"), self.raw("days_absent")
        if self.spec.table != "attendance" or enrolled is None or absent is None:
            return "false"
        return (
            "coalesce(e_days_enrolled IS NULL AND e_days_absent IS NULL AND "
            f"TRY_CAST({absent} AS DOUBLE) > TRY_CAST({enrolled} AS DOUBLE), false)"
        )

    # --- the passes ----------------------------------------------------------------------

    def check_sql(self) -> list[str]:
        """The statements that CREATE the summary table g_<table> (and r_<table> when held)."""
        rows = self.rows_sql(numbered=False, rejects=f"rej_{self.table}")
        if not self.held:
            return [self._summary_sql(f"({rows})")]
        kept = [*self.group_columns(), ROW_ERROR, CELL_ERRORS, *self._extra_row_columns()]
        kept += [k for k in self.key_columns() or [] if k.startswith("__k_")]
        if self.hashed_key():
            kept.append(f"hash({', '.join(self.key_columns() or [])}) AS {KEY_HASH}")
        kept += [
            f"{self._stored()[name]} AS {column}"
            for name, column in self._held_stored().items()
            if column.startswith('"__v_')
        ]
        return [
            f"CREATE TEMP TABLE r_{self.table} AS SELECT {', '.join(kept)} FROM ({rows})",
            self._summary_sql(f"r_{self.table}"),
        ]

    def hashed_key(self) -> bool:
        """A held file's duplicate keys are found through a hash of its key."""
        return any(k.startswith("__k_") for k in self.key_columns() or [])

    def _held_stored(self) -> dict[str, str]:
        """stored name -> its column in r_<table>: a raw cell already kept as a group or key
        column is not kept twice."""
        kept_raw = {sql: name for name, sql in self.group_columns().items()}
        for key in self.key_columns() or []:
            raw = self.raw(key.removeprefix("__k_"))
            if key.startswith("__k_") and raw is not None:
                kept_raw[raw] = key
        return {
            name: kept_raw.get(value) or cells.quote_ident(f"__v_{name}")
            for name, value in self._stored().items()
        }

    def _summary_sql(self, rows: str) -> str:
        groups = list(self.group_columns())
        aggregates = [
            "count(*) AS n",
            f"coalesce(sum({CELL_ERRORS}), 0) AS cell_errors",
            f"count_if({ROW_ERROR}) AS row_errors",
            *self._extra_aggregates(),
        ]
        select = ", ".join([*groups, *aggregates])
        group_by = f" GROUP BY {', '.join(groups)}" if groups else ""
        return f"CREATE TEMP TABLE g_{self.table} AS SELECT {select} FROM {rows}{group_by}"

    def _extra_row_columns(self) -> dict[str, str]:
        """name -> SQL of the per-row values the extra aggregates sum up."""
        if self.table == "attendance":
            out = {}
            for name, alias in (("days_enrolled", "__de"), ("days_absent", "__da")):
                raw = self.raw(name)
                out[alias] = (
                    f"CASE WHEN e_{name} IS NULL THEN TRY_CAST({raw} AS DOUBLE) END"
                    if raw
                    else "NULL::DOUBLE"
                )
            return out
        if self.table == "attendance_daily" and self.daily_key():
            day = cells.day_of_school_year(DATE, "school_year", self.month, self.day)
            status = self.raw("status") or "NULL"
            return {
                "__dated": f"CASE WHEN school_year IS NOT NULL THEN {DATE} END",
                "__day": f"CASE WHEN school_year IS NOT NULL THEN {day} END",
                "__absence": STATUS_ABSENCE.format(s=status),
            }
        return {}

    def _extra_aggregates(self) -> list[str]:
        if self.table == "attendance":
            return ["any_value(__de) AS de", "any_value(__da) AS da"]
        if self.table == "attendance_daily" and self.daily_key():
            return [
                "count(__dated) AS n_dated",
                "bit_count(bitstring_agg(__day, 0, 365)) AS n_days",
                "sum(__absence) AS absent",
            ]
        return []

    def locate_sql(self, conditions: list[str]) -> str:
        """CREATE bad_<table>: the rows with a bad cell, a row error, or matching conditions."""
        flagged = [f"e_{name} IS NOT NULL" for name in self.errors()]
        where = " OR ".join([*flagged, ROW_ERROR, *conditions])
        return (
            f"CREATE TEMP TABLE bad_{self.table} AS "
            f"SELECT * FROM ({self.rows_sql(numbered=True)}) s WHERE {where}"
        )

    def _stored(self) -> dict[str, str]:
        """name -> SQL of each stored column, typed from the raw cells: the contract's, the derived
        school_year, then the unknown columns kept."""
        out = {}
        for column in self.spec.columns:
            raw = self.raw(column.name)
            out[column.name] = (
                f"CAST(NULL AS {STORED_TYPE[column.kind]})"
                if raw is None
                else cells.typed(column, raw)
            )
        if self.spec.year_from == "date":
            date = f"TRY_CAST({self.raw('date')} AS DATE)"
            out["school_year"] = cells.school_year_of(date, self.month, self.day)
        for name, position in self.header.extras:
            out[name] = f"c{position}"
        return out

    def stage_sql(self) -> str:
        """The typed rows as stored: every contract column, school_year when derived, extras."""
        if self.held:
            select = [
                f"{column} AS {cells.quote_ident(name)}"
                for name, column in self._held_stored().items()
            ]
            return f"SELECT {', '.join(select)} FROM r_{self.table}"
        select = [f"{value} AS {cells.quote_ident(name)}" for name, value in self._stored().items()]
        return f"SELECT {', '.join(select)} FROM {self.source(ignore_errors=False)}"
