"""Reading a measure's values pasted or uploaded as CSV, with a report line by line.

The first line names the columns: ``team`` (the team's name, its school's name or its
school code; ``school`` and ``school_code`` are read the same way), ``period_start``,
``value``, and optionally ``numerator``, ``denominator`` and ``note``. A p chart's or a u
chart's line gives the numerator and the denominator and its value is computed from them.

Every line is checked; each problem names the line, the column, the value and the rule,
and the caller saves nothing unless the whole sheet is clean.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from districtwise.analytics.improvement.periods import period_holding

MAX_LINES = 5000
TEAM_COLUMNS = ("team", "school", "school_code")
KNOWN_COLUMNS = (*TEAM_COLUMNS, "period_start", "value", "numerator", "denominator", "note")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_NOTE = 300
# A written value may differ from numerator / denominator by rounding only.
TOLERANCE = 0.0005


@dataclass(frozen=True)
class SheetRules:
    """What a sheet is checked against: the network's teams by every name a person may
    write (lower case), the teams the user edits, the measure's period starts, the
    network's period, the chart (``p`` and ``u`` need counts) and its period word."""

    teams: Mapping[str, int]
    editable: frozenset[int]
    starts: list[dt.date]
    starts_on: dt.date
    ends_on: dt.date
    chart: str = "run"
    period_word: str = "week"
    team_names: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetValue:
    """One clean line."""

    line: int
    team_id: int
    period_start: dt.date
    value: float
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""


@dataclass(frozen=True)
class SheetProblem:
    """What is wrong with one line (``line`` 1-based as a person counts, None for the
    sheet), in which column, with which value, by which rule, in words."""

    line: int | None
    column: str | None
    value: str | None
    rule: str
    message: str


def parse_measure_sheet(
    text: str, rules: SheetRules
) -> tuple[list[SheetValue], list[SheetProblem]]:
    """The values of a sheet and its problems (a sheet with any problem is refused whole:
    the values are then an empty list)."""
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n"))))
    records = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not records:
        return [], [SheetProblem(None, None, None, "empty", "There are no values to read.")]
    header = [c.strip().lower() for c in records[0][1]]
    problems = _header_problems(header)
    if problems:
        return [], problems
    body = records[1:]
    if not body:
        return [], [
            SheetProblem(None, None, None, "empty", "The sheet has no values under its header.")
        ]
    if len(body) > MAX_LINES:
        message = f"The sheet has {len(body)} lines; at most {MAX_LINES} are read at once."
        return [], [SheetProblem(None, None, None, "too_many_lines", message)]
    values: list[SheetValue] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for number, row in body:
        # A short line's missing cells are blank.
        cells = dict.fromkeys(header, "") | dict(
            zip(header, (c.strip() for c in row), strict=False)
        )
        found, more = _read_line(number, cells, len(row) - len(header), rules)
        problems += more
        if found is None:
            continue
        key = (found.team_id, found.period_start)
        if key in seen:
            problems.append(_duplicate(found, seen[key], rules))
            continue
        seen[key] = number
        values.append(found)
    return (values if not problems else []), problems


def read_values_line(
    number: int, cells: dict[str, str], rules: SheetRules
) -> tuple[SheetValue | None, list[SheetProblem]]:
    """Check one line given as cells by column name (``team``, ``period_start``,
    ``value``, ``numerator``, ``denominator``, ``note``): its value, or its problems."""
    return _read_line(number, cells, 0, rules)


def _header_problems(header: list[str]) -> list[SheetProblem]:
    unknown = [c for c in header if c not in KNOWN_COLUMNS]
    teams = [c for c in header if c in TEAM_COLUMNS]
    counted = "numerator" in header and "denominator" in header
    missing = [c for c in ("period_start", "value") if c not in header]
    if counted and missing == ["value"]:
        missing = []  # the value is computed from the counts
    message = ""
    if unknown:
        message = f"Line 1 names columns this sheet does not have: {', '.join(unknown)}. "
    if len(teams) != 1 or missing:
        message += (
            "The first line must name the columns: team (or school_code), period_start, value"
        )
        message += " [, numerator, denominator, note]."
    if len(set(header)) != len(header):
        message += " A column is named twice."
    if not message:
        return []
    return [SheetProblem(1, None, ",".join(header), "header", message.strip())]


def _read_line(
    number: int, cells: dict[str, str], extra: int, rules: SheetRules
) -> tuple[SheetValue | None, list[SheetProblem]]:
    if extra > 0:
        message = f"Line {number} has {extra} cell(s) more than the header names."
        return None, [SheetProblem(number, None, None, "columns", message)]
    team_key = next(k for k in TEAM_COLUMNS if k in cells)
    team_id, problems = _team(number, team_key, cells.get(team_key, ""), rules)
    start, more = _period(number, cells.get("period_start", ""), rules)
    problems += more
    counts, more = _counts(number, cells, rules)
    problems += more
    value, more = _value(number, cells.get("value", ""), counts, rules)
    problems += more
    note = cells.get("note", "")
    if len(note) > MAX_NOTE:
        message = f"Line {number}, column note: the note is over {MAX_NOTE} characters."
        problems.append(SheetProblem(number, "note", note[:40] + "…", "too_long", message))
    if problems or team_id is None or start is None or value is None:
        return None, problems
    return SheetValue(number, team_id, start, value, counts[0], counts[1], note), []


