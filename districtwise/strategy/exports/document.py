"""The plan as a PDF document: a cover with the vision, the mission and where each goal
stands, then each goal with its status and targets, the theory of action, and the
initiatives with their budgets and milestones. Drawn by WeasyPrint from HTML (the plan is
a few pages: drawn at once, not as a background job)."""

from __future__ import annotations

from django.template.loader import render_to_string

from districtwise.strategy.exports.contents import PlanContents


def _percent(share) -> str:
    return f"{share * 100:.0f}"


def plan_html(contents: PlanContents) -> str:
    """The document's HTML (what the PDF is drawn from)."""
    context = {
        "plan": contents.plan,
        "district": contents.district,
        "goals": contents.goals,
        "statements": contents.statements,
        "initiatives": contents.initiatives,
        "total_budget": contents.total_budget,
        "on_track_percent": _percent(contents.plan.on_track_share),
        "at_risk_percent": _percent(contents.plan.at_risk_share),
        "printed_at": contents.printed_at,
        "reader": contents.reader,
        "sees_every_school": contents.sees_every_school,
    }
    return render_to_string("strategy/plan_document.html", context)


def plan_pdf(contents: PlanContents) -> bytes:
    """The document's PDF bytes."""
    from weasyprint import HTML

    pdf = HTML(string=plan_html(contents)).write_pdf()
    assert pdf is not None  # with no target, WeasyPrint returns the bytes
    return pdf
