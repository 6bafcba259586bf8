"""Writes of the plan's initiatives: the initiative itself (goals served, pathways, owner,
lead, dates, status, students reached, schools), its phases, budget lines, milestones and
implementation log.

Every service runs in one transaction, refuses bad input with a ``ValidationError`` naming
the field (nothing saved) and writes an audit row; an initiative edited from a stale form
is refused with ``StaleEdit`` (``services.plan_versions``)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    InitiativePhase,
    LogEntry,
    Milestone,
    Participation,
    Pathway,
    Plan,
)
from districtwise.strategy.services.plan_versions import check_version, record_versioned_change

PLAIN_AMOUNT = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
RELATED = ("goals", "schools")


def plain_amount(text: str | Decimal) -> Decimal:
    """A budget amount written as a plain number of dollars (``1200.50``). Currency signs,
    thousands separators and decimal commas are refused, not guessed at: "1.200,50" could
    be twelve hundred or one."""
    written = format(text, "f") if isinstance(text, Decimal) else str(text).strip()
    if not PLAIN_AMOUNT.fullmatch(written):
        raise ValidationError(
            {
                "amount": f"“{written}” is not a plain number: write the dollars like "
                "1200.50, with no dollar sign, no thousands separator and a point before "
                "the cents."
            }
        )
    try:
        return Decimal(written)
    except InvalidOperation as bad:  # pragma: no cover - the pattern admits only numbers
        raise ValidationError({"amount": "Not a number."}) from bad


def initiative_snapshot(initiative: Initiative) -> dict[str, Any]:
    """The initiative's fields, the codes of the goals it serves and its schools."""
    return snapshot(initiative) | {
        "goals": sorted(g.code for g in initiative.goals.all()),
        "schools": sorted(
            p.school.name for p in initiative.participations.select_related("school")
        ),
    }


def _audit_created(actor, district, obj, after: dict[str, Any]) -> None:
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [])}
    audit_record(actor=actor, district=district, action="create", obj=obj, changes=changes)


def _audit_deleted(actor, district, obj, before: dict[str, Any]) -> None:
    changes = {k: [v, None] for k, v in before.items() if v not in (None, "", [])}
    audit_record(actor=actor, district=district, action="delete", obj=obj, changes=changes)


def _audit_changed(actor, district, obj, before: dict[str, Any], after: dict[str, Any]) -> None:
    changes = changed_fields(before, after)
    if changes:
        audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)


# ----- Initiatives -----------------------------------------------------------------------
def _check_dates(data: dict[str, Any], what: str) -> dict[str, str]:
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        return {"ends_on": f"{what} must end on or after the day it starts."}
    return {}


def _check_initiative(plan: Plan, data: dict[str, Any], initiative: Initiative | None):
    problems = _check_dates(data, "The initiative")
    code = (data.get("code") or "").strip()
    others = Initiative.objects.filter(plan=plan, code__iexact=code)
    if initiative is not None:
        others = others.exclude(pk=initiative.pk)
    if code and others.exists():
        problems["code"] = f"Another initiative of the plan already has the code {code}."
    unknown = [p for p in data.get("pathways") or [] if p not in Pathway.values]
    if unknown:
        problems["pathways"] = (
            f"“{unknown[0]}” is not a pathway: choose among {', '.join(Pathway.values)}."
        )
    if any(goal.plan_id != plan.pk for goal in data.get("goals") or []):
        problems["goals"] = "An initiative serves goals of its own plan only."
    for name in ("schools",):
        if any(s.district_id != plan.district_id for s in data.get(name) or []):
            problems[name] = "A school of another district cannot take part."
    for name in ("owner_department", "lead"):
        related = data.get(name)
        if related is not None and related.district_id != plan.district_id:
            problems[name] = "This belongs to another district."
    if initiative is not None and data.get("ends_on"):
        late = initiative.milestones.filter(due_on__gt=data["ends_on"]).first()
        if late is not None:
            problems["ends_on"] = (
                f"The milestone “{late.title}” is due {late.due_on:%Y-%m-%d}, after this end: "
                "move the milestone first."
            )
    if problems:
        raise ValidationError(problems)


def _set_schools(initiative: Initiative, schools) -> None:
    """Schools newly chosen take part (in no phase yet); schools left out stop."""
    if schools is None:
        return
    wanted = {school.pk for school in schools}
    initiative.participations.exclude(school_id__in=wanted).delete()
    present = set(initiative.participations.values_list("school_id", flat=True))
    Participation.objects.bulk_create(
        Participation(initiative=initiative, school_id=pk) for pk in wanted - present
    )