def _team(number: int, column: str, cell: str, rules: SheetRules):
    team_id = rules.teams.get(cell.lower())
    if team_id is None:
        message = (
            f"Line {number}, column {column}: {cell!r} is not a team of this network "
            "(write the team's name, its school's name or its school code)."
        )
        return None, [SheetProblem(number, column, cell, "unknown_team", message)]
    if team_id not in rules.editable:
        message = (
            f"Line {number}, column {column}: you do not enter values for {cell!r}; "
            "only its members and the network's leads do."
        )
        return None, [SheetProblem(number, column, cell, "not_your_team", message)]
    return team_id, []


def read_date(cell: str) -> dt.date | None:
    """A date written YYYY-MM-DD, else None."""
    if ISO_DATE.fullmatch(cell):
        try:
            return dt.date.fromisoformat(cell)
        except ValueError:
            return None
    return None


def _period(number: int, cell: str, rules: SheetRules):
    where = f"Line {number}, column period_start: {cell!r}"
    on = read_date(cell)
    if on is None:
        message = f"{where} is not a real date written YYYY-MM-DD."
        return None, [SheetProblem(number, "period_start", cell, "bad_date", message)]
    problem = period_problem(on, rules)
    if problem:
        return None, [
            SheetProblem(number, "period_start", cell, problem[0], f"{where} {problem[1]}")
        ]
    return on, []


def period_problem(on: dt.date, rules: SheetRules) -> tuple[str, str] | None:
    """Why ``on`` cannot start a period of the measure (rule, words), or None."""
    if not rules.starts_on <= on <= rules.ends_on:
        return "outside_period", (
            f"is outside the network's period ({rules.starts_on.isoformat()} to "
            f"{rules.ends_on.isoformat()})."
        )
    if on in rules.starts:
        return None
    holding = period_holding(rules.starts, on)
    if holding is None:
        first = rules.starts[0].isoformat() if rules.starts else "none"
        return "before_first_period", f"comes before the first period, which starts {first}."
    return "not_a_period_start", (
        f"is not the start of a {rules.period_word}: it falls in the {rules.period_word} "
        f"starting {holding.isoformat()}; write that date."
    )


def _number(number: int, column: str, cell: str) -> tuple[float | None, list[SheetProblem]]:
    if NUMBER.fullmatch(cell):
        found = float(cell)
        if math.isfinite(found):
            return found, []
    message = (
        f"Line {number}, column {column}: {cell!r} is not a number "
        "(write it plainly: no %, spaces or thousands separators)."
    )
    return None, [SheetProblem(number, column, cell, "bad_number", message)]


def _counts(number: int, cells: dict[str, str], rules: SheetRules):
    needs = rules.chart in ("p", "u")
    counts: list[float | None] = []
    problems: list[SheetProblem] = []
    for column in ("numerator", "denominator"):
        cell = cells.get(column, "")
        if cell == "":
            if needs:
                message = (
                    f"Line {number}, column {column} is blank: a {rules.chart} chart's value "
                    "is counted from a numerator and a denominator."
                )
                problems.append(SheetProblem(number, column, cell, "missing_count", message))
            counts.append(None)
            continue
        found, more = _number(number, column, cell)
        problems += more
        if found is not None and found < 0:
            message = f"Line {number}, column {column}: {cell} is negative; a count is 0 or more."
            problems.append(SheetProblem(number, column, cell, "negative_count", message))
        counts.append(found)
    problems += _count_rules(number, counts[0], counts[1], rules)
    return (counts[0], counts[1]), problems


def _count_rules(number, numerator, denominator, rules: SheetRules) -> list[SheetProblem]:
    if numerator is None or denominator is None or numerator < 0 or denominator < 0:
        return []
    if rules.chart in ("p", "u") and denominator == 0:
        message = (
            f"Line {number}, column denominator is 0: nothing was counted, so leave the period out."
        )
        return [SheetProblem(number, "denominator", "0", "zero_denominator", message)]
    if rules.chart == "p" and numerator > denominator:
        message = (
            f"Line {number}: the numerator {numerator:g} is more than the denominator "
            f"{denominator:g}; a p chart's numerator counts part of the denominator."
        )
        return [
            SheetProblem(
                number, "numerator", f"{numerator:g}", "numerator_over_denominator", message
            )
        ]
    return []


def _value(number: int, cell: str, counts, rules: SheetRules):
    numerator, denominator = counts
    if rules.chart in ("p", "u"):
        if numerator is None or denominator is None or denominator <= 0:
            return None, []
        computed = numerator / denominator
        if cell:
            given, problems = _number(number, "value", cell)
            if problems:
                return None, problems
            if given is not None and abs(given - computed) > TOLERANCE:
                message = (
                    f"Line {number}, column value: {cell} is not {numerator:g} / "
                    f"{denominator:g} = {computed:.4f}; leave the value blank to have it computed."
                )
                return None, [SheetProblem(number, "value", cell, "value_mismatch", message)]
        return computed, []
    if cell == "":
        message = (
            f"Line {number}, column value is blank. A period with no value is left out "
            "(the chart shows a gap), never written as 0 or blank."
        )
        return None, [SheetProblem(number, "value", cell, "blank_value", message)]
    return _number(number, "value", cell)


def _duplicate(found: SheetValue, first: int, rules: SheetRules) -> SheetProblem:
    team = rules.team_names.get(found.team_id, str(found.team_id))
    message = (
        f"Line {found.line}: a second value for {team} in the period starting "
        f"{found.period_start.isoformat()}; the first is on line {first}."
    )
    return SheetProblem(
        found.line, "period_start", found.period_start.isoformat(), "duplicate", message
    )
