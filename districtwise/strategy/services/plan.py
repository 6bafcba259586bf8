"""Writes of the plan itself: its settings, its goals (with their targets per student group)
and its theory of action. Initiatives are in ``services.plan_initiatives``.

Every service runs in one transaction, refuses bad input with a ``ValidationError`` naming
the field (nothing saved), writes an audit row, and refuses a stale edit of a plan or goal
with ``StaleEdit`` (``services.plan_versions``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.analytics.equity.spec import GROUP_TYPES
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.strategy.models import (
    ActionStatement,
    AreaOfAction,
    Goal,
    GoalGroupTarget,
    LearningAgenda,
    Plan,
)
from districtwise.strategy.services.plan_versions import check_version, record_versioned_change


def number_words(value: Decimal | None) -> str:
    """A figure as people write it: 0.3000 -> "0.3", 100 -> "100"."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def target_words(group_type: str, group: str, baseline: Decimal | None, target: Decimal) -> str:
    """One target per student group in words, as the audit history keeps it."""
    start = number_words(baseline) or "no baseline"
    return f"{group_type} {group}: {start} to {number_words(target)}"


def goal_snapshot(goal: Goal) -> dict[str, Any]:
    """The goal's fields and its targets per student group (for the history and for
    telling a second editor what changed)."""
    values = snapshot(goal)
    values["group_targets"] = [
        target_words(t.group_type, t.group, t.baseline_value, t.target_value)
        for t in goal.group_targets.all()
    ]
    return values


