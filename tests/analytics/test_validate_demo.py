"""The generated demo district validates without errors and every file is staged."""

from __future__ import annotations

import csv
import io
import random
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


def rewritten(source: Path, target: Path, seed: int) -> None:
    """Every file of ``source`` as another exporter might write it: a byte-order mark, CRLF
    line ends, every field quoted, the columns in another order, and a column of its own
    (a formula-looking note with a quoted comma)."""
    target.mkdir()
    shuffle = random.Random(seed)
    for path in sorted(source.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            header, *body = list(csv.reader(handle))
        order = list(range(len(header)))
        shuffle.shuffle(order)
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow([header[i] for i in order] + ["local_note"])
        for row in body:
            writer.writerow([row[i] for i in order] + ['=1+2, "see office"'])
        (target / path.name).write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def test_files_written_another_way_stage_the_same_data(tmp_path: Path) -> None:
    generate_district_files(
        tmp_path / "plain", seed=3, students=600, years=2, daily_attendance=True
    )
    rewritten(tmp_path / "plain", tmp_path / "other", seed=4)
    reports = {}
    for name in ("plain", "other"):
        files = {p.name: p for p in (tmp_path / name).glob("*.csv")}
        reports[name] = validate_and_stage(files, tmp_path / f"staged-{name}")
    assert reports["plain"].problems == []
    other = reports["other"]
    assert not other.has_errors
    assert {(p.rule, p.column) for p in other.problems} == {("unknown_column", "local_note")}
    assert other.row_counts == reports["plain"].row_counts
    for plain in sorted((tmp_path / "staged-plain").rglob("*.parquet")):
        theirs = tmp_path / "staged-other" / plain.relative_to(tmp_path / "staged-plain")
        expected = pq.read_table(plain)
        got = pq.read_table(theirs)
        assert got.column_names == [*expected.column_names, "local_note"], plain
        assert got.select(expected.column_names).equals(expected), plain
        assert set(got.column("local_note").to_pylist()) == {'=1+2, "see office"'}
