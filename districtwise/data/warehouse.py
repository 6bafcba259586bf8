"""Where the district's data lives on disk, and which files are live.

    <DATA_DIR>/warehouse/<district>/batches/<batch key>/<table>/school_year=<Y>/data.parquet
    <DATA_DIR>/warehouse/<district>/batches/<batch key>/{schools,students}/data.parquet
    <DATA_DIR>/warehouse/<district>/staging/<batch key>/   (being written; never read)

A batch directory is written under ``staging`` and renamed into ``batches`` whole; it becomes
live only when the database transaction that marks its versions live commits. A directory
that no committed version points at is debris of an interrupted import and is removed.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
from django.conf import settings

from districtwise.analytics.contract import UNVERSIONED
from districtwise.data.models import ImportBatch

KEYS = {"schools": "school_id", "students": "student_id"}


def warehouse_root() -> Path:
    return Path(settings.DATA_DIR) / "warehouse"


def district_dir(district) -> Path:
    return warehouse_root() / district.code


def batch_dir(batch: ImportBatch) -> Path:
    return district_dir(batch.district) / "batches" / batch.key.hex


def staging_dir(batch: ImportBatch) -> Path:
    return district_dir(batch.district) / "staging" / batch.key.hex


def work_dir(batch: ImportBatch) -> Path:
    return Path(settings.DATA_DIR) / "work" / batch.key.hex


def upload_dir(batch: ImportBatch) -> Path:
    return Path(settings.DATA_DIR) / "uploads" / batch.key.hex


def live_versions(district):
    from districtwise.data.models import DatasetVersion

    return DatasetVersion.objects.filter(district=district, is_live=True).select_related("batch")


def live_files(district) -> dict[str, list[Path]]:
    """Parquet files of the live data, table by table (a table no live version has is absent).

    Year-bearing tables come from each year's live version; schools and students from the
    newest live batch, which holds every school and student of the batches before it.
    """
    versions = list(live_versions(district))
    files: dict[str, list[Path]] = {}
    for version in versions:
        root = batch_dir(version.batch)
        for part in sorted(root.glob(f"*/school_year={version.school_year}/data.parquet")):
            files.setdefault(part.parent.parent.name, []).append(part)
    if versions:
        newest = max(versions, key=lambda v: v.batch_id).batch
        for table in UNVERSIONED:
            path = batch_dir(newest) / table / "data.parquet"
            if path.exists():
                files[table] = [path]
    return files


def merge_unversioned(staged: Path, district) -> None:
    """Add to the staged schools and students those of the live data that the new files do
    not mention, so that the newest batch always holds them all."""
    live = live_files(district)
    with duckdb.connect() as con:
        for table in UNVERSIONED:
            target = staged / table / "data.parquet"
            if table not in live or not target.exists():
                continue
            merged = target.with_name("merged.parquet")
            key = KEYS[table]
            # key is one of two constants and merged a path of ours; the inputs are bound.
            con.execute(
                f"COPY (SELECT * FROM read_parquet(?) UNION ALL BY NAME "  # noqa: S608
                f"SELECT * FROM read_parquet(?) WHERE {key} NOT IN "
                f"(SELECT {key} FROM read_parquet(?))) TO '{merged}' (FORMAT parquet)",
                [str(target), str(live[table][0]), str(target)],
            )
            merged.replace(target)


def fingerprint(files: dict[str, Path]) -> tuple[str, dict[str, str]]:
    """SHA-256 of each file (streamed) and of the whole set: the same files, the same print."""
    hashes = {}
    for name in sorted(files):
        digest = hashlib.sha256()
        with files[name].open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        hashes[name] = digest.hexdigest()
    whole = hashlib.sha256("\n".join(f"{n}:{h}" for n, h in hashes.items()).encode())
    return whole.hexdigest(), hashes


def remove_debris(district=None) -> list[Path]:
    """Remove staging directories, work folders and batch directories no version points at."""
    root = warehouse_root()
    referenced = {
        key.hex
        for key in ImportBatch.objects.filter(versions__isnull=False).values_list("key", flat=True)
    }
    active = {
        key.hex
        for key in ImportBatch.objects.filter(status__in=["queued", "running"]).values_list(
            "key", flat=True
        )
    }
    candidates = [
        *root.glob("*/staging/*"),
        *root.glob("*/batches/*"),
        *(Path(settings.DATA_DIR) / "work").glob("*"),
    ]
    removed = [p for p in candidates if p.name not in active and p.name not in referenced]
    removed += [p for p in (Path(settings.DATA_DIR) / "uploads").glob("*") if p.name not in active]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed
