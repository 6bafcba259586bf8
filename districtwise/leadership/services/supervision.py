"""Writes of principal supervision: planning, changing and completing school visits;
setting and changing growth goals; progress notes on them.

Every change is one transaction with an audit-history row. A change the rules refuse
raises a ``ValidationError`` naming the field and saying what is wrong; nothing is saved.
Who may reach each record is checked by ``leadership.access`` before a service is called;
the services check again that a visit is to a school the actor supervises.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.core.models import Notification
from districtwise.core.notifications import notify
from districtwise.leadership import access
from districtwise.leadership.models import (
    GoalNote,
    GrowthGoal,
    LeadershipArea,
    SchoolVisit,
    VisitFocus,
)
from districtwise.organization.models import Person, School

Status = SchoolVisit.Status


def _check_visit(
    *, actor, district, school: School, principal: Person, focus: str, focus_other: str
) -> None:
    errors: dict[str, str] = {}
    if school.district_id != district.pk:
        errors["school"] = "That school belongs to another district."
    elif not access.supervised_schools(actor, district).filter(pk=school.pk).exists():
        errors["school"] = f"{school.name} is not in your network: you visit your own schools."
    if principal.district_id != district.pk:
        errors["principal"] = "That person works in another district."
    elif (
        not access.principal_memberships(district, schools=[school.pk])
        .filter(person=principal)
        .exists()
    ):
        errors["principal"] = f"{principal.full_name} is not the principal of {school.name}."
    if focus not in VisitFocus.values:
        errors["focus"] = "Choose what the visit looks at."
    elif focus == VisitFocus.OTHER and not focus_other.strip():
        errors["focus_other"] = "Say what the visit looks at when you choose 'Other'."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def visit_plan(
    *,
    actor,
    district,
    supervisor: Person,
    school: School,
    principal: Person,
    visit_on: dt.date,
    focus: str,
    focus_other: str = "",
) -> SchoolVisit:
    """Plan a visit to a principal's school: its date and what it looks at."""
    _check_visit(
        actor=actor,
        district=district,
        school=school,
        principal=principal,
        focus=focus,
        focus_other=focus_other,
    )
    visit = SchoolVisit.objects.create(
        district=district,
        school=school,
        principal=principal,
        supervisor=supervisor,
        visit_on=visit_on,
        focus=focus,
        focus_other=focus_other.strip() if focus == VisitFocus.OTHER else "",
    )
    audit_created(actor=actor, district=district, obj=visit)
    _tell_principal(
        actor,
        visit,
        Notification.Kind.VISIT_PLANNED,
        f"School visit planned for {visit.visit_on.isoformat()}: {visit.get_focus_display()}",
    )
    return visit


@transaction.atomic
def visit_update(
    *,
    actor,
    visit: SchoolVisit,
    school: School,
    principal: Person,
    visit_on: dt.date,
    focus: str,
    focus_other: str = "",
    cancelled: bool = False,
) -> SchoolVisit:
    """Change a visit's school, principal, date or focus, or cancel (or restore) a planned
    one. A completed visit keeps its status."""
    _check_visit(
        actor=actor,
        district=visit.district,
        school=school,
        principal=principal,
        focus=focus,
        focus_other=focus_other,
    )
    if visit.follow_up_on and visit.follow_up_on < visit_on:
        raise ValidationError(
            {"visit_on": "The follow-up date of this visit is before that day: change it first."}
        )
    before = snapshot(visit)
    visit.school, visit.principal, visit.visit_on = school, principal, visit_on
    visit.focus = focus
    visit.focus_other = focus_other.strip() if focus == VisitFocus.OTHER else ""
    if visit.status != Status.COMPLETED:
        visit.status = Status.CANCELLED if cancelled else Status.PLANNED
    visit.save()
    _audit_update(actor, visit.district, visit, before)
    return visit


