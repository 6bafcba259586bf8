"""Reading hand-entered figures of an indicator pasted or uploaded as CSV.

One figure a line: ``date,value`` for all students, or ``date,value,group_type,group`` for
one student group (the group words of the equity spec). A first line naming the columns
is allowed. Every line is checked; any problem is reported with its line, column, value
and rule, and the caller saves nothing unless the whole sheet is clean."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from districtwise.analytics.equity.spec import GROUP_TYPES

COLUMNS = ("date", "value", "group_type", "group")
MAX_LINES = 5000
# The stored figure: 14 digits, 4 after the point (IndicatorValue.value).
MAX_WHOLE_DIGITS = 10
MAX_DECIMALS = 4
PLAIN_DECIMAL = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SheetFigure:
    """One clean line: a figure for a period ending ``on``, for all students or a group."""

    line: int
    on: dt.date
    value: Decimal
    group_type: str = "all"
    group: str = "all"


@dataclass(frozen=True)
class SheetProblem:
    """What is wrong with one line (``line`` is 1-based as a person counts, ``None`` for the
    sheet as a whole), in which column, with which value, by which rule, in words."""

    line: int | None
    column: str | None
    value: str | None
    rule: str
    message: str


def parse_figure_sheet(
    text: str,
    *,
    rate: bool = False,
    group_types: Mapping[str, tuple[str, ...]] = GROUP_TYPES,
) -> tuple[list[SheetFigure], list[SheetProblem]]:
    """The figures of a sheet and the problems found (a sheet with any problem should be
    refused whole). ``rate``: values are shares from 0 to 1 (45 % is written 0.45)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    records = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    if records and records[0][1].strip().lower().startswith("date"):
        records = records[1:]
    if not records:
        return [], [_problem(None, None, None, "empty", "There are no figures to read.")]
    if len(records) > MAX_LINES:
        message = f"The sheet has {len(records)} lines; at most {MAX_LINES} are read at once."
        return [], [_problem(None, None, None, "too_many_lines", message)]
    figures: list[SheetFigure] = []
    problems: list[SheetProblem] = []
    first_seen: dict[tuple, int] = {}
    for number, line in records:
        figure, found = _read_line(number, line, rate=rate, group_types=group_types)
        problems += found
        if figure is None:
            continue
        key = (figure.on, figure.group_type, figure.group)
        if key in first_seen:
            problems.append(_duplicate(figure, first_seen[key]))
            continue
        first_seen[key] = number
        figures.append(figure)
    return (figures if not problems else []), problems


def _read_line(
    number: int, line: str, *, rate: bool, group_types: Mapping[str, tuple[str, ...]]
) -> tuple[SheetFigure | None, list[SheetProblem]]:
    try:
        cells = next(csv.reader([line]))
    except csv.Error as error:
        return None, [_problem(number, None, line, "unreadable", f"Line {number}: {error}.")]
    cells = [c.strip() for c in cells]
    if len(cells) not in (2, 4):
        message = (
            f"Line {number} has {len(cells)} columns; write date,value or "
            "date,value,group_type,group."
        )
        return None, [_problem(number, None, line, "columns", message)]
    on, problems = _date(number, cells[0])
    value, more = _value(number, cells[1], rate=rate)
    problems += more
    group_type, group = (cells[2], cells[3]) if len(cells) == 4 else ("all", "all")
    problems += _group(number, group_type, group, group_types)
    if problems or on is None or value is None:
        return None, problems
    return SheetFigure(number, on, value, group_type, group), []


def _date(number: int, cell: str) -> tuple[dt.date | None, list[SheetProblem]]:
    if ISO_DATE.fullmatch(cell):
        try:
            return dt.date.fromisoformat(cell), []
        except ValueError:
            pass
    message = f"Line {number}, column date: {cell!r} is not a real date written YYYY-MM-DD."
    return None, [_problem(number, "date", cell, "bad_date", message)]


def _value(number: int, cell: str, *, rate: bool) -> tuple[Decimal | None, list[SheetProblem]]:
    where = f"Line {number}, column value: {cell!r}"
    if cell == "":
        message = (
            f"Line {number}, column value is blank. A period with no figure is left out "
            "(the chart shows it as a gap), never written as 0 or blank."
        )
        return None, [_problem(number, "value", cell, "blank_value", message)]
    if not PLAIN_DECIMAL.fullmatch(cell):
        message = f"{where} is not a plain decimal number (no %, currency, spaces or commas)."
        return None, [_problem(number, "value", cell, "bad_number", message)]
    try:
        value = Decimal(cell)
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        return None, [_problem(number, "value", cell, "bad_number", f"{where} is not a number.")]
    whole, _, decimals = cell.lstrip("-").partition(".")
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS or len(decimals) > MAX_DECIMALS:
        message = (
            f"{where} is too long: at most {MAX_WHOLE_DIGITS} digits before the point and "
            f"{MAX_DECIMALS} after it."
        )
        return None, [_problem(number, "value", cell, "too_long", message)]
    if rate and not Decimal(0) <= value <= Decimal(1):
        message = f"{where} is not a share from 0 to 1: this indicator is a rate (45 % is 0.45)."
        return None, [_problem(number, "value", cell, "not_a_share", message)]
    return value, []


def _group(
    number: int, group_type: str, group: str, group_types: Mapping[str, tuple[str, ...]]
) -> list[SheetProblem]:
    if group_type not in group_types:
        known = ", ".join(group_types)
        message = (
            f"Line {number}, column group_type: {group_type!r} is not a student-group type "
            f"(one of {known})."
        )
        return [_problem(number, "group_type", group_type, "bad_group_type", message)]
    if group not in group_types[group_type]:
        known = ", ".join(group_types[group_type])
        message = (
            f"Line {number}, column group: {group!r} is not a group of {group_type} "
            f"(one of {known})."
        )
        return [_problem(number, "group", group, "bad_group", message)]
    return []


def _duplicate(figure: SheetFigure, first: int) -> SheetProblem:
    value = f"{figure.on.isoformat()} {figure.group_type} {figure.group}"
    message = (
        f"Line {figure.line}: a second figure for {figure.on.isoformat()} "
        f"({figure.group_type} {figure.group}); the first is on line {first}."
    )
    return _problem(figure.line, "date", value, "duplicate", message)


def _problem(
    line: int | None, column: str | None, value: str | None, rule: str, message: str
) -> SheetProblem:
    return SheetProblem(line, column, value, rule, message)