@transaction.atomic
def initiative_create(*, actor, plan: Plan, data: dict[str, Any]) -> Initiative:
    """Add an initiative to the plan: code, name, description, owner department, lead,
    goals served, pathways, status, dates, students reached and schools taking part."""
    _check_initiative(plan, data, None)
    fields = {k: v for k, v in data.items() if k not in RELATED}
    initiative = Initiative(plan=plan, **fields)
    initiative.full_clean()
    initiative.save()
    initiative.goals.set(data.get("goals") or [])
    _set_schools(initiative, data.get("schools") or [])
    _audit_created(actor, plan.district, initiative, initiative_snapshot(initiative))
    return initiative


@transaction.atomic
def initiative_update(
    *, actor, initiative: Initiative, version: int, data: dict[str, Any]
) -> Initiative:
    """Change an initiative (any of the fields of ``initiative_create``). Refuses an edit
    opened on an older version (``StaleEdit``) and bad input (``ValidationError``)."""
    initiative = Initiative.objects.select_for_update().select_related("plan").get(pk=initiative.pk)
    check_version(initiative, version, initiative_snapshot)
    before = initiative_snapshot(initiative)
    dates = {n: data.get(n, getattr(initiative, n)) for n in ("starts_on", "ends_on", "code")}
    _check_initiative(initiative.plan, {**data, **dates}, initiative)
    for name, value in data.items():
        if name not in RELATED:
            setattr(initiative, name, value)
    initiative.full_clean()
    initiative.save()
    if "goals" in data:
        initiative.goals.set(data["goals"])
    _set_schools(initiative, data.get("schools"))
    record_versioned_change(
        actor=actor,
        district=initiative.plan.district,
        obj=initiative,
        before=before,
        snapshot_of=initiative_snapshot,
    )
    return initiative


# ----- Phases (pilot schools first, then wider) --------------------------------------------
def phase_snapshot(phase: InitiativePhase) -> dict[str, Any]:
    """The phase's fields and the schools taking part in it."""
    schools = phase.participations.select_related("school")
    return snapshot(phase) | {"schools": sorted(p.school.name for p in schools)}


def _check_phase(initiative: Initiative, data: dict[str, Any]) -> None:
    problems = _check_dates(data, "The phase")
    if not (data.get("name") or "").strip():
        problems["name"] = "Name the phase, e.g. “Pilot”."
    ends, limit = data.get("ends_on"), initiative.ends_on
    if ends and limit and ends > limit:
        problems["ends_on"] = f"The phase ends after the initiative does ({limit:%Y-%m-%d})."
    if any(s.district_id != initiative.plan.district_id for s in data.get("schools") or []):
        problems["schools"] = "A school of another district cannot take part."
    if problems:
        raise ValidationError(problems)


def _place_schools(initiative: Initiative, phase: InitiativePhase, schools) -> None:
    """The chosen schools take part in this phase (joining the initiative if they were not
    in it); schools of this phase left out stay in the initiative, in no phase."""
    if schools is None:
        return
    wanted = {school.pk for school in schools}
    phase.participations.exclude(school_id__in=wanted).update(phase=None)
    for pk in wanted:
        Participation.objects.update_or_create(
            initiative=initiative, school_id=pk, defaults={"phase": phase}
        )


@transaction.atomic
def phase_create(*, actor, initiative: Initiative, data: dict[str, Any]) -> InitiativePhase:
    """Add a phase to an initiative (``name``, ``starts_on``, ``ends_on``) with the schools
    taking part in it (``schools``); it goes after the others."""
    _check_phase(initiative, data)
    last = initiative.phases.order_by("-position").values_list("position", flat=True).first()
    phase = InitiativePhase.objects.create(
        initiative=initiative,
        position=(last or 0) + 1,
        **{k: v for k, v in data.items() if k != "schools"},
    )
    _place_schools(initiative, phase, data.get("schools") or [])
    _audit_created(actor, initiative.plan.district, phase, phase_snapshot(phase))
    return phase


@transaction.atomic
def phase_update(*, actor, phase: InitiativePhase, data: dict[str, Any]) -> InitiativePhase:
    """Change a phase's name, dates or schools."""
    initiative = phase.initiative
    before = phase_snapshot(InitiativePhase.objects.get(pk=phase.pk))
    merged = {n: data.get(n, getattr(phase, n)) for n in ("name", "starts_on", "ends_on")}
    _check_phase(initiative, {**data, **merged})
    for name, value in data.items():
        if name != "schools":
            setattr(phase, name, value)
    phase.full_clean()
    phase.save()
    _place_schools(initiative, phase, data.get("schools"))
    _audit_changed(actor, initiative.plan.district, phase, before, phase_snapshot(phase))
    return phase


