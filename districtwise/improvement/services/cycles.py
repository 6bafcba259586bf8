"""Writes of PDSA cycles: starting one (or the next cycle of a ramp), filling and
advancing its stages Plan → Do → Study → Act → closed, and stepping a stage back.

Every change is one transaction with an audit-history row (before and after). Bad input
is refused with a ``ValidationError`` that says what is wrong and where; nothing is saved.
A closed cycle is read-only: what it taught goes into the next cycle of its ramp.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.improvement.models import ChangeIdea, Cycle, Team

Stage = Cycle.Stage

# The fields each stage's section fills.
STAGE_FIELDS: dict[str, tuple[str, ...]] = {
    Stage.PLAN: (
        "title",
        "question",
        "prediction",
        "plan_who",
        "plan_what",
        "plan_where",
        "planned_start",
        "planned_end",
        "data_to_collect",
    ),
    Stage.DO: ("started_on", "what_happened", "observations"),
    Stage.STUDY: ("results", "against_prediction"),
    Stage.ACT: ("decision", "next_steps"),
}
ORDER = [Stage.PLAN, Stage.DO, Stage.STUDY, Stage.ACT, Stage.CLOSED]

# What a stage needs before the cycle moves on from it: (field, message).
NEEDED_TO_LEAVE: dict[str, tuple[tuple[str, str], ...]] = {
    Stage.PLAN: (
        ("question", "Write the question this test should answer."),
        ("prediction", "Write what you predict will happen, and why."),
        ("planned_start", "Give the date the test is planned to start."),
    ),
    Stage.DO: (
        ("started_on", "Give the date the test started before moving to Study."),
        ("what_happened", "Say what happened before moving to Study."),
    ),
    Stage.STUDY: (("results", "Write the results, against the prediction, before moving to Act."),),
    Stage.ACT: (
        (
            "decision",
            "Choose a decision (adopt, adapt or abandon) before closing the cycle: a "
            "cycle cannot be closed without one.",
        ),
    ),
}


def next_stage(stage: str) -> str:
    """The stage after ``stage`` (Act is followed by closed)."""
    return ORDER[ORDER.index(Stage(stage)) + 1]


def previous_stage(stage: str) -> str:
    """The stage before ``stage`` (Plan has none: refused)."""
    index = ORDER.index(Stage(stage))
    if index == 0:
        raise ValidationError("The cycle is at Plan, its first stage: there is no step back.")
    return ORDER[index - 1]


def cycle_start(*, actor, team: Team, change_idea: ChangeIdea, data: Mapping[str, Any]) -> Cycle:
    """Start a cycle of ``team`` testing ``change_idea`` (an idea of the team's network
    that is not retired), at Plan, with the plan in ``data``."""
    problems = _idea_problems(team, change_idea)
    cycle = Cycle(team=team, change_idea=change_idea, created_by=_user(actor))
    _apply(cycle, Stage.PLAN, data)
    _check_dates(cycle, problems)
    _check_needed(cycle, Stage.PLAN, problems)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        cycle.save()
        audit_created(actor=actor, district=team.network.district, obj=cycle)
    return cycle


def cycle_next(*, actor, previous: Cycle, data: Mapping[str, Any]) -> Cycle:
    """Start the next cycle of a ramp from a closed cycle: same team and change idea,
    ``previous`` set. One cycle has at most one next cycle (a ramp is a chain), and a
    cycle that abandoned its idea ends its ramp."""
    with transaction.atomic():
        previous = Cycle.objects.select_for_update().get(pk=previous.pk)
        check_may_follow(previous)
        cycle = Cycle(
            team=previous.team,
            change_idea=previous.change_idea,
            previous=previous,
            created_by=_user(actor),
        )
        _apply(cycle, Stage.PLAN, data)
        problems: dict[str, list[str]] = {}
        _check_dates(cycle, problems)
        _check_needed(cycle, Stage.PLAN, problems)
        if problems:
            raise ValidationError(problems)
        cycle.save()
        audit_created(actor=actor, district=previous.team.network.district, obj=cycle)
    return cycle


def check_may_follow(previous: Cycle) -> None:
    """Refuse (``ValidationError``) a next cycle after ``previous``: it must be closed,
    must not have abandoned its idea, and must have no next cycle yet."""
    if previous.stage != Stage.CLOSED:
        raise ValidationError(
            f"{previous.title} is not closed yet: finish its Act stage before starting "
            "the next cycle."
        )
    if previous.decision == Cycle.Decision.ABANDON:
        raise ValidationError(
            f"{previous.title} abandoned its change idea, which ends the ramp: start a "
            "new cycle with another change idea instead."
        )
    following = previous.next_cycles.first()
    if following is not None:
        raise ValidationError(
            f"{previous.title} already has a next cycle, {following.title}: continue the "
            "ramp from there."
        )


def next_cycle_plan(previous: Cycle) -> dict[str, Any]:
    """The plan a next cycle starts with: what the last cycle decided to do next, and
    its who / where / data carried over."""
    number = 1
    walker: Cycle | None = previous
    while walker is not None:
        number += 1
        walker = walker.previous
    return {
        "title": f"{previous.change_idea.title}: cycle {number}",
        "plan_what": previous.next_steps,
        "plan_who": previous.plan_who,
        "plan_where": previous.plan_where,
        "data_to_collect": previous.data_to_collect,
    }


def cycle_stage_save(
    *, actor, cycle: Cycle, data: Mapping[str, Any], advance: bool = False
) -> Cycle:
    """Save the fields of the cycle's current stage; with ``advance``, move it on to the
    next stage (from Act: close it, which needs a decision). A closed cycle is refused."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().select_related("team__network").get(pk=cycle.pk)
        _refuse_closed(cycle)
        before = snapshot(cycle)
        stage = cycle.stage
        _apply(cycle, stage, data)
        problems: dict[str, list[str]] = {}
        _check_dates(cycle, problems)
        if advance:
            _check_needed(cycle, stage, problems)
        if problems:
            raise ValidationError(problems)
        if advance:
            cycle.stage = next_stage(stage)
            if cycle.stage == Stage.CLOSED:
                cycle.closed_on = timezone.localdate()
        _save_audited(actor, cycle, before)
    return cycle


