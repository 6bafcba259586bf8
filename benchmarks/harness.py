"""What the large-district page benchmarks share: a throwaway SQLite Django, bench users and
members, each page timed as the user who opens it, and the printed table with its footer.

The scripts run standalone (``.venv/bin/python benchmarks/<script>.py``): this folder is
then first in ``sys.path``, so ``from harness import ...`` finds this module, and
``run_bench`` puts the repo root in ``sys.path`` before anything imports ``districtwise``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from page_timing import page_time
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
console = Console()


def django_in(folder: Path) -> None:
    """Django set up on a SQLite database in ``folder`` (never ``DATABASE_URL``), migrated."""
    os.environ["DISTRICTWISE_DATA_DIR"] = str(folder / "var")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bench_district(schools: int, networks: int) -> tuple:
    """The bench district: ``networks`` networks N0, N1, ... and ``schools`` elementary
    schools S0, S1, ... spread over them in turn. Returns (district, networks, schools)."""
    from districtwise.organization.models import District, Network, School

    district = District.objects.create(code="bench", name="Bench district")
    made = [
        Network.objects.create(district=district, code=f"N{i}", name=f"Network {i}")
        for i in range(networks)
    ]
    built = School.objects.bulk_create(
        School(
            district=district,
            network=made[i % networks],
            code=f"S{i}",
            name=f"School {i}",
            level="elementary",
            grade_low="KG",
            grade_high="05",
        )
        for i in range(schools)
    )
    return district, made, built


def bench_user(name: str):
    from django.contrib.auth import get_user_model

    # The pages are opened with force_login: no password to hash.
    return get_user_model().objects.create_user(name, password=None)


def bench_member(users: dict, district, name: str, role: str, *, person_school=False, **scope):
    """A user ``name`` with a person and a membership of ``role`` in ``district`` (``scope``:
    network, school, department, partner), kept in ``users[name]``; returns the person, who
    is also placed in the school of the scope if ``person_school``."""
    from districtwise.core.models import Membership
    from districtwise.organization.models import Person

    user = bench_user(name)
    fields = {"school": scope.get("school")} if person_school else {}
    person = Person.objects.create(
        district=district, user=user, given_name=name, family_name="Bench", **fields
    )
    Membership.objects.create(person=person, district=district, role=role, **scope)
    users[name] = user
    return person


def build_timed(build: Callable[..., dict], *args, more: Callable[[dict], str] | None = None):
    """``build(*args)``, printing how long it took (and ``more(built)`` after it)."""
    began = time.perf_counter()
    built = build(*args)
    extra = more(built) if more else ""
    console.print(f"District built in {time.perf_counter() - began:.0f} s{extra}.")
    return built


def time_pages(users: dict, pages, repeats: int) -> list[tuple[str, str]]:
    """One row per ``(name, who, url)``: the page's median and p95 as ``users[who]``."""
    from django.test import Client

    rows = []
    for name, who, url in pages:
        client = Client()
        client.force_login(users[who])
        rows.append((name, page_time(client, url, repeats, name)))
    return rows


def print_table(title: str, column: str, rows, footer: str) -> None:
    table = Table(title=title)
    table.add_column(column)
    table.add_column("Median")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(footer)


def run_bench(
    doc: str,
    rows: Callable[[Path, int], list[tuple[str, str]]],
    *,
    name: str,
    title: str,
    footer: str,
    column: str = "Page",
    repeats: int = 10,
) -> None:
    """The scripts' main: ``--repeats``, ``rows(folder, repeats)`` in a temporary folder
    removed afterwards, then the table and its footer line."""
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=repeats)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix=f"districtwise-bench-{name}-"))
    try:
        found = rows(folder, args.repeats)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_table(title, column, found, footer)
