"""Need issues: needs of several schools linked to one issue and answered once, each need
moving through the need rules with its own events; who may link, unlink and answer."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from districtwise.core.models import AuditEntry, Notification
from districtwise.voice.models import NeedEvent
from districtwise.voice.services.patterns import (
    need_issue_answer,
    need_issue_create,
    need_issue_link,
    need_issue_unlink,
)
from tests import factories as f
from tests.voice.patterns_support import need

pytestmark = pytest.mark.django_db


def _issue(cast, actor="department_lead", needs=()):
    return need_issue_create(
        actor=cast[actor],
        district=cast.district,
        title="Bus routes leave families stranded",
        category="students_families",
        department=cast.department,
        summary="The new routes have no stops near several neighbourhoods.",
        needs=needs,
    )


def test_answering_an_issue_answers_every_linked_need_with_its_events(cast):
    raised = need(cast, "north_1", category="students_families")
    acknowledged = need(cast, "north_2", category="students_families", state="acknowledged")
    in_progress = need(cast, "south_1", category="students_families", state="in_progress")
    issue = _issue(cast, needs=[raised, acknowledged, in_progress])

    answered = need_issue_answer(
        actor=cast["department_lead"], issue=issue, answer="Two stops are added from Monday."
    )

    assert {n.pk for n in answered} == {raised.pk, acknowledged.pk, in_progress.pk}
    for found in (raised, acknowledged, in_progress):
        found.refresh_from_db()
        assert found.state == "answered"
        assert found.answer == "Two stops are added from Monday."
    moves = list(NeedEvent.objects.filter(need=raised).values_list("from_state", "to_state"))
    # linked (no move), then acknowledged, then answered: two moves, each an event
    assert moves == [("raised", "raised"), ("raised", "acknowledged"), ("acknowledged", "answered")]
    assert NeedEvent.objects.filter(need=acknowledged, to_state="answered").count() == 1
    issue.refresh_from_db()
    assert issue.answer == "Two stops are added from Monday." and issue.answered_at


def test_each_school_is_told_its_need_was_answered(cast):
    first = need(cast, "north_1", category="students_families", state="acknowledged")
    second = need(cast, "south_1", category="students_families", state="acknowledged")
    issue = _issue(cast, needs=[first, second])
    need_issue_answer(actor=cast["department_lead"], issue=issue, answer="Stops added.")
    told = Notification.objects.filter(kind=Notification.Kind.NEED_ANSWERED)
    assert set(told.values_list("user__username", flat=True)) == {
        "principal_north_1",
        "principal_south_1",
    }


def test_answering_leaves_settled_needs_and_unlinked_needs_alone(cast):
    linked = need(cast, "north_1", state="acknowledged")
    other = need(cast, "north_2", state="acknowledged")
    issue = _issue(cast, needs=[linked])
    need_issue_answer(actor=cast["department_lead"], issue=issue, answer="Done.")
    other.refresh_from_db()
    assert other.state == "acknowledged"


def test_an_issue_is_not_answered_without_an_answer_and_nothing_moves(cast):
    linked = need(cast, "north_1")
    issue = _issue(cast, needs=[linked])
    with pytest.raises(ValidationError, match="Write the answer"):
        need_issue_answer(actor=cast["department_lead"], issue=issue, answer="  ")
    linked.refresh_from_db()
    assert linked.state == "raised"


def test_an_issue_with_no_open_need_says_so(cast):
    issue = _issue(cast)
    with pytest.raises(ValidationError, match="No linked need is waiting"):
        need_issue_answer(actor=cast["department_lead"], issue=issue, answer="Done.")


def test_a_department_lead_links_only_needs_routed_to_their_department(cast):
    elsewhere = f.DepartmentFactory(district=cast.district, name="Facilities")
    foreign = need(cast, "north_1", department=elsewhere)
    with pytest.raises(PermissionDenied):
        _issue(cast, needs=[foreign])
    foreign.refresh_from_db()
    assert foreign.issue is None


def test_the_cabinet_links_needs_of_any_department_but_the_lead_cannot_answer_them(cast):
    elsewhere = f.DepartmentFactory(district=cast.district, name="Facilities")
    ours = need(cast, "north_1", state="acknowledged")
    theirs = need(cast, "north_2", department=elsewhere, state="acknowledged")
    issue = _issue(cast, actor="superintendent", needs=[ours, theirs])
    with pytest.raises(PermissionDenied, match="another department"):
        need_issue_answer(actor=cast["department_lead"], issue=issue, answer="Done.")
    ours.refresh_from_db()
    assert ours.state == "acknowledged"  # nothing moved
    need_issue_answer(actor=cast["superintendent"], issue=issue, answer="Done.")
    theirs.refresh_from_db()
    assert theirs.state == "answered"


def test_a_need_linked_to_another_issue_is_refused_with_its_title(cast):
    taken = need(cast, "north_1", title="Stop moved away")
    _issue(cast, needs=[taken])
    second = _issue(cast)
    with pytest.raises(ValidationError, match="Stop moved away"):
        need_issue_link(actor=cast["department_lead"], issue=second, needs=[taken])


def test_settled_needs_are_not_linked(cast):
    settled = need(cast, "north_1", state="closed", title="Old route question")
    with pytest.raises(ValidationError, match="Old route question"):
        _issue(cast, needs=[settled])


def test_linking_and_unlinking_leave_an_event_the_school_reads_and_an_audit_row(cast):
    one = need(cast, "north_1")
    issue = _issue(cast)
    assert need_issue_link(actor=cast["department_lead"], issue=issue, needs=[one]) == 1
    one.refresh_from_db()
    assert one.issue == issue
    need_issue_unlink(actor=cast["department_lead"], issue=issue, need=one)
    one.refresh_from_db()
    assert one.issue is None
    notes = list(NeedEvent.objects.filter(need=one).values_list("note", flat=True))
    assert any("Linked to the issue" in n for n in notes)
    assert any("Taken off the issue" in n for n in notes)
    assert AuditEntry.objects.filter(object_repr=str(one)).count() >= 2


def test_a_principal_neither_opens_nor_changes_issues(cast):
    one = need(cast, "north_1")
    with pytest.raises(PermissionDenied):
        _issue(cast, actor="principal_north_1", needs=[one])
    issue = _issue(cast, needs=[one])
    with pytest.raises(PermissionDenied):
        need_issue_answer(actor=cast["principal_north_1"], issue=issue, answer="Done.")
    with pytest.raises(PermissionDenied):
        need_issue_unlink(actor=cast["north_lead"], issue=issue, need=one)
