"""Reads of the support tiers. Each takes the user: readers of the plan see the tiers of
the schools in their reach (everyone district-wide sees every school; a network lead the
network's schools; a principal, assistant principal or coach their own school). The
figures behind a placement are shown as the equity audit shows them to that user: a
figure hidden from them (a small count) is hidden in the explanation too."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from districtwise.analytics.strategy import tiers as scoring
from districtwise.core.scopes import scope_for
from districtwise.organization.models import School
from districtwise.strategy.access import may_read_plan
from districtwise.strategy.models import (
    PlacementRun,
    Tier,
    TierOverride,
    TierPlacement,
    TierRuleSet,
)

HIDDEN = "hidden: too few students to show"


def tier_schools(*, user, district) -> QuerySet[School]:
    """The schools whose tiers the user may see."""
    scope = scope_for(user, district)
    if not may_read_plan(scope):
        return School.objects.none()
    schools = School.objects.filter(district=district).select_related("network")
    return schools if scope.district_wide else schools.filter(pk__in=scope.school_ids)


def tier_school_for_user(*, user, district, pk: int) -> School:
    """One school whose tier the user may see; 404 for any other (as if absent)."""
    school = tier_schools(user=user, district=district).filter(pk=pk).first()
    if school is None:
        raise Http404("Not found")
    return school


def tier_rules(*, user, district) -> TierRuleSet | None:
    """The district's tier rules, for readers of the plan (they are not secret)."""
    if not may_read_plan(scope_for(user, district)):
        return None
    return (
        TierRuleSet.objects.filter(district=district)
        .prefetch_related("indicators", "tiers")
        .first()
    )


def latest_placement_run(*, user, district) -> PlacementRun | None:
    """The newest placement of the district's schools, for readers of the plan."""
    if not may_read_plan(scope_for(user, district)):
        return None
    return PlacementRun.objects.filter(district=district).first()


@dataclass
class SchoolTier:
    """A school's tier as the pages show it: computed, and the override if there is one."""

    school: School
    placement: TierPlacement | None
    override: TierOverride | None

    @property
    def computed(self) -> int | None:
        return self.placement.tier if self.placement else None

    @property
    def tier(self) -> int | None:
        """The tier that applies: the override's, else the computed one."""
        return self.override.tier if self.override else self.computed


@dataclass
class TierGroup:
    """The schools of one tier (``tier`` None: not placed) and what the tier is offered."""

    level: int | None
    name: str
    supports: list[str]
    schools: list[SchoolTier] = field(default_factory=list)


@dataclass
class TierBoard:
    """The tiers overview: every tier with its schools, and the chart's bars."""

    rules: TierRuleSet | None
    run: PlacementRun | None
    groups: list[TierGroup]

    @property
    def bars(self) -> list[dict[str, Any]]:
        most = max((len(g.schools) for g in self.groups), default=0) or 1
        return [
            {"label": _group_label(g), "value": len(g.schools), "share": len(g.schools) / most}
            for g in self.groups
        ]

    @property
    def school_count(self) -> int:
        return sum(len(g.schools) for g in self.groups)


def _group_label(group: TierGroup) -> str:
    return f"Tier {group.level} ({group.name})" if group.level else "Not placed"


def tier_board(*, user, district) -> TierBoard:
    """The schools the user may see, grouped by the tier that applies to them (the
    override where there is one), with each tier's supports."""
    rules = tier_rules(user=user, district=district)
    run = latest_placement_run(user=user, district=district)
    rows = school_tiers(user=user, district=district, run=run)
    tiers = list(rules.tiers.all()) if rules else []
    groups = [TierGroup(t.level, t.name, t.support_list) for t in tiers]
    by_level = {g.level: g for g in groups}
    unplaced = TierGroup(None, "Not placed", [])
    for row in rows:
        by_level.get(row.tier, unplaced).schools.append(row)
    if unplaced.schools:
        groups.append(unplaced)
    return TierBoard(rules, run, groups)


def school_tiers(*, user, district, run: PlacementRun | None) -> list[SchoolTier]:
    """Each school the user may see with its placement in ``run`` and its override."""
    schools = list(tier_schools(user=user, district=district))
    placements = {}
    if run is not None:
        placements = {
            p.school_id: p for p in run.placements.filter(school__in=[s.pk for s in schools])
        }
    overrides = {
        o.school_id: o
        for o in TierOverride.objects.filter(school__in=schools).select_related("set_by")
    }
    return [SchoolTier(s, placements.get(s.pk), overrides.get(s.pk)) for s in schools]


def _school_tier(school: School, run: PlacementRun | None) -> SchoolTier:
    placement = run.placements.filter(school=school).first() if run is not None else None
    return SchoolTier(school, placement, TierOverride.objects.filter(school=school).first())


@dataclass
class SchoolTierDetail:
    """A school's placement with the explanation as the user may see it, its tier's
    supports and its history (newest first)."""

    school: School
    current: SchoolTier
    tier: Tier | None
    lines: list[dict[str, Any]]
    weights_note: str
    history: list[TierPlacement]


def school_tier_detail(*, user, district, pk: int) -> SchoolTierDetail:
    """One school's tier, explained indicator by indicator; 404 when the user may not see
    the school."""
    school = tier_school_for_user(user=user, district=district, pk=pk)
    run = latest_placement_run(user=user, district=district)
    current = _school_tier(school, run)
    rules = tier_rules(user=user, district=district)
    tier = rules.tiers.filter(level=current.tier).first() if rules and current.tier else None
    explanation = current.placement.explanation if current.placement else {}
    lines = _visible_lines(user, district, school, explanation.get("lines", []))
    history = list(
        TierPlacement.objects.filter(school=school)
        .select_related("run")
        .order_by("-run__created_at", "-run_id")[:24]
    )
    return SchoolTierDetail(
        school, current, tier, lines, explanation.get("weights_note", ""), history
    )


def _visible_lines(user, district, school: School, lines: list[dict]) -> list[dict]:
    """The explanation's lines with every figure the user may not see (suppressed for
    them in the equity audit) hidden: value, score, contribution and note."""
    scope = scope_for(user, district)
    if not scope.student_records and any(line.get("sources") for line in lines):
        shown = _shown_figures(user, district, school)
        lines = [_masked(line, shown) if line.get("sources") else line for line in lines]
    return [{**line, "value_text": value_text(line)} for line in lines]


def value_text(line: dict) -> str:
    """An explanation line's value in the indicator's unit (percent, points, times)."""
    value = line.get("value")
    if value is None:
        return line.get("hidden") or "missing"
    kind = scoring.INDICATORS.get(line["key"])
    unit = kind.unit if kind else ""
    if unit == "%":
        return f"{value:.1f} %"
    if unit == "points":
        return f"{value:+.1f} points"
    return f"{value:.2f} times"


def _shown_figures(user, district, school: School) -> dict[tuple, dict]:
    from districtwise.equity.selectors import audit_table

    table = audit_table(user=user, district=district, unit_type="school", unit_id=school.code)
    return {
        (r["school_year"], r["metric"], r["group_type"], r["group"]): r
        for r in table.to_pylist()
        if r["status"] != "suppressed" and r["value"] is not None
    }


def _masked(line: dict, shown: dict[tuple, dict]) -> dict:
    needs_ratio = line["key"] == "oss_risk_ratio"
    for source in line["sources"]:
        row = shown.get(tuple(source))
        if row is None or (needs_ratio and row["ratio"] is None):
            hidden = {"value": None, "score": None, "contribution": None, "note": ""}
            return {**line, **hidden, "hidden": HIDDEN}
    return line
