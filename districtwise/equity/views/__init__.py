"""The equity audit's views (see ``pages``, ``reports`` and ``settings``; ``figures``
arranges what they and the board report show)."""

from districtwise.equity.views.pages import dimension, export, findings, overview
from districtwise.equity.views.reports import (
    report_cancel,
    report_detail,
    report_download,
    report_progress,
    report_request,
)
from districtwise.equity.views.settings import settings_page

__all__ = [
    "dimension",
    "export",
    "findings",
    "overview",
    "report_cancel",
    "report_detail",
    "report_download",
    "report_progress",
    "report_request",
    "settings_page",
]
