"""A DuckDB connection that reports progress and can be cancelled mid-query."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

THREADS = 2
POLL_SECONDS = 0.2

Progress = Callable[[str, float, int], None]


class ImportCancelled(Exception):
    """The caller's ``cancelled()`` returned True; nothing was staged."""


class Session:
    """Runs each statement in a worker thread so this thread can report and cancel."""

    def __init__(
        self,
        *,
        memory_limit: str,
        temp_dir: Path,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.con = duckdb.connect(":memory:")
        for statement in (
            f"SET threads = {THREADS}",
            f"SET memory_limit = '{memory_limit.replace(chr(39), '')}'",
            f"SET temp_directory = '{str(temp_dir).replace(chr(39), chr(39) * 2)}'",
            "SET preserve_insertion_order = true",
            "SET enable_progress_bar = true",  # needed for query_progress()
            "SET enable_progress_bar_print = false",
            "SET progress_bar_time = 0",
        ):
            self.con.execute(statement)
        self.progress = progress
        self.cancelled = cancelled
        self.total_weight = 1.0
        self.done_weight = 0.0
        self.rows_done = 0
        self.step = ""

    def close(self) -> None:
        self.con.close()

    def check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled

    def report(self, fraction_of_step: float = 0.0, weight: float = 0.0) -> None:
        if self.progress is not None:
            done = self.done_weight + weight * max(0.0, min(fraction_of_step, 1.0))
            self.progress(self.step, min(done / self.total_weight, 1.0), self.rows_done)

    def run(self, sql: str, weight: float = 0.0) -> list[tuple[Any, ...]]:
        """Execute one statement; return its (small) result rows."""
        self.check_cancelled()
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["rows"] = self.con.execute(sql).fetchall()
            except BaseException as exc:  # re-raised in the calling thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="districtwise-validate", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(POLL_SECONDS)
            if not worker.is_alive():
                break
            if self.cancelled is not None and self.cancelled():
                self.con.interrupt()
                worker.join()
                raise ImportCancelled
            if weight:
                self.report(self.con.query_progress() / 100.0, weight)
        self.done_weight += weight
        if "error" in outcome:
            raise outcome["error"]
        return list(outcome["rows"])

    def scalar(self, sql: str) -> Any:
        rows = self.run(sql)
        return rows[0][0] if rows else None
