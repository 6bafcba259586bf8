"""The generated demo district validates without errors and every file is staged."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from districtwise.analytics import contract
from districtwise.analytics.validate import validate_and_stage
from districtwise.demo.files import generate_district_files


def test_the_demo_district_validates_and_stages_every_file(tmp_path: Path) -> None:
    manifest = generate_district_files(
        tmp_path / "in", seed=1, students=2500, daily_attendance=True
    )
    files = {name: tmp_path / "in" / name for name in manifest["files"]}
    report = validate_and_stage(files, tmp_path / "out")
    assert [p for p in report.problems if p.severity == "error"] == []
    assert report.problems == []  # the demo's daily totals equal attendance.csv exactly
    assert report.row_counts == manifest["files"]
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(s.table for s in contract.FILES)
    for spec in contract.FILES:
        folder = out / spec.table
        paths = sorted(folder.rglob("*.parquet"))
        rows = sum(pq.read_metadata(p).num_rows for p in paths)
        assert rows == manifest["files"][spec.name], spec.table
        if spec.table not in contract.UNVERSIONED:
            years = sorted(int(p.parent.name.split("=")[1]) for p in paths)
            assert years == sorted(report.rows_by_year[spec.table]), spec.table
    assert report.years == [2024, 2025, 2026]
    ids = pq.read_table(out / "students" / "data.parquet").column("student_id").to_pylist()
    assert all(isinstance(i, str) and i.startswith("0") for i in ids[:10])