# ----- The plan's settings ---------------------------------------------------------------
def _check_plan(data: dict[str, Any]) -> None:
    problems = {}
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        problems["ends_on"] = "The plan must end after it starts."
    on_track, at_risk = data.get("on_track_share"), data.get("at_risk_share")
    if on_track is not None and at_risk is not None and at_risk > on_track:
        problems["at_risk_share"] = (
            "The at-risk share must not be above the on-track share "
            f"({number_words(on_track)}): a goal is at risk below on track."
        )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def plan_create(*, actor, district, data: dict[str, Any]) -> Plan:
    """Start the district's plan (title, vision, mission, dates, the on-track rule and the
    school initiative limit). A district has one plan."""
    if Plan.objects.filter(district=district).exists():
        raise ValidationError("The district already has a plan: change it instead.")
    _check_plan(data)
    plan = Plan(district=district, **data)
    plan.full_clean()
    plan.save()
    audit_created(actor=actor, district=district, obj=plan)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: Plan, version: int, data: dict[str, Any]) -> Plan:
    """Change the plan's settings: title, vision, mission, dates, the shares of the
    on-track rule and the school initiative limit. Refuses a stale edit (``StaleEdit``)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_version(plan, version, snapshot)
    before = snapshot(plan)
    _check_plan({name: data.get(name, getattr(plan, name)) for name in PLAN_RULE_FIELDS})
    for name, value in data.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    record_versioned_change(
        actor=actor, district=plan.district, obj=plan, before=before, snapshot_of=snapshot
    )
    return plan


PLAN_RULE_FIELDS = ("starts_on", "ends_on", "on_track_share", "at_risk_share")


# ----- Goals -----------------------------------------------------------------------------
def _check_choices(values, allowed, what: str, field: str) -> dict[str, str]:
    unknown = [v for v in values or [] if v not in allowed.values]
    if not unknown:
        return {}
    choices = ", ".join(allowed.values)
    return {field: f"“{unknown[0]}” is not {what}: choose among {choices}."}


def _check_targets(data: dict[str, Any]) -> dict[str, str]:
    """A goal's baseline and target go together: a figure and a date at each end, the
    target date after the baseline date."""
    ends = {name: data.get(name) for name in GOAL_ENDS}
    if all(value is None for value in ends.values()):
        return {}
    problems = {name: message for name, message in GOAL_END_MISSING.items() if ends[name] is None}
    if ends["baseline_on"] and ends["target_on"] and ends["target_on"] <= ends["baseline_on"]:
        problems["target_on"] = "The target date must come after the baseline date."
    return problems


GOAL_ENDS = ("baseline_value", "baseline_on", "target_value", "target_on")
GOAL_END_MISSING = {
    "baseline_value": "A target needs a baseline: the figure at the baseline date.",
    "baseline_on": "A target needs a baseline date: the day the baseline was measured.",
    "target_value": "A baseline needs a target: the figure to reach by the target date.",
    "target_on": "A baseline needs a target date: the day the target should be reached.",
}


def _check_goal(plan: Plan, data: dict[str, Any], goal: Goal | None) -> None:
    problems = _check_targets(data)
    problems |= _check_choices(
        data.get("learning_agendas"), LearningAgenda, "a learning agenda", "learning_agendas"
    )
    problems |= _check_choices(
        data.get("areas_of_action"), AreaOfAction, "an area of action", "areas_of_action"
    )
    code = (data.get("code") or "").strip()
    others = Goal.objects.filter(plan=plan, code__iexact=code)
    if goal is not None:
        others = others.exclude(pk=goal.pk)
    if code and others.exists():
        problems["code"] = f"Another goal of the plan already has the code {code}."
    for name in ("indicator", "owner_department"):
        related = data.get(name)
        if related is not None and related.district_id != plan.district_id:
            problems[name] = "This belongs to another district."
    if problems:
        raise ValidationError(problems)


def _check_group_targets(data: dict[str, Any], targets: list[dict[str, Any]]) -> None:
    seen = set()
    for target in targets:
        key = (target["group_type"], target["group"])
        if target["group"] not in GROUP_TYPES.get(target["group_type"], ()) or key[0] == "all":
            raise ValidationError(
                {"group_targets": f"“{key[0]} {key[1]}” is not a student group of the audit."}
            )
        if key in seen:
            raise ValidationError(
                {"group_targets": f"The group {key[0]} {key[1]} has two targets: keep one."}
            )
        seen.add(key)
    if targets and (data.get("baseline_on") is None or data.get("target_on") is None):
        raise ValidationError(
            {
                "group_targets": "Targets per student group share the goal's dates: give the "
                "goal its baseline date and target date first."
            }
        )


def _replace_group_targets(goal: Goal, targets: list[dict[str, Any]] | None) -> None:
    if targets is None:
        return
    goal.group_targets.all().delete()
    GoalGroupTarget.objects.bulk_create(
        GoalGroupTarget(
            goal=goal,
            group_type=t["group_type"],
            group=t["group"],
            baseline_value=t.get("baseline_value"),
            target_value=t["target_value"],
        )
        for t in targets
    )


@transaction.atomic
def goal_create(
    *, actor, plan: Plan, data: dict[str, Any], group_targets: list[dict[str, Any]] | None = None
) -> Goal:
    """Add a goal to the plan: code, title, owner, indicator, baseline and target (with
    their dates), learning agendas, areas of action and, for an equity goal, targets per
    student group (``group_type``, ``group``, ``baseline_value``, ``target_value``)."""
    _check_goal(plan, data, None)
    _check_group_targets(data, group_targets or [])
    goal = Goal(plan=plan, **data)
    goal.full_clean()
    goal.save()
    _replace_group_targets(goal, group_targets)
    after = goal_snapshot(goal)
    audit_record(
        actor=actor,
        district=plan.district,
        action="create",
        obj=goal,
        changes={k: [None, v] for k, v in after.items() if v not in (None, "", [])},
    )
    return goal


@transaction.atomic
def goal_update(
    *,
    actor,
    goal: Goal,
    version: int,
    data: dict[str, Any],
    group_targets: list[dict[str, Any]] | None = None,
) -> Goal:
    """Change a goal (any of the fields of ``goal_create``); ``group_targets``, when given,
    replace the goal's targets per student group. Refuses an edit opened on an older
    version (``StaleEdit``) and bad input (``ValidationError``); nothing is saved then."""
    goal = Goal.objects.select_for_update().select_related("plan").get(pk=goal.pk)
    check_version(goal, version, goal_snapshot)
    before = goal_snapshot(goal)
    merged = {name: data.get(name, getattr(goal, name)) for name in (*GOAL_ENDS, "code")}
    _check_goal(goal.plan, {**data, **merged}, goal)
    if group_targets is not None:
        _check_group_targets(merged, group_targets)
    elif data and goal.group_targets.exists():
        stored = [dict(row) for row in goal.group_targets.values("group_type", "group")]
        _check_group_targets(merged, stored)
    for name, value in data.items():
        setattr(goal, name, value)
    goal.full_clean()
    goal.save()
    _replace_group_targets(goal, group_targets)
    record_versioned_change(
        actor=actor, district=goal.plan.district, obj=goal, before=before, snapshot_of=goal_snapshot
    )
    return goal


@transaction.atomic
def goal_group_targets_set(
    *, actor, goal: Goal, version: int, targets: list[dict[str, Any]]
) -> Goal:
    """Replace an equity goal's targets per student group (the group words of the equity
    spec: ``race_ethnicity`` ``BL``, ``english_learner`` ``Y`` …)."""
    return goal_update(actor=actor, goal=goal, version=version, data={}, group_targets=targets)


@transaction.atomic
def goal_delete(*, actor, goal: Goal, version: int) -> None:
    """Remove a goal from the plan (initiatives and statements that served it stay, serving
    one goal fewer). Refuses when someone changed it since it was shown (``StaleEdit``)."""
    goal = Goal.objects.select_for_update().select_related("plan__district").get(pk=goal.pk)
    check_version(goal, version, goal_snapshot)
    before = goal_snapshot(goal)
    audit_record(
        actor=actor,
        district=goal.plan.district,
        action="delete",
        obj=goal,
        changes={k: [v, None] for k, v in before.items() if v not in (None, "", [])},
    )
    goal.delete()


# ----- The theory of action --------------------------------------------------------------
def statement_snapshot(statement: ActionStatement) -> dict[str, Any]:
    """A statement's clauses, position and the codes of the goals it links to."""
    return snapshot(statement) | {"goals": sorted(g.code for g in statement.goals.all())}


