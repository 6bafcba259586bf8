"""Fixtures for the import tests: small generated districts written to the contract."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from districtwise.demo.files import generate_district_files


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> Path:
    """A small generated district, two school years (2025 and 2026); treat as read-only."""
    folder = tmp_path_factory.mktemp("demo-files")
    generate_district_files(folder, seed=11, students=400, years=2)
    (folder / "manifest.json").unlink()
    return folder


@pytest.fixture
def files(demo_files, tmp_path) -> Path:
    """A private copy of the demo files that a test may change."""
    copy = tmp_path / "extract"
    shutil.copytree(demo_files, copy)
    return copy


def rewrite(path: Path, change) -> None:
    """Apply ``change(row) -> row | None`` to every data row of a CSV file."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = [r for r in (change(dict(row)) for row in reader) if r is not None]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def only_year(folder: Path, year: int) -> None:
    """Keep only ``year`` in every year-bearing file (an extract of one year)."""
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            header = handle.readline()
        if "school_year" in header:
            rewrite(path, lambda r: r if r["school_year"] == str(year) else None)
        elif "date" in header.split(","):
            rewrite(path, lambda r: r if _in_year(r["date"], year) else None)


def _in_year(date: str, year: int) -> bool:
    return f"{year - 1}-07-01" <= date <= f"{year}-06-30"
