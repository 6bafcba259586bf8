"""Backups of the database: a consistent online copy of SQLite, pg_dump on PostgreSQL.

A backup is written beside its target under a temporary name and renamed into place only
when complete, so an interrupted backup never leaves a half file under the target name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

# Marks a SQLite file as a Districtwise backup (PRAGMA application_id, a 32-bit integer).
APPLICATION_ID = 0x44574953  # "DWIS"
Progress = Callable[[int, int], None]


class BackupError(Exception):
    """A backup or restore that cannot be done, with a message for the person running it."""


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def _is_sqlite() -> bool:
    return _database()["ENGINE"].endswith("sqlite3")


@contextlib.contextmanager
def _partial_file(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target``, renamed onto it only if the block completes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def backup(target: Path, *, progress: Progress | None = None) -> Path:
    """Write a backup of the live database to ``target``."""
    with _partial_file(target) as partial:
        if _is_sqlite():
            _sqlite_backup(partial, progress)
        else:
            _pg_dump(partial)
    return target


def _sqlite_backup(partial: Path, progress: Progress | None) -> None:
    source = sqlite3.connect(_database()["NAME"])
    copy = sqlite3.connect(partial)
    try:

        def step(status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total)

        source.backup(copy, pages=256, progress=step)
        copy.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        copy.commit()
    finally:
        copy.close()
        source.close()


def _pg_env() -> dict[str, str]:
    db = _database()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    db = _database()
    args = ["--host", str(db.get("HOST") or "127.0.0.1"), "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install Debian's postgresql-client.")
    return found


def _pg_dump(partial: Path) -> None:
    command = [_pg_tool("pg_dump"), *_pg_args(), "--format=custom", "--file", str(partial)]
    done = subprocess.run(
        [*command, str(_database()["NAME"])], env=_pg_env(), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")


def check_backup_file(source: Path) -> None:
    """Refuse a file that is not a Districtwise backup of this kind of database."""
    if not source.is_file():
        raise BackupError(f"{source} does not exist or is not a file.")
    head = _head(source)
    if _is_sqlite():
        if not head.startswith(b"SQLite format 3\x00"):
            raise BackupError(f"{source} is not a Districtwise backup (not a SQLite database).")
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as db:
            (app_id,) = db.execute("PRAGMA application_id").fetchone()
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        if app_id != APPLICATION_ID or "django_migrations" not in tables:
            raise BackupError(f"{source} is a SQLite database but not a Districtwise backup.")
    elif not head.startswith(b"PGDMP"):
        raise BackupError(f"{source} is not a Districtwise backup (not a pg_dump archive).")


def _head(source: Path) -> bytes:
    with source.open("rb") as handle:
        return handle.read(16)


def restore(source: Path, *, progress: Progress | None = None) -> None:
    """Replace the live database with the backup in ``source`` (after checking it is one)."""
    check_backup_file(source)
    connections.close_all()
    if _is_sqlite():
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(_database()["NAME"])
        try:

            def step(status: int, remaining: int, total: int) -> None:
                if progress:
                    progress(total - remaining, total)

            backup_db.backup(live, pages=256, progress=step)
            live.execute("PRAGMA application_id = 0")
            live.commit()
        finally:
            live.close()
            backup_db.close()
        return
    command = [
        _pg_tool("pg_restore"),
        *_pg_args(),
        "--clean",
        "--if-exists",
        "--single-transaction",
    ]
    command += ["--no-owner", "--dbname", str(_database()["NAME"]), str(source)]
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed; the database is unchanged: {done.stderr.strip()}")