def _check_statement(plan: Plan, data: dict[str, Any]) -> None:
    problems = {}
    for name, words in (("if_clause", "If …"), ("then_clause", "… then …")):
        if not (data.get(name) or "").strip():
            problems[name] = f"Write the “{words}” part of the statement."
    if any(goal.plan_id != plan.pk for goal in data.get("goals") or []):
        problems["goals"] = "A statement links goals of its own plan only."
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def action_statement_create(*, actor, plan: Plan, data: dict[str, Any]) -> ActionStatement:
    """Add an "if … then …" statement to the theory of action, linked to the goals it
    should move (``if_clause``, ``then_clause``, ``goals``); it goes last."""
    _check_statement(plan, data)
    last = plan.action_statements.order_by("-position").values_list("position", flat=True)
    statement = ActionStatement.objects.create(
        plan=plan,
        position=(last.first() or 0) + 1,
        if_clause=data["if_clause"].strip(),
        then_clause=data["then_clause"].strip(),
    )
    statement.goals.set(data.get("goals") or [])
    after = statement_snapshot(statement)
    audit_record(
        actor=actor,
        district=plan.district,
        action="create",
        obj=statement,
        changes={k: [None, v] for k, v in after.items() if v not in (None, "", [])},
    )
    return statement


@transaction.atomic
def action_statement_update(
    *, actor, statement: ActionStatement, data: dict[str, Any]
) -> ActionStatement:
    """Change a statement's clauses or the goals it links to."""
    plan = statement.plan
    before = statement_snapshot(ActionStatement.objects.get(pk=statement.pk))
    _check_statement(plan, {**before, **data})
    for name in ("if_clause", "then_clause"):
        if name in data:
            setattr(statement, name, data[name].strip())
    statement.save()
    if "goals" in data:
        statement.goals.set(data["goals"])
    _audit_change(actor, plan.district, statement, before, statement_snapshot(statement))
    return statement


@transaction.atomic
def action_statement_delete(*, actor, statement: ActionStatement) -> None:
    """Remove a statement from the theory of action."""
    before = statement_snapshot(statement)
    audit_record(
        actor=actor,
        district=statement.plan.district,
        action="delete",
        obj=statement,
        changes={k: [v, None] for k, v in before.items() if v not in (None, "", [])},
    )
    statement.delete()


@transaction.atomic
def action_statements_reorder(*, actor, plan: Plan, order: list[int]) -> None:
    """Put the theory of action's statements in the order given (their ids, first to
    last); every statement of the plan must be named once."""
    statements = {s.pk: s for s in plan.action_statements.select_for_update()}
    if sorted(order) != sorted(statements):
        raise ValidationError("Name every statement of the theory of action exactly once.")
    for position, pk in enumerate(order, start=1):
        statement = statements[pk]
        if statement.position != position:
            changes = {"position": [statement.position, position]}
            statement.position = position
            statement.save(update_fields=["position", "updated_at"])
            audit_record(
                actor=actor, district=plan.district, action="update", obj=statement, changes=changes
            )


def _audit_change(actor, district, obj, before: dict, after: dict) -> None:
    changes = changed_fields(before, after)
    if changes:
        audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)
