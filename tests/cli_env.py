"""Running the ``districtwise`` command in a subprocess against a database of its own: a
SQLite file, or a fresh database on the PostgreSQL server when the suite runs on one."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url

CLI = [sys.executable, "-m", "districtwise.cli"]


@contextmanager
def cli_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment for a CLI subprocess with an empty database of its own."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DISTRICTWISE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"}
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield env
        return
    import psycopg

    name = f"dw_cli_{uuid.uuid4().hex[:10]}"
    config = dj_database_url.parse(url)
    admin = f"host={config['HOST']} port={config['PORT']} user={config['USER']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield env | {"DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """Run ``districtwise ARGS`` and return what it printed."""
    return subprocess.run(
        [*CLI, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300
    )
