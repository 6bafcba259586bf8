"""What validation found: problems, their rule ids, counts, and the report returned to callers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Every rule the validator applies, with its severity. Rule ids are stable: the web layer and
# stored reports refer to them.
RULES: dict[str, Severity] = {
    # the batch and its files
    "missing_file": "error",
    "empty_file": "error",
    "header_only": "error",
    "unreadable_csv": "error",
    # bytes and CSV structure
    "not_utf8": "error",
    "bad_row_shape": "error",
    "bad_quoting": "error",
    "line_too_long": "error",
    # the header
    "bad_header": "error",
    "missing_column": "error",
    "duplicate_column": "error",
    "blank_column_name": "error",
    "unknown_column": "warning",
    "reserved_column": "warning",
    # cells
    "blank_value": "error",
    "bad_enum": "error",
    "bad_flag": "error",
    "bad_grade": "error",
    "bad_date": "error",
    "bad_number": "error",
    "bad_int": "error",
    "bad_year": "error",
    "negative": "error",
    "out_of_range": "error",
    # rows and files together
    "absent_exceeds_enrolled": "error",
    "duplicate_key": "error",
    "unknown_student": "error",
    "unknown_school": "error",
    "no_enrollment": "warning",
    "attendance_totals_disagree": "warning",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the batch, where a person can find it.

    ``line`` is the 1-based line as a person sees it (the header is line 1), counting records:
    a quoted field that spans lines counts once. ``None`` for problems of a whole file.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    severity: Severity
    message: str


@dataclass
class ValidationReport:
    """The outcome of validating one batch of contract files."""

    problems: list[Problem]  # the first max_problems: errors first, then warnings, file order
    counts: dict[tuple[str, str, str], int]  # (file, rule, severity) -> total, beyond the list too
    row_counts: dict[str, int]  # file -> data rows (records after the header)
    rows_by_year: dict[str, dict[int, int]]  # table -> {school_year: rows}
    years: list[int]  # school years present in the batch
    extra_columns: dict[str, list[str]]  # file -> unknown columns kept
    has_errors: bool
    seconds: float = 0.0

    def rule_counts(self) -> list[tuple[str, str, str, int]]:
        """Rows (file, rule, severity, count), errors first, for display."""
        rows = [(f, r, s, n) for (f, r, s), n in self.counts.items()]
        return sorted(rows, key=lambda row: (row[2] != "error", row[0], row[1]))


class ProblemLog:
    """Collects problems and counts; keeps at most ``limit`` problems per severity."""

    def __init__(self, limit: int, file_order: dict[str, int]) -> None:
        self.limit = limit
        self.file_order = file_order
        self.kept: dict[Severity, list[Problem]] = {"error": [], "warning": []}
        self.counts: dict[tuple[str, str, str], int] = {}

    def add(self, problem: Problem, count: int = 1) -> None:
        """Record one problem (which stands for ``count`` occurrences when it is a sample)."""
        self.count(problem.file, problem.rule, count)
        self.keep([problem])

    def count(self, file: str, rule: str, n: int) -> None:
        """Add ``n`` to the total for (file, rule)."""
        if n:
            key = (file, rule, RULES[rule])
            self.counts[key] = self.counts.get(key, 0) + n

    def keep(self, problems: list[Problem]) -> None:
        """Keep problems in report order, never more than the limit per severity."""
        for severity in ("error", "warning"):
            new = [p for p in problems if p.severity == severity]
            if new:
                merged = self.kept[severity] + new  # type: ignore[index]
                merged.sort(key=self._order)
                self.kept[severity] = merged[: self.limit]  # type: ignore[index]

    def _order(self, p: Problem) -> tuple[int, int, str]:
        return (self.file_order.get(p.file, 99), p.line or 0, p.column or "")

    @property
    def has_errors(self) -> bool:
        return any(sev == "error" for (_f, _r, sev) in self.counts)

    def problems(self) -> list[Problem]:
        """The first ``limit`` problems: errors first, then warnings, each in file order."""
        return (self.kept["error"] + self.kept["warning"])[: self.limit]
