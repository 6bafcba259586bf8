"""The board report (PDF) on the web: asking for it queues a job that the worker draws as
the asker may see the audit; its page follows the drawing and then offers the file, to the
person who asked only (``access.get_board_report_for_user``)."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.equity import access, services
from districtwise.equity.charts.labels import year_label

AUDIT_READERS = access.AUDIT_READERS


@require_POST
@district_view(roles=AUDIT_READERS)
def report_request(request):
    year = request.POST.get("year", "")
    if not year.isdecimal():
        raise Http404("Not found")
    try:
        report = services.board_report_request(
            actor=request.user, district=request.district, school_year=int(year)
        )
    except services.AuditUnavailable:
        raise Http404("Not found") from None
    return redirect("equity:report_detail", pk=report.pk)


def _context(report) -> dict:
    return {"report": report, "job": report.job, "year_label": year_label(report.school_year)}


@district_view(roles=AUDIT_READERS)
def report_detail(request, pk: int):
    report = access.get_board_report_for_user(request.user, request.scope, pk)
    return render(request, "equity/report_detail.html", _context(report))


@district_view(roles=AUDIT_READERS)
def report_progress(request, pk: int):
    report = access.get_board_report_for_user(request.user, request.scope, pk)
    response = render(request, "equity/report_progress.html", _context(report))
    if report.job.is_finished:
        response["HX-Refresh"] = "true"  # show the finished page with its download link
    return response


@require_POST
@district_view(roles=AUDIT_READERS)
def report_cancel(request, pk: int):
    report = access.get_board_report_for_user(request.user, request.scope, pk)
    services.board_report_cancel(actor=request.user, report=report)
    return redirect("equity:report_detail", pk=report.pk)


@district_view(roles=AUDIT_READERS)
def report_download(request, pk: int):
    report = access.get_board_report_for_user(request.user, request.scope, pk)
    if not report.ready:
        raise Http404("Not found")
    name = f"equity-board-report-{report.district.code}-{report.school_year}.pdf"
    # The path is ours (services.reports_dir), never taken from the request; FileResponse
    # closes the file.
    return FileResponse(
        open(report.path, "rb"),
        as_attachment=True,
        filename=name,
        content_type="application/pdf",
    )
