"""The allocation table written out for spreadsheets (CSV and XLSX): the rows the user
sees on the page, hidden figures as empty cells, every text cell neutralised against
spreadsheet formulas (``core.exports``)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook

from districtwise.core.exports import csv_text, neutralise
from districtwise.strategy.selectors.allocation import AllocationView, year_name
from districtwise.strategy.services.allocation import FLAG_WORDS

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def header(view: AllocationView) -> list[str]:
    per = "student" if view.per == 1 else f"{view.per}_students"
    return [
        "school_id",
        "school",
        "poverty_quartile",
        "students",
        *(f"students_{flag}" for flag in view.weighted_flags),
        "weighted_enrolment",
        "allocation",
        "actual",
        "gap",
        f"allocation_per_{per}",
        f"gap_per_{per}",
    ]


def rows(view: AllocationView) -> list[list[object]]:
    """One row per school the user sees; None where a figure is hidden or unknown."""
    return [
        [
            r.school_code,
            r.school_name,
            r.quartile,
            r.students,
            *(r.flagged[flag] for flag in view.weighted_flags),
            r.weighted,
            r.amount,
            r.actual,
            r.gap,
            r.amount_per,
            r.gap_per,
        ]
        for r in view.rows
    ]


def allocation_csv(view: AllocationView) -> str:
    """The allocation table as RFC 4180 CSV (plain decimals, empty for hidden)."""
    return csv_text(header(view), rows(view))


def about(view: AllocationView) -> list[tuple[str, object]]:
    scenario = view.scenario
    facts: list[tuple[str, object]] = [
        ("scenario", scenario.name),
        ("school_year", year_name(scenario.school_year)),
        ("unit", scenario.get_unit_display()),
        ("pool", scenario.pool),
        ("base_weight", scenario.base_weight),
    ]
    facts += [
        (f"weight for {FLAG_WORDS[flag]}", Decimal(scenario.weights[flag]))
        for flag in view.weighted_flags
    ]
    facts.append(("adopted", scenario.adopted_at.isoformat() if scenario.adopted_at else "no"))
    return facts


def allocation_xlsx(view: AllocationView) -> bytes:
    """A workbook: the "Allocation" sheet (the table), for district-wide readers a "Poverty
    quartiles" sheet (the sums per quartile), and a "Scenario" sheet (its pool, weights and
    whether it was adopted)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Allocation"
    sheet.append(header(view))
    for row in rows(view):
        sheet.append([neutralise(value) for value in row])
    sheet.freeze_panes = "A2"
    if view.quartiles is not None:
        quartiles = book.create_sheet(title="Poverty quartiles")
        quartiles.append(["poverty_quartile", "schools", "students", "allocation", "actual", "gap"])
        for q in view.quartiles:
            quartiles.append([q.quartile, q.schools, q.students, q.amount, q.actual, q.gap])
    info = book.create_sheet(title="Scenario")
    info.append(["what", "value"])
    for name, value in about(view):
        info.append([name, neutralise(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