@transaction.atomic
def visit_complete(
    *,
    actor,
    visit: SchoolVisit,
    evidence_seen: str,
    feedback: str,
    next_steps: str = "",
    follow_up_on: dt.date | None = None,
) -> SchoolVisit:
    """Record what a visit saw and the feedback the principal was given: the visit is then
    completed, and the principal reads it."""
    errors: dict[str, str] = {}
    if visit.status == Status.CANCELLED:
        errors["__all__"] = "This visit was cancelled: restore it before completing it."
    if visit.visit_on > timezone.localdate():
        errors["__all__"] = (
            f"This visit is planned for {visit.visit_on.isoformat()}: complete it once it has "
            "taken place, or change its day first."
        )
    if not feedback.strip():
        errors["feedback"] = "Write the feedback the principal was given: a visit needs it."
    if follow_up_on is not None and follow_up_on < visit.visit_on:
        errors["follow_up_on"] = (
            f"The follow-up date is before the visit ({visit.visit_on.isoformat()}): "
            "give a later date."
        )
    if errors:
        raise ValidationError(errors)
    before = snapshot(visit)
    visit.evidence_seen, visit.feedback = evidence_seen.strip(), feedback.strip()
    visit.next_steps, visit.follow_up_on = next_steps.strip(), follow_up_on
    visit.status = Status.COMPLETED
    visit.save()
    _audit_update(actor, visit.district, visit, before)
    _tell_principal(
        actor,
        visit,
        Notification.Kind.VISIT_FEEDBACK,
        f"Feedback from the visit of {visit.visit_on.isoformat()}",
    )
    return visit


def _tell_principal(actor, visit: SchoolVisit, kind: str, title: str) -> None:
    """The visited principal hears of a planned visit and of its feedback in their
    notifications (not when they are the one recording it)."""
    user = visit.principal.user
    if user is None or user.pk == actor.pk:
        return
    notify(
        district=visit.district,
        users=[user],
        kind=kind,
        title=title,
        url=reverse("leadership:my_development"),
    )


def _audit_update(actor, district, obj, before: dict) -> None:
    audit_record(
        actor=actor,
        district=district,
        action="update",
        obj=obj,
        changes=changed_fields(before, snapshot(obj)),
    )


# ----- growth goals ----------------------------------------------------------------------
def _check_goal(*, goal: str, area: str, status: str, school_year: int) -> None:
    errors: dict[str, str] = {}
    if not goal.strip():
        errors["goal"] = "Write the goal: what the principal will get better at."
    if area not in LeadershipArea.values:
        errors["area"] = "Choose the area of leadership the goal develops."
    if status not in GrowthGoal.Status.values:
        errors["status"] = "Choose the goal's status."
    if not 2000 <= school_year <= 2100:
        errors["school_year"] = "Give the school year by the year it ends in, e.g. 2026."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def goal_create(
    *,
    actor,
    district,
    principal: Person,
    school: School,
    school_year: int,
    goal: str,
    area: str,
    success_measures: str = "",
    status: str = GrowthGoal.Status.DRAFT,
) -> GrowthGoal:
    """Set a principal a growth goal for a school year."""
    _check_goal(goal=goal, area=area, status=status, school_year=school_year)
    created = GrowthGoal.objects.create(
        district=district,
        principal=principal,
        school=school,
        school_year=school_year,
        goal=goal.strip(),
        area=area,
        success_measures=success_measures.strip(),
        status=status,
    )
    audit_created(actor=actor, district=district, obj=created)
    return created


@transaction.atomic
def goal_update(
    *,
    actor,
    goal: GrowthGoal,
    school_year: int,
    text: str,
    area: str,
    success_measures: str,
    status: str,
) -> GrowthGoal:
    """Change a growth goal's year, wording, area, measures or status."""
    _check_goal(goal=text, area=area, status=status, school_year=school_year)
    before = snapshot(goal)
    goal.school_year, goal.goal, goal.area = school_year, text.strip(), area
    goal.success_measures, goal.status = success_measures.strip(), status
    goal.save()
    _audit_update(actor, goal.district, goal, before)
    return goal


@transaction.atomic
def goal_note_add(
    *, actor, goal: GrowthGoal, author: Person, written_on: dt.date, note: str
) -> GoalNote:
    """Add a dated progress note to a growth goal."""
    if not note.strip():
        raise ValidationError({"note": "Write the note: what has moved since the last one."})
    created = GoalNote.objects.create(
        goal=goal, author=author, written_on=written_on, note=note.strip()
    )
    audit_created(actor=actor, district=goal.district, obj=created)
    return created
