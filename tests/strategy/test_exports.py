"""The plan as XLSX and PDF: what a reader finds in the files, opened as their tools open
them (openpyxl, poppler's pdftotext), scoped to what they may see, with no cell a
spreadsheet would run as a formula."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from districtwise.strategy.exports import plan_export
from districtwise.strategy.models import (
    ActionStatement,
    BudgetLine,
    GoalGroupTarget,
    Indicator,
    IndicatorValue,
    Milestone,
    Participation,
)
from tests import factories as f

DOLLARS = '"$"#,##0.00'
SHEETS = [
    "Plan",
    "Goals",
    "Group targets",
    "Theory of action",
    "Initiatives",
    "Budget lines",
    "Milestones",
]


@pytest.fixture
def plan(cast):
    """A plan of the cast's district: two goals (one measured by hand-entered figures, one
    with no indicator yet), four initiatives (at North One; at South One; district-level;
    across the North and South One), and text a spreadsheet would run as formulas."""
    plan = f.PlanFactory(
        district=cast.district,
        title="Plan 2025-2028",
        vision='=HYPERLINK("http://example.com/x","Read the vision")',
        mission="Every school, every day.",
    )
    retention = f.IndicatorFactory(
        district=cast.district, name="Teachers returning", source=Indicator.Source.MANUAL
    )
    IndicatorValue.objects.create(
        indicator=retention, measured_on=dt.date(2025, 6, 30), value=Decimal("0.86")
    )
    kept = f.GoalFactory(
        plan=plan,
        code="G1",
        title="Keep our teachers",
        priority=1,
        indicator=retention,
        baseline_value=Decimal("0.82"),
        baseline_on=dt.date(2024, 6, 30),
        target_value=Decimal("0.90"),
        target_on=dt.date(2028, 6, 30),
        is_equity=True,
        learning_agendas=["professional"],
        areas_of_action=["community"],
    )
    GoalGroupTarget.objects.create(
        goal=kept,
        group_type="english_learner",
        group="Y",
        baseline_value=Decimal("0.5"),
        target_value=Decimal("0.7"),
    )
    f.GoalFactory(plan=plan, code="G2", title="Read by grade three", priority=2)
    statement = ActionStatement.objects.create(
        plan=plan, if_clause="+mentors meet new teachers weekly", then_clause="more stay"
    )
    statement.goals.set([kept])
    _initiatives(cast, plan, kept)
    return plan


def _initiatives(cast, plan, goal) -> None:
    def initiative(code, name, schools, amounts, **fields):
        made = f.InitiativeFactory(plan=plan, code=code, name=name, **fields)
        for school in schools:
            Participation.objects.create(initiative=made, school=school)
        for year, source, amount in amounts:
            BudgetLine.objects.create(
                initiative=made, school_year=year, funding_source=source, amount=Decimal(amount)
            )
        return made

    coaching = initiative(
        "I1",
        "Literacy coaching at North One",
        [cast.north_1],
        [(2025, "title_i", "12500.50"), (2026, "general", "7499.50")],
        pathways=["coaching"],
        starts_on=dt.date(2024, 7, 1),
        students_reached=240,
    )
    coaching.goals.set([goal])
    Milestone.objects.create(
        initiative=coaching,
        title="Coaches hired",
        due_on=dt.date(2024, 9, 1),
        status="done",
        done_on=dt.date(2024, 8, 20),
    )
    Milestone.objects.create(
        initiative=coaching, title="=1+1 review", due_on=dt.date(2025, 1, 15), status="missed"
    )
    south = initiative(
        "I2", "Ninth-grade on-track at South One", [cast.south_1], [(2026, "grant", "5000")]
    )
    Milestone.objects.create(initiative=south, title="Mentors matched", due_on=dt.date(2025, 9, 1))
    initiative(
        "I3",
        "Central data office",
        [],
        [(2026, "general", "1000")],
        owner_department=cast.department,
    )
    initiative(
        "I10",
        "Reading across the North",
        [cast.north_1, cast.north_2, cast.south_1],
        [(2026, "general", "3000")],
    )


def workbook(body: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(body))


def rows(book, sheet: str) -> list[dict]:
    values = list(book[sheet].values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def about(book) -> dict:
    return {row["About the plan"]: row["Value"] for row in rows(book, "Plan")}


def pdf_text(body: bytes, tmp_path) -> str:
    """The words of a PDF as poppler's pdftotext lays them out, white space made single."""
    path = tmp_path / "plan.pdf"
    path.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def test_the_workbook_holds_the_plan_its_goals_and_their_status(cast, plan):
    book = workbook(plan_export(user=cast["superintendent"], district=cast.district, fmt="xlsx"))
    assert book.sheetnames == SHEETS
    assert about(book)["Mission"] == "Every school, every day."
    assert about(book)["Initiatives one school can carry"] == 4
    goals = {row["Code"]: row for row in rows(book, "Goals")}
    assert list(goals) == ["G1", "G2"]
    kept = goals["G1"]
    assert (kept["Goal"], kept["Priority"], kept["Indicator"]) == (
        "Keep our teachers",
        1,
        "Teachers returning",
    )
    assert (kept["Baseline"], kept["Target"]) == (0.82, 0.9)
    assert (kept["Baseline date"], kept["Target date"]) == (
        dt.datetime(2024, 6, 30),
        dt.datetime(2028, 6, 30),
    )
    assert kept["Learning agendas"] == "Professional learning"
    assert kept["Areas of action"] == "Building professional communities that value learning"
    # 0.82 on 2024-06-30 to 0.90 on 2028-06-30 expects 0.82 + 0.08 * 365/1461 = 0.83999 by
    # 2025-06-30; 0.86 is twice that progress: on track.
    assert (kept["Status"], kept["Equity goal"], kept["Initiatives serving it"]) == (
        "On track",
        "Yes",
        "I1",
    )
    assert goals["G2"]["Status"] == "No data"
    assert goals["G2"]["Initiatives serving it"] is None
    [target] = rows(book, "Group targets")
    assert (target["Student group"], target["Baseline"], target["Target"]) == (
        "English learners: Yes",
        0.5,
        0.7,
    )


