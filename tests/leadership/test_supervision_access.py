"""Who keeps and reads supervision records: the north lead keeps principal_north_1's, the
south lead finds nothing (404), principal_north_1 reads their own and is refused (403) on
changes; assistant principals and coaches find nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.core.roles import Role
from districtwise.leadership.models import GoalNote, SchoolVisit
from tests import factories as f
from tests.access_matrix import person


@pytest.fixture
def visit(cast):
    return f.SchoolVisitFactory(
        school=cast.north_1,
        principal=person(cast, "principal_north_1"),
        supervisor=person(cast, "north_lead"),
        visit_on=dt.date(2026, 3, 10),
    )


@pytest.fixture
def goal(cast):
    return f.GrowthGoalFactory(principal=person(cast, "principal_north_1"), school=cast.north_1)


COMPLETE = {"evidence_seen": "Two classrooms.", "feedback": "Keep going.", "follow_up_on": ""}


def test_the_north_lead_completes_the_visit_of_their_principal(client_as, cast, visit):
    url = reverse("leadership:visit_complete", args=[visit.pk])
    response = client_as("north_lead").post(url, COMPLETE)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == SchoolVisit.Status.COMPLETED and visit.feedback == "Keep going."


def test_the_south_lead_finds_no_north_record(client_as, cast, visit, goal):
    client = client_as("south_lead")
    principal = person(cast, "principal_north_1")
    for url in (
        reverse("leadership:principal", args=[principal.pk]),
        reverse("leadership:visit_complete", args=[visit.pk]),
        reverse("leadership:goal_note", args=[goal.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("leadership:visit_complete", args=[visit.pk]), COMPLETE).status_code
        == 404
    )
    visit.refresh_from_db()
    assert visit.status == SchoolVisit.Status.PLANNED


def test_the_principal_reads_their_own_records_but_may_not_change_a_visit(
    client_as, cast, visit, goal
):
    client = client_as("principal_north_1")
    own = client.get(reverse("leadership:principal", args=[person(cast, "principal_north_1").pk]))
    assert own.status_code == 200
    assert "Plan a visit" not in own.content.decode()
    url = reverse("leadership:visit_complete", args=[visit.pk])
    assert client.post(url, COMPLETE).status_code == 403
    assert client.post(reverse("leadership:goal_edit", args=[goal.pk]), {}).status_code == 403
    visit.refresh_from_db()
    assert visit.status == SchoolVisit.Status.PLANNED


def test_the_principal_adds_a_progress_note_to_their_own_goal(client_as, cast, goal):
    client = client_as("principal_north_1")
    url = reverse("leadership:goal_note", args=[goal.pk])
    response = client.post(url, {"written_on": "2026-03-12", "note": "Teams met twice."})
    assert response.status_code == 302
    assert response.url == reverse("leadership:my_development")
    note = GoalNote.objects.get(goal=goal)
    assert note.author == person(cast, "principal_north_1")


def test_another_principal_finds_nothing_of_principal_north_1(client_as, cast, visit, goal):
    client = client_as("principal_north_2")
    assert client.get(reverse("leadership:goal_note", args=[goal.pk])).status_code == 404
    mine = client.get(reverse("leadership:my_development")).content.decode()
    assert "Lead teacher teams" not in mine


def test_an_assistant_principal_finds_no_supervision_page(client, cast, visit):
    assistant = f.PersonFactory(district=cast.district, school=cast.north_1)
    f.MembershipFactory(person=assistant, role=Role.ASSISTANT_PRINCIPAL, school=cast.north_1)
    client.force_login(assistant.user)
    for url in (
        reverse("leadership:visit_calendar"),
        reverse("leadership:my_development"),
        reverse("leadership:principal", args=[person(cast, "principal_north_1").pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_principal_sees_feedback_of_completed_visits_and_the_date_of_planned_ones(
    client_as, cast, visit
):
    f.SchoolVisitFactory(
        school=cast.north_1,
        principal=person(cast, "principal_north_1"),
        supervisor=person(cast, "north_lead"),
        visit_on=dt.date(2026, 2, 3),
        status="completed",
        focus="data_use",
        feedback="Your data meeting <script>alert(1)</script> was focused.",
    )
    page = client_as("principal_north_1").get(reverse("leadership:my_development"))
    html = page.content.decode()
    assert "Tuesday, March 10, 2026" in html  # the planned visit
    assert "&lt;script&gt;alert(1)&lt;/script&gt; was focused." in html
    assert "<script>alert(1)" not in html
