"""The equity audit as a board report (PDF): a cover, the settings it ran with, the findings,
then one section per dimension with the same charts (the same SVGs) and tables as the pages.
Drawn by WeasyPrint from HTML; it reads only what the user may see (through the selectors).

The web asks for it through a background job (``services.board_report_request``); the
command line draws it at once. ``progress(step, fraction)`` hears of each stage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from districtwise.analytics.equity.spec import DIMENSIONS
from districtwise.equity import selectors
from districtwise.equity.charts.labels import DIMENSION_ABOUT, DIMENSION_NAMES, year_label

Progress = Callable[[str, float], None]


def _silent(step: str, fraction: float) -> None:
    del step, fraction


def board_report_html(*, user, district, school_year: int, progress: Progress | None = None) -> str:
    """The report's HTML (what the PDF is drawn from)."""
    from districtwise.equity.views import figures

    say = progress or _silent
    say("Reading the figures you may see", 0.02)
    rows = figures.visible_rows(user=user, district=district, school_year=school_year)
    every_year = figures.visible_rows(user=user, district=district)
    names = figures.unit_names(user=user, district=district)
    unit = figures.top_unit(rows)
    run = selectors.current_run(user=user, district=district)
    threshold = run.audit_settings().risk_ratio_threshold if run else 2.0
    sections = []
    for done, dimension in enumerate(DIMENSIONS):
        share = done / len(DIMENSIONS)
        say(f"Drawing the charts: {DIMENSION_NAMES[dimension]}", 0.05 + 0.4 * share)
        section = {"name": DIMENSION_NAMES[dimension], "about": DIMENSION_ABOUT[dimension]}
        if unit is not None:
            mine = [r for r in rows if r["dimension"] == dimension]
            history = [r for r in every_year if r["dimension"] == dimension]
            section |= figures.dimension_figures(
                dimension, mine, history, unit, "race_ethnicity", names, threshold
            )
        sections.append(section)
    say("Listing the findings", 0.45)
    findings = figures.year_findings(user=user, district=district, school_year=school_year)
    context = {
        "district": district,
        "year_label": year_label(school_year),
        "unit_label": figures.unit_label(names, *unit) if unit else "",
        "run": run,
        "ran_with": selectors.setting_rows(run.audit_settings()) if run else [],
        # Every finding: the board's copy of the audit must not leave a disparity out.
        "findings": [figures.finding_view(f, names) for f in findings],
        "finding_count": len(findings),
        "sections": sections,
        "printed_at": timezone.localtime(),
        "reader": user,
    }
    return render_to_string("equity/report.html", context)


@dataclass(frozen=True)
class DrawnReport:
    pdf: bytes
    pages: int


def board_report_drawn(
    *, user, district, school_year: int, progress: Progress | None = None
) -> DrawnReport:
    """The board report of ``school_year`` as the user may see it, drawn: the PDF and its
    number of pages. Laying out the pages is the longest stage."""
    from weasyprint import HTML

    say = progress or _silent
    html = board_report_html(
        user=user, district=district, school_year=school_year, progress=progress
    )
    say("Laying out the pages", 0.5)
    document = HTML(string=html).render()
    say(f"Writing the PDF ({len(document.pages)} pages)", 0.9)
    pdf = document.write_pdf()
    assert pdf is not None  # with no target, WeasyPrint returns the bytes
    return DrawnReport(pdf=pdf, pages=len(document.pages))


def board_report_pdf(*, user, district, school_year: int) -> bytes:
    """The board report of ``school_year`` as the user may see it, as PDF bytes."""
    return board_report_drawn(user=user, district=district, school_year=school_year).pdf
