"""The pages of principal meetings: who may change what (runner, participant who reads,
outsider), what each sees before and after publishing, and clear answers to bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from districtwise.core.models import Notification
from districtwise.voice.models import AgendaItem, FollowUp, Need, PrincipalMeeting
from tests import factories as f
from tests.access_matrix import person
from tests.voice.matrix import matrix_agenda_item, matrix_meeting

pytestmark = pytest.mark.django_db


def meeting_url(meeting) -> str:
    return reverse("voice:meeting", args=[meeting.pk])


def future(days: int = 7) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


# ----- convening -------------------------------------------------------------------------
def test_a_network_lead_is_offered_their_networks_principals_ticked(client_as, cast):
    page = client_as("north_lead").get(reverse("voice:meeting_new")).content.decode()
    for name in ("principal_north_1", "principal_north_2", "principal_south_1"):
        pk = person(cast, name).pk
        box = page.split(f'value="{pk}"')[1].split(">")[0]
        assert ("checked" in box) == (name != "principal_south_1"), name
    assert "South Network" not in page


def test_a_network_lead_convenes_their_networks_meeting(client_as, cast):
    response = client_as("north_lead").post(
        reverse("voice:meeting_new"),
        {
            "title": "North principals, April",
            "starts_at": future(),
            "location": "North One library",
            "network": cast.north.pk,
            "participants": [person(cast, "principal_north_1").pk],
        },
    )
    meeting = PrincipalMeeting.objects.get(title="North principals, April")
    assert response.status_code == 302
    assert response.url == meeting_url(meeting)
    assert meeting.convened_by == person(cast, "north_lead")
    assert [p.person for p in meeting.participations.all()] == [person(cast, "principal_north_1")]


def test_a_network_lead_cannot_convene_another_networks_meeting(client_as, cast):
    response = client_as("north_lead").post(
        reverse("voice:meeting_new"),
        {"title": "South meeting", "starts_at": future(), "network": cast.south.pk},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not PrincipalMeeting.objects.filter(title="South meeting").exists()


def test_the_cabinet_convenes_a_district_wide_meeting(client_as, cast):
    response = client_as("superintendent").post(
        reverse("voice:meeting_new"),
        {"title": "All principals", "starts_at": future(), "network": ""},
    )
    assert response.status_code == 302
    assert PrincipalMeeting.objects.get(title="All principals").network is None


def test_an_empty_title_and_a_bad_time_are_named_next_to_their_fields(client_as, cast):
    response = client_as("north_lead").post(
        reverse("voice:meeting_new"),
        {"title": "", "starts_at": "next tuesday", "network": cast.north.pk},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page
    assert "Give the meeting a title." in page
    assert "Write the day and time as 2026-03-12 15:30." in page


# ----- agenda: three-way access ------------------------------------------------------------
ITEM = {"title": "Attendance campaign", "direction": "receive", "minutes_taken": "20"}


def test_the_runner_adds_an_item(client_as, cast):
    meeting = matrix_meeting(cast)
    response = client_as("north_lead").post(
        reverse("voice:agenda_item_new", args=[meeting.pk]), ITEM
    )
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert (item.title, item.status, item.minutes_taken) == (
        "Attendance campaign",
        AgendaItem.Status.ACCEPTED,
        20,
    )


@pytest.mark.parametrize(("name", "status"), [("principal_north_1", 403), ("south_lead", 404)])
def test_a_reader_is_refused_and_an_outsider_finds_nothing_when_adding(
    client_as, cast, name, status
):
    meeting = matrix_meeting(cast)
    url = reverse("voice:agenda_item_new", args=[meeting.pk])
    assert client_as(name).post(url, ITEM).status_code == status
    assert not meeting.agenda_items.exists()


def test_an_item_without_a_title_or_direction_is_answered_clearly(client_as, cast):
    meeting = matrix_meeting(cast)
    response = client_as("north_lead").post(
        reverse("voice:agenda_item_new", args=[meeting.pk]), {"minutes_taken": "0"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the item a title." in page
    assert "Say whether principals inform or the district presents." in page
    assert "Give at least 1 minute." in page


@pytest.mark.parametrize(
    ("name", "status"),
    [("north_lead", 302), ("principal_north_1", 403), ("principal_south_1", 404)],
)
def test_moving_an_item_is_for_the_runner(client_as, cast, name, status):
    first = matrix_agenda_item(cast)
    second = f.AgendaItemFactory(meeting=first.meeting, title="Second", position=2)
    url = reverse("voice:agenda_item_move", args=[second.pk])
    assert client_as(name).post(url, {"way": "up"}).status_code == status
    order = list(first.meeting.agenda_items.values_list("title", flat=True))
    assert order == (["Second", "Matrix item"] if status == 302 else ["Matrix item", "Second"])


@pytest.mark.parametrize(
    ("name", "status"),
    [("north_lead", 302), ("principal_north_2", 403), ("principal_south_1", 404)],
)
def test_removing_an_item_is_for_the_runner(client_as, cast, name, status):
    item = matrix_agenda_item(cast)
    url = reverse("voice:agenda_item_remove", args=[item.pk])
    assert client_as(name).post(url).status_code == status
    assert AgendaItem.objects.filter(pk=item.pk).exists() == (status != 302)


@pytest.mark.parametrize(
    ("name", "status"),
    [("principal_north_1", 302), ("department_lead", 403), ("principal_south_1", 404)],
)
def test_participants_propose_readers_who_take_no_part_may_not(client_as, cast, name, status):
    meeting = matrix_meeting(cast)
    url = reverse("voice:agenda_propose", args=[meeting.pk])
    response = client_as(name).post(url, {"title": "Late buses", "direction": "inform"})
    assert response.status_code == status
    proposed = meeting.agenda_items.filter(status=AgendaItem.Status.PROPOSED)
    assert proposed.count() == (1 if status == 302 else 0)


@pytest.mark.parametrize(
    ("name", "status"),
    [("north_lead", 302), ("principal_north_2", 403), ("south_lead", 404)],
)
def test_accepting_a_proposal_is_for_the_runner(client_as, cast, name, status):
    proposal = f.AgendaItemFactory(
        meeting=matrix_meeting(cast),
        status=AgendaItem.Status.PROPOSED,
        proposed_by=person(cast, "principal_north_1"),
    )
    url = reverse("voice:agenda_proposal_decide", args=[proposal.pk])
    assert client_as(name).post(url, {"decision": "accept"}).status_code == status
    proposal.refresh_from_db()
    accepted = proposal.status == AgendaItem.Status.ACCEPTED
    assert accepted == (status == 302)


@pytest.mark.parametrize(
    ("name", "status"),
    [("north_lead", 302), ("principal_north_1", 403), ("south_lead", 404)],
)
def test_publishing_is_for_the_runner_and_tells_the_participants(client_as, cast, name, status):
    item = matrix_agenda_item(cast)
    url = reverse("voice:agenda_publish", args=[item.meeting.pk])
    assert client_as(name).post(url).status_code == status
    told = Notification.objects.filter(kind=Notification.Kind.AGENDA_PUBLISHED).count()
    assert told == (2 if status == 302 else 0)


def test_publishing_a_past_meetings_agenda_says_why_it_was_refused(client_as, cast):
    item = matrix_agenda_item(cast)
    PrincipalMeeting.objects.filter(pk=item.meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2)
    )
    client = client_as("north_lead")
    response = client.post(reverse("voice:agenda_publish", args=[item.meeting.pk]), follow=True)
    assert "its agenda can no longer be published" in response.content.decode()
    assert not Notification.objects.exists()


# ----- what each sees ----------------------------------------------------------------------
def test_a_participant_sees_the_agenda_only_once_published_but_their_proposal_always(
    client_as, cast
):
    item = matrix_agenda_item(cast)
    f.AgendaItemFactory(
        meeting=item.meeting,
        title="My proposal",
        status=AgendaItem.Status.PROPOSED,
        proposed_by=person(cast, "principal_north_1"),
    )
    f.AgendaItemFactory(
        meeting=item.meeting,
        title="Their proposal",
        status=AgendaItem.Status.PROPOSED,
        proposed_by=person(cast, "principal_north_2"),
    )
    client = client_as("principal_north_1")
    draft = client.get(meeting_url(item.meeting)).content.decode()
    assert "My proposal" in draft
    assert "Matrix item" not in draft and "Their proposal" not in draft
    item.meeting.agenda_published_at = timezone.now()
    item.meeting.save()
    published = client.get(meeting_url(item.meeting)).content.decode()
    assert "Matrix item" in published and "Their proposal" in published
    assert "Inform the district" in published


def test_minutes_read_to_participants_only_once_published(client_as, cast):
    item = matrix_agenda_item(cast)
    lead = client_as("north_lead")
    minutes_url = reverse("voice:minutes_edit", args=[item.meeting.pk])
    data = {"minutes": "Quorum reached.", f"notes_{item.pk}": "Agreed on a pilot."}
    assert lead.post(minutes_url, data).status_code == 302
    assert "Agreed on a pilot." in lead.get(meeting_url(item.meeting)).content.decode()
    principal = client_as("principal_north_1")
    assert "Quorum reached." not in principal.get(meeting_url(item.meeting)).content.decode()
    client_as("north_lead").post(minutes_url, data | {"publish": "1"})
    page = client_as("principal_north_1").get(meeting_url(item.meeting)).content.decode()
    assert "Quorum reached." in page and "Agreed on a pilot." in page


def test_the_list_shows_upcoming_and_past_meetings_the_user_reads(client_as, cast):
    upcoming = matrix_meeting(cast)
    f.PrincipalMeetingFactory(
        district=cast.district,
        network=cast.north,
        title="Last month's meeting",
        starts_at=timezone.now() - dt.timedelta(days=30),
        convened_by=person(cast, "north_lead"),
    )
    f.PrincipalMeetingFactory(
        district=cast.district,
        network=cast.south,
        title="South principals",
        convened_by=person(cast, "south_lead"),
    )
    page = client_as("north_lead").get(reverse("voice:meetings")).content.decode()
    upcoming_part, past_part = page.split("<h2>Past</h2>")
    assert upcoming.title in upcoming_part
    assert "Last month&#x27;s meeting" in past_part
    assert "South principals" not in page


# ----- follow-ups --------------------------------------------------------------------------
def test_a_follow_up_need_is_raised_from_the_meeting_page(client_as, cast):
    f.NeedRouteFactory(district=cast.district, category="facilities", department=cast.department)
    item = matrix_agenda_item(cast)
    response = client_as("north_lead").post(
        reverse("voice:follow_up_new", args=[item.pk]),
        {
            "kind": "need",
            "description": "The gym roof leaks when it rains.",
            "owner": person(cast, "principal_north_1").pk,
            "need_title": "Gym roof",
            "category": "facilities",
            "urgency": "soon",
            "students_affected": "300",
        },
    )
    assert response.status_code == 302
    need = Need.objects.get(title="Gym roof")
    assert (need.school, need.department) == (cast.north_1, cast.department)
    assert FollowUp.objects.get(need=need).agenda_item == item


def test_a_need_follow_up_without_its_category_is_answered_next_to_the_field(client_as, cast):
    item = matrix_agenda_item(cast)
    response = client_as("north_lead").post(
        reverse("voice:follow_up_new", args=[item.pk]),
        {"kind": "need", "description": "Roof.", "owner": person(cast, "principal_north_1").pk},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the need a short title the district reads." in page
    assert "Choose the need&#x27;s category: it decides where it is routed." in page
    assert not Need.objects.exists()


def test_an_owner_who_leads_no_school_is_refused_for_a_need(client_as, cast):
    item = matrix_agenda_item(cast)
    response = client_as("north_lead").post(
        reverse("voice:follow_up_new", args=[item.pk]),
        {
            "kind": "need",
            "description": "Roof.",
            "owner": person(cast, "department_lead").pk,
            "need_title": "Roof",
            "category": "facilities",
            "urgency": "soon",
        },
    )
    assert response.status_code == 400
    assert "leads no school" in response.content.decode()
    assert not Need.objects.exists()


def test_an_owner_from_another_district_is_not_offered(client_as, cast):
    item = matrix_agenda_item(cast)
    response = client_as("north_lead").post(
        reverse("voice:follow_up_new", args=[item.pk]),
        {
            "kind": "task",
            "description": "Call.",
            "owner": cast["outsider"].people.get().pk,
            "due_on": "2030-01-10",
        },
    )
    assert response.status_code == 400
    assert "Choose an owner from the list" in response.content.decode()
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(
    ("name", "status"),
    [("principal_north_1", 302), ("principal_north_2", 403), ("principal_south_1", 404)],
)
def test_the_owner_marks_their_task_done(client_as, cast, name, status):
    item = matrix_agenda_item(cast)
    task = FollowUp.objects.create(
        meeting=item.meeting,
        agenda_item=item,
        description="Send the bus data.",
        owner=person(cast, "principal_north_1"),
    )
    url = reverse("voice:follow_up_done", args=[task.pk])
    assert client_as(name).post(url).status_code == status
    task.refresh_from_db()
    assert (task.done_at is not None) == (status == 302)
