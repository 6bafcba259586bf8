"""The SQL that reads one contract file: its check pass, its locate pass, its typed rows.

The check pass streams the file once (in parallel) and leaves a small summary table
``g_<table>``: one row per group of the file's identifying columns (student, school, school
year and the rest of the key) with row counts and counts of bad cells. Only when something
is wrong does the locate pass read the file again, numbering its records, to find each line.
"""

# SQL here is assembled from contract identifiers and our own names; values from the
# files never enter SQL text except through cells.literal() / cells.quote_ident().
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from districtwise.analytics.contract import STORED_TYPE, Column, FileSpec
from districtwise.analytics.validate import cells
from districtwise.analytics.validate.header import Header

RN = "__rn"  # record number among the rows DuckDB accepted (1 = first data record)
DATE = "__date"  # the typed date of attendance_daily / discipline rows
ROW_ERROR = "__row_error"  # attendance.csv: days_absent > days_enrolled
STATUS_ABSENCE = "CASE {s} WHEN 'A' THEN 1.0 WHEN 'H' THEN 0.5 ELSE 0.0 END"


@dataclass
class FileScan:
    """One contract file, its header, and the district calendar."""

    spec: FileSpec
    path: Path
    header: Header
    month: int = 7
    day: int = 1

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
        for name in self.spec.key:
            raw = self.raw(name)
            if name not in out and name != "date" and raw is not None:
                out[name] = raw
        return out

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
        return f"SELECT *{groups}, {self._row_error()} AS {ROW_ERROR} FROM ({layer2})"

    def _row_error(self) -> str:
        enrolled, absent = self.raw("days_enrolled"), self.raw("days_absent")
        if self.spec.table != "attendance" or enrolled is None or absent is None:
            return "false"
        return (
            "coalesce(e_days_enrolled IS NULL AND e_days_absent IS NULL AND "
            f"TRY_CAST({absent} AS DOUBLE) > TRY_CAST({enrolled} AS DOUBLE), false)"
        )

    # --- the passes ----------------------------------------------------------------------

    def check_sql(self) -> str:
        """CREATE the summary table g_<table> in one streaming pass over the file."""
        groups = list(self.group_columns())
        cell_errors = " + ".join(f"count(e_{name})" for name in self.errors()) or "0"
        aggregates = [
            "count(*) AS n",
            f"{cell_errors} AS cell_errors",
            f"count_if({ROW_ERROR}) AS row_errors",
            *self._extra_aggregates(),
        ]
        select = ", ".join([*groups, *aggregates])
        group_by = f" GROUP BY {', '.join(groups)}" if groups else ""
        return (
            f"CREATE TEMP TABLE g_{self.table} AS SELECT {select} "
            f"FROM ({self.rows_sql(numbered=False, rejects=f'rej_{self.table}')}){group_by}"
        )

    def _extra_aggregates(self) -> list[str]:
        if self.table == "attendance":
            out = []
            for name, alias in (("days_enrolled", "de"), ("days_absent", "da")):
                raw = self.raw(name)
                value = f"TRY_CAST({raw} AS DOUBLE)" if raw else "NULL::DOUBLE"
                out.append(
                    f"any_value(CASE WHEN e_{name} IS NULL THEN {value} END) AS {alias}"
                    if raw
                    else f"{value} AS {alias}"
                )
            return out
        if self.table == "attendance_daily" and self.daily_key():
            day = cells.day_of_school_year(DATE, "school_year", self.month, self.day)
            status = self.raw("status") or "NULL"
            return [
                f"count(CASE WHEN school_year IS NOT NULL THEN {DATE} END) AS n_dated",
                "bit_count(bitstring_agg("
                f"CASE WHEN school_year IS NOT NULL THEN {day} END, 0, 365)) AS n_days",
                f"sum({STATUS_ABSENCE.format(s=status)}) AS absent",
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

    def stage_sql(self) -> str:
        """The typed rows as stored: every contract column, school_year when derived, extras."""
        select = []
        for column in self.spec.columns:
            raw = self.raw(column.name)
            value = (
                f"CAST(NULL AS {STORED_TYPE[column.kind]})"
                if raw is None
                else cells.typed(column, raw)
            )
            select.append(f"{value} AS {cells.quote_ident(column.name)}")
        if self.spec.year_from == "date":
            date = f"TRY_CAST({self.raw('date')} AS DATE)"
            select.append(f"{cells.school_year_of(date, self.month, self.day)} AS school_year")
        for name, position in self.header.extras:
            select.append(f"c{position} AS {cells.quote_ident(name)}")
        return f"SELECT {', '.join(select)} FROM {self.source(ignore_errors=False)}"
