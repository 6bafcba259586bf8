"""Writes of the support tiers: the district's tier rules (cabinet), the placement of every
school (after each new equity audit, after a change of rules, or on request) and the
superintendent's overrides. Every change is in the audit history."""

from __future__ import annotations

import logging
import math
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.analytics.strategy import tiers as scoring
from districtwise.analytics.strategy.tier_figures import (
    add_turnover,
    school_figures,
    staff_turnover,
    turnover_figures,
)
from districtwise.core.audit import audit_created, audit_record, snapshot
from districtwise.organization.models import School
from districtwise.strategy.models import (
    PlacementRun,
    Tier,
    TierIndicator,
    TierOverride,
    TierPlacement,
    TierRuleSet,
)

log = logging.getLogger(__name__)

# A sensible start: what the demo district is given and the rules editor offers.
DEFAULT_INDICATORS: list[dict[str, Any]] = [
    {"indicator": "chronic_absence", "weight": 25, "direction": "higher_needs_more",
     "scaling": "linear", "floor": 5, "ceiling": 35},
    {"indicator": "proficiency", "weight": 25, "direction": "lower_needs_more",
     "scaling": "linear", "floor": 20, "ceiling": 70},
    {"indicator": "growth", "weight": 15, "direction": "lower_needs_more",
     "scaling": "linear", "floor": -10, "ceiling": 5},
    {"indicator": "oss_rate", "weight": 15, "direction": "higher_needs_more",
     "scaling": "linear", "floor": 1, "ceiling": 12},
    {"indicator": "staff_turnover", "weight": 20, "direction": "higher_needs_more",
     "scaling": "linear", "floor": 5, "ceiling": 35},
]  # fmt: skip
DEFAULT_TIERS: list[dict[str, Any]] = [
    {"level": 1, "name": "Universal", "score_from": 0, "score_to": 45,
     "supports": "Network professional learning\nData dashboards and quarterly data talks"},
    {"level": 2, "name": "Targeted", "score_from": 45, "score_to": 70,
     "supports": "Instructional coach two days a week\nAttendance team with a family "
     "liaison\nQuarterly network lead visits"},
    {"level": 3, "name": "Intensive", "score_from": 70, "score_to": 100,
     "supports": "Full-time instructional coach\nAttendance and behaviour interventionist\n"
     "Retention stipends for teachers\nMonthly network lead and cabinet visits"},
]  # fmt: skip


# ---------------------------------------------------------------- rules

FREE: dict[str, Any] = {"optional": True, "places": "0.0001"}  # a scaling bound


