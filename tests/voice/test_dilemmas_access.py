"""Confidentiality of dilemmas: the meeting's room reads a dilemma and its feedback; once
the presenter shares the lessons, the meeting's readers read the title, the question, the
situation and the lessons, never the feedback nor who gave it. Bringing a dilemma, the
shared lessons list and acting on a lesson."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.voice.models import Dilemma, DilemmaFeedback, FollowUp
from districtwise.voice.selectors.dilemmas import dilemmas_for_meeting, shared_lessons
from tests.access_matrix import PEOPLE, expect
from tests.voice.matrix import (
    DILEMMA_ROOM,
    LESSON_READERS,
    SHARED_DILEMMA_READERS,
    matrix_dilemma,
    matrix_meeting,
    matrix_shared_dilemma,
    person,
)

pytestmark = pytest.mark.django_db

PEER_QUESTION = "Matrix peer question kept in the room"
PEER_NAME = "Principal North 2 Testperson"


def answers(client, cast, url: str) -> dict[str, int]:
    found = {}
    for name in PEOPLE:
        client.logout()
        if name != "anonymous":
            client.force_login(cast[name])
        found[name] = client.get(url).status_code
    return found


def test_an_unshared_dilemma_reads_to_its_room_only(client, cast):
    url = reverse("voice:dilemma", args=[matrix_dilemma(cast).pk])
    assert answers(client, cast, url) == expect(DILEMMA_ROOM)


def test_the_superintendent_outside_the_room_gets_not_found(client_as, cast):
    url = reverse("voice:dilemma", args=[matrix_dilemma(cast).pk])
    assert client_as("superintendent").get(url).status_code == 404


def test_a_shared_dilemma_reads_to_the_meetings_readers(client, cast):
    url = reverse("voice:dilemma", args=[matrix_shared_dilemma(cast).pk])
    assert answers(client, cast, url) == expect(SHARED_DILEMMA_READERS)


@pytest.mark.parametrize("name", sorted(SHARED_DILEMMA_READERS - DILEMMA_ROOM))
def test_outside_the_room_a_shared_dilemma_shows_no_feedback_nor_who_gave_it(client_as, cast, name):
    dilemma = matrix_shared_dilemma(cast)
    text = client_as(name).get(reverse("voice:dilemma", args=[dilemma.pk])).content.decode()
    assert dilemma.question in text
    assert dilemma.context in text
    assert dilemma.lessons in text
    assert PEER_QUESTION not in text
    assert PEER_NAME not in text
    assert "Clarifying questions" not in text  # not even the stages' headings


def test_in_the_room_a_shared_dilemma_still_shows_the_feedback(client_as, cast):
    dilemma = matrix_shared_dilemma(cast)
    text = client_as("principal_north_2").get(reverse("voice:dilemma", args=[dilemma.pk]))
    assert PEER_QUESTION in text.content.decode()
    assert PEER_NAME in text.content.decode()


def test_the_shared_lessons_list_never_carries_the_feedback(client_as, cast):
    dilemma = matrix_shared_dilemma(cast)
    matrix_dilemma(cast)  # unshared: never listed
    text = client_as("superintendent").get(reverse("voice:lessons")).content.decode()
    assert dilemma.lessons in text
    assert "Matrix dilemma<" not in text
    assert PEER_QUESTION not in text
    assert PEER_NAME not in text


def test_stopping_sharing_hides_the_dilemma_again(client_as, cast):
    dilemma = matrix_shared_dilemma(cast)
    client_as("principal_north_1").post(
        reverse("voice:dilemma_share", args=[dilemma.pk]), {"share": "no"}
    )
    response = client_as("superintendent").get(reverse("voice:dilemma", args=[dilemma.pk]))
    assert response.status_code == 404


def test_shared_lessons_come_newest_first_and_are_searched_by_text(cast):
    older = matrix_shared_dilemma(cast)
    newer = Dilemma.objects.create(
        meeting=matrix_meeting(cast),
        presenter=person(cast, "principal_north_2"),
        title="Bus duty",
        context="Arrival is crowded.",
        question="Who covers the gate?",
        lessons="Rotate the gate duty weekly.",
        shared_at=older.shared_at.replace(year=older.shared_at.year + 1),
    )
    user = cast["superintendent"]
    everything = shared_lessons(user=user, district=cast.district)
    assert [lesson.dilemma for lesson in everything] == [newer, older]
    found = shared_lessons(user=user, district=cast.district, text="GATE duty")
    assert [lesson.dilemma for lesson in found] == [newer]
    assert shared_lessons(user=user, district=cast.district, text="nowhere") == []


def test_the_south_lead_does_not_read_the_north_meetings_lessons(cast):
    matrix_shared_dilemma(cast)
    assert "south_lead" in LESSON_READERS
    assert shared_lessons(user=cast["south_lead"], district=cast.district) == []


def test_the_meetings_dilemmas_are_all_of_them_in_the_room_and_the_shared_ones_outside(cast):
    meeting = matrix_meeting(cast)
    confidential, shared = matrix_dilemma(cast), matrix_shared_dilemma(cast)
    in_room = dilemmas_for_meeting(user=cast["principal_north_2"], meeting=meeting)
    outside = dilemmas_for_meeting(user=cast["superintendent"], meeting=meeting)
    assert set(in_room) == {confidential, shared}
    assert list(outside) == [shared]


def test_the_meeting_list_template_links_each_dilemma_and_offers_to_bring_one(cast, rf):
    from django.template.loader import render_to_string

    meeting = matrix_meeting(cast)
    dilemma = matrix_dilemma(cast)
    html = render_to_string(
        "voice/dilemmas_for_meeting.html",
        {
            "meeting": meeting,
            "dilemmas": dilemmas_for_meeting(user=cast["principal_north_2"], meeting=meeting),
            "may_bring": True,
        },
    )
    assert reverse("voice:dilemma", args=[dilemma.pk]) in html
    assert reverse("voice:dilemma_new", args=[meeting.pk]) in html


def test_a_principal_of_the_meeting_brings_a_dilemma(client_as, cast):
    meeting = matrix_meeting(cast)
    response = client_as("principal_north_2").post(
        reverse("voice:dilemma_new", args=[meeting.pk]),
        {
            "title": "Coverage on Fridays",
            "context": "Four classes lose their teacher to training every other Friday.",
            "question": "How do I keep instruction going without burning out the team?",
            "tried": "",
        },
    )
    dilemma = Dilemma.objects.get(title="Coverage on Fridays")
    assert response.status_code == 302
    assert response["Location"] == reverse("voice:dilemma", args=[dilemma.pk])
    assert (dilemma.presenter, dilemma.stage, dilemma.shared_at) == (
        person(cast, "principal_north_2"),
        "",
        None,
    )
    assert AuditEntry.objects.filter(object_type="voice.dilemma", action="create").exists()


def test_a_dilemma_naming_a_student_is_held_back_with_a_warning_then_saved_when_confirmed(
    client_as, cast
):
    meeting = matrix_meeting(cast)
    client = client_as("principal_north_1")
    url = reverse("voice:dilemma_new", args=[meeting.pk])
    data = {
        "title": "A refusal to attend",
        "context": "Since October, Jordan Ellis refuses to come into class after lunch.",
        "question": "How do I support the team?",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "This may name a student: “Jordan Ellis”" in text
    assert "I have looked again" in text
    assert "Since October, Jordan Ellis refuses" in text  # nothing typed is lost
    assert not Dilemma.objects.filter(title="A refusal to attend").exists()
    response = client.post(url, {**data, "names_checked": "on"})
    assert response.status_code == 302
    assert Dilemma.objects.filter(title="A refusal to attend").exists()


def test_empty_fields_are_named_and_nothing_is_saved(client_as, cast):
    meeting = matrix_meeting(cast)
    response = client_as("principal_north_1").post(
        reverse("voice:dilemma_new", args=[meeting.pk]), {"title": "Only a title"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Describe the situation" in text
    assert "Write the question you want your peers" in text
    assert not Dilemma.objects.filter(title="Only a title").exists()


def test_acting_on_an_unshared_dilemma_is_not_found_for_everyone(client, cast):
    url = reverse("voice:lesson_act", args=[matrix_dilemma(cast).pk])
    assert answers(client, cast, url) == expect(set())


def test_district_staff_turn_a_lesson_into_a_task_on_the_meetings_follow_ups(client_as, cast):
    dilemma = matrix_shared_dilemma(cast)
    owner = person(cast, "department_lead")
    response = client_as("north_lead").post(
        reverse("voice:lesson_act", args=[dilemma.pk]),
        {"owner": owner.pk, "description": "Draft a planning calendar", "due_on": "2026-03-02"},
    )
    assert response.status_code == 302
    task = FollowUp.objects.get(description="Draft a planning calendar")
    assert (task.meeting, task.kind, task.owner) == (dilemma.meeting, "task", owner)
    assert list(dilemma.tasks.all()) == [task]
    listed = client_as("superintendent").get(reverse("voice:lessons")).content.decode()
    assert "Draft a planning calendar" in listed


def test_a_task_owner_must_be_someone_of_a_department(client_as, cast):
    dilemma = matrix_shared_dilemma(cast)
    principal = person(cast, "principal_north_2")
    response = client_as("superintendent").post(
        reverse("voice:lesson_act", args=[dilemma.pk]),
        {"owner": principal.pk, "description": "Something", "due_on": "next week"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose the owner among the people of the departments." in text
    assert "Give the day as a date" in text
    assert not FollowUp.objects.exists()


def test_feedback_is_not_counted_for_those_outside_the_room(cast):
    from districtwise.voice.selectors.dilemmas import dilemma_page

    dilemma = matrix_shared_dilemma(cast)
    assert DilemmaFeedback.objects.filter(dilemma=dilemma).count() == 1
    page = dilemma_page(user=cast["superintendent"], dilemma=dilemma)
    assert all(section.feedback == [] for section in page.sections)
    assert not page.in_room and not page.may_post and not page.may_advance


def test_the_meeting_page_lists_a_confidential_dilemma_only_to_the_room(client_as, cast):
    dilemma = matrix_dilemma(cast)
    url = reverse("voice:meeting", args=[dilemma.meeting.pk])
    in_room = client_as("principal_north_2").get(url).content.decode()
    outside = client_as("superintendent").get(url).content.decode()
    assert dilemma.title in in_room
    assert reverse("voice:dilemma", args=[dilemma.pk]) in in_room
    assert dilemma.title not in outside
    assert "No dilemma brought to this meeting yet." in outside
