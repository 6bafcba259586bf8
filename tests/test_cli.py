"""The ``districtwise`` command: its own subcommands, and Django's through the same door."""

from __future__ import annotations

import pytest

from tests.cli_env import cli_database, run


@pytest.mark.parametrize(
    "command", ["demo", "serve", "createuser", "backup", "restore", "supports-logs-import"]
)
def test_every_subcommand_has_help(tmp_path, command):
    with cli_database(tmp_path) as env:
        done = run(env, command, "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout


def test_the_top_level_help_lists_the_commands(tmp_path):
    with cli_database(tmp_path) as env:
        done = run(env, "--help")
    assert done.returncode == 0
    for command in ("demo", "serve", "createuser", "backup", "restore"):
        assert command in done.stdout


def test_django_commands_run_through_it(tmp_path):
    with cli_database(tmp_path) as env:
        done = run(env, "check")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_createuser_makes_a_log_in_with_a_role_and_refuses_bad_input(tmp_path, cli_template):
    with cli_database(tmp_path, cli_template) as env:
        setup = (
            "from districtwise.organization.models import District, School; "
            "d = District.objects.create(code='t', name='Test'); "
            "School.objects.create(district=d, code='0007', name='Seven', level='high', "
            "grade_low='09', grade_high='12')"
        )
        assert run(env, "shell", "-c", setup).returncode == 0
        args = ["createuser", "pat", "--district", "t", "--role", "principal"]
        done = run(env, *args, "--scope", "0007", "--password-stdin", stdin="a-long-pass-phrase\n")
        assert done.returncode == 0, done.stderr
        assert "Created pat" in done.stdout
        again = run(env, *args, "--scope", "0007", "--password-stdin", stdin="x\n")
        assert again.returncode == 2
        assert "taken" in again.stderr
        wrong = run(
            env,
            "createuser",
            "sam",
            "--district",
            "t",
            "--role",
            "principal",
            "--scope",
            "9999",
            "--password-stdin",
            stdin="x\n",
        )
        assert wrong.returncode == 2
        assert "No school '9999'" in wrong.stderr
        role = run(
            env,
            "createuser",
            "kim",
            "--district",
            "t",
            "--role",
            "king",
            "--password-stdin",
            stdin="x\n",
        )
        assert "Unknown role 'king'" in role.stderr
        check = (
            "from django.contrib.auth import authenticate; "
            "print(authenticate(username='pat', password='a-long-pass-phrase'))"
        )
        assert run(env, "shell", "-v", "0", "-c", check).stdout.strip() == "pat"


def test_demo_rejects_a_bad_size_with_a_message(tmp_path):
    with cli_database(tmp_path) as env:
        done = run(env, "demo", "--size", "enormous")
    assert done.returncode == 2
    assert "--size 'enormous'" in done.stderr
