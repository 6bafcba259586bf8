"""Check a batch: each file's summary pass, the checks across files, then the bad lines.

Problems with a record number go to the DuckDB table ``p``; rejected CSV records (bad
bytes, bad shape, bad quoting) carry their line directly. At the end record numbers are
turned into lines (records DuckDB rejected are not numbered, so later lines shift by the
number of rejected records before them) and the first problems are read in file order.
"""

# SQL here is assembled from contract identifiers and our own names; values from the
# files never enter SQL text except through cells.literal() / cells.quote_ident().
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from districtwise.analytics.contract import BY_TABLE, FILES
from districtwise.analytics.validate import messages
from districtwise.analytics.validate.cells import literal
from districtwise.analytics.validate.engine import Session
from districtwise.analytics.validate.report import RULES, ProblemLog
from districtwise.analytics.validate.scan import DATE, KEY_HASH, RN, FileScan

TRIO = ("student_id", "school_id", "school_year")
NEEDS_ENROLLMENT = (
    "attendance",
    "attendance_daily",
    "discipline",
    "assessments",
    "course_enrollments",
)
REJECT_RULES = {
    "INVALID ENCODING": "not_utf8",
    "INVALID UNICODE": "not_utf8",
    "MISSING COLUMNS": "bad_row_shape",
    "TOO MANY COLUMNS": "bad_row_shape",
    "UNQUOTED VALUE": "bad_quoting",
    "LINE SIZE OVER MAXIMUM": "line_too_long",
}
P_COLUMNS = (
    "file VARCHAR, rn BIGINT, line BIGINT, col VARCHAR, val VARCHAR, rule VARCHAR, "
    "other_rn BIGINT, detail VARCHAR"
)
OTHER = "'unreadable_csv'"
VALUE_LIMIT = 200  # characters of a bad value kept in a problem


def _case(mapping: Mapping[str, str], expression: str, default: str = "NULL") -> str:
    whens = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"CASE {expression} {whens} ELSE {default} END"