def test_initiatives_budgets_and_milestones_with_money_as_numbers(cast, plan):
    book = workbook(plan_export(user=cast["superintendent"], district=cast.district, fmt="xlsx"))
    initiatives = {row["Code"]: row for row in rows(book, "Initiatives")}
    assert list(initiatives) == ["I1", "I2", "I3", "I10"]  # I10 after I3, not after I1
    coaching = initiatives["I1"]
    assert coaching["Total budget"] == 20000  # 12,500.50 + 7,499.50
    assert (coaching["Schools"], coaching["Goals served"], coaching["Pathways"]) == (
        "North One Elementary",
        "G1",
        "Coaching",
    )
    assert coaching["Students reached (as given)"] == 240
    assert initiatives["I3"]["Schools"] == "No school: a district-level effort"
    assert initiatives["I3"]["Goals served"] == "None"
    assert initiatives["I10"]["Schools"] == (
        "North One Elementary; North Two Middle; South One High"
    )
    assert about(book)["Total budget of the initiatives below"] == 29000
    lines = rows(book, "Budget lines")
    assert [(r["Initiative"], r["School year"], r["Amount"]) for r in lines] == [
        ("I1", 2025, 12500.5),
        ("I1", 2026, 7499.5),
        ("I2", 2026, 5000),
        ("I3", 2026, 1000),
        ("I10", 2026, 3000),
    ]
    sheet = book["Budget lines"]
    assert all(cell.number_format == DOLLARS for cell in sheet["E"][1:])
    assert book["Initiatives"]["K2"].number_format == DOLLARS
    milestones = rows(book, "Milestones")
    assert [(m["Initiative"], m["Status"], m["Done on"]) for m in milestones] == [
        ("I1", "Done", dt.datetime(2024, 8, 20)),
        ("I1", "Missed", None),
        ("I2", "Planned", None),
    ]