@transaction.atomic
def phase_delete(*, actor, phase: InitiativePhase) -> None:
    """Remove a phase; its schools stay in the initiative, in no phase."""
    _audit_deleted(actor, phase.initiative.plan.district, phase, phase_snapshot(phase))
    phase.delete()


# ----- Budget lines, milestones and the log ------------------------------------------------
def _check_budget_line(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if "amount" in data:
        data["amount"] = plain_amount(data["amount"])
    problems = {}
    if data.get("funding_source") not in FundingSource.values:
        problems["funding_source"] = (
            f"“{data.get('funding_source')}” is not a funding source: choose among "
            f"{', '.join(FundingSource.values)}."
        )
    year = data.get("school_year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        problems["school_year"] = "Give the school year by the year it ends in, e.g. 2026."
    if problems:
        raise ValidationError(problems)
    return data


@transaction.atomic
def budget_line_create(*, actor, initiative: Initiative, data: dict[str, Any]) -> BudgetLine:
    """Add money an initiative spends: ``funding_source``, ``school_year`` (the year the
    school year ends), ``amount`` in dollars (a plain number) and an optional ``note``."""
    line = BudgetLine(initiative=initiative, **_check_budget_line(data))
    line.full_clean()
    line.save()
    audit_created(actor=actor, district=initiative.plan.district, obj=line)
    return line


@transaction.atomic
def budget_line_update(*, actor, line: BudgetLine, data: dict[str, Any]) -> BudgetLine:
    """Change a budget line's source, year, amount or note."""
    merged = {n: data.get(n, getattr(line, n)) for n in BUDGET_FIELDS}
    return _update_part(actor, line, _check_budget_line(merged))


BUDGET_FIELDS = ("funding_source", "school_year", "amount", "note")


@transaction.atomic
def budget_line_delete(*, actor, line: BudgetLine) -> None:
    """Remove a budget line."""
    _audit_deleted(actor, line.initiative.plan.district, line, snapshot(line))
    line.delete()


def _check_milestone(initiative: Initiative, data: dict[str, Any]) -> None:
    problems = {}
    due, ends = data.get("due_on"), initiative.ends_on
    if due and ends and due > ends:
        problems["due_on"] = (
            f"The milestone is due after the initiative ends ({ends:%Y-%m-%d}): move the "
            "date, or extend the initiative first."
        )
    done = data.get("status") == Milestone.Status.DONE
    if done and not data.get("done_on"):
        problems["done_on"] = "A milestone marked done needs the day it was done."
    if data.get("done_on") and not done:
        problems["done_on"] = "A done date goes with the status “Done”."
    if data.get("status") not in Milestone.Status.values:
        problems["status"] = f"“{data.get('status')}” is not a milestone status."
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def milestone_create(*, actor, initiative: Initiative, data: dict[str, Any]) -> Milestone:
    """Add a dated step to an initiative (``title``, ``due_on``, ``status``, ``done_on``);
    it must fall on or before the initiative's end."""
    data = {"status": Milestone.Status.PLANNED, **data}
    _check_milestone(initiative, data)
    milestone = Milestone(initiative=initiative, **data)
    milestone.full_clean()
    milestone.save()
    audit_created(actor=actor, district=initiative.plan.district, obj=milestone)
    return milestone


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, data: dict[str, Any]) -> Milestone:
    """Change a milestone: its title, date, status or done date."""
    merged = {n: data.get(n, getattr(milestone, n)) for n in ("due_on", "status", "done_on")}
    _check_milestone(milestone.initiative, merged)
    return _update_part(actor, milestone, data)


@transaction.atomic
def milestone_delete(*, actor, milestone: Milestone) -> None:
    """Remove a milestone."""
    _audit_deleted(actor, milestone.initiative.plan.district, milestone, snapshot(milestone))
    milestone.delete()


@transaction.atomic
def log_entry_create(*, actor, initiative: Initiative, happened_on, text: str) -> LogEntry:
    """Write in an initiative's implementation log what happened and when (the author is
    the actor)."""
    if not text.strip():
        raise ValidationError({"text": "Write what happened."})
    entry = LogEntry.objects.create(
        initiative=initiative, happened_on=happened_on, text=text.strip(), author=actor
    )
    audit_created(actor=actor, district=initiative.plan.district, obj=entry)
    return entry


def _update_part(actor, obj: models.Model, data: dict[str, Any]):
    # "Before" is read from the database: a bound ModelForm has already changed ``obj``.
    before = snapshot(type(obj)._default_manager.get(pk=obj.pk))
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    district = obj.initiative.plan.district  # type: ignore[attr-defined]
    _audit_changed(actor, district, obj, before, snapshot(obj))
    return obj
