"""Principal meetings, written through their services: convening, the agenda in order,
proposals, publishing (each participant told once), minutes, and follow-ups (a task, or
a need raised and routed like any other)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from districtwise.core.models import AuditEntry, Notification
from districtwise.voice.models import AgendaItem, FollowUp, NeedEvent, PrincipalMeeting
from districtwise.voice.services import meetings as services
from tests import factories as f
from tests.access_matrix import person
from tests.voice.matrix import matrix_meeting

pytestmark = pytest.mark.django_db
INFORM, RECEIVE = AgendaItem.Direction.INFORM, AgendaItem.Direction.RECEIVE


def add(cast, meeting, title: str, direction=RECEIVE, minutes=None) -> AgendaItem:
    return services.agenda_item_add(
        actor=cast["north_lead"],
        meeting=meeting,
        proposed_by=person(cast, "north_lead"),
        title=title,
        direction=direction,
        minutes_taken=minutes,
    )


def agenda_titles(meeting) -> list[str]:
    accepted = meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
    return list(accepted.values_list("title", flat=True))


# ----- convening -------------------------------------------------------------------------
def test_convening_keeps_the_participants_and_is_audited(cast):
    meeting = services.meeting_convene(
        actor=cast["north_lead"],
        district=cast.district,
        convened_by=person(cast, "north_lead"),
        network=cast.north,
        title="  North principals, March ",
        starts_at=timezone.now() + dt.timedelta(days=10),
        location="North One library",
        participants=[person(cast, "principal_north_1"), person(cast, "principal_north_2")],
    )
    assert meeting.title == "North principals, March"
    assert meeting.agenda_published_at is None
    assert sorted(p.person.user.username for p in meeting.participations.all()) == [
        "principal_north_1",
        "principal_north_2",
    ]
    assert AuditEntry.objects.filter(object_type="voice.principalmeeting", action="create").exists()


def test_a_meeting_needs_a_title_and_participants_of_its_own_district(cast):
    with pytest.raises(ValidationError) as refused:
        services.meeting_convene(
            actor=cast["superintendent"],
            district=cast.district,
            convened_by=person(cast, "superintendent"),
            network=None,
            title="   ",
            starts_at=timezone.now() + dt.timedelta(days=3),
            participants=[cast["outsider"].people.get()],
        )
    assert set(refused.value.message_dict) == {"title", "participants"}
    assert "another district" in refused.value.message_dict["participants"][0]
    assert not PrincipalMeeting.objects.filter(convened_by=person(cast, "superintendent")).exists()


def test_editing_a_meeting_replaces_its_participants(cast):
    meeting = matrix_meeting(cast)
    services.meeting_update(
        actor=cast["north_lead"],
        meeting=meeting,
        title="Renamed",
        starts_at=meeting.starts_at,
        participants=[person(cast, "principal_north_2"), person(cast, "principal_south_1")],
    )
    assert sorted(p.person.user.username for p in meeting.participations.all()) == [
        "principal_north_2",
        "principal_south_1",
    ]


# ----- the agenda ------------------------------------------------------------------------
def test_items_join_the_end_of_the_agenda_and_move_one_place_at_a_time(cast):
    meeting = matrix_meeting(cast)
    first, second, third = (add(cast, meeting, t) for t in ("Budget", "Staffing", "Safety"))
    assert agenda_titles(meeting) == ["Budget", "Staffing", "Safety"]
    services.agenda_item_move(actor=cast["north_lead"], item=third, up=True)
    assert agenda_titles(meeting) == ["Budget", "Safety", "Staffing"]
    services.agenda_item_move(actor=cast["north_lead"], item=first, up=False)
    assert agenda_titles(meeting) == ["Safety", "Budget", "Staffing"]
    # The first cannot go higher; nothing changes.
    services.agenda_item_move(actor=cast["north_lead"], item=third, up=True)
    assert agenda_titles(meeting) == ["Safety", "Budget", "Staffing"]
    services.agenda_item_remove(actor=cast["north_lead"], item=second)
    assert agenda_titles(meeting) == ["Safety", "Budget"]
    positions = meeting.agenda_items.values_list("position", flat=True)
    assert list(positions) == [1, 2]


def test_an_item_needs_a_title_a_direction_and_a_sensible_time(cast):
    with pytest.raises(ValidationError) as refused:
        add(cast, matrix_meeting(cast), "", direction="sideways", minutes=0)
    assert set(refused.value.message_dict) == {"title", "direction", "minutes_taken"}


def test_a_proposal_waits_until_accepted_then_joins_the_end(cast):
    meeting = matrix_meeting(cast)
    add(cast, meeting, "District update")
    proposal = services.agenda_item_propose(
        actor=cast["principal_north_1"],
        meeting=meeting,
        proposed_by=person(cast, "principal_north_1"),
        title="Substitute coverage this term",
        direction=INFORM,
    )
    assert proposal.status == AgendaItem.Status.PROPOSED
    assert agenda_titles(meeting) == ["District update"]
    services.agenda_proposal_decide(actor=cast["north_lead"], item=proposal, accept=True)
    assert agenda_titles(meeting) == ["District update", "Substitute coverage this term"]
    with pytest.raises(ValidationError, match="already decided"):
        services.agenda_proposal_decide(actor=cast["north_lead"], item=proposal, accept=False)


def test_a_declined_proposal_stays_off_the_agenda(cast):
    meeting = matrix_meeting(cast)
    proposal = services.agenda_item_propose(
        actor=cast["principal_north_2"],
        meeting=meeting,
        proposed_by=person(cast, "principal_north_2"),
        title="Bus routes",
        direction=INFORM,
    )
    services.agenda_proposal_decide(actor=cast["north_lead"], item=proposal, accept=False)
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.DECLINED
    assert agenda_titles(meeting) == []


def test_publishing_tells_each_participant_once_and_not_the_publisher(cast):
    meeting = matrix_meeting(cast)
    # The convener is a participant too: the publisher is not told about their own act.
    f.MeetingParticipantFactory(meeting=meeting, person=person(cast, "north_lead"))
    add(cast, meeting, "District update")
    services.agenda_publish(actor=cast["north_lead"], meeting=meeting)
    told = Notification.objects.filter(kind=Notification.Kind.AGENDA_PUBLISHED)
    assert sorted(told.values_list("user__username", flat=True)) == [
        "principal_north_1",
        "principal_north_2",
    ]
    assert set(told.values_list("url", flat=True)) == {f"/voice/meetings/{meeting.pk}/"}
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None


def test_publishing_again_tells_them_the_agenda_was_updated(cast):
    meeting = matrix_meeting(cast)
    add(cast, meeting, "District update")
    services.agenda_publish(actor=cast["north_lead"], meeting=meeting)
    services.agenda_publish(actor=cast["north_lead"], meeting=meeting)
    titles = Notification.objects.filter(user=cast["principal_north_1"]).values_list(
        "title", flat=True
    )
    assert sorted(titles) == ["Agenda: Matrix meeting", "Updated agenda: Matrix meeting"]


def test_a_past_meeting_cannot_have_its_agenda_published(cast):
    meeting = matrix_meeting(cast)
    meeting.starts_at = timezone.now() - dt.timedelta(days=1)
    meeting.save()
    add(cast, meeting, "District update")
    with pytest.raises(ValidationError, match="can no longer be published"):
        services.agenda_publish(actor=cast["north_lead"], meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None
    assert not Notification.objects.exists()


def test_an_empty_agenda_cannot_be_published(cast):
    with pytest.raises(ValidationError, match="at least one item"):
        services.agenda_publish(actor=cast["north_lead"], meeting=matrix_meeting(cast))
    assert not Notification.objects.exists()


# ----- minutes ---------------------------------------------------------------------------
def test_minutes_are_a_draft_until_published_and_keep_each_items_notes(cast):
    meeting = matrix_meeting(cast)
    item = add(cast, meeting, "Staffing")
    services.minutes_save(
        actor=cast["north_lead"],
        meeting=meeting,
        minutes="Everyone came.",
        item_notes={item.pk: "Two vacancies remain."},
    )
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert (meeting.minutes, item.notes) == ("Everyone came.", "Two vacancies remain.")
    assert meeting.minutes_published_at is None
    services.minutes_save(
        actor=cast["north_lead"],
        meeting=meeting,
        minutes="Everyone came.",
        item_notes={},
        publish=True,
    )
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None


def test_notes_for_an_item_of_another_meeting_are_refused(cast):
    stranger = f.AgendaItemFactory(
        meeting=f.PrincipalMeetingFactory(
            district=cast.district, convened_by=person(cast, "south_lead")
        )
    )
    with pytest.raises(ValidationError, match="not on this agenda"):
        services.minutes_save(
            actor=cast["north_lead"],
            meeting=matrix_meeting(cast),
            minutes="",
            item_notes={stranger.pk: "Not ours."},
        )
    stranger.refresh_from_db()
    assert stranger.notes == ""


# ----- follow-ups --------------------------------------------------------------------------
def test_a_task_has_an_owner_and_a_due_date_and_its_owner_marks_it_done(cast):
    item = add(cast, matrix_meeting(cast), "Staffing")
    due = timezone.localdate() + dt.timedelta(days=14)
    task = services.follow_up_add(
        actor=cast["north_lead"],
        item=item,
        kind=FollowUp.Kind.TASK,
        owner=person(cast, "department_lead"),
        description="Share the substitute pool numbers.",
        due_on=due,
    )
    assert (task.owner.user.username, task.due_on, task.need) == ("department_lead", due, None)
    services.follow_up_done(actor=cast["department_lead"], follow_up=task)
    task.refresh_from_db()
    assert task.done_at is not None
    services.follow_up_done(actor=cast["department_lead"], follow_up=task, done=False)
    task.refresh_from_db()
    assert task.done_at is None


def test_a_follow_up_need_is_raised_for_the_owners_school_and_routed(cast):
    f.NeedRouteFactory(district=cast.district, category="staffing", department=cast.department)
    item = add(cast, matrix_meeting(cast), "Staffing")
    follow_up = services.follow_up_add(
        actor=cast["north_lead"],
        item=item,
        kind=FollowUp.Kind.NEED,
        owner=person(cast, "principal_north_2"),
        description="Two classrooms without a teacher since January.",
        need={
            "title": "Vacant classrooms",
            "category": "staffing",
            "urgency": "urgent",
            "students_affected": 52,
        },
    )
    need = follow_up.need
    assert need is not None
    assert (need.school, need.department, need.students_affected) == (
        cast.north_2,
        cast.department,
        52,
    )
    assert need.raised_by == person(cast, "principal_north_2")
    assert follow_up.due_on == timezone.localtime(need.due_at).date()
    assert NeedEvent.objects.filter(need=need, to_state="raised").exists()
    with pytest.raises(ValidationError, match="when the district answers"):
        services.follow_up_done(actor=cast["principal_north_2"], follow_up=follow_up)


def test_a_need_follow_up_needs_a_school_leader_as_owner(cast):
    item = add(cast, matrix_meeting(cast), "Staffing")
    with pytest.raises(ValidationError) as refused:
        services.follow_up_add(
            actor=cast["north_lead"],
            item=item,
            kind=FollowUp.Kind.NEED,
            owner=person(cast, "department_lead"),
            description="Something the district must do.",
            need={"title": "A need", "category": "staffing", "urgency": "soon"},
        )
    assert "leads no school" in refused.value.message_dict["owner"][0]
    assert not FollowUp.objects.exists()


def test_an_owner_from_another_district_is_refused(cast):
    item = add(cast, matrix_meeting(cast), "Staffing")
    with pytest.raises(ValidationError) as refused:
        services.follow_up_add(
            actor=cast["north_lead"],
            item=item,
            kind=FollowUp.Kind.TASK,
            owner=cast["outsider"].people.get(),
            description="Call them.",
            due_on=timezone.localdate(),
        )
    assert "another district" in refused.value.message_dict["owner"][0]
    assert not FollowUp.objects.exists()


def test_a_need_follow_up_is_raised_only_by_a_school_leader_who_was_in_the_meeting(cast):
    from districtwise.voice.models import Need

    item = add(cast, matrix_meeting(cast), "Staffing")
    with pytest.raises(ValidationError) as refused:
        services.follow_up_add(
            actor=cast["north_lead"],
            item=item,
            kind=FollowUp.Kind.NEED,
            owner=person(cast, "principal_south_1"),  # leads a school, was not there
            description="Two classrooms without a teacher since January.",
            need={"title": "Vacant classrooms", "category": "staffing", "urgency": "soon"},
        )
    assert "did not take part in this meeting" in refused.value.message_dict["owner"][0]
    assert not FollowUp.objects.exists()
    assert not Need.objects.filter(school=cast.south_1).exists()
