"""The board report (PDF) on the web: asked for on the overview, drawn by the worker as the
person who asked may see the audit, followed on its page, downloaded by that person only;
reused while nothing changed; failures, cancellations and interruptions say so."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from districtwise.core.models import Membership
from districtwise.data import services as data_services
from districtwise.data.models import Job
from districtwise.data.worker import run_worker
from districtwise.equity import services
from districtwise.equity.models import BoardReport
from tests.equity.conftest import YEAR, figure, store_run

OTHER_SCHOOLS = ("North Two Middle", "South One High")


@pytest.fixture
def audit(cast):
    """Every unit of the cast's district with its own figures (north_2 22.0%, south_1
    26.0%), and a small group (F, 4 students, flagged) at north_1, south_1 and the South
    network (which also hides the boys' figure there: it could be worked out from the
    total); Black students at north_1 are flagged (40.0%, n = 120)."""

    def unit(unit_type, unit_id, count, n, f_n):
        return [
            figure(unit_type, unit_id, "all", "all", count, n),
            figure(unit_type, unit_id, "sex", "F", 1, f_n, comparison_value=0.1, ratio=2.5),
            figure(unit_type, unit_id, "sex", "M", count - 1, n - f_n, comparison_value=0.25),
        ]

    rows = (
        unit("district", cast.district.code, 188, 1100, 200)
        + unit("network", cast.north.code, 97, 750, 200)
        + unit("network", cast.south.code, 91, 350, 4)
        + unit("school", cast.north_1.code, 20, 400, 4)
        + [
            figure("school", cast.north_1.code, "race_ethnicity", "BL", 48, 120, ratio=8.0),
            figure("school", cast.north_1.code, "race_ethnicity", "WH", 12, 200, ratio=0.3),
        ]
        + unit("school", cast.north_2.code, 77, 350, 200)
        + unit("school", cast.south_1.code, 91, 350, 4)
    )
    return store_run(cast.district, rows)


def ask(client, year=YEAR):
    return client.post(reverse("equity:report_request"), {"year": year})


def pdf_text(path: Path) -> str:
    """The words of a PDF, as poppler's pdftotext reads them."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())


def work() -> int:
    return run_worker(once=True, say=lambda _: None)


