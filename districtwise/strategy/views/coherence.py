"""The coherence view: where the district's efforts pull apart, as findings grouped by kind,
two matrices (goals by initiatives, schools by initiatives) and two charts, each chart with
the same figures as a table."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from districtwise.analytics.strategy.coherence import (
    KINDS,
    Finding,
    InitiativeFacts,
    Ref,
    dollars,
)
from districtwise.core.access import district_view
from districtwise.strategy import access
from districtwise.strategy.charts.coherence import flagged_bars
from districtwise.strategy.selectors.coherence import Coherence, coherence_for

CENT = Decimal("0.01")
URL_NAMES = {
    "goal": "strategy:goal_detail",
    "initiative": "strategy:initiative_detail",
    "school": "organization:school_detail",
}


@require_GET
@district_view(roles=access.PLAN_READERS)
def coherence(request):
    found = coherence_for(user=request.user, district=request.district)
    context: dict = {"coherence": found, "district_wide": request.scope.district_wide}
    if found is not None:
        counting = found.snapshot.counting()
        goals = goal_rows(found, counting)
        context |= {
            "groups": finding_groups(found.findings),
            "finding_count": len(found.findings),
            "initiatives": counting,
            "goal_rows": goals,
            "school_rows": school_rows(found, counting),
            "cost_rows": cost_rows(found, counting),
            "load_chart": load_chart(found),
            "budget_chart": budget_chart(found, goals),
        }
    return render(request, "strategy/coherence.html", context)


def link(ref: Ref) -> dict:
    """The page of a goal, initiative or school behind a finding."""
    return {"label": ref.label, "url": reverse(URL_NAMES[ref.kind], args=[ref.id])}


def finding_groups(findings: list[Finding]) -> list[dict]:
    """Every kind in the rules' order with its count and its findings (with links)."""
    return [
        {
            "kind": kind,
            "name": name,
            "count": sum(1 for f in findings if f.kind == kind),
            "findings": [
                {"finding": f, "links": [link(r) for r in f.refs]}
                for f in findings
                if f.kind == kind
            ],
        }
        for kind, name in KINDS.items()
    ]


def goal_rows(found: Coherence, counting: list[InitiativeFacts]) -> list[dict]:
    """One row per goal: whether each initiative serves it, its share of the budget and
    whether that share is out of line with its priority."""
    out_of_line = {f.refs[0].id for f in found.findings if f.kind == "budget_priority"}
    return [
        {
            "goal": goal,
            "url": reverse(URL_NAMES["goal"], args=[goal.id]),
            "marks": [goal.id in i.goal_ids for i in counting],
            "budget": dollars(found.budget_per_goal.get(goal.id, Decimal(0)).quantize(CENT)),
            "out_of_line": goal.id in out_of_line,
        }
        for goal in found.snapshot.goals
    ]


def school_rows(found: Coherence, counting: list[InitiativeFacts]) -> list[dict]:
    """One row per school the user may see: which initiatives run there, how many, and
    whether that is over the plan's limit."""
    limit = found.snapshot.school_initiative_limit
    return [
        {
            "school": school,
            "url": reverse(URL_NAMES["school"], args=[school.id]),
            "marks": [school.id in i.school_ids for i in counting],
            "count": len(found.per_school[school.id]),
            "over": len(found.per_school[school.id]) > limit,
        }
        for school in found.snapshot.schools
    ]


def cost_rows(found: Coherence, counting: list[InitiativeFacts]) -> list[dict]:
    """Each counting initiative's budget, students reached and cost per student."""
    rows = []
    for initiative in counting:
        reach = found.reaches[initiative.id]
        cost = reach.cost_per_student
        rows.append(
            {
                "initiative": initiative,
                "url": reverse(URL_NAMES["initiative"], args=[initiative.id]),
                "budget": dollars(initiative.budget),
                "students": reach.students,
                "source": reach.source,
                "cost": dollars(cost.quantize(CENT)) if cost is not None else "Unknown",
            }
        )
    return rows


def load_chart(found: Coherence):
    """Initiatives per school, with the plan's limit as a line; schools over it in red."""
    limit = found.snapshot.school_initiative_limit
    bars = []
    for school in found.snapshot.schools:
        count = len(found.per_school[school.id])
        over = count > limit
        text = f"{count} (over the limit)" if over else str(count)
        bars.append({"label": school.name, "value": count, "text": text, "flagged": over})
    return flagged_bars(
        bars,
        reference=limit,
        reference_label=f"limit {limit}",
        axis_title="Active, proposed or paused initiatives",
        axis_format="d",
        whole_numbers=True,
        chart_id="coherence-load",
        title="Initiatives per school against the limit",
    )


def budget_chart(found: Coherence, rows: list[dict]):
    """Each goal's share of the budget, highest priority first; goals out of line in red."""
    ordered = sorted(rows, key=lambda r: (r["goal"].priority, r["goal"].code))
    bars = [
        {
            "label": f"{r['goal'].code} (priority {r['goal'].priority})",
            "value": float(found.budget_per_goal.get(r["goal"].id, Decimal(0))),
            "text": r["budget"] + (" (out of line)" if r["out_of_line"] else ""),
            "flagged": r["out_of_line"],
        }
        for r in ordered
    ]
    return flagged_bars(
        bars,
        reference=None,
        reference_label="",
        axis_title="Dollars (each initiative's budget split equally among its goals)",
        axis_format="$,.0f",
        whole_numbers=False,
        chart_id="coherence-budget",
        title="Budget per goal against its priority",
    )
