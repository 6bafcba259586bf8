"""SQL for one cell: is it blank, which rule does it break, what is its stored value.

Every expression reads the raw VARCHAR column (DuckDB's all-VARCHAR CSV read) so that
identifiers are never parsed as numbers and every value is checked exactly as written.
"""

from __future__ import annotations

from districtwise.analytics.contract import STORED_TYPE, Column

YEAR_MIN, YEAR_MAX = 1990, 2100  # plausible school years

# Plain decimals: an optional minus sign, digits, an optional fraction. No thousands
# separators, currency signs, exponents or leading "+".
NUMBER_PATTERN = r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
INT_PATTERN = r"-?[0-9]{1,9}"

KIND_RULE = {
    "enum": "bad_enum",
    "flag": "bad_flag",
    "grade": "bad_grade",
    "date": "bad_date",
    "number": "bad_number",
    "money": "bad_number",
    "int": "bad_int",
    "year": "bad_year",
}


def quote_ident(name: str) -> str:
    """A DuckDB identifier for any header name."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    """A DuckDB string literal."""
    return "'" + value.replace("'", "''") + "'"


def is_blank(raw: str) -> str:
    """A blank cell: empty, quoted-empty (DuckDB reads both as NULL) or only spaces."""
    # starts_with first: trim() on every cell of a large file costs more than the check.
    return f"({raw} IS NULL OR (starts_with({raw}, ' ') AND trim({raw}) = ''))"


def typed(column: Column, raw: str) -> str:
    """The stored value of a cell that passed validation (NULL when blank)."""
    kind = column.kind
    if kind in ("id", "text", "enum", "flag", "grade"):
        if not column.nullable:
            return raw  # validated: never blank
        return f"CASE WHEN {is_blank(raw)} THEN NULL ELSE {raw} END"
    return f"TRY_CAST({raw} AS {STORED_TYPE[kind]})"


def _valid(column: Column, raw: str) -> str | None:
    """True when a non-blank cell has the column's form (None: any text is valid)."""
    kind = column.kind
    if kind in ("enum", "flag", "grade"):
        return f"{raw} IN ({', '.join(literal(v) for v in column.values)})"
    if kind == "date":
        return valid_date(raw)
    if kind in ("number", "money"):
        return f"regexp_full_match({raw}, '{NUMBER_PATTERN}')"
    if kind == "int":
        return f"regexp_full_match({raw}, '{INT_PATTERN}')"
    if kind == "year":
        # Round trip: only the four digits themselves print back the same (not '2e03').
        year = f"TRY_CAST({raw} AS SMALLINT)"
        return (
            f"coalesce({year} BETWEEN {YEAR_MIN} AND {YEAR_MAX} "
            f"AND CAST({year} AS VARCHAR) = {raw}, false)"
        )
    return None


def valid_date(raw: str) -> str:
    """A real calendar date written YYYY-MM-DD: the date prints back exactly as written
    (cheaper than a pattern; rejects '2025-9-2', '2025-02-30' and trailing text)."""
    return f"coalesce(CAST(TRY_CAST({raw} AS DATE) AS VARCHAR) = {raw}, false)"


def _bounds(column: Column, raw: str) -> list[tuple[str, str]]:
    """(condition, rule) pairs for a value outside the column's bounds."""
    value = f"TRY_CAST({raw} AS DOUBLE)"
    checks = []
    if column.minimum is not None:
        low = column.minimum
        if low >= 0:
            checks.append((f"{value} < 0", "negative"))
        op = "<=" if column.exclusive_minimum else "<"
        checks.append((f"{value} {op} {low!r}", "out_of_range"))
    if column.maximum is not None:
        checks.append((f"{value} > {column.maximum!r}", "out_of_range"))
    if column.kind == "money":  # must fit DECIMAL(18,2)
        checks.append((f"TRY_CAST({raw} AS {STORED_TYPE['money']}) IS NULL", "out_of_range"))
    return checks


def error_rule(column: Column, raw: str, extra: list[tuple[str, str]] | None = None) -> str:
    """The rule id a cell breaks, or NULL. ``extra``: further (condition, rule) checks."""
    blank_rule = "NULL" if column.nullable else "'blank_value'"
    whens = [f"WHEN {is_blank(raw)} THEN {blank_rule}"]
    valid = _valid(column, raw)
    if valid is not None:
        whens.append(f"WHEN NOT {valid} THEN '{KIND_RULE[column.kind]}'")
    for condition, rule in [*_bounds(column, raw), *(extra or [])]:
        whens.append(f"WHEN {condition} THEN '{rule}'")
    return "CASE " + " ".join(whens) + " END"


def school_year_of(date_sql: str, month: int, day: int) -> str:
    """The school year of a date: the calendar year in which the district's year ends."""
    if (month, day) == (1, 1):
        return f"CAST(year({date_sql}) AS SMALLINT)"
    start = month * 100 + day
    return (
        f"CAST(year({date_sql}) + CASE WHEN month({date_sql}) * 100 + day({date_sql}) >= {start} "
        "THEN 1 ELSE 0 END AS SMALLINT)"
    )


def day_of_school_year(date_sql: str, year_sql: str, month: int, day: int) -> str:
    """Days since the first day of the school year (0 … 365)."""
    first_year = year_sql if (month, day) == (1, 1) else f"({year_sql} - 1)"
    return f"CAST(datediff('day', make_date({first_year}, {month}, {day}), {date_sql}) AS INTEGER)"