def tier_rules_update(
    *,
    actor,
    district,
    indicators: list[dict[str, Any]],
    tiers: list[dict[str, Any]],
    assessment: str | None = None,
) -> TierRuleSet:
    """Replace the district's tier rules. ``indicators``: dicts of indicator, weight
    (percent), direction, scaling, floor, ceiling; ``tiers``: dicts of level, name,
    score_from, score_to, supports (one per line). Values may be text, as a form sends
    them. Problems (numbers that are not numbers, unknown indicators, weights that do not
    add up to 100 %, cut points that overlap or leave gaps) raise a ``ValidationError``
    listing every one, and nothing is saved. A change is audited, raises the rules'
    version and places the schools again once committed."""
    parsed_indicators, problems = _parse_rows(indicators, _indicator_row)
    parsed_tiers, tier_problems = _parse_rows(tiers, _tier_row)
    problems += tier_problems
    if not problems:
        rules = scoring.TierRules(
            tuple(_as_rule(row) for row in parsed_indicators),
            tuple(_as_cut(row) for row in parsed_tiers),
        )
        problems = scoring.rule_problems(rules)
    if assessment is not None and not assessment.strip():
        problems.append("Name the assessment whose proficiency the rules read.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        rule_set, created = TierRuleSet.objects.select_for_update().get_or_create(district=district)
        before = rules_snapshot(rule_set) if not created else {}
        if assessment is not None:
            rule_set.assessment = assessment.strip()
        _replace(rule_set, parsed_indicators, parsed_tiers)
        after = rules_snapshot(rule_set)
        if created or after != before:
            rule_set.version = rule_set.version + (0 if created else 1)
            rule_set.save()
            changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
            audit_record(
                actor=actor,
                district=district,
                action="create" if created else "update",
                obj=rule_set,
                changes=changes,
            )
            transaction.on_commit(
                lambda: _refresh_quietly(district, actor=actor, reason="tier rules changed")
            )
    return rule_set


def rules_snapshot(rule_set: TierRuleSet) -> dict[str, Any]:
    """The rules as plain data (audit history and each placement run keep this copy)."""
    return {
        "assessment": rule_set.assessment,
        "indicators": [
            {k: v for k, v in snapshot(i).items() if k != "rule_set"}
            for i in rule_set.indicators.all()
        ],
        "tiers": [
            {k: v for k, v in snapshot(t).items() if k != "rule_set"} for t in rule_set.tiers.all()
        ],
    }


def _replace(rule_set: TierRuleSet, indicators: list[dict], tiers: list[dict]) -> None:
    rule_set.indicators.all().delete()
    rule_set.tiers.all().delete()
    TierIndicator.objects.bulk_create(TierIndicator(rule_set=rule_set, **r) for r in indicators)
    Tier.objects.bulk_create(Tier(rule_set=rule_set, **t) for t in tiers)


def _parse_rows(rows: list[dict[str, Any]], parse) -> tuple[list[dict], list[str]]:
    parsed, problems = [], []
    for number, row in enumerate(rows, start=1):
        values, found = parse(row, number)
        parsed.append(values)
        problems += found
    return parsed, problems


def _indicator_row(row: dict[str, Any], number: int) -> tuple[dict, list[str]]:
    key = str(row.get("indicator", "")).strip()
    kind = scoring.INDICATORS.get(key)
    label = kind.label if kind else f"indicator {number} ({key or 'unnamed'})"
    problems = (
        []
        if kind
        else [f"There is no indicator {key!r}; the indicators are {', '.join(scoring.INDICATORS)}."]
    )
    weight, p1 = _decimal(row.get("weight"), f"The weight of {label}")
    floor, p2 = _decimal(row.get("floor"), f"The low value of {label}", **FREE)
    ceiling, p3 = _decimal(row.get("ceiling"), f"The high value of {label}", **FREE)
    values = {
        "indicator": key,
        "weight": weight,
        "direction": str(row.get("direction") or (kind.direction if kind else "")),
        "scaling": str(row.get("scaling") or scoring.LINEAR),
        "floor": floor,
        "ceiling": ceiling,
    }
    return values, problems + p1 + p2 + p3


def _tier_row(row: dict[str, Any], number: int) -> tuple[dict, list[str]]:
    level, p1 = _decimal(row.get("level", number), f"The number of tier {number}")
    where = f"tier {number}"
    low, p2 = _decimal(row.get("score_from"), f"The lowest score of {where}")
    high, p3 = _decimal(row.get("score_to"), f"The highest score of {where}")
    problems = p1 + p2 + p3
    if level is not None and level != int(level):
        problems.append(f"The number of tier {number} must be a whole number.")
    values = {
        "level": int(level) if level is not None else number,
        "name": str(row.get("name") or "").strip()[:80],
        "score_from": low,
        "score_to": high,
        "supports": str(row.get("supports") or "").strip(),
    }
    return values, problems


def _decimal(
    value: Any, what: str, *, optional: bool = False, places: str = "0.01"
) -> tuple[Decimal | None, list]:
    """A number given as text or number (rounded to ``places``, as it is stored), or the
    problem in words."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, [] if optional else [f"{what} is missing."]
    if isinstance(value, bool):
        return None, [f"{what} is not a number: {value!r}."]
    text = str(value).strip().rstrip("%").strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, [f"{what} is not a number: {value!r}."]
    if not number.is_finite() or abs(number) >= Decimal("1e7"):
        return None, [f"{what} must be a finite number under 10 million: {value!r}."]
    return number.quantize(Decimal(places)), []


def _as_rule(row: dict) -> scoring.IndicatorRule:
    def num(v: Decimal | None) -> float | None:
        return None if v is None else float(v)

    return scoring.IndicatorRule(
        row["indicator"], float(row["weight"]), row["direction"], row["scaling"],
        num(row["floor"]), num(row["ceiling"]),
    )  # fmt: skip


def _as_cut(row: dict) -> scoring.TierCut:
    return scoring.TierCut(
        row["level"], row["name"], float(row["score_from"]), float(row["score_to"])
    )


# ---------------------------------------------------------------- placement


def tier_placements_refresh(
    *, district, actor=None, reason: str = "asked for", force: bool = False
) -> PlacementRun | None:
    """Place every school of the district in a tier under its rules, from the current
    equity audit (read as the system: every school, nothing suppressed) and the live
    staff file. Returns the new placement run, or None when the district has no rules or
    no audit yet. Without ``force``, a placement of the same audit under the same rules
    is not made twice (the latest run is returned)."""
    from districtwise.equity.models import AuditRun
    from districtwise.equity.selectors import OPERATOR, audit_table, current_run

    rule_set = TierRuleSet.objects.filter(district=district).first()
    run: AuditRun | None = current_run(user=OPERATOR, district=district)
    if rule_set is None or run is None or not run.years:
        return None
    latest = PlacementRun.objects.filter(district=district).first()
    if (
        not force
        and latest is not None
        and latest.audit_run_id == run.pk
        and latest.rules_version == rule_set.version
    ):
        return latest
    year = max(run.years)
    audit = audit_table(user=OPERATOR, district=district, unit_type="school")
    figures = school_figures(audit, school_year=year, assessment=rule_set.assessment)
    turnover, missing = _turnover(district, year)
    add_turnover(figures, turnover, missing=missing)
    placed = scoring.place_schools(figures, rule_set.as_rules())
    return _store(district, actor, reason, run, rule_set, year, placed)


def _turnover(district, year: int) -> tuple[dict, str]:
    """Staff turnover per school code from the live staff file, and what to say for a
    school without it."""
    from districtwise.analytics.engine import close, connect, load_tables
    from districtwise.data import warehouse

    files = warehouse.live_files(district)
    if "staff" not in files:
        return {}, "no staff.csv was imported"
    con = connect(django_settings.ANALYTICS_ENGINE, spark_master=django_settings.SPARK_MASTER_URL)
    try:
        tables = load_tables(con, files)
        years = tables.years("staff")
        if years is not None and year - 1 not in years:
            return {}, f"staff.csv has no staff of {year - 1} to compare with"
        counts = staff_turnover(tables, school_year=year)
    finally:
        close(con)
    return (
        turnover_figures(counts, school_year=year),
        f"no staff of {year - 1} at this school in staff.csv",
    )


def _store(district, actor, reason, audit_run, rule_set, year, placed) -> PlacementRun:
    tier_names = {t.level: t.name for t in rule_set.tiers.all()}
    schools = {s.code: s for s in School.objects.filter(district=district)}
    with transaction.atomic():
        run = PlacementRun.objects.create(
            district=district,
            audit_run=audit_run,
            school_year=year,
            rules_version=rule_set.version,
            rules=rules_snapshot(rule_set),
            reason=reason[:200],
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        TierPlacement.objects.bulk_create(
            TierPlacement(
                run=run,
                school=schools[code],
                tier=placement.tier,
                score=_money_like(placement.score),
                explanation=_explanation(placement, tier_names),
            )
            for code, placement in placed.items()
            if code in schools
        )
        audit_created(actor=actor, district=district, obj=run)
    return run


def _money_like(score: float | None) -> Decimal | None:
    if score is None or not math.isfinite(score):
        return None
    return Decimal(str(round(score, 2)))


def _explanation(placement: scoring.Placement, tier_names: dict[int, str]) -> dict[str, Any]:
    return {
        "tier_name": tier_names.get(placement.tier or 0, ""),
        "weights_note": placement.weights_note,
        "lines": [asdict(line) for line in placement.lines],
    }


def _refresh_quietly(district, *, actor=None, reason: str) -> PlacementRun | None:
    """Place the schools, logging instead of raising: a placement that fails must not
    undo the audit or the rules change that called for it."""
    try:
        return tier_placements_refresh(district=district, actor=actor, reason=reason)
    except Exception:
        log.exception("Placing the schools of %s in tiers failed", district.code)
        return None


def placements_after_audit(*, district) -> PlacementRun | None:
    """Called when a new equity audit of the district finishes: place the schools again."""
    return _refresh_quietly(district, reason="a new equity audit finished")


# ---------------------------------------------------------------- overrides


def tier_override_set(*, actor, school: School, tier: Any, reason: str) -> TierOverride:
    """Place ``school`` in ``tier`` by the superintendent's decision, with the reason (both
    required; the tier must be one of the rules'). It shows next to the computed tier and
    holds through recomputation until removed. Audited."""
    rule_set = TierRuleSet.objects.filter(district=school.district).first()
    levels = sorted(rule_set.tiers.values_list("level", flat=True)) if rule_set else []
    problems = []
    try:
        level = int(str(tier).strip())
    except ValueError:
        level = None
    if level not in levels:
        known = ", ".join(map(str, levels)) or "none: the district has no tier rules yet"
        problems.append(f"Choose one of the tiers of the rules ({known}); {tier!r} is not one.")
    if not str(reason or "").strip():
        problems.append("Give the reason for placing the school in another tier.")
    if problems:
        raise ValidationError(problems)
    assert level is not None
    with transaction.atomic():
        override = TierOverride.objects.select_for_update().filter(school=school).first()
        before = snapshot(override) if override else {}
        override = override or TierOverride(school=school)
        override.tier, override.reason = level, str(reason).strip()
        override.set_by = actor if getattr(actor, "is_authenticated", False) else None
        override.save()
        after = snapshot(override)
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        action = "update" if before else "create"
        audit_record(
            actor=actor, district=school.district, action=action, obj=override, changes=changes
        )
    return override


def tier_override_remove(*, actor, school: School) -> bool:
    """Remove the school's override (the computed tier applies again). Audited; returns
    whether there was one."""
    with transaction.atomic():
        override = TierOverride.objects.select_for_update().filter(school=school).first()
        if override is None:
            return False
        changes = {k: [v, None] for k, v in snapshot(override).items()}
        audit_record(
            actor=actor, district=school.district, action="delete", obj=override, changes=changes
        )
        override.delete()
    return True


def tier_rules_seed_default(*, actor, district) -> TierRuleSet:
    """Give the district the default tier rules (the demo district starts with them)."""
    return tier_rules_update(
        actor=actor, district=district, indicators=DEFAULT_INDICATORS, tiers=DEFAULT_TIERS
    )
