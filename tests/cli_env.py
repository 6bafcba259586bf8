"""Running the ``districtwise`` command in a subprocess against a database of its own: a
SQLite file, or a fresh database on the PostgreSQL server when the suite runs on one.

Migrating takes a CLI subprocess ten seconds and more, so a test that needs the tables
gets a copy of a database that ``districtwise migrate`` made once per test session (per
xdist worker): the SQLite file copied, or on PostgreSQL ``CREATE DATABASE … TEMPLATE``.
Each test still has a database of its own, and the migration itself still runs through
the command, which must succeed (see ``migrated_template``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url

CLI = [sys.executable, "-m", "districtwise.cli"]
SQLITE_NAME = "districtwise.sqlite3"  # in the data dir, as settings.py names it


class MigratedTemplate:
    """Migrated databases to copy: a SQLite file (made when first asked for), and on
    PostgreSQL a database on the suite's server."""

    def __init__(self, folder: Path, postgres_name: str | None = None):
        self.folder = folder
        self.postgres_name = postgres_name
        self._sqlite_file: Path | None = None

    def sqlite_file(self) -> Path:
        if self._sqlite_file is None:
            _migrate(_base_env(self.folder / "sqlite"))
            self._sqlite_file = self.folder / "sqlite" / SQLITE_NAME
        return self._sqlite_file


def _base_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return env | {"DISTRICTWISE_DATA_DIR": str(data_dir), "COLUMNS": "200"}


def _postgres_admin(url: str) -> str:
    config = dj_database_url.parse(url)
    return f"host={config['HOST']} port={config['PORT']} user={config['USER']} dbname=postgres"


def _postgres_url(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def _postgres_execute(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(_postgres_admin(url), autocommit=True) as conn:
        conn.execute(statement)


def _migrate(env: dict[str, str]) -> None:
    done = run(env, "migrate", "--no-input", "-v", "0")
    assert done.returncode == 0, done.stdout + done.stderr


@contextmanager
def migrated_template(folder: Path) -> Iterator[MigratedTemplate]:
    """Databases migrated with ``districtwise migrate`` in ``folder``: when the suite runs
    on PostgreSQL, one on its server (dropped again at the end); a SQLite file when first
    asked for."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield MigratedTemplate(folder)
        return
    name = f"dw_cli_template_{uuid.uuid4().hex[:10]}"
    _postgres_execute(url, f'CREATE DATABASE "{name}"')
    try:
        _migrate(_base_env(folder / "postgres") | {"DATABASE_URL": _postgres_url(url, name)})
        yield MigratedTemplate(folder, name)
    finally:
        _postgres_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def cli_database(
    tmp_path: Path, template: MigratedTemplate | None = None
) -> Iterator[dict[str, str]]:
    """The environment for a CLI subprocess with a database of its own: empty, or a copy
    of ``template`` (migrated)."""
    env = _base_env(tmp_path / "data")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        if template is not None:
            sqlite_copy(template, tmp_path / "data")
        yield env
        return
    name = f"dw_cli_{uuid.uuid4().hex[:10]}"
    copy = f' TEMPLATE "{template.postgres_name}"' if template and template.postgres_name else ""
    _postgres_execute(url, f'CREATE DATABASE "{name}"{copy}')
    try:
        yield env | {"DATABASE_URL": _postgres_url(url, name)}
    finally:
        _postgres_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_copy(template: MigratedTemplate, data_dir: Path) -> None:
    """Put a copy of the template's migrated SQLite file where the CLI looks for it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    source = template.sqlite_file()
    shutil.copyfile(source, data_dir / SQLITE_NAME)
    # The migrating process has exited and its WAL is normally checkpointed into the file;
    # a WAL left behind holds committed pages, so it comes along (SQLite rebuilds the index).
    wal = source.with_name(SQLITE_NAME + "-wal")
    if wal.exists():
        shutil.copyfile(wal, data_dir / wal.name)


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """Run ``districtwise ARGS`` and return what it printed."""
    return subprocess.run(
        [*CLI, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300
    )