class BatchCheck:
    """All checks of one batch in one DuckDB session."""

    def __init__(self, session: Session, scans: dict[str, FileScan], log: ProblemLog) -> None:
        self.session = session
        self.scans = scans  # table -> scan, only files with a usable header
        self.log = log
        self.summarised: dict[str, FileScan] = {}
        self.conditions: dict[str, list[str]] = {}  # table -> extra locate conditions
        self.unknown: dict[str, list[tuple[str, str]]] = {}  # table -> (column, rule)
        self.duplicates: set[str] = set()
        self.warned: set[str] = set()
        self.orphaned: set[str] = set()  # tables with an orphan_<table>
        self.unknown_ids: dict[str, int] = {}  # unk_<table>_<column> -> unknown ids
        self.row_counts: dict[str, int] = {}
        self.rejected: dict[str, int] = {}
        session.run(f"CREATE TEMP TABLE p ({P_COLUMNS})")

    # --- one file ------------------------------------------------------------------------

    def summarise(self, scan: FileScan, weight: float) -> None:
        """The check pass: g_<table>, the rejected records, row counts."""
        table, file = scan.table, scan.spec.name
        try:
            first, *rest = scan.check_sql()
            self.session.run(first, weight)
            for statement in rest:
                self.session.run(statement)
        except duckdb.Error as exc:
            if isinstance(exc, duckdb.InterruptException):
                raise
            self.log.add(messages.unreadable(file, exc))
            self.session.run(f"DROP TABLE IF EXISTS g_{table}")
            self.release(scan)
            return
        self.summarised[table] = scan
        self.rejected[table] = self._take_rejects(scan)
        accepted, bad = self.session.run(
            f"SELECT coalesce(sum(n), 0), coalesce(sum(cell_errors + row_errors), 0) FROM g_{table}"
        )[0]
        self.row_counts[file] = int(accepted) + self.rejected[table]
        if bad:
            self.conditions.setdefault(table, [])
        if self.row_counts[file] == 0 and scan.spec.required:
            self.log.add(messages.header_only(file))
        if scan.held:
            self._duplicates(scan)  # while its rows are at hand

    def release(self, scan: FileScan) -> None:
        """Let a held file's rows go (once written, or when the batch cannot be staged)."""
        if scan.held:
            self.session.run(f"DROP TABLE IF EXISTS r_{scan.table}")

    def _take_rejects(self, scan: FileScan) -> int:
        table = scan.table
        exists = self.session.scalar(
            f"SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rej_{table}'"
        )
        if not exists:
            return 0
        names = {f"c{i}": name for i, name in enumerate(scan.header.names)}
        self.session.run(
            f"INSERT INTO p SELECT '{scan.spec.name}', NULL, line, "
            "any_value(CASE WHEN rule = 'bad_row_shape' THEN NULL "
            f"ELSE {_case(names, 'column_name')} END), "
            f"any_value(left(trim(csv_line, chr(10) || chr(13)), {VALUE_LIMIT})), rule, NULL, "
            "any_value(error_message) "
            f"FROM (SELECT *, {_case(REJECT_RULES, 'error_type', OTHER)} AS rule "
            f"FROM rej_{table}) GROUP BY line, rule"
        )
        return int(self.session.scalar(f"SELECT count(DISTINCT line) FROM rej_{table}") or 0)

    # --- across files --------------------------------------------------------------------

    def relate(self) -> None:
        """Duplicate keys, references, missing enrollments, attendance totals."""
        order = sorted(self.summarised.values(), key=lambda scan: scan.table != "enrollments")
        for scan in order:  # enrollments first: the others' references build on its own
            if not scan.held:
                self._duplicates(scan)
            self._orphans(scan)
            self._references(scan)
            if scan.table in NEEDS_ENROLLMENT:
                self._no_enrollment(scan)
        self._attendance_totals()

    def _groups(self, table: str) -> set[str]:
        scan = self.summarised.get(table)
        return set(scan.group_columns()) if scan else set()

    def _duplicates(self, scan: FileScan) -> None:
        table = scan.table
        if scan.key_in_groups():
            key = list(scan.spec.key)
            not_null = " AND ".join(f"{k} IS NOT NULL" for k in key)
            if set(key) == set(scan.group_columns()):  # one summary row per key already
                select = f"SELECT {', '.join(key)} FROM g_{table} WHERE {not_null} AND n > 1"
            else:
                select = (
                    f"SELECT {', '.join(key)} FROM g_{table} WHERE {not_null} "
                    "GROUP BY ALL HAVING sum(n) > 1"
                )
            self.session.run(f"CREATE TEMP TABLE dup_{table} AS {select}")
        elif scan.daily_key():
            key = ["student_id", "school_id", "school_year"]
            self.session.run(
                f"CREATE TEMP TABLE dup_{table} AS SELECT {', '.join(key)} FROM g_{table} "
                "WHERE n_dated > coalesce(n_days, 0)"
            )
        elif scan.hashed_key():
            # Rows whose key hashes collide are the candidates; their keys are then compared.
            key = scan.key_columns() or []
            columns = ", ".join(key)
            not_null = " AND ".join(f"{k} IS NOT NULL" for k in key)
            self.session.run(
                f"CREATE TEMP TABLE dup_{table} AS SELECT {columns} FROM r_{table} "
                f"WHERE {KEY_HASH} IN (SELECT {KEY_HASH} FROM r_{table} GROUP BY ALL "
                f"HAVING count(*) > 1) AND {not_null} GROUP BY ALL HAVING count(*) > 1"
            )
        else:
            return
        if self.session.scalar(f"SELECT count(*) FROM dup_{table}"):
            match = " AND ".join(f"d.{k} = s.{k}" for k in key)
            self.conditions.setdefault(table, []).append(
                f"EXISTS (SELECT 1 FROM dup_{table} d WHERE {match})"
            )
            self.duplicates.add(table)

    def _orphans(self, scan: FileScan) -> None:
        """orphan_<table>: (student, school, year) groups without an enrollment row.

        Every other group matches an enrollment, whose student and school were checked
        against students.csv and schools.csv already, so only orphans (and the enrollment's
        own unknown ids) need the reference checks: far fewer rows than the file.
        """
        table = scan.table
        groups = self._groups(table)
        if table == "enrollments" or not set(TRIO) <= groups:
            return
        if not set(TRIO) <= self._groups("enrollments"):
            return
        trio = ", ".join(TRIO)
        source = (
            f"g_{table}"
            if groups == set(TRIO)
            else f"(SELECT {trio}, sum(n) AS n FROM g_{table} GROUP BY ALL)"
        )
        self.session.run(
            f"CREATE TEMP TABLE orphan_{table} AS SELECT {trio}, n FROM {source} g "
            "WHERE NOT EXISTS (SELECT 1 FROM g_enrollments e WHERE e.student_id = g.student_id "
            "AND e.school_id = g.school_id AND e.school_year = g.school_year)"
        )
        self.orphaned.add(table)

    def _references(self, scan: FileScan) -> None:
        table = scan.table
        for column, ref_table, ref_column in scan.spec.references:
            if column not in self._groups(table) or ref_column not in self._groups(ref_table):
                continue
            unknown = f"unk_{table}_{column}"
            source = f"orphan_{table}" if table in self.orphaned else f"g_{table}"
            select = (
                f"SELECT DISTINCT g.{column} AS id FROM {source} g "
                f"WHERE trim(g.{column}) <> '' AND NOT EXISTS "
                f"(SELECT 1 FROM g_{ref_table} r WHERE r.{ref_column} = g.{column})"
            )
            if table in self.orphaned and self.unknown_ids.get(f"unk_enrollments_{column}"):
                select += (
                    f" UNION SELECT id FROM unk_enrollments_{column} "
                    f"WHERE id IN (SELECT {column} FROM g_{table})"
                )
            self.session.run(f"CREATE TEMP TABLE {unknown} AS {select}")
            self.unknown_ids[unknown] = self.session.scalar(f"SELECT count(*) FROM {unknown}")
            if self.unknown_ids[unknown]:
                rule = "unknown_student" if ref_table == "students" else "unknown_school"
                self.conditions.setdefault(table, []).append(
                    f"s.{column} IN (SELECT id FROM {unknown})"
                )
                self.unknown.setdefault(table, []).append((column, rule))

    def _warn(self, table: str, select_sql: str) -> None:
        """Warnings about (student, school, year) groups; the locate pass finds their lines."""
        warn = f"warn_{table}"
        self.session.run(
            f"CREATE TEMP TABLE IF NOT EXISTS {warn} (student_id VARCHAR, school_id VARCHAR, "
            "school_year SMALLINT, rule VARCHAR, detail VARCHAR)"
        )
        self.session.run(f"INSERT INTO {warn} {select_sql}")
        if self.session.scalar(f"SELECT count(*) FROM {warn}") and table not in self.warned:
            self.warned.add(table)
            match = " AND ".join(f"w.{k} = s.{k}" for k in TRIO)
            self.conditions.setdefault(table, []).append(
                f"EXISTS (SELECT 1 FROM {warn} w WHERE {match})"
            )

    def _no_enrollment(self, scan: FileScan) -> None:
        table = scan.table
        if table not in self.orphaned:
            return
        known = "".join(
            f" AND EXISTS (SELECT 1 FROM g_{ref} x WHERE x.{col} = g.{col})"
            for col, ref in (("student_id", "students"), ("school_id", "schools"))
            if col in self._groups(ref)
        )
        self._warn(
            table,
            f"SELECT {', '.join(TRIO)}, 'no_enrollment', n || ' row(s) at school ' || school_id "
            f"|| ' in school year ' || school_year FROM orphan_{table} g "
            f"WHERE student_id IS NOT NULL AND school_id IS NOT NULL AND school_year IS NOT NULL"
            f"{known}",
        )

    def _attendance_totals(self) -> None:
        daily = self.summarised.get("attendance_daily")
        if daily is None or not daily.daily_key() or not set(TRIO) <= self._groups("attendance"):
            return
        key = ", ".join(TRIO)
        self.session.run(
            f"CREATE TEMP TABLE totals AS WITH d AS (SELECT {key}, sum(n) AS days, "
            "sum(absent) AS absent FROM g_attendance_daily WHERE student_id IS NOT NULL AND "
            "school_id IS NOT NULL AND school_year IS NOT NULL GROUP BY ALL), "
            f"a AS (SELECT {key}, any_value(de) AS de, any_value(da) AS da, true AS here "
            "FROM g_attendance WHERE school_year IN (SELECT school_year FROM d) "
            "AND student_id IS NOT NULL AND school_id IS NOT NULL GROUP BY ALL) "
            f"SELECT {key}, a.here AS in_totals, 'attendance_totals_disagree' AS rule, "
            "'at school ' || school_id || ' in school year ' || school_year || ': '"
            " || CASE WHEN a.here IS NULL THEN 'attendance.csv has no row, '"
            " ELSE 'attendance.csv has ' || a.de || ' days enrolled and ' || a.da "
            "|| ' absent, ' END"
            " || CASE WHEN d.days IS NULL THEN 'attendance_daily.csv has no rows'"
            " ELSE 'attendance_daily.csv gives ' || d.days || ' days enrolled and ' || d.absent "
            "|| ' absent' END AS detail "
            f"FROM d FULL OUTER JOIN a USING ({key}) "
            "WHERE a.here IS NULL OR d.days IS NULL OR abs(d.days - a.de) > 1e-6 "
            "OR abs(d.absent - a.da) > 1e-6"
        )
        columns = f"{key}, rule, detail"
        self._warn("attendance", f"SELECT {columns} FROM totals WHERE in_totals")
        self._warn("attendance_daily", f"SELECT {columns} FROM totals WHERE in_totals IS NULL")

    # --- the bad lines -------------------------------------------------------------------

    def needs_locate(self) -> list[str]:
        return [t for t in self.conditions if t in self.summarised]

    def locate(self, table: str, weight: float) -> None:
        """Read a file again and record every bad cell, row, duplicate and unknown id."""
        scan = self.summarised[table]
        file = scan.spec.name
        self.session.run(scan.locate_sql(self.conditions[table]), weight)
        bad = f"bad_{table}"
        for name in scan.errors():
            raw = scan.raw(name)
            self.session.run(
                f"INSERT INTO p SELECT '{file}', {RN}, NULL, '{name}', left({raw}, {VALUE_LIMIT}), "
                f"e_{name}, NULL, NULL FROM {bad} WHERE e_{name} IS NOT NULL"
            )
        if table == "attendance" and scan.raw("days_enrolled") and scan.raw("days_absent"):
            self.session.run(
                f"INSERT INTO p SELECT '{file}', {RN}, NULL, 'days_absent', "
                f"{scan.raw('days_absent')}, 'absent_exceeds_enrolled', NULL, "
                f"{scan.raw('days_enrolled')} FROM {bad} "
                "WHERE __row_error"
            )
        for column, rule in self.unknown.get(table, []):
            self.session.run(
                f"INSERT INTO p SELECT '{file}', {RN}, NULL, '{column}', left({column}, "
                f"{VALUE_LIMIT}), '{rule}', NULL, NULL FROM {bad} s "
                f"WHERE s.{column} IN (SELECT id FROM unk_{table}_{column})"
            )
        if table in self.duplicates:
            self._locate_duplicates(scan)
        if table in self.warned:
            match = " AND ".join(f"w.{k} = s.{k}" for k in TRIO)
            self.session.run(
                f"INSERT INTO p SELECT '{file}', min(s.{RN}), NULL, 'student_id', w.student_id, "
                f"w.rule, NULL, w.detail FROM warn_{table} w JOIN {bad} s ON {match} "
                "GROUP BY w.student_id, w.school_id, w.school_year, w.rule, w.detail"
            )
        self.session.run(f"DROP TABLE {bad}")

    def _locate_duplicates(self, scan: FileScan) -> None:
        table = scan.table
        if scan.key_in_groups() or scan.key_columns():
            key = parts = scan.key_columns() or list(scan.spec.key)
            names = scan.spec.key
            match = " AND ".join(f"d.{k} = s.{k}" for k in key)
        else:
            key = ["student_id", "school_id", "school_year"]
            parts, names = ["student_id", "school_id", DATE], ("student_id", "school_id", "date")
            match = " AND ".join(f"d.{k} = s.{k}" for k in key)
        value = "concat_ws(', ', " + ", ".join(f"CAST({k} AS VARCHAR)" for k in parts) + ")"
        not_null = " AND ".join(f"s.{k} IS NOT NULL" for k in parts)
        self.session.run(
            f"INSERT INTO p SELECT '{scan.spec.name}', {RN}, NULL, '{', '.join(names)}', "
            f"left({value}, {VALUE_LIMIT}), 'duplicate_key', first, NULL FROM "
            f"(SELECT s.*, min({RN}) OVER (PARTITION BY {', '.join(parts)}) AS first "
            f"FROM bad_{table} s WHERE {not_null} AND EXISTS (SELECT 1 FROM dup_{table} d "
            f"WHERE {match})) WHERE {RN} > first"
        )

    # --- the report ----------------------------------------------------------------------

    def collect(self) -> None:
        """Counts of every problem in ``p`` and the first ones of each severity, as lines."""
        for file, rule, n in self.session.run("SELECT file, rule, count(*) FROM p GROUP BY ALL"):
            self.log.count(file, rule, int(n))
        self.session.run(
            "CREATE TEMP TABLE rejmap AS SELECT file, line - 1 - k AS acc, max(k) AS k FROM "
            "(SELECT file, line, row_number() OVER (PARTITION BY file ORDER BY line) AS k FROM "
            "(SELECT DISTINCT file, line FROM p WHERE rn IS NULL AND line IS NOT NULL)) "
            "GROUP BY ALL"
        )
        order = _case({spec.name: str(i) for i, spec in enumerate(FILES)}, "m.file", "99")
        severity = _case(RULES, "m.rule")
        for wanted in ("error", "warning"):
            rows = self.session.run(
                "WITH m AS (SELECT p.*, coalesce(p.line, p.rn + 1 + coalesce(a.k, 0)) AS at_line "
                "FROM p ASOF LEFT JOIN rejmap a ON p.file = a.file AND p.rn - 1 >= a.acc) "
                "SELECT m.file, m.at_line, m.col, m.val, m.rule, m.detail, "
                "m.other_rn + 1 + coalesce(b.k, 0) FROM m ASOF LEFT JOIN rejmap b "
                "ON m.file = b.file AND m.other_rn - 1 >= b.acc "
                f"WHERE {severity} = '{wanted}' "
                f"ORDER BY CAST({order} AS INTEGER), m.at_line, m.col "
                f"LIMIT {self.log.limit}"
            )
            self.log.keep([messages.from_row(*row) for row in rows])

    def rows_by_year(self) -> dict[str, dict[int, int]]:
        """table -> {school_year: rows} for the year-bearing tables that were read."""
        out: dict[str, dict[int, int]] = {}
        for table, scan in self.summarised.items():
            if BY_TABLE[table].year_from and "school_year" in scan.group_columns():
                out[table] = self.years_of(table)
        return out

    def years_of(self, table: str) -> dict[int, int]:
        """{school_year: rows} of one table (empty when it has no school year)."""
        scan = self.summarised[table]
        if not BY_TABLE[table].year_from or "school_year" not in scan.group_columns():
            return {}
        rows = self.session.run(
            f"SELECT school_year, sum(n) FROM g_{table} WHERE school_year IS NOT NULL "
            "GROUP BY 1 ORDER BY 1"
        )
        return {int(y): int(n) for y, n in rows}
