"""The tidy audit table written out: CSV and JSON with exactly the spec's columns, and an
XLSX workbook (one sheet per dimension and the settings it ran with).

These functions format what they are given; ``audit_export`` is the way in for a user,
since it reads through ``selectors.audit_table`` (scoping and suppression)."""

from __future__ import annotations

import io
import json
import math
from decimal import Decimal

import pyarrow as pa
from openpyxl import Workbook

from districtwise.analytics.equity.spec import DIMENSIONS, TIDY_COLUMNS, AuditSettings
from districtwise.core.exports import csv_text, neutralise
from districtwise.equity import selectors

FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _finite(value: object) -> object:
    """None for a missing or non-finite number (a ratio is empty, never infinity)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def plain_number(value: object) -> object:
    """A number as a plain decimal with its full precision: no exponent, no thousands
    separator (``1e-05`` is written ``0.00001``); other values unchanged."""
    value = _finite(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, int):
        return str(value)
    # repr is the shortest text that reads back as the same float; Decimal drops the exponent.
    return format(Decimal(repr(value)), "f")


def _rows(table: pa.Table) -> list[dict]:
    return table.select(list(TIDY_COLUMNS)).to_pylist()


def tidy_csv(table: pa.Table) -> str:
    """RFC 4180 CSV: the exact tidy header, plain decimals, empty cells for nulls, text
    cells neutralised against spreadsheet formulas."""
    rows = ([plain_number(row[c]) for c in TIDY_COLUMNS] for row in _rows(table))
    return csv_text(TIDY_COLUMNS, rows)


def tidy_json(table: pa.Table) -> str:
    """A JSON list of objects with exactly the tidy keys; numbers as numbers, null for
    empty figures."""
    rows = [{c: _finite(row[c]) for c in TIDY_COLUMNS} for row in _rows(table)]
    return json.dumps(rows, allow_nan=False, ensure_ascii=False)


def tidy_xlsx(
    table: pa.Table, *, audit_settings: AuditSettings, about: dict | None = None
) -> bytes:
    """A workbook with one sheet per dimension present (the tidy columns) and a "Settings"
    sheet listing the settings the audit ran with (and ``about``: district, year …)."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    rows = _rows(table)
    present = [d for d in DIMENSIONS if any(r["dimension"] == d for r in rows)]
    present += sorted({r["dimension"] for r in rows} - set(present) - {None})
    for dimension in present:
        sheet = book.create_sheet(title=dimension[:31])
        sheet.append(list(TIDY_COLUMNS))
        for row in rows:
            if row["dimension"] == dimension:
                sheet.append([_cell(row[c]) for c in TIDY_COLUMNS])
        sheet.freeze_panes = "A2"
    info = book.create_sheet(title="Settings")
    info.append(["setting", "value"])
    for name, value in (about or {}).items():
        info.append([name, _cell(value)])
    for name, value in selectors.setting_rows(audit_settings):
        info.append([name, _cell(json.dumps(value) if isinstance(value, dict) else value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    # openpyxl stores a text starting with "=" as a formula: neutralise every text cell.
    return neutralise(_finite(value))


def audit_export(
    *,
    user,
    district,
    school_year: int,
    fmt: str,
    unit_type: str | None = None,
    unit_id: str | None = None,
    dimension: str | None = None,
) -> str | bytes:
    """The audit of one year as the user may see it (scoped and suppressed by the
    selector), in ``fmt`` (csv, json or xlsx)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: one of {', '.join(FORMATS)}.")
    table = selectors.audit_table(
        user=user,
        district=district,
        school_year=school_year,
        unit_type=unit_type,
        unit_id=unit_id,
        dimension=dimension,
    )
    if fmt == "csv":
        return tidy_csv(table)
    if fmt == "json":
        return tidy_json(table)
    run = selectors.current_run(user=user, district=district)
    audit_settings = run.audit_settings() if run is not None else AuditSettings()
    about = {"district": district.code, "school_year": school_year}
    if run is not None:
        about |= {
            "computed_at": run.finished_at.isoformat() if run.finished_at else "",
            "data_fingerprint": run.fingerprint,
        }
    return tidy_xlsx(table, audit_settings=audit_settings, about=about)
