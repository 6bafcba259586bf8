"""Read and check the header record of one contract file, before DuckDB reads the rows."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from districtwise.analytics.contract import FileSpec
from districtwise.analytics.validate.report import RULES, Problem

BOM = b"\xef\xbb\xbf"
HEADER_LIMIT = 1 << 20  # a header longer than 1 MiB is not a header


@dataclass
class Header:
    """Where each column of a file is, by position in the header."""

    names: list[str] = field(default_factory=list)  # every header field, as written
    columns: dict[str, int] = field(default_factory=dict)  # contract column -> position
    extras: list[tuple[str, int]] = field(default_factory=list)  # kept unknown columns
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False: the rows cannot be read at all (no usable header)


def _problem(file: str, rule: str, message: str, column: str | None = None) -> Problem:
    line = None if rule in ("empty_file", "missing_file") else 1
    return Problem(file, line, column, None, rule, RULES[rule], message)


def _header_bytes(raw: bytes) -> bytes | None:
    """The first record's bytes (quotes are ASCII, so this works on undecoded UTF-8)."""
    quoted = False
    for i, byte in enumerate(raw):
        if byte == 0x22:
            quoted = not quoted
        elif byte in (0x0A, 0x0D) and not quoted:
            return raw[:i]
    return raw if len(raw) < HEADER_LIMIT else None


def read_header(spec: FileSpec, path: Path) -> Header:
    """Parse the header of ``path`` and report header problems of ``spec``'s file."""
    header = Header()
    name = spec.name
    with path.open("rb") as f:
        raw = f.read(HEADER_LIMIT)
    raw = raw.removeprefix(BOM)
    first = _header_bytes(raw)
    if not raw.strip(b"\r\n"):
        return _unusable(header, name, "empty_file", f"{name} is empty: it has no header line")
    if first is None:
        return _unusable(header, name, "bad_header", f"{name}: the header line is over 1 MiB")
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = (
            f"{name} is not UTF-8: invalid byte 0x{first[exc.start]:02x} in the header "
            f"(line 1, byte {exc.start + 1}); save the file as UTF-8"
        )
        return _unusable(header, name, "not_utf8", message)
    if not text.strip():
        return _unusable(header, name, "empty_file", f"{name}: the first line is blank (no header)")
    try:
        header.names = next(csv.reader([text], strict=True))
    except csv.Error as exc:
        return _unusable(header, name, "bad_header", f"{name}: the header is not valid CSV: {exc}")
    _place_columns(spec, header)
    return header


def _unusable(header: Header, file: str, rule: str, message: str) -> Header:
    header.problems.append(_problem(file, rule, message))
    header.readable = False
    return header


def _place_columns(spec: FileSpec, header: Header) -> None:
    name = spec.name
    derived = {"school_year"} if spec.year_from and spec.year_from != "school_year" else set()
    seen: dict[str, int] = {}
    for position, column in enumerate(header.names):
        if column == "":
            message = f"{name}: header field {position + 1} has no column name"
            header.problems.append(_problem(name, "blank_column_name", message))
        elif column in seen:
            message = (
                f"{name}: column {column!r} appears twice in the header "
                f"(fields {seen[column] + 1} and {position + 1})"
            )
            header.problems.append(_problem(name, "duplicate_column", message, column))
        elif column in spec.column_names:
            header.columns[column] = position
        elif column in derived:
            message = (
                f"{name}: column {column!r} is not kept: the school year of {name} is derived "
                f"from {spec.year_from} with the district calendar"
            )
            header.problems.append(_problem(name, "reserved_column", message, column))
        else:
            header.extras.append((column, position))
            header.problems.append(_problem(name, "unknown_column", _unknown(spec, column), column))
        seen.setdefault(column, position)
    for wanted in spec.columns:
        if wanted.required and wanted.name not in header.columns:
            message = f"{name}: required column {wanted.name!r} is missing from the header"
            near = _near(header.names, wanted.name)
            if near is not None:
                message += f" (found {near!r}: column names are exact and lower-case)"
            header.problems.append(_problem(name, "missing_column", message, wanted.name))


def _near(names: list[str], wanted: str) -> str | None:
    return next((n for n in names if n != wanted and n.strip().lower() == wanted), None)


def _unknown(spec: FileSpec, column: str) -> str:
    message = f"{spec.name}: unknown column {column!r} is kept as text and ignored by metrics"
    if column.strip().lower() in spec.column_names:
        message += (
            f" (it is not the contract column {column.strip().lower()!r}: "
            "column names are exact and lower-case)"
        )
    return message
