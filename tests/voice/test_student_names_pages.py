"""A need raised from a meeting's follow-up gets the same warning for students' names as a
need raised on its own page: held back with the names shown, nothing typed lost, saved once
the writer confirms. A task is not checked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districtwise.voice.models import FollowUp, Need
from tests import factories as f
from tests.access_matrix import person
from tests.voice.matrix import matrix_agenda_item

pytestmark = pytest.mark.django_db


def follow_up_need(cast, **changes):
    return {
        "kind": "need",
        "description": "Kayla Bell and two others wait outside when the gym roof leaks.",
        "owner": person(cast, "principal_north_1").pk,
        "need_title": "Gym roof",
        "category": "facilities",
        "urgency": "soon",
        "students_affected": "3",
    } | changes


def test_a_follow_up_need_naming_a_student_is_warned_then_raised_when_confirmed(client_as, cast):
    f.NeedRouteFactory(district=cast.district, category="facilities", department=cast.department)
    item = matrix_agenda_item(cast)
    client = client_as("north_lead")
    url = reverse("voice:follow_up_new", args=[item.pk])

    response = client.post(url, follow_up_need(cast))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check for students' names" in page
    assert "This may name a student: “Kayla Bell”" in page  # next to the description
    assert "Kayla Bell and two others wait outside" in page  # nothing typed is lost
    assert "I checked and there are no students" in page
    assert not Need.objects.exists() and not FollowUp.objects.exists()

    confirmed = client.post(url, follow_up_need(cast, names_checked="on"))
    assert confirmed.status_code == 302
    need = Need.objects.get(title="Gym roof")
    assert need.description.startswith("Kayla Bell and two others")
    assert FollowUp.objects.get(need=need).agenda_item == item


def test_staff_named_in_a_follow_up_need_raise_it_without_a_warning(client_as, cast):
    f.NeedRouteFactory(district=cast.district, category="facilities", department=cast.department)
    item = matrix_agenda_item(cast)
    text = "North Lead Testperson saw the gym roof leak at North One."
    response = client_as("north_lead").post(
        reverse("voice:follow_up_new", args=[item.pk]), follow_up_need(cast, description=text)
    )
    assert response.status_code == 302
    assert Need.objects.get(title="Gym roof").description == text


def test_a_follow_up_task_is_not_checked_for_names(client_as, cast):
    item = matrix_agenda_item(cast)
    response = client_as("north_lead").post(
        reverse("voice:follow_up_new", args=[item.pk]),
        {
            "kind": "task",
            "description": "Send Maria Lopez the bus timetable.",
            "owner": person(cast, "principal_north_1").pk,
            "due_on": "2030-03-02",
        },
    )
    assert response.status_code == 302
    assert FollowUp.objects.get(description="Send Maria Lopez the bus timetable.")
