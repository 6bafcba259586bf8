"""Writes of needs: raising one (routed by the district's rules), moving it through its
states, and commenting on it.

Every change is one transaction with an audit-history row and a need event the school
sees. A move the rules do not allow is refused with a ``ValidationError`` saying which
moves are open; nothing is saved.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.core.models import Notification
from districtwise.core.notifications import notify
from districtwise.voice.models import (
    Need,
    NeedComment,
    NeedEvent,
    NeedRoute,
    NeedState,
    Urgency,
)
from districtwise.voice.rules import allowed_moves, due_at, target_days

S = NeedState
# What the school is told when the district moves its need.
_TOLD: dict[str, tuple[str, str]] = {
    S.ACKNOWLEDGED: (Notification.Kind.NEED_ACKNOWLEDGED, "was acknowledged"),
    S.ANSWERED: (Notification.Kind.NEED_ANSWERED, "was answered"),
    S.IN_PROGRESS: (Notification.Kind.NEED_UPDATED, "is being worked on"),
    S.DECLINED: (Notification.Kind.NEED_UPDATED, "was declined"),
}


def routed_department(district, category: str):
    """The department the district's rules send ``category`` to (None: no rule yet)."""
    route = NeedRoute.objects.filter(district=district, category=category).first()
    return route.department if route else None


@transaction.atomic
def need_raise(
    *,
    actor,
    district,
    school,
    raised_by,
    title: str,
    description: str,
    category: str,
    urgency: str,
    students_affected: int | None = None,
) -> Need:
    """Raise a need for ``school``: routed by category, due by the urgency's target."""
    now = timezone.now()
    need = Need(
        district=district,
        school=school,
        raised_by=raised_by,
        title=title.strip(),
        description=description.strip(),
        category=category,
        urgency=urgency,
        students_affected=students_affected,
        department=routed_department(district, category),
        raised_at=now,
        due_at=due_at(now, target_days(district, urgency)),
    )
    need.full_clean()
    need.save()
    where = need.department.name if need.department else "the cabinet (no route for it yet)"
    NeedEvent.objects.create(
        need=need, at=now, actor=actor, to_state=S.RAISED, note=f"Routed to {where}."
    )
    audit_created(actor=actor, district=district, obj=need)
    tell_answerers(need, actor)
    return need


def tell_answerers(need: Need, actor) -> None:
    """Tell those who answer ``need`` that it waits for them: its department's lead and
    staff, or the cabinet when no route covers it (they route it by hand)."""
    urgency = Urgency(need.urgency).label.split(":")[0]
    notify(
        district=need.district,
        users=[user for user in _answerer_users(need) if user.pk != getattr(actor, "pk", None)],
        kind=Notification.Kind.NEED_ROUTED,
        title=f"{urgency} need from {need.school.name}: {need.title}",
        url=reverse("voice:need", args=[need.pk]),
        body=f"Due {timezone.localtime(need.due_at):%B %-d, %Y at %-I:%M %p}.",
    )


def _answerer_users(need: Need) -> list:
    from django.contrib.auth import get_user_model

    from districtwise.core.models import Membership
    from districtwise.core.roles import Role

    members = Membership.objects.filter(district=need.district).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    )
    if need.department_id is not None:
        members = members.filter(
            department=need.department_id,
            role__in=[Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF],
        )
    else:
        members = members.filter(role=Role.SUPERINTENDENT)
    ids = members.values("person__user_id")
    return list(get_user_model().objects.filter(pk__in=ids))


