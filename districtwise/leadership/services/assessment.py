"""Writes of self-assessments: starting one for a team, a member's answers (saved as they
go), closing it, drafting the action plan from the weakest items and editing its steps.

Every change is one transaction with audit rows. Input a rule refuses raises a
``ValidationError`` naming the field and what is wrong; nothing of it is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.core.models import Notification
from districtwise.core.notifications import notify
from districtwise.leadership.instrument import HIGHEST, ITEMS, LOWEST, section_key
from districtwise.leadership.models import Assessment, AssessmentAnswer, AssessmentStep
from districtwise.organization.models import Person

# How long a drafted step has before it is due, unless the team changes it.
DRAFT_STEP_DAYS = 90


def unit_people(*, district, school=None, department=None):
    """The people of a school or a department: those placed there, or holding a role there."""
    people = Person.objects.filter(district=district)
    if school is not None:
        return people.filter(Q(school=school) | Q(memberships__school=school)).distinct()
    return people.filter(
        Q(department=department) | Q(memberships__department=department)
    ).distinct()


def _check_team(*, district, school, department, members) -> None:
    if (school is None) == (department is None):
        raise ValidationError({"school": "Choose either a school or a department for the team."})
    unit = school or department
    if unit.district_id != district.pk:
        raise ValidationError({"school": "That school or department is not of this district."})
    if not members:
        raise ValidationError({"members": "Choose at least one member of the team."})
    allowed = set(
        unit_people(district=district, school=school, department=department).values_list(
            "pk", flat=True
        )
    )
    strangers = [m.full_name for m in members if m.pk not in allowed]
    if strangers:
        raise ValidationError(
            {"members": f"Not of {unit.name}: {', '.join(strangers)}. Choose its own people."}
        )


@transaction.atomic
def assessment_start(
    *,
    actor,
    district,
    title: str,
    period: str,
    members: Iterable[Person],
    school=None,
    department=None,
    created_by: Person | None = None,
) -> Assessment:
    """Start a self-assessment for a school's leadership team or a department's team; the
    ``members`` must be people of that school or department."""
    members = list(members)
    _check_team(district=district, school=school, department=department, members=members)
    assessment = Assessment(
        district=district,
        team_kind=Assessment.TeamKind.SCHOOL if school else Assessment.TeamKind.CENTRAL,
        school=school,
        department=department,
        title=(title or "").strip(),
        period=(period or "").strip(),
        created_by=created_by,
    )
    assessment.full_clean()
    assessment.save()
    assessment.members.set(members)
    after = snapshot(assessment)
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
    changes["members"] = [None, sorted(m.full_name for m in members)]
    audit_record(actor=actor, district=district, action="create", obj=assessment, changes=changes)
    notify(
        district=district,
        users=[m.user for m in members if m.user_id and m.user_id != actor.pk],
        kind=Notification.Kind.ASSESSMENT_TO_ANSWER,
        title=f"Self-assessment to answer: {assessment.title}",
        url=reverse("leadership:assessment_answer", args=[assessment.pk]),
    )
    return assessment


@dataclass(frozen=True)
class AnswerInput:
    """One item as a member leaves it: a rating 1 to 4, "don't know", or neither (unanswered)."""

    rating: int | None = None
    dont_know: bool = False
    evidence: str = ""


def _check_answer(key: str, given: AnswerInput) -> dict[str, str]:
    if key not in ITEMS:
        return {key: "There is no such item in the instrument."}
    if given.rating is not None and not LOWEST <= given.rating <= HIGHEST:
        return {key: f"Rate it from {LOWEST} to {HIGHEST}, or choose “don't know”."}
    if given.rating is not None and given.dont_know:
        return {key: "Choose a rating or “don't know”, not both."}
    if given.rating is None and not given.dont_know and given.evidence.strip():
        return {key: "Choose a rating or “don't know” to keep this evidence."}
    return {}


def _require_open_member(assessment: Assessment, person: Person | None) -> None:
    if not assessment.is_open:
        raise ValidationError("This self-assessment is closed: answers can no longer change.")
    if person is None or not assessment.members.filter(pk=person.pk).exists():
        raise ValidationError("Only the team's members answer this self-assessment.")


@transaction.atomic
def assessment_answers_save(
    *, actor, assessment: Assessment, person: Person | None, answers: Mapping[str, AnswerInput]
) -> int:
    """Save ``person``'s answers to ``assessment`` (all or some items: progress is kept).
    An item left with neither a rating nor "don't know" removes an earlier answer. Returns
    how many answers changed. Refused whole if any item is wrong, or the assessment is
    closed, or ``person`` is not a member."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_open_member(assessment, person)
    problems: dict[str, str] = {}
    for key, given in answers.items():
        problems.update(_check_answer(key, given))
    if problems:
        raise ValidationError(problems)
    existing = {a.item_key: a for a in assessment.answers.filter(person=person)}
    changed = 0
    for key, given in answers.items():
        changed += _store(actor, assessment, person, existing.get(key), key, given)
    return changed


