"""Delivery logs imported from a CSV file, all or nothing.

Columns: ``support`` (its code), ``school`` (the school_id of the files), ``date``
(YYYY-MM-DD), ``minutes``, ``delivered_by`` (a staff_id, optional), ``teachers`` (staff_ids
separated by ``;``), ``notes`` (optional). Every row is checked against the same rules as a
log entered on a page (``logs.LogRules``); any wrong row refuses the whole file
(``LogSheetRefused``: line, column, value and what is wrong of every problem) and nothing is
saved. A good file goes in with a few bulk inserts, so thousands of rows take seconds."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_record
from districtwise.organization.models import District, Person, School
from districtwise.supports.models import DeliveryLog, LogAttendee, Support
from districtwise.supports.services.logs import LogEntry, LogRules

COLUMNS = ("support", "school", "date", "minutes", "delivered_by", "teachers", "notes")
REQUIRED = ("support", "school", "date", "minutes", "teachers")
MOST_ROWS = 100_000


@dataclass(frozen=True)
class LogProblem:
    """One thing wrong with the file: the line (1 is the header), the column, the value."""

    line: int
    column: str
    value: str
    message: str


class LogSheetRefused(ValidationError):
    """A file of logs refused whole: ``problems`` says what is wrong on which line."""

    def __init__(self, problems: list[LogProblem]):
        super().__init__(
            [f"Line {p.line}, {p.column or 'file'}: {p.message}" for p in problems[:200]]
        )
        self.problems = problems


@dataclass
class _Lookup:
    """The district's supports, schools (those the importer may log at) and people, by the
    codes the file uses."""

    supports: dict[str, Support]
    schools: dict[str, School]
    people: dict[str, Person]


def _read(text: str) -> tuple[list[dict[str, str]], list[LogProblem]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return _rows(reader)
    except csv.Error as error:
        return [], [LogProblem(reader.line_num or 1, "", "", f"Not readable as CSV: {error}.")]


def _rows(reader: csv.DictReader) -> tuple[list[dict[str, str]], list[LogProblem]]:
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [LogProblem(1, c, "", f"The header has no column {c!r}.") for c in missing]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        return [], [
            LogProblem(1, h, h, f"Unknown column: use {', '.join(COLUMNS)}.") for h in unknown
        ]
    reader.fieldnames = header
    rows = []
    for row in reader:
        if None in row:
            return [], [
                LogProblem(reader.line_num, "", "", "The line has more values than columns.")
            ]
        rows.append(
            {k: (v or "").strip() for k, v in row.items()} | {"_line": str(reader.line_num)}
        )
        if len(rows) > MOST_ROWS:
            return [], [
                LogProblem(reader.line_num, "", "", f"More than {MOST_ROWS} rows: split the file.")
            ]
    if not rows:
        return [], [LogProblem(1, "", "", "The file has a header but no rows.")]
    return rows, []


def _lookup(district: District, rows: list[dict[str, str]], schools: list[School]) -> _Lookup:
    staff_ids = {r["delivered_by"] for r in rows if r.get("delivered_by")}
    for r in rows:
        staff_ids |= {s.strip() for s in r["teachers"].split(";") if s.strip()}
    return _Lookup(
        supports={s.code: s for s in Support.objects.filter(district=district, is_active=True)},
        schools={s.code: s for s in schools},
        people={
            p.staff_id: p for p in Person.objects.filter(district=district, staff_id__in=staff_ids)
        },
    )


def _parse_row(row: dict[str, str], found: _Lookup) -> tuple[LogEntry | None, list[LogProblem]]:
    line = int(row["_line"])
    problems: list[LogProblem] = []

    def wrong(column: str, message: str) -> None:
        problems.append(LogProblem(line, column, row.get(column, ""), message))

    support = found.supports.get(row["support"])
    if support is None:
        wrong("support", "No current support of the district has this code.")
    school = found.schools.get(row["school"])
    if school is None:
        wrong("school", "No school you may log at has this code.")
    try:
        on = dt.date.fromisoformat(row["date"])
    except ValueError:
        on = None
        wrong("date", "Not a date written YYYY-MM-DD.")
    try:
        minutes = int(row["minutes"])
    except ValueError:
        minutes = 0
        wrong("minutes", "Not a whole number of minutes.")
    else:
        if minutes <= 0:
            wrong("minutes", "Minutes must be a positive number.")
    teachers = []
    for staff_id in [s.strip() for s in row["teachers"].split(";") if s.strip()]:
        if staff_id in found.people:
            teachers.append(found.people[staff_id])
        else:
            problems.append(LogProblem(line, "teachers", staff_id, "No person has this staff_id."))
    by = row.get("delivered_by", "")
    if by and by not in found.people:
        wrong("delivered_by", "No person has this staff_id.")
    if problems or support is None or school is None or on is None:
        return None, problems
    entry = LogEntry(
        support=support,
        school=school,
        delivered_on=on,
        minutes=minutes,
        teachers=tuple(teachers),
        delivered_by=found.people.get(by),
        notes=row.get("notes", ""),
    )
    return entry, problems


_COLUMN_OF = {"delivered_on": "date", "support": "support", "school": "school"}


def _rule_problems(row: dict[str, str], entry: LogEntry, rules: LogRules) -> list[LogProblem]:
    line = int(row["_line"])
    return [
        LogProblem(line, _COLUMN_OF.get(name, name), row.get(_COLUMN_OF.get(name, name), ""), m)
        for name, messages in rules.problems(entry).items()
        for m in messages
    ]


def logs_check(
    *, district: District, text: str, schools: list[School]
) -> tuple[list[LogEntry], list[LogProblem]]:
    """The logs of a CSV text and every problem of it, line by line (no writes).
    ``schools`` are the schools the importer may log at; any other is unknown."""
    rows, problems = _read(text)
    if problems:
        return [], problems
    found = _lookup(district, rows, schools)
    rules = LogRules.load(district, [s.pk for s in schools])
    entries: list[LogEntry] = []
    for row in rows:
        entry, row_problems = _parse_row(row, found)
        if entry is not None:
            row_problems = _rule_problems(row, entry, rules)
            entries.append(entry)
        problems.extend(row_problems)
    return entries, problems


def logs_import(
    *, actor, district: District, text: str, schools: list[School], source: str = "csv"
) -> int:
    """Import the delivery logs of a CSV text at ``schools`` (those the actor may log
    at). Any wrong row refuses the whole file (``LogSheetRefused``) and nothing is saved;
    otherwise every log goes in, and the number of logs is returned."""
    entries, problems = logs_check(district=district, text=text, schools=schools)
    if problems:
        raise LogSheetRefused(problems)
    creator = actor if getattr(actor, "is_authenticated", False) else None
    logs = [
        DeliveryLog(
            district=district,
            support=e.support,
            school=e.school,
            delivered_on=e.delivered_on,
            minutes=e.minutes,
            delivered_by=e.delivered_by,
            notes=e.notes,
            source=source,
            created_by=creator,
        )
        for e in entries
    ]
    with transaction.atomic():
        DeliveryLog.objects.bulk_create(logs, batch_size=2000)
        LogAttendee.objects.bulk_create(
            [
                LogAttendee(log=log, teacher=t)
                for log, e in zip(logs, entries, strict=True)
                for t in dict.fromkeys(e.teachers)
            ],
            batch_size=5000,
        )
        audit_record(
            actor=actor,
            district=district,
            action="create",
            obj=district,
            changes={"delivery logs": [None, f"{len(logs)} imported from a CSV file"]},
        )
    return len(logs)