@transaction.atomic
def need_move(
    *,
    actor,
    need: Need,
    to_state: str,
    department: bool,
    school: bool,
    note: str = "",
) -> Need:
    """Move ``need`` to ``to_state`` as someone answering it (``department``) and/or
    leading its school (``school``). Answering needs the answer in ``note``; declining
    needs the reason; reopening sends it back to be acknowledged, due anew."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    before = snapshot(need)
    from_state = need.state
    if to_state not in S.values:
        raise ValidationError({"to_state": f"'{to_state}' is not a state a need can be in."})
    if to_state not in allowed_moves(from_state, department=department, school=school):
        raise ValidationError({"to_state": _refusal(need, to_state, department, school)})
    note = note.strip()
    now = timezone.now()
    _apply(need, to_state, note, now)
    need.full_clean()
    need.save()
    NeedEvent.objects.create(
        need=need, at=now, actor=actor, from_state=from_state, to_state=to_state, note=note
    )
    audit_record(
        actor=actor,
        district=need.district,
        action="update",
        obj=need,
        changes=changed_fields(before, snapshot(need)),
    )
    _tell_school(need, to_state, actor)
    return need


def _apply(need: Need, to_state: str, note: str, now) -> None:
    if to_state == S.ANSWERED and not note:
        raise ValidationError({"note": "Write the answer the school will read."})
    if to_state == S.DECLINED and not note:
        raise ValidationError({"note": "Say why the need is declined: the school reads it."})
    if to_state == S.RAISED and not note:
        raise ValidationError({"note": "Say why the need is reopened: the department reads it."})
    if to_state == S.RAISED:
        # Reopened: the clock starts again from now, as for a new need.
        need.due_at = due_at(now, target_days(need.district, need.urgency))
        need.closed_at = None
    if to_state == S.ACKNOWLEDGED and need.acknowledged_at is None:
        need.acknowledged_at = now
    if to_state == S.ANSWERED:
        need.answered_at, need.answer = now, note
    if to_state == S.DECLINED:
        need.answered_at, need.declined_reason = now, note
    if to_state == S.CLOSED:
        need.closed_at = now
    need.state = to_state


def _refusal(need: Need, to_state: str, department: bool, school: bool) -> str:
    open_moves = allowed_moves(need.state, department=department, school=school)
    names = ", ".join(sorted(S(m).label.lower() for m in open_moves)) or "none"
    return (
        f"A need that is {S(need.state).label.lower()} cannot be moved to "
        f"{S(to_state).label.lower()} by you. Open moves: {names}."
    )


def _tell_school(need: Need, to_state: str, actor) -> None:
    if to_state not in _TOLD:
        return
    kind, what = _TOLD[to_state]
    leaders = _school_leader_users(need)
    notify(
        district=need.district,
        users=[user for user in leaders if user.pk != getattr(actor, "pk", None)],
        kind=kind,
        title=f"{need.title} {what}",
        url=reverse("voice:need", args=[need.pk]),
        body=need.answer if to_state == S.ANSWERED else "",
    )


def _school_leader_users(need: Need) -> list:
    """The school's current leaders, as users: the need speaks for the school, and one
    who raised it and has since left the school no longer reads it."""
    from django.contrib.auth import get_user_model

    from districtwise.core.models import Membership
    from districtwise.core.roles import SCHOOL_LEADERS

    today = timezone.localdate()
    leaders = (
        Membership.objects.filter(district=need.district, school=need.school)
        .filter(role__in=SCHOOL_LEADERS)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values("person__user_id")
    )
    return list(get_user_model().objects.filter(pk__in=leaders))


def need_step(*, actor, need: Need, note: str, changes: dict, at=None) -> NeedEvent:
    """Record a change to ``need`` that leaves its state as it is (routed by hand, linked to
    or taken off an issue): a step on the timeline its school sees, and an audit row.
    Call inside the service's transaction, after saving ``need``."""
    event = NeedEvent.objects.create(
        need=need,
        at=at or timezone.now(),
        actor=actor,
        from_state=need.state,
        to_state=need.state,
        note=note,
    )
    audit_record(actor=actor, district=need.district, action="update", obj=need, changes=changes)
    return event


@transaction.atomic
def need_comment_add(*, actor, need: Need, body: str) -> NeedComment:
    """A comment on ``need``, read by the school and the central office alike."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write the comment before posting it."})
    comment = NeedComment.objects.create(need=need, author=actor, body=body)
    audit_created(actor=actor, district=need.district, obj=comment)
    return comment


@transaction.atomic
def need_raise_with_attachment(*, actor, upload=None, **fields) -> Need:
    """``need_raise`` and, if ``upload`` is given, the file kept with the need: both or
    neither (a refused file raises nothing)."""
    from districtwise.voice.services.needs_attachments import (
        check_attachment,
        need_attachment_add,
    )

    if upload is not None:
        check_attachment(upload)
    need = need_raise(actor=actor, **fields)
    if upload is not None:
        need_attachment_add(actor=actor, need=need, upload=upload)
    return need