# What a member said stays with the team (access.py): the audit row of an answer records
# that it changed and which fields, not the rating or the evidence, which the change
# history's readers (beyond the team) would otherwise read.
ANSWER_WITHHELD = "(kept with the team)"
ANSWER_PRIVATE_FIELDS = frozenset({"rating", "dont_know", "evidence"})


def _withheld(changes: dict) -> dict:
    return {
        name: [
            None if before is None else ANSWER_WITHHELD,
            None if after is None else ANSWER_WITHHELD,
        ]
        if name in ANSWER_PRIVATE_FIELDS
        else [before, after]
        for name, (before, after) in changes.items()
    }


def _audit_answer(*, actor, district, action: str, answer, changes: dict) -> None:
    audit_record(
        actor=actor, district=district, action=action, obj=answer, changes=_withheld(changes)
    )


def _store(actor, assessment, person, answer, key: str, given: AnswerInput) -> int:
    district = assessment.district
    if given.rating is None and not given.dont_know:
        if answer is None:
            return 0
        audit_record(actor=actor, district=district, action="delete", obj=answer, changes={})
        answer.delete()
        return 1
    if answer is None:
        answer = AssessmentAnswer.objects.create(
            assessment=assessment,
            person=person,
            item_key=key,
            section=section_key(key),
            rating=given.rating,
            dont_know=given.dont_know,
            evidence=given.evidence.strip(),
        )
        created = {k: [None, v] for k, v in snapshot(answer).items() if v not in (None, "")}
        _audit_answer(
            actor=actor, district=district, action="create", answer=answer, changes=created
        )
        return 1
    before = snapshot(answer)
    answer.rating, answer.dont_know = given.rating, given.dont_know
    answer.evidence = given.evidence.strip()
    changes = changed_fields(before, snapshot(answer))
    if not changes:
        return 0
    answer.save()
    _audit_answer(actor=actor, district=district, action="update", answer=answer, changes=changes)
    return 1


@transaction.atomic
def assessment_close(*, actor, assessment: Assessment) -> Assessment:
    """Close the assessment to answers; its results join the summaries."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_open:
        raise ValidationError("This self-assessment is already closed.")
    before = snapshot(assessment)
    assessment.status = Assessment.Status.CLOSED
    assessment.closed_at = timezone.now()
    assessment.save()
    audit_record(
        actor=actor,
        district=assessment.district,
        action="update",
        obj=assessment,
        changes=changed_fields(before, snapshot(assessment)),
    )
    return assessment


@transaction.atomic
def action_plan_draft(
    *, actor, assessment: Assessment, weakest, owner: Person | None, today: dt.date | None = None
) -> list[AssessmentStep]:
    """Draft a plan step for each of ``weakest`` (the item figures chosen by
    ``selectors.weakest_items``) not already in the plan: the item's suggested action,
    owned by ``owner`` (a member), due in ``DRAFT_STEP_DAYS`` days."""
    if owner is not None and not assessment.members.filter(pk=owner.pk).exists():
        owner = None
    due = (today or timezone.localdate()) + dt.timedelta(days=DRAFT_STEP_DAYS)
    planned = set(assessment.plan_steps.values_list("item_key", flat=True))
    created = []
    for stats in weakest:
        key = stats.item.key
        if key in planned:
            continue
        step = AssessmentStep.objects.create(
            assessment=assessment,
            section=section_key(key),
            item_key=key,
            action=stats.item.action,
            owner=owner,
            due_on=due,
        )
        audit_created(actor=actor, district=assessment.district, obj=step)
        created.append(step)
    return created


@transaction.atomic
def action_step_update(
    *,
    actor,
    step: AssessmentStep,
    action: str,
    owner: Person | None,
    due_on: dt.date | None,
    status: str,
    initiative=None,
) -> AssessmentStep:
    """Change a step of the plan. The owner must be a member of the team; the initiative
    one of the district's own plan."""
    assessment = step.assessment
    problems = {}
    if not (action or "").strip():
        problems["action"] = "Write what the step is: it cannot be empty."
    if owner is not None and not assessment.members.filter(pk=owner.pk).exists():
        problems["owner"] = f"{owner.full_name} is not a member of the team: choose a member."
    if initiative is not None and initiative.plan.district_id != assessment.district_id:
        problems["initiative"] = "That initiative is not of this district's plan."
    if problems:
        raise ValidationError(problems)
    before = snapshot(step)
    step.action, step.owner, step.due_on = action.strip(), owner, due_on
    step.status, step.initiative = status, initiative
    step.full_clean()
    step.save()
    changes = changed_fields(before, snapshot(step))
    if changes:
        audit_record(
            actor=actor, district=assessment.district, action="update", obj=step, changes=changes
        )
    return step
