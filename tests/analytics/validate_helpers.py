"""Helpers for the validator tests: batches made from the hand-made fixture folders."""

from __future__ import annotations

import shutil
from pathlib import Path

from districtwise.analytics.validate import Problem, ValidationReport, validate_and_stage

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"


def make_batch(root: Path, changes: dict[str, bytes | str | None] | None = None) -> dict[str, Path]:
    """Copy the valid fixture folder into root/in, apply changes (None removes a file)."""
    folder = root / "in"
    shutil.copytree(VALID, folder)
    for name, content in (changes or {}).items():
        path = folder / name
        if content is None:
            path.unlink()
        elif isinstance(content, str):
            path.write_bytes(content.encode())
        else:
            path.write_bytes(content)
    return {p.name: p for p in sorted(folder.glob("*.csv"))}


def run(
    root: Path, changes: dict[str, bytes | str | None] | None = None, **kwargs
) -> ValidationReport:  # type: ignore[no-untyped-def]
    """Validate a changed copy of the valid folder, staging into root/out."""
    return validate_and_stage(make_batch(root, changes), root / "out", **kwargs)


def with_line(name: str, line: str, after: int | None = None) -> str:
    """The valid fixture file with one more record (appended, or after record ``after``)."""
    lines = (VALID / name).read_text().splitlines()
    if after is None:
        lines.append(line)
    else:
        lines.insert(after, line)
    return "\n".join(lines) + "\n"


def replaced(name: str, old: str, new: str) -> str:
    text = (VALID / name).read_text()
    assert old in text, old
    return text.replace(old, new, 1)


def only(report: ValidationReport, rule: str) -> list[Problem]:
    return [p for p in report.problems if p.rule == rule]


def errors(report: ValidationReport) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.line, p.column, p.rule) for p in report.problems if p.severity == "error"]


def staged_tables(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
