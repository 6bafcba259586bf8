"""Backup and restore through the CLI: on SQLite (online copy) and on PostgreSQL
(pg_dump/pg_restore) when the suite runs there; foreign files refused; no half files."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.cli_env import CLI, cli_database, run, sqlite_copy


@pytest.fixture
def env(tmp_path, cli_template):
    with cli_database(tmp_path, cli_template) as environment:
        yield environment


def school_names(env) -> str:
    code = (
        "from districtwise.organization.models import School; "
        "print(sorted(s.name for s in School.objects.all()))"
    )
    return run(env, "shell", "-v", "0", "-c", code).stdout.strip()


def add_school(env, name: str) -> None:
    code = (
        "from districtwise.organization.models import District, School; "
        "d, _ = District.objects.get_or_create(code='t', defaults={'name': 'T'}); "
        f"School.objects.create(district=d, code='{name[:4]}', name='{name}', level='high', "
        "grade_low='09', grade_high='12')"
    )
    done = run(env, "shell", "-c", code)
    assert done.returncode == 0, done.stderr


def test_a_backup_restores_the_data_as_it_was(env, tmp_path):
    add_school(env, "Before Backup High")
    target = tmp_path / "copy.backup"
    done = run(env, "backup", str(target))
    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 0
    add_school(env, "After Backup High")
    assert "After Backup High" in school_names(env)
    done = run(env, "restore", str(target), "--yes")
    assert done.returncode == 0, done.stderr
    assert school_names(env) == "['Before Backup High']"


@pytest.mark.parametrize("content", [b"name,school\nx,y\n", b"", b"\x00" * 100])
def test_a_file_that_is_not_our_backup_is_refused_and_nothing_changes(env, tmp_path, content):
    add_school(env, "Still Here High")
    foreign = tmp_path / "foreign.backup"
    foreign.write_bytes(content)
    done = run(env, "restore", str(foreign), "--yes")
    assert done.returncode == 2
    assert "not a Districtwise backup" in done.stderr
    assert school_names(env) == "['Still Here High']"


def test_a_sqlite_database_that_is_not_ours_is_refused(env, tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    done = run(env, "restore", str(other), "--yes")
    assert done.returncode == 2
    assert "not a Districtwise backup" in done.stderr


def test_a_missing_backup_file_is_named(env, tmp_path):
    done = run(env, "restore", str(tmp_path / "nope.backup"), "--yes")
    assert done.returncode == 2
    assert "nope.backup does not exist" in done.stderr


def test_an_interrupted_backup_leaves_no_file_under_the_target_name(tmp_path, cli_template):
    """Interrupt the SQLite online copy after its first step (as Ctrl+C would)."""
    with cli_database(tmp_path) as environment:
        environment.pop("DATABASE_URL", None)
        sqlite_copy(cli_template, Path(environment["DISTRICTWISE_DATA_DIR"]))
        target = tmp_path / "out" / "interrupted.backup"
        script = (
            "import django; django.setup()\n"
            "from pathlib import Path\n"
            "from districtwise.core.backup import backup\n"
            "def stop(done, total): raise KeyboardInterrupt\n"
            "try:\n"
            f"    backup(Path({str(target)!r}), progress=stop)\n"
            "except KeyboardInterrupt:\n"
            "    print('interrupted')\n"
        )
        environment["DJANGO_SETTINGS_MODULE"] = "districtwise.settings"
        done = subprocess.run(
            [CLI[0], "-c", script], env=environment, capture_output=True, text=True
        )
        assert "interrupted" in done.stdout, done.stderr
        assert not target.exists()
        assert list(target.parent.iterdir()) == []