def test_no_cell_of_the_workbook_is_a_formula(cast, plan):
    book = workbook(plan_export(user=cast["superintendent"], district=cast.district, fmt="xlsx"))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert about(book)["Vision"] == """'=HYPERLINK("http://example.com/x","Read the vision")"""
    assert rows(book, "Milestones")[1]["Milestone"] == "'=1+1 review"
    assert rows(book, "Theory of action")[0]["If"] == "'+mentors meet new teachers weekly"


def test_a_principal_s_workbook_holds_the_initiatives_and_schools_they_may_see(cast, plan):
    body = plan_export(user=cast["principal_north_1"], district=cast.district, fmt="xlsx")
    book = workbook(body)
    initiatives = {row["Code"]: row for row in rows(book, "Initiatives")}
    assert list(initiatives) == ["I1", "I3", "I10"]
    assert initiatives["I10"]["Schools"] == "North One Elementary"
    assert {r["Initiative"] for r in rows(book, "Budget lines")} == {"I1", "I3", "I10"}
    assert {r["Initiative"] for r in rows(book, "Milestones")} == {"I1"}
    assert about(book)["Total budget of the initiatives below"] == 24000
    assert [g["Code"] for g in rows(book, "Goals")] == ["G1", "G2"]  # every reader's
    assert "South One" not in str([list(sheet.values) for sheet in book])


def test_the_pdf_reads_as_the_plan_with_status_budgets_and_milestones(client_as, plan, tmp_path):
    response = client_as("superintendent").get(reverse("strategy:plan_export", args=["pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="plan-riverside.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert 'Vision =HYPERLINK("http://example.com/x","Read the vision")' in text
    assert "G1 Keep our teachers 1 On track" in text  # the cover's table
    assert "G2 Read by grade three 2 No data" in text
    assert "Baseline 82.0 % on June 30, 2024 Target 90.0 % by June 30, 2028" in text
    assert "English learners: Yes 50.0 % 70.0 %" in text
    assert "4 initiatives, $29,000.00 budgeted in all." in text
    assert "Total $20,000.00" in text
    assert "Sept. 1, 2024 Coaches hired Done (Aug. 20, 2024)" in text
    assert "Ninth-grade on-track at South One" in text
    assert "If +mentors meet new teachers weekly, then more stay. (G1)" in text


def test_a_principal_s_pdf_leaves_out_other_schools_work(cast, plan, tmp_path):
    body = plan_export(user=cast["principal_north_1"], district=cast.district, fmt="pdf")
    text = pdf_text(body, tmp_path)
    assert "Literacy coaching at North One" in text and "Reading across the North" in text
    assert "South One" not in text and "North Two" not in text
    assert "3 initiatives, $24,000.00 budgeted in all." in text


def test_the_workbook_download_is_named_for_the_district(client_as, plan):
    response = client_as("north_lead").get(reverse("strategy:plan_export", args=["xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="plan-riverside.xlsx"' in response["Content-Disposition"]
    assert workbook(response.content).sheetnames == SHEETS


@pytest.mark.parametrize("person", ["partner", "family", "outsider"])
def test_those_who_may_not_read_the_plan_get_404(client_as, plan, person):
    for fmt in ("xlsx", "pdf"):
        url = reverse("strategy:plan_export", args=[fmt])
        assert client_as(person).get(url).status_code == 404


def test_an_unknown_format_or_a_district_without_a_plan_is_not_found(client_as, plan):
    client = client_as("superintendent")
    assert client.get(reverse("strategy:plan_export", args=["csv"])).status_code == 404
    plan.delete()
    assert client.get(reverse("strategy:plan_export", args=["xlsx"])).status_code == 404


def test_the_export_changes_nothing(cast, plan):
    from districtwise.core.models import AuditEntry

    before = AuditEntry.objects.count()
    plan_export(user=cast["superintendent"], district=cast.district, fmt="xlsx")
    assert AuditEntry.objects.count() == before


def test_the_overview_offers_both_downloads(client_as, plan):
    page = client_as("principal_north_1").get(reverse("strategy:overview")).content.decode()
    assert reverse("strategy:plan_export", args=["pdf"]) in page
    assert reverse("strategy:plan_export", args=["xlsx"]) in page
