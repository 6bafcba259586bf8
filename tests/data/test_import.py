"""Imports as one batch: all of it live at once or none of it; versions per school year."""

from __future__ import annotations

import pytest
from django.test import override_settings

from districtwise.data import services, warehouse
from districtwise.data.models import DatasetVersion, ImportBatch, Job
from districtwise.organization.models import School
from tests.data.conftest import only_year, rewrite


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield


def run_import(source, code="riverbend", actor=None) -> ImportBatch:
    """What ``districtwise import`` does, in-process."""
    import shutil
    import tempfile
    from pathlib import Path

    district, _ = services.district_for_import(code=code, create=True)
    copy = Path(tempfile.mkdtemp()) / source.name
    (shutil.copytree if source.is_dir() else shutil.copy2)(source, copy)
    job = services.import_queue(
        actor=actor, district=district, source=copy, source_name=source.name
    )
    assert services.job_claim(job)
    return services.import_run(job=job)


def live_state(batch) -> dict:
    """What is live for the batch's district: year -> (batch, row counts) and the files."""
    versions = DatasetVersion.objects.filter(district=batch.district, is_live=True)
    return {
        "versions": {v.school_year: (v.batch_id, v.row_counts) for v in versions},
        "files": {t: sorted(map(str, p)) for t, p in warehouse.live_files(batch.district).items()},
    }


def test_an_import_makes_every_year_live_and_creates_the_schools(db, files):
    batch = run_import(files)
    assert batch.status == "live", (batch.message, batch.problems[:5])
    assert sorted(batch.years) == [2025, 2026]
    state = live_state(batch)
    assert sorted(state["versions"]) == [2025, 2026]
    assert {"schools", "students", "enrollments", "attendance", "discipline"} <= set(state["files"])
    schools_in_file = sum(1 for _ in (files / "schools.csv").open()) - 1
    assert School.objects.filter(district=batch.district).count() == schools_in_file
    assert Job.objects.get(batch=batch).status == Job.Status.SUCCEEDED


def test_importing_the_same_files_again_changes_nothing(db, files):
    first = run_import(files)
    before = live_state(first)
    again = run_import(files)
    assert again.status == "unchanged"
    assert live_state(first) == before
    assert not again.versions.exists()


def test_bad_files_are_rejected_with_the_live_data_untouched(db, files, tmp_path):
    first = run_import(files)
    before = live_state(first)
    rewrite(
        files / "enrollments.csv",
        lambda r: r | {"school_id": "NOPE"} if r["grade_level"] == "03" else r,
    )
    second = run_import(files)
    assert second.status == "rejected"
    assert second.error_count > 0
    unknown = [p for p in second.problems if p["rule"] == "unknown_school"]
    assert unknown and unknown[0]["file"] == "enrollments.csv" and unknown[0]["value"] == "NOPE"
    assert unknown[0]["line"] >= 2
    assert live_state(first) == before
    assert not warehouse.batch_dir(second).exists()


def test_a_newer_extract_of_a_year_replaces_that_year_and_the_old_one_can_be_restored(
    db, files, tmp_path
):
    first = run_import(files)
    only_year(files, 2026)
    rewrite(files / "attendance.csv", lambda r: r | {"days_absent": "0"})
    second = run_import(files)
    assert second.status == "live", second.message
    versions = live_state(first)["versions"]
    assert versions[2025][0] == first.pk  # the year the new extract does not have stays
    assert versions[2026][0] == second.pk
    old_2026 = DatasetVersion.objects.get(batch=first, school_year=2026)
    assert not old_2026.is_live
    services.dataset_version_restore(actor=None, version=old_2026)
    assert live_state(first)["versions"][2026][0] == first.pk
    # The students of the years in the older batch are still there, merged into the new one.
    students = warehouse.live_files(first.district)["students"]
    import duckdb

    count = duckdb.sql(f"select count(*) from read_parquet('{students[0]}')").fetchall()[0][0]
    assert count == sum(1 for _ in (tmp_path / "extract" / "students.csv").open()) - 1


def test_an_extract_without_an_optional_file_says_the_year_loses_that_table(db, files):
    first = run_import(files)
    only_year(files, 2026)
    (files / "discipline.csv").unlink()
    second = run_import(files)
    assert second.status == "live", second.message
    left_out = [p for p in second.problems if p["rule"] == "table_left_out"]
    had = DatasetVersion.objects.get(batch=first, school_year=2026).row_counts["discipline"]
    assert [(p["file"], p["severity"]) for p in left_out] == [("discipline.csv", "warning")]
    assert left_out[0]["message"].startswith(
        f"discipline.csv has no rows for 2025-26 in these files, while the live data has {had:,}."
    )
    assert "can be restored" in left_out[0]["message"]
    assert "discipline" not in DatasetVersion.objects.get(batch=second).row_counts
    # The year the new files do not cover keeps its discipline and draws no warning.
    assert DatasetVersion.objects.get(batch=first, school_year=2025).is_live
    assert all("2024-25" not in p["message"] for p in left_out)


