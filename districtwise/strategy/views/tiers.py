"""The support tiers' pages: the overview of schools by tier, a school's placement
explained, the rules editor (the cabinet changes the rules; other readers see them) and
the superintendent's override form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.analytics.strategy import tiers as scoring
from districtwise.core.access import district_view
from districtwise.core.roles import Role
from districtwise.strategy import access
from districtwise.strategy.selectors import tiers as selectors
from districtwise.strategy.services import tiers as services

TIER_ROWS = 5  # the editor offers up to five tiers


def may_override(scope) -> bool:
    """Only the superintendent places a school in another tier than the computed one."""
    return scope.has_any(frozenset({Role.SUPERINTENDENT}))


@district_view(roles=access.PLAN_READERS)
def overview(request):
    board = selectors.tier_board(user=request.user, district=request.district)
    context = {
        "board": board,
        "is_cabinet": access.is_cabinet(request.scope),
        "district_wide": request.scope.district_wide,
    }
    return render(request, "strategy/tiers.html", context)


@require_POST
@district_view(roles=access.PLAN_READERS)
def refresh(request):
    access.require_cabinet(request.scope)
    run = services.tier_placements_refresh(
        district=request.district, actor=request.user, reason="asked for on the tiers page"
    )
    if run is None:
        messages.error(
            request, "The schools cannot be placed yet: the district needs tier rules and a "
            "finished equity audit."
        )  # fmt: skip
    else:
        messages.success(request, f"The schools were placed from the {run.school_year} figures.")
    return redirect("strategy:tiers")


@district_view(roles=access.PLAN_READERS)
def school(request, pk: int):
    detail = selectors.school_tier_detail(user=request.user, district=request.district, pk=pk)
    context = {"detail": detail, "may_override": may_override(request.scope)}
    return render(request, "strategy/tiers_school.html", context)


@district_view(roles=access.PLAN_READERS)
def rules(request):
    current = selectors.tier_rules(user=request.user, district=request.district)
    is_cabinet = access.is_cabinet(request.scope)
    problems: list[str] = []
    rows = _editor_rows(current, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        access.require_cabinet(request.scope)
        indicators, tiers = _posted_rules(request.POST)
        try:
            services.tier_rules_update(
                actor=request.user,
                district=request.district,
                indicators=indicators,
                tiers=tiers,
                assessment=request.POST.get("assessment", ""),
            )
        except ValidationError as refused:
            problems = refused.messages
        else:
            messages.success(request, "Tier rules saved. The schools are placed again.")
            return redirect("strategy:tier_rules")
    context = {"rules": current, "is_cabinet": is_cabinet, "problems": problems, **rows}
    return render(request, "strategy/tiers_rules.html", context, status=400 if problems else 200)


def _editor_rows(current, posted) -> dict[str, Any]:
    """The editor's rows: what was posted, else the rules, else the defaults."""
    if posted is not None:
        indicators, tiers = _posted_rules(posted, keep_blank=True)
        assessment = posted.get("assessment", "")
    elif current is not None:
        indicators = [_indicator_values(i) for i in current.indicators.all()]
        tiers = [_tier_values(t) for t in current.tiers.all()]
        assessment = current.assessment
    else:
        indicators, tiers = services.DEFAULT_INDICATORS, services.DEFAULT_TIERS
        assessment = "STATE_MATH"
    by_key = {row["indicator"]: row for row in indicators}
    return {
        "assessment": assessment,
        "indicator_rows": [
            {"kind": kind, **by_key.get(key, {"direction": kind.direction, "scaling": "linear"})}
            for key, kind in scoring.INDICATORS.items()
        ],
        "tier_rows": [
            {"number": n, **(tiers[n - 1] if n <= len(tiers) else {})}
            for n in range(1, TIER_ROWS + 1)
        ],
        "directions": scoring.DIRECTIONS.items(),
        "scalings": scoring.SCALINGS.items(),
    }


def _indicator_values(indicator) -> dict[str, Any]:
    return {
        "indicator": indicator.indicator,
        "weight": indicator.weight.normalize(),
        "direction": indicator.direction,
        "scaling": indicator.scaling,
        "floor": "" if indicator.floor is None else indicator.floor.normalize(),
        "ceiling": "" if indicator.ceiling is None else indicator.ceiling.normalize(),
    }


def _tier_values(tier) -> dict[str, Any]:
    return {
        "level": tier.level,
        "name": tier.name,
        "score_from": tier.score_from.normalize(),
        "score_to": tier.score_to.normalize(),
        "supports": tier.supports,
    }


def _posted_rules(post, keep_blank: bool = False) -> tuple[list[dict], list[dict]]:
    """The editor's fields as the service takes them: an indicator with a blank weight is
    not used; a tier row left wholly blank is not a tier."""
    indicators = []
    for key in scoring.INDICATORS:
        row = {
            f: post.get(f"{f}-{key}", "").strip()
            for f in ("weight", "direction", "scaling", "floor", "ceiling")
        }
        if row["weight"] or keep_blank:
            indicators.append({"indicator": key, **row})
    tiers = []
    for n in range(1, TIER_ROWS + 1):
        row = {
            f: post.get(f"tier-{n}-{f}", "").strip()
            for f in ("name", "score_from", "score_to", "supports")
        }
        if any(row.values()) or keep_blank:
            tiers.append({"level": n, **row})
    return indicators, tiers


@district_view(roles=access.PLAN_READERS)
def override(request, pk: int):
    school = selectors.tier_school_for_user(user=request.user, district=request.district, pk=pk)
    if not may_override(request.scope):
        raise PermissionDenied("Only the superintendent places a school in another tier.")
    detail = selectors.school_tier_detail(user=request.user, district=request.district, pk=pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                services.tier_override_remove(actor=request.user, school=school)
                messages.success(request, f"{school.name} is in its computed tier again.")
            else:
                services.tier_override_set(
                    actor=request.user,
                    school=school,
                    tier=request.POST.get("tier", ""),
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, f"{school.name}'s tier is set by your decision.")
        except ValidationError as refused:
            problems = refused.messages
        else:
            return redirect("strategy:tier_school", pk=school.pk)
    rules = selectors.tier_rules(user=request.user, district=request.district)
    context = {
        "detail": detail,
        "tiers": list(rules.tiers.all()) if rules else [],
        "problems": problems,
        "posted": request.POST,
    }
    return render(request, "strategy/tiers_override.html", context, status=400 if problems else 200)
