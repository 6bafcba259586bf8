"""Messages that say what is wrong and where, one shape per rule."""

from __future__ import annotations

from districtwise.analytics.validate.report import RULES, Problem

CELL = {
    "blank_value": "is blank, and the column requires a value",
    "bad_enum": "is not one of the column's allowed values (exact, case-sensitive)",
    "bad_flag": "is not a flag: use Y, N, or leave blank for unknown",
    "bad_grade": "is not a grade: use PK, KG, 01 … 12",
    "bad_date": "is not a real date written YYYY-MM-DD",
    "bad_number": "is not a plain decimal number (no thousands separators, currency or '+')",
    "bad_int": "is not a whole number",
    "bad_year": "is not a school year from 1990 to 2100 (4 digits, the year the school year ends)",
    "negative": "is negative",
    "out_of_range": "is outside the column's allowed range",
}
STRUCTURE = {
    "not_utf8": "the file is not UTF-8 (invalid byte sequence on this line); save it as UTF-8",
    "bad_row_shape": "the record does not have one field per header column",
    "bad_quoting": "a quoted field is not closed, or a quote appears inside an unquoted field",
    "line_too_long": "the record is longer than the reader's limit (2 MB)",
    "unreadable_csv": "the record cannot be read as CSV",
}


def _where(file: str, line: int | None, column: str | None) -> str:
    place = file if line is None else f"{file} line {line}"
    return place if column is None else f"{place}, column {column}"


def from_row(
    file: str,
    line: int | None,
    column: str | None,
    value: str | None,
    rule: str,
    detail: str | None,
    other_line: int | None,
) -> Problem:
    """A Problem from one row of the problem table (see checks.BatchCheck.collect)."""
    where = _where(file, line, column)
    if rule in CELL:
        text = f"{where}: {value!r} {CELL[rule]}" if value is not None else f"{where}: {CELL[rule]}"
        if rule == "bad_year" and column == "date":
            text = f"{where}: the school year of {value!r} is outside 1990-2100"
    elif rule in STRUCTURE:
        text = f"{_where(file, line, None)}: {STRUCTURE[rule]}"
        if rule == "unreadable_csv" and detail:
            text += f" ({detail.splitlines()[0]})"
    elif rule == "absent_exceeds_enrolled":
        text = f"{where}: days_absent {value} is more than days_enrolled {detail}"
    elif rule == "duplicate_key":
        text = f"{where}: duplicate key ({value}); first seen on line {other_line}"
    elif rule == "unknown_student":
        text = f"{where}: student {value!r} is not in students.csv"
    elif rule == "unknown_school":
        text = f"{where}: school {value!r} is not in schools.csv"
    elif rule == "no_enrollment":
        text = (
            f"{_where(file, line, None)}: student {value!r} has {detail} but no enrollments.csv "
            "row for that school and year (the rows are kept; metrics leave them out)"
        )
    elif rule == "attendance_totals_disagree":
        text = f"{_where(file, line, None)}: totals for student {value!r} disagree {detail}"
    else:
        text = f"{where}: {rule}"
    return Problem(file, line, column, value, rule, RULES[rule], text)


def file_problem(file: str, rule: str, message: str) -> Problem:
    """A problem of a whole file."""
    return Problem(file, None, None, None, rule, RULES[rule], message)


def missing_file(file: str) -> Problem:
    return file_problem(file, "missing_file", f"{file} is required and is not in the batch")


def header_only(file: str) -> Problem:
    return file_problem(file, "header_only", f"{file} is required and has no data rows")


def unreadable(file: str, exc: Exception) -> Problem:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    message = (
        f"{file} cannot be read as RFC 4180 CSV (are line endings mixed, CRLF and LF?): {first}"
    )
    return file_problem(file, "unreadable_csv", message)
