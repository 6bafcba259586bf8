"""The plan as an XLSX workbook: one sheet for the plan itself (vision, mission, the
district's rule), then goals, group targets, the theory of action, initiatives, budget
lines and milestones, one row per thing. Money is a number in a currency format, dates are
dates, rates are numbers; every text cell is neutralised against spreadsheet formulas."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from districtwise.core.exports import neutralise
from districtwise.equity.charts.labels import group_label
from districtwise.strategy.exports.contents import PlanContents, by_code
from districtwise.strategy.models import Indicator

DOLLARS = '"$"#,##0.00'
DATE = "yyyy-mm-dd"
SHARE = "0%"
PERCENT = "0.0%"


def _cell(value: object) -> object:
    # openpyxl stores a text starting with "=" as a formula: every text cell is neutralised.
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return neutralise(value)


def _sheet(
    book: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence]
) -> Worksheet:
    sheet = book.create_sheet(title=title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        longest = max((len(str(c.value or "")) for c in sheet[cell.column_letter]), default=0)
        sheet.column_dimensions[cell.column_letter].width = min(60, max(12, longest + 2))
    return sheet


def _formats(sheet: Worksheet, formats: dict[str, str]) -> None:
    """Number formats by column header, for every row under the header."""
    columns = {cell.value: cell.column_letter for cell in sheet[1]}
    for header, number_format in formats.items():
        for cell in sheet[columns[header]][1:]:
            cell.number_format = number_format


def _plan_sheet(book: Workbook, contents: PlanContents) -> None:
    plan = contents.plan
    rows = [
        ("District", str(contents.district)),
        ("Plan", plan.title),
        ("Vision", plan.vision),
        ("Mission", plan.mission),
        ("Starts", plan.starts_on),
        ("Ends", plan.ends_on),
        ("On track from (share of the expected progress)", plan.on_track_share),
        ("At risk from (share of the expected progress)", plan.at_risk_share),
        ("Initiatives one school can carry", plan.school_initiative_limit),
        ("Total budget of the initiatives below", contents.total_budget),
        ("Exported for", contents.reader.get_username()),  # type: ignore[attr-defined]
        ("Exported at", contents.printed_at.strftime("%Y-%m-%d %H:%M %Z")),
    ]
    if not contents.sees_every_school:
        rows.append(("Scope", "The initiatives and schools this reader may see"))
    sheet = _sheet(book, "Plan", ("About the plan", "Value"), rows)
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 90
    for cell in sheet["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    formats = {"Starts": DATE, "Ends": DATE, "Total budget": DOLLARS, "On track": SHARE}
    formats["At risk"] = SHARE
    for label, value in sheet.iter_rows(min_row=2):
        value.number_format = next(
            (f for start, f in formats.items() if str(label.value).startswith(start)), "General"
        )


def _value_format(indicator: Indicator | None) -> str:
    if indicator is not None and indicator.unit == Indicator.Unit.DOLLARS:
        return DOLLARS
    if indicator is not None and indicator.unit == Indicator.Unit.NUMBER:
        return "General"
    return PERCENT


GOAL_HEADER = (
    "Code", "Goal", "Priority", "Owner", "Indicator", "Indicator source", "Baseline",
    "Baseline date", "Target", "Target date", "Learning agendas", "Areas of action",
    "Equity goal", "Status", "Why", "Initiatives serving it",
)  # fmt: skip


def _goal_sheets(book: Workbook, contents: PlanContents) -> None:
    rows = []
    for entry in contents.goals:
        goal = entry.goal
        indicator = goal.indicator
        rows.append((
            goal.code, goal.title, goal.priority, str(goal.owner_department or "The cabinet"),
            str(indicator or ""), indicator.get_source_display() if indicator else "",
            goal.baseline_value, goal.baseline_on, goal.target_value, goal.target_on,
            entry.agendas, entry.areas, "Yes" if goal.is_equity else "No",
            entry.status.name, entry.status.reason, entry.initiative_codes,
        ))  # fmt: skip
    sheet = _sheet(book, "Goals", GOAL_HEADER, rows)
    _formats(sheet, {"Baseline date": DATE, "Target date": DATE})
    for row, entry in enumerate(contents.goals, start=2):
        for column in (7, 9):
            sheet.cell(row=row, column=column).number_format = _value_format(entry.goal.indicator)
    targets = [
        (
            entry.goal.code,
            t.group_type,
            t.group,
            group_label(t.group_type, t.group),
            t.baseline_value,
            t.target_value,
        )
        for entry in contents.goals
        for t in entry.goal.group_targets.all()
    ]
    header = ("Goal", "Group type", "Group", "Student group", "Baseline", "Target")
    sheet = _sheet(book, "Group targets", header, targets)
    _formats(sheet, {"Baseline": PERCENT, "Target": PERCENT})
    statements = [
        (
            s.position,
            s.if_clause,
            s.then_clause,
            sorted((g.code for g in s.goals.all()), key=by_code),
        )
        for s in contents.statements
    ]
    _sheet(book, "Theory of action", ("Position", "If", "Then", "Goals"), statements)


INITIATIVE_HEADER = (
    "Code", "Initiative", "Status", "Owner", "Lead", "Goals served", "Pathways", "Schools",
    "Starts", "Ends", "Total budget", "Students reached (as given)",
)  # fmt: skip


def _initiative_sheets(book: Workbook, contents: PlanContents) -> None:
    rows, lines, milestones = [], [], []
    for entry in contents.initiatives:
        i = entry.initiative
        schools = entry.schools or ["No school: a district-level effort"]
        rows.append((
            i.code, i.name, i.get_status_display(), str(i.owner_department or "The cabinet"),
            str(i.lead or ""), entry.goal_codes or ["None"], entry.pathways, schools,
            i.starts_on, i.ends_on, entry.total_budget, i.students_reached,
        ))  # fmt: skip
        lines += [
            (i.code, i.name, b.school_year, b.get_funding_source_display(), b.amount, b.note)
            for b in entry.budget_lines
        ]
        milestones += [
            (i.code, i.name, m.title, m.due_on, m.get_status_display(), m.done_on)
            for m in entry.milestones
        ]
    sheet = _sheet(book, "Initiatives", INITIATIVE_HEADER, rows)
    _formats(sheet, {"Starts": DATE, "Ends": DATE, "Total budget": DOLLARS})
    header = ("Initiative", "Name", "School year", "Funding source", "Amount", "Note")
    _formats(_sheet(book, "Budget lines", header, lines), {"Amount": DOLLARS})
    header = ("Initiative", "Name", "Milestone", "Due", "Status", "Done on")
    _formats(_sheet(book, "Milestones", header, milestones), {"Due": DATE, "Done on": DATE})


def plan_xlsx(contents: PlanContents) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    _plan_sheet(book, contents)
    _goal_sheets(book, contents)
    _initiative_sheets(book, contents)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