def test_an_exception_inside_the_final_step_leaves_the_live_data_and_no_debris(
    db, files, monkeypatch
):
    """Fault injection: the last step before commit raises, after the new versions were
    already written in the (then rolled back) transaction and the folder moved in."""
    first = run_import(files)
    before = live_state(first)
    rewrite(files / "attendance.csv", lambda r: r | {"days_absent": "0"})

    def crash(**kwargs):
        raise RuntimeError("simulated crash while making the data live")

    monkeypatch.setattr(services, "organization_sync", crash)
    second = run_import(files)
    assert second.status == "failed"
    assert "nothing changed" in second.message
    assert "simulated crash" in second.message
    assert live_state(first) == before
    assert not DatasetVersion.objects.filter(batch=second).exists()
    assert not warehouse.batch_dir(second).exists()
    assert not warehouse.staging_dir(second).exists()


def test_the_worker_runs_queued_imports_and_marks_interrupted_ones_failed(db, files):
    from districtwise.data.worker import run_worker

    district, _ = services.district_for_import(code="riverbend", create=True)
    import shutil
    import tempfile
    from pathlib import Path

    copy = Path(tempfile.mkdtemp()) / "extract"
    shutil.copytree(files, copy)
    job = services.import_queue(actor=None, district=district, source=copy, source_name="x")
    stale = Job.objects.create(district=district, status="running", worker_pid=999999)
    assert run_worker(once=True, say=lambda _: None) == 1
    job.refresh_from_db()
    stale.refresh_from_db()
    assert job.status == "succeeded" and job.batch.status == "live"
    assert stale.status == "failed" and "Interrupted" in stale.message


def test_a_queued_import_can_be_cancelled(db, files):
    district, _ = services.district_for_import(code="riverbend", create=True)
    import shutil
    import tempfile
    from pathlib import Path

    copy = Path(tempfile.mkdtemp()) / "extract"
    shutil.copytree(files, copy)
    job = services.import_queue(actor=None, district=district, source=copy, source_name="x")
    services.job_cancel(actor=None, job=job)
    assert job.status == "cancelled"
    assert (
        job.batch.status == "cancelled"
        or ImportBatch.objects.get(pk=job.batch_id).status == "cancelled"
    )


def test_importing_into_an_unknown_district_creates_it(db, files):
    batch = run_import(files, code="new-district")
    assert batch.status == "live"
    assert batch.district.code == "new-district"


def test_a_oneroster_roster_imports_schools_students_and_staff_people(db):
    from pathlib import Path

    from districtwise.organization.models import Person

    bundle = Path(__file__).parent.parent / "analytics" / "oneroster_fixtures" / "bundle"
    batch = run_import(bundle, code="roster")
    assert batch.status == "live", (batch.message, batch.problems[:5])
    assert batch.source_kind == "oneroster"
    assert School.objects.filter(district=batch.district).count() == 2
    staff = Person.objects.filter(district=batch.district).exclude(staff_id="")
    assert staff.exists() and all(p.family_name for p in staff)
    # What could not be mapped is reported, not dropped silently.
    assert any(p["rule"] == "oneroster_unmapped" for p in batch.problems)


def test_a_running_import_stops_when_cancelled_and_changes_nothing(db, files):
    first = run_import(files)
    before = live_state(first)
    rewrite(files / "attendance.csv", lambda r: r | {"days_absent": "0"})
    import shutil
    import tempfile
    from pathlib import Path

    copy = Path(tempfile.mkdtemp()) / "extract"
    shutil.copytree(files, copy)
    job = services.import_queue(actor=None, district=first.district, source=copy, source_name="x")
    assert services.job_claim(job)
    services.job_cancel(actor=None, job=job)  # asked while it runs: it stops at its next step
    assert job.cancel_requested
    batch = services.import_run(job=job)
    job.refresh_from_db()
    assert batch.status == "cancelled"
    assert job.status == "cancelled"
    assert live_state(first) == before


def test_a_file_over_the_size_limit_is_refused_by_name_with_nothing_changed(db, files):
    first = run_import(files)
    before = live_state(first)
    with override_settings(IMPORT_MAX_FILE_BYTES=1000):
        second = run_import(files)
    assert second.status == "rejected"
    assert "limit" in second.message and "Nothing changed" in second.message
    assert live_state(first) == before


def test_a_renamed_school_in_the_files_renames_it_with_an_audit_entry(db, files):
    from districtwise.core.models import AuditEntry

    first = run_import(files)
    school = School.objects.filter(district=first.district).order_by("code").first()
    rewrite(
        files / "schools.csv",
        lambda r: r | {"name": "Renamed Academy"} if r["school_id"] == school.code else r,
    )
    second = run_import(files)
    assert second.status == "live", second.message
    school.refresh_from_db()
    assert school.name == "Renamed Academy"
    entry = AuditEntry.objects.filter(object_type="organization.school", action="update").get()
    assert entry.changes["name"][1] == "Renamed Academy"


def test_a_nul_character_in_a_file_is_reported_and_stored_safely(db, files):
    """PostgreSQL keeps no NUL in text: the report shows it escaped instead of failing."""
    rewrite(files / "students.csv", lambda r: r | {"sex": "F\x00"})
    batch = run_import(files)
    assert batch.status == "rejected"
    batch.refresh_from_db()
    values = [p["value"] for p in batch.problems if p["file"] == "students.csv"]
    assert values and all("\x00" not in (v or "") for v in values)
    assert any("\\x00" in (v or "") for v in values)