def cycle_step_back(*, actor, cycle: Cycle) -> Cycle:
    """Take an open cycle back one stage, to correct what was written there (audited).
    A closed cycle stays closed."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().select_related("team__network").get(pk=cycle.pk)
        _refuse_closed(cycle)
        before = snapshot(cycle)
        cycle.stage = previous_stage(cycle.stage)
        _save_audited(actor, cycle, before)
    return cycle


def _save_audited(actor, cycle: Cycle, before: dict[str, Any]) -> None:
    changes = changed_fields(before, snapshot(cycle))
    if changes:
        cycle.save()
        audit_record(
            actor=actor,
            district=cycle.team.network.district,
            action="update",
            obj=cycle,
            changes=changes,
        )


def _refuse_closed(cycle: Cycle) -> None:
    if cycle.stage == Stage.CLOSED:
        raise ValidationError(
            f"{cycle.title} is closed and cannot change; start the next cycle from it instead."
        )


def _apply(cycle: Cycle, stage: str, data: Mapping[str, Any]) -> None:
    allowed = STAGE_FIELDS[stage]
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        label = Stage(stage).label
        raise ValidationError([f"The {label} stage has no field {name!r}." for name in unknown])
    for name, value in data.items():
        setattr(cycle, name, value.strip() if isinstance(value, str) else value)
    if cycle.decision and cycle.decision not in Cycle.Decision.values:
        raise ValidationError(
            {"decision": [f"{cycle.decision!r} is not a decision: adopt, adapt or abandon."]}
        )


def _check_needed(cycle: Cycle, stage: str, problems: dict[str, list[str]]) -> None:
    for name, message in NEEDED_TO_LEAVE.get(stage, ()):
        if getattr(cycle, name) in (None, ""):
            problems.setdefault(name, []).append(message)


def _check_dates(cycle: Cycle, problems: dict[str, list[str]]) -> None:
    network = cycle.team.network
    period = (
        f"{network.starts_on:%B} {network.starts_on.day}, {network.starts_on.year} to "
        f"{network.ends_on:%B} {network.ends_on.day}, {network.ends_on.year}"
    )
    for name in ("planned_start", "started_on"):
        value = getattr(cycle, name)
        if value is not None and not network.starts_on <= value <= network.ends_on:
            problems.setdefault(name, []).append(
                f"This date falls outside the network's period ({period})."
            )
    if cycle.planned_end and cycle.planned_start and cycle.planned_end < cycle.planned_start:
        problems.setdefault("planned_end", []).append(
            "The planned end comes before the planned start."
        )


def _idea_problems(team: Team, change_idea: ChangeIdea) -> dict[str, list[str]]:
    if change_idea.network_id != team.network_id:
        return {"change_idea": ["Choose a change idea of this team's network."]}
    if change_idea.retired_at is not None:
        return {"change_idea": [f"{change_idea.title} is retired: choose a current idea."]}
    return {}


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
