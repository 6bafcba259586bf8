"""Pages of the district data: what is loaded, imports with their reports, progress."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.data import access, selectors, services
from districtwise.data.access import DATA_ROLES
from districtwise.data.forms import UploadForm
from districtwise.web.selectors import bars

REPORT_COLUMNS = ["severity", "file", "line", "column", "value", "rule", "message"]


@district_view(roles=DATA_ROLES)
def overview(request):
    figures = selectors.enrollment_figures(user=request.user, district=request.district)
    context = {
        "figures": figures,
        "student_bars": bars(
            [
                (f"{f['school_year'] - 1}-{str(f['school_year'])[-2:]}", f["students"])
                for f in figures
            ]
        ),
        "years": selectors.years_loaded(user=request.user, district=request.district),
        "jobs": selectors.running_jobs(user=request.user, district=request.district),
        "page": Paginator(
            selectors.batch_list(user=request.user, district=request.district), 25
        ).get_page(request.GET.get("page")),
    }
    return render(request, "data/overview.html", context)


@district_view(roles=DATA_ROLES)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        source = _save_uploads(form.cleaned_data["upload"])
        names = ", ".join(f.name for f in form.cleaned_data["upload"])
        job = services.import_queue(
            actor=request.user, district=request.district, source=source, source_name=names
        )
        return redirect("data:job_detail", pk=job.pk)
    return render(request, "data/upload.html", {"form": form})


def _save_uploads(files) -> Path:
    """Stream the uploads to a private folder (a zip stays a zip)."""
    holder = Path(tempfile.mkdtemp(prefix="districtwise-upload-"))
    if len(files) == 1 and files[0].name.lower().endswith(".zip"):
        target = holder / Path(files[0].name).name
    else:
        target = holder / "files"
        target.mkdir()
    for upload_file in files:
        path = target if target.suffix == ".zip" else target / Path(upload_file.name).name
        with path.open("wb") as out:
            for chunk in upload_file.chunks():
                out.write(chunk)
    return target


@district_view(roles=DATA_ROLES)
def job_detail(request, pk: int):
    job = access.get_job_for_user(request.user, request.district, pk)
    return render(request, "data/job_detail.html", {"job": job})


@district_view(roles=DATA_ROLES)
def job_progress(request, pk: int):
    job = access.get_job_for_user(request.user, request.district, pk)
    response = render(request, "data/job_progress.html", {"job": job})
    if job.is_finished:
        response["HX-Refresh"] = "true"  # show the finished page with its report link
    return response


@require_POST
@district_view(roles=DATA_ROLES)
def job_cancel(request, pk: int):
    job = access.get_job_for_user(request.user, request.district, pk)
    services.job_cancel(actor=request.user, job=job)
    return redirect("data:job_detail", pk=job.pk)


@district_view(roles=DATA_ROLES)
def batch_detail(request, pk: int):
    batch = access.get_batch_for_user(request.user, request.district, pk)
    errors = [p for p in batch.problems if p["severity"] == "error"]
    warnings = [p for p in batch.problems if p["severity"] == "warning"]
    context = {"batch": batch, "errors": errors, "warnings": warnings}
    return render(request, "data/batch_detail.html", context)


@district_view(roles=DATA_ROLES)
def batch_report(request, pk: int):
    batch = access.get_batch_for_user(request.user, request.district, pk)
    rows = ([p.get(c) for c in REPORT_COLUMNS] for p in batch.problems)
    return csv_download(f"import-{batch.pk}-report.csv", REPORT_COLUMNS, rows)


@require_POST
@district_view(roles=DATA_ROLES)
def version_restore(request, pk: int):
    version = access.get_version_for_user(request.user, request.district, pk)
    services.dataset_version_restore(actor=request.user, version=version)
    return redirect("data:overview")
