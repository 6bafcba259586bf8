"""Writes of need issues: one underlying issue behind needs of several schools, linked,
unlinked and answered once for all of them.

Who may do it is checked here as well as in the views (``access.edits_issue`` and
``access.links_need``): the cabinet, or a lead of the issue's department for needs routed
to that department. Every change is one transaction with an audit row; linking and
unlinking leave a need event on the need, so its school sees why it moved with others.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.core.roles import CABINET
from districtwise.core.scopes import scope_for
from districtwise.voice import access
from districtwise.voice.models import Need, NeedIssue, NeedState
from districtwise.voice.rules import OPEN_STATES
from districtwise.voice.services.needs import need_move, need_step

S = NeedState


def _check_linkable(actor, district, needs: list[Need], issue: NeedIssue | None) -> None:
    refused = [n for n in needs if not access.links_need(actor, district, n)]
    if refused:
        raise PermissionDenied("You link only needs routed to a department you lead.")
    elsewhere = [
        n for n in needs if n.issue_id is not None and n.issue_id != getattr(issue, "pk", None)
    ]
    if elsewhere:
        titles = "; ".join(f"“{n.title}” (with “{n.issue}”)" for n in elsewhere)
        raise ValidationError(
            {"needs": f"Already linked to another issue: {titles}. Unlink it there first."}
        )
    settled = [n for n in needs if n.state not in OPEN_STATES]
    if settled:
        titles = "; ".join(f"“{n.title}”" for n in settled)
        raise ValidationError(
            {"needs": f"Only needs still waiting for an answer are linked: {titles}."}
        )


def _link(actor, issue: NeedIssue, needs: Iterable[Need]) -> int:
    now, linked = timezone.now(), 0
    for need in needs:
        if need.issue_id == issue.pk:
            continue
        need.issue = issue
        need.save(update_fields=["issue", "updated_at"])
        need_step(
            actor=actor,
            need=need,
            at=now,
            note=f"Linked to the issue “{issue.title}”, answered together with similar needs.",
            changes={"issue": [None, issue.title]},
        )
        linked += 1
    return linked


@transaction.atomic
def need_issue_create(
    *,
    actor,
    district,
    title: str,
    category: str,
    department,
    summary: str = "",
    needs: Iterable[Need] = (),
) -> NeedIssue:
    """Create an issue of ``department`` and link ``needs`` (open, not linked elsewhere)
    to it. The cabinet names any department; a department lead one they lead."""
    if not (
        scope_for(actor, district).has_any(CABINET)
        or department.pk in access.lead_departments(actor, district)
    ):
        raise PermissionDenied("Only the cabinet or the department's lead opens its issues.")
    needs = list(needs)
    issue = NeedIssue(
        district=district,
        title=title.strip(),
        category=category,
        department=department,
        summary=summary.strip(),
        created_by=actor,
    )
    issue.full_clean()
    _check_linkable(actor, district, needs, issue=None)
    issue.save()
    audit_created(actor=actor, district=district, obj=issue)
    _link(actor, issue, needs)
    return issue


def _check_edits(actor, issue: NeedIssue) -> None:
    if not access.edits_issue(actor, issue.district, issue):
        raise PermissionDenied("Only the cabinet or the department's lead changes this issue.")


@transaction.atomic
def need_issue_link(*, actor, issue: NeedIssue, needs: Iterable[Need]) -> int:
    """Link more open needs to ``issue``; returns how many were newly linked."""
    _check_edits(actor, issue)
    needs = list(Need.objects.select_for_update().filter(pk__in=[n.pk for n in needs]))
    if not needs:
        raise ValidationError({"needs": "Choose at least one need to link."})
    _check_linkable(actor, issue.district, needs, issue=issue)
    return _link(actor, issue, needs)


@transaction.atomic
def need_issue_unlink(*, actor, issue: NeedIssue, need: Need) -> None:
    """Take ``need`` off ``issue``: it is answered on its own again."""
    _check_edits(actor, issue)
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.issue_id != issue.pk:
        raise ValidationError({"need": f"“{need.title}” is not linked to this issue."})
    need.issue = None
    need.save(update_fields=["issue", "updated_at"])
    need_step(
        actor=actor,
        need=need,
        note=f"Taken off the issue “{issue.title}”: it is answered on its own.",
        changes={"issue": [issue.title, None]},
    )


@transaction.atomic
def need_issue_answer(*, actor, issue: NeedIssue, answer: str) -> list[Need]:
    """Answer ``issue`` once: every linked need still open moves to answered with
    ``answer``, through the need rules. A raised need is acknowledged first (the rules
    answer only acknowledged needs), as its own step. Returns the needs answered.

    Refused, with nothing saved, when there is no answer, no open need, or a linked open
    need the actor does not answer (routed to another department)."""
    _check_edits(actor, issue)
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": "Write the answer every linked school will read."})
    waiting = list(issue.needs.filter(state__in=OPEN_STATES).order_by("raised_at"))
    if not waiting:
        raise ValidationError({"answer": "No linked need is waiting for an answer."})
    others = [n for n in waiting if not access.answers_need(actor, issue.district, n)]
    if others:
        titles = "; ".join(f"“{n.title}”" for n in others)
        raise PermissionDenied(f"Routed to another department, not yours to answer: {titles}.")
    for need in waiting:
        if need.state == S.RAISED:
            need = need_move(
                actor=actor,
                need=need,
                to_state=S.ACKNOWLEDGED,
                department=True,
                school=False,
                note=f"Acknowledged with the issue “{issue.title}”.",
            )
        need_move(
            actor=actor, need=need, to_state=S.ANSWERED, department=True, school=False, note=answer
        )
    before = snapshot(issue)
    issue.answer, issue.answered_at = answer, timezone.now()
    issue.save(update_fields=["answer", "answered_at", "updated_at"])
    audit_record(
        actor=actor,
        district=issue.district,
        action="update",
        obj=issue,
        changes=changed_fields(before, snapshot(issue)),
    )
    return waiting
