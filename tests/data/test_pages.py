"""The data steward's pages: upload, progress, the report, what is loaded, restore."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from districtwise.data.models import DatasetVersion, ImportBatch, Job
from districtwise.data.worker import run_worker
from tests.data.conftest import rewrite


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield


def uploads(folder) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
        for path in sorted(folder.glob("*.csv"))
    ]


def upload_and_run(client, files) -> ImportBatch:
    response = client.post(reverse("data:upload"), {"upload": files})
    assert response.status_code == 302, response.content.decode()[:3000]
    job = Job.objects.latest("pk")
    assert response.url == reverse("data:job_detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "<progress" in page  # progress is shown while it waits for the worker
    run_worker(once=True, say=lambda _: None)
    return ImportBatch.objects.get(pk=job.batch_id)


def test_the_steward_uploads_files_and_sees_them_loaded(client_as, files):
    client = client_as("data_steward")
    assert "No data is loaded yet" in client.get(reverse("data:overview")).content.decode()
    batch = upload_and_run(client, uploads(files))
    assert batch.status == "live", batch.message
    assert batch.created_by.username == "data_steward"
    overview = client.get(reverse("data:overview")).content.decode()
    assert "School year 2025-26" in overview and "School year 2024-25" in overview
    assert "enrollments" in overview
    # The engine counts the students of each year; the chart has a table alternative.
    assert "Students enrolled per school year" in overview
    with (files / "enrollments.csv").open(newline="") as handle:
        rows = csv.DictReader(handle)
        students_2026 = len({r["student_id"] for r in rows if r["school_year"] == "2026"})
    assert f"<td>{students_2026}</td>" in overview
    detail = client.get(reverse("data:batch_detail", args=[batch.pk])).content.decode()
    assert "Rows per file" in detail and "enrollments.csv" in detail
    progress = client.get(reverse("data:job_progress", args=[batch.job.pk]))
    assert progress["HX-Refresh"] == "true"


def test_a_zip_upload_works_like_the_files(client_as, files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in files.glob("*.csv"):
            archive.write(path, f"extract/{path.name}")
    upload = SimpleUploadedFile("extract.zip", buffer.getvalue(), content_type="application/zip")
    batch = upload_and_run(client_as("data_steward"), [upload])
    assert batch.status == "live", batch.message


def test_errors_are_listed_and_the_report_csv_neutralises_formulas(client_as, files):
    rewrite(files / "enrollments.csv", lambda r: r | {"school_id": "=HYPERLINK(1)"})
    client = client_as("data_steward")
    batch = upload_and_run(client, uploads(files))
    assert batch.status == "rejected"
    detail = client.get(reverse("data:batch_detail", args=[batch.pk])).content.decode()
    assert "Errors: these block the import" in detail
    assert "unknown_school" in detail
    report = client.get(reverse("data:batch_report", args=[batch.pk]))
    text = report.content.decode()
    assert report["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in text
    assert ",=HYPERLINK" not in text
    assert not DatasetVersion.objects.exists()


def test_a_file_that_is_not_csv_or_zip_is_refused_in_the_form(client_as):
    bad = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    response = client_as("data_steward").post(reverse("data:upload"), {"upload": [bad]})
    assert response.status_code == 200
    assert "notes.txt is not a .csv or .zip file" in response.content.decode()
    assert not ImportBatch.objects.exists()


@override_settings(IMPORT_MAX_FILE_BYTES=100)
def test_a_file_over_the_size_limit_is_refused_with_its_size(client_as):
    big = SimpleUploadedFile("students.csv", b"x" * 500, content_type="text/csv")
    response = client_as("data_steward").post(reverse("data:upload"), {"upload": [big]})
    assert "students.csv is 500 bytes; the limit is 100 bytes" in response.content.decode()


def test_an_earlier_version_is_restored_from_the_page(client_as, files, tmp_path):
    client = client_as("data_steward")
    first = upload_and_run(client, uploads(files))
    shutil.copytree(files, tmp_path / "second")
    rewrite(tmp_path / "second" / "attendance.csv", lambda r: r | {"days_absent": "0"})
    second = upload_and_run(client, uploads(tmp_path / "second"))
    assert second.status == "live"
    old = DatasetVersion.objects.get(batch=first, school_year=2026)
    response = client.post(reverse("data:version_restore", args=[old.pk]))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.is_live
    assert not DatasetVersion.objects.get(batch=second, school_year=2026).is_live


def test_other_roles_find_no_data_pages_but_a_note_on_who_uses_them(client_as):
    client = client_as("principal_north_1")
    assert client.get(reverse("data:overview")).status_code == 404
    page = client.get(reverse("section", args=["data"])).content.decode()
    assert "data stewards import and check" in page