def test_a_principal_asks_and_the_worker_draws_only_their_school(client_as, cast, audit, data_dir):
    client = client_as("principal_north_1")
    overview = client.get(reverse("equity:overview")).content.decode()
    assert f'action="{reverse("equity:report_request")}"' in overview
    response = ask(client)
    report = BoardReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("equity:report_detail", args=[report.pk])
    job = report.job
    assert (job.kind, job.status, job.created_by) == ("report", "queued", cast["principal_north_1"])
    assert (report.requested_by, report.school_year, report.audit_run) == (
        cast["principal_north_1"],
        YEAR,
        audit,
    )
    waiting = client.get(response.url).content.decode()
    assert "<progress" in waiting and reverse("equity:report_progress", args=[report.pk]) in waiting
    assert reverse("equity:report_download", args=[report.pk]) not in waiting
    assert client.get(reverse("equity:report_download", args=[report.pk])).status_code == 404

    assert work() == 1
    report.refresh_from_db()
    job.refresh_from_db()
    assert job.status == "succeeded", job.message
    assert job.progress == 1.0 and job.step == "Done" and f"{report.pages} pages" in job.message
    path = Path(report.path)
    assert path == data_dir / "reports" / cast.district.code / f"{report.key.hex}.pdf"
    assert path.read_bytes()[:5] == b"%PDF-" and report.size == path.stat().st_size
    text = pdf_text(path)
    assert cast.district.name in text and "as principal_north_1 may see them" in text
    assert "at North One Elementary" in text and "40.0%" in text and "n = 120." in text
    # Their school's small group is suppressed for them: it is no finding of theirs.
    assert "Female at North One Elementary" not in text and "n = 4." not in text
    for other in (*OTHER_SCHOOLS, "North Network", "South Network", "22.0%", "26.0%"):
        assert other not in text

    progress = client.get(reverse("equity:report_progress", args=[report.pk]))
    assert progress["HX-Refresh"] == "true" and "100%" in progress.content.decode()
    done = client.get(reverse("equity:report_detail", args=[report.pk])).content.decode()
    assert "Your board report is ready" in done
    assert reverse("equity:report_download", args=[report.pk]) in done
    download = client.get(reverse("equity:report_download", args=[report.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert f"equity-board-report-{cast.district.code}-{YEAR}.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == path.read_bytes()


def test_the_data_stewards_report_holds_every_school_unsuppressed(client_as, cast, audit):
    """The other side of the principal's report: the same audit, drawn for a reader who
    sees every unit and every figure."""
    ask(client_as("data_steward"))
    assert work() == 1
    report = BoardReport.objects.get()
    assert report.job.status == "succeeded", report.job.message
    text = pdf_text(Path(report.path))
    assert all(name in text for name in ("North One Elementary", *OTHER_SCHOOLS))
    assert "Female at North One Elementary" in text and "n = 4." in text


@pytest.mark.parametrize(
    "person", ["superintendent", "principal_north_2", "coach_north_1", "north_lead", "outsider"]
)
def test_nobody_else_sees_or_downloads_someones_report(client, cast, audit, person):
    client.force_login(cast["principal_north_1"])
    ask(client)
    work()
    report = BoardReport.objects.get()
    assert client.get(reverse("equity:report_download", args=[report.pk])).status_code == 200
    client.force_login(cast[person])
    for name in ("equity:report_detail", "equity:report_progress", "equity:report_download"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404, name
    assert client.post(reverse("equity:report_cancel", args=[report.pk])).status_code == 404


def test_the_asker_loses_their_report_when_their_access_changes(client_as, cast, audit):
    client = client_as("principal_north_1")
    ask(client)
    work()
    report = BoardReport.objects.get()
    assert client.get(reverse("equity:report_download", args=[report.pk])).status_code == 200
    Membership.objects.filter(person__user=cast["principal_north_1"]).update(school=cast.north_2)
    assert client.get(reverse("equity:report_download", args=[report.pk])).status_code == 404


def test_a_report_asked_for_before_the_askers_access_changed_is_not_drawn(client_as, cast, audit):
    ask(client_as("principal_north_1"))
    Membership.objects.filter(person__user=cast["principal_north_1"]).update(school=cast.north_2)
    work()
    report = BoardReport.objects.get()
    assert report.job.status == "failed" and "access to the audit changed" in report.job.message
    assert not report.path and not list(services.reports_dir(cast.district).glob("*"))


def test_a_failed_report_says_why(client_as, cast, audit):
    client = client_as("superintendent")
    ask(client)
    Path(audit.path).write_bytes(b"not parquet")  # the disk let us down
    work()
    report = BoardReport.objects.get()
    assert report.job.status == "failed"
    assert report.job.message.startswith("The board report could not be drawn: ")
    page = client.get(reverse("equity:report_detail", args=[report.pk])).content.decode()
    assert "Failed" in page and "The board report could not be drawn: " in page
    assert "Ask for the board report again" in page
    assert client.get(reverse("equity:report_download", args=[report.pk])).status_code == 404
    assert not list(services.reports_dir(cast.district).glob("*"))


def test_a_report_is_drawn_once_and_reused_while_nothing_changes(client_as, cast, audit):
    client = client_as("principal_north_1")
    first = ask(client).url
    assert ask(client).url == first  # asked twice while it waits: one job
    assert Job.objects.filter(kind="report").count() == 1
    assert work() == 1
    report = BoardReport.objects.get()
    drawn_at = Path(report.path).stat().st_mtime_ns
    assert ask(client).url == first
    assert work() == 0 and Job.objects.filter(kind="report").count() == 1
    assert Path(report.path).stat().st_mtime_ns == drawn_at

    # Another reader, another year or a newer audit: drawn anew.
    ask(client_as("principal_north_2"))
    newer = store_run(cast.district, [figure("district", cast.district.code, "all", "all", 5, 50)])
    again = ask(client_as("principal_north_1"))
    assert again.url != first
    assert BoardReport.objects.get(pk=again.url.split("/")[-2]).audit_run == newer
    assert Job.objects.filter(kind="report", status="queued").count() == 2


def test_a_report_whose_file_is_gone_is_drawn_again(client_as, cast, audit):
    client = client_as("principal_north_1")
    first = ask(client).url
    work()
    report = BoardReport.objects.get()
    Path(report.path).unlink()
    page = client.get(first).content.decode()
    assert "The file is no longer kept" in page
    assert ask(client).url != first


def test_a_waiting_report_is_cancelled_at_once(client_as, cast, audit):
    client = client_as("principal_north_1")
    ask(client)
    report = BoardReport.objects.get()
    response = client.post(reverse("equity:report_cancel", args=[report.pk]))
    assert response.url == reverse("equity:report_detail", args=[report.pk])
    report.job.refresh_from_db()
    assert report.job.status == "cancelled"
    assert work() == 0
    assert "Cancelled before it started." in client.get(response.url).content.decode()


def test_a_report_being_drawn_stops_when_cancelled(client_as, cast, audit):
    ask(client_as("principal_north_1"))
    report = BoardReport.objects.get()
    assert data_services.job_claim(report.job)
    # The job in hand still reads "queued": cancelling goes by what the database says.
    services.board_report_cancel(actor=cast["principal_north_1"], report=report)
    assert services.board_report_job_run(job=report.job) == "Cancelled on request."
    report.refresh_from_db()
    assert report.job.status == "cancelled" and not report.path
    assert not list(services.reports_dir(cast.district).glob("*"))


def test_an_interrupted_report_is_marked_failed_and_its_partial_file_removed(
    client_as, cast, audit
):
    ask(client_as("principal_north_1"))
    report = BoardReport.objects.get()
    Job.objects.filter(pk=report.job_id).update(status="running", worker_pid=999_999)
    partial = services.reports_dir(cast.district) / f"{report.key.hex}.partial"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"%PDF-half")
    assert work() == 0
    report.job.refresh_from_db()
    assert report.job.status == "failed" and "ask for it again" in report.job.message
    assert not partial.exists()


def test_the_worker_recovers_no_report_a_living_worker_is_drawing(client_as, cast, audit):
    ask(client_as("principal_north_1"))
    report = BoardReport.objects.get()
    other_worker = subprocess.Popen(["sleep", "60"])  # a process that is alive
    try:
        Job.objects.filter(pk=report.job_id).update(status="running", worker_pid=other_worker.pid)
        partial = services.reports_dir(cast.district) / f"{report.key.hex}.partial"
        partial.parent.mkdir(parents=True)
        partial.write_bytes(b"%PDF-half")
        work()
    finally:
        other_worker.kill()
        other_worker.wait()
    report.job.refresh_from_db()
    assert report.job.status == "running" and partial.exists()


def test_a_year_without_an_audit_or_a_reader_without_one_finds_nothing(client_as, cast, audit):
    assert ask(client_as("superintendent"), year=YEAR - 1).status_code == 404
    assert client_as("superintendent").post(reverse("equity:report_request")).status_code == 404
    assert ask(client_as("family")).status_code == 404
    assert client_as("superintendent").get(reverse("equity:export", args=["pdf"])).status_code == (
        404
    )
    assert not BoardReport.objects.exists() and not Job.objects.filter(kind="report").exists()


def test_a_report_job_is_not_shown_among_the_district_data_jobs(client_as, cast, audit):
    ask(client_as("principal_north_1"))
    report = BoardReport.objects.get()
    steward = client_as("data_steward")
    assert steward.get(reverse("data:job_detail", args=[report.job_id])).status_code == 404
    overview = steward.get(reverse("data:overview")).content.decode()
    assert f"/data/jobs/{report.job_id}/" not in overview
