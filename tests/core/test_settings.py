"""Settings read the environment strictly: a malformed value stops start-up, naming it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from districtwise.core.env import env_bool, env_int, env_list, env_path


def start(tmp_path, **env: str) -> subprocess.CompletedProcess:
    """Start Django in a fresh interpreter with the given environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DISTRICTWISE_")}
    environment.pop("DATABASE_URL", None)
    environment |= {"DISTRICTWISE_DATA_DIR": str(tmp_path), **env}
    environment["DJANGO_SETTINGS_MODULE"] = "districtwise.settings"
    code = "import django; django.setup(); print('started')"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )


def test_it_starts_with_the_defaults(tmp_path):
    done = start(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "started" in done.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DISTRICTWISE_DEBUG", "maybe"),
        ("DISTRICTWISE_ENV", "staging"),
        ("DISTRICTWISE_ALLOWED_HOSTS", "example.org,,"),
        ("DATABASE_URL", "mysql://nobody@localhost/db"),
        ("DATABASE_URL", "not a url"),
        ("DISTRICTWISE_LOGIN_FAILURE_LIMIT", "five"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(tmp_path, variable, value):
    done = start(tmp_path, **{variable: value})
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert variable in done.stderr


def test_production_refuses_debug(tmp_path):
    done = start(
        tmp_path,
        DISTRICTWISE_ENV="production",
        DISTRICTWISE_DEBUG="1",
        DISTRICTWISE_SECRET_KEY="x" * 50,
    )
    assert done.returncode != 0
    assert "DISTRICTWISE_DEBUG is on in production" in done.stderr


def test_production_refuses_the_default_secret(tmp_path):
    done = start(tmp_path, DISTRICTWISE_ENV="production")
    assert done.returncode != 0
    assert "DISTRICTWISE_SECRET_KEY" in done.stderr


def test_production_starts_with_a_real_secret(tmp_path):
    done = start(tmp_path, DISTRICTWISE_ENV="production", DISTRICTWISE_SECRET_KEY="s" * 50)
    assert done.returncode == 0, done.stderr


def test_the_embedded_database_runs_in_wal_mode(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment |= {"DISTRICTWISE_DATA_DIR": str(tmp_path)}
    environment["DJANGO_SETTINGS_MODULE"] = "districtwise.settings"
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )
    assert done.stdout.strip() == "wal", done.stderr


def test_yes_no_values(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("off", False), ("0", False)]:
        monkeypatch.setenv("X_FLAG", raw)
        assert env_bool("X_FLAG", not expected) is expected
    monkeypatch.delenv("X_FLAG")
    assert env_bool("X_FLAG", True) is True


def test_numbers_lists_and_paths_are_checked(monkeypatch, tmp_path):
    monkeypatch.setenv("X_NUMBER", "-3")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER"):
        env_int("X_NUMBER", 1, minimum=0)
    monkeypatch.setenv("X_LIST", "a, b")
    assert env_list("X_LIST", []) == ["a", "b"]
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("X_PATH", str(blocker / "inside"))
    with pytest.raises(ImproperlyConfigured, match="X_PATH"):
        env_path("X_PATH", tmp_path)
