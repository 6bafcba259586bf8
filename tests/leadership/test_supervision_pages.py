"""The supervision pages as their users see them: the write side of the matrix (who may
complete a visit and add a note), the chart's text alternative, the overview card."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.leadership.charts.supervision import visits_grid
from districtwise.leadership.models import GoalNote, GrowthGoal, SchoolVisit
from tests import factories as f
from tests.access_matrix import PEOPLE, expect, person

KEEPERS = {"superintendent", "sysadmin", "north_lead"}
COMPLETE_POST = {**expect(set(), forbidden={"principal_north_1"}), **{p: 302 for p in KEEPERS}}
NOTE_WRITERS = KEEPERS | {"principal_north_1"}
NOTE_POST = {**expect(set()), **{p: 302 for p in NOTE_WRITERS}}


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


@pytest.mark.parametrize("who", PEOPLE)
def test_completing_a_visit_as_the_matrix_says(client, cast, visit, who):
    if who != "anonymous":
        client.force_login(cast[who])
    url = reverse("leadership:visit_complete", args=[visit.pk])
    response = client.post(url, {"feedback": "Noted.", "evidence_seen": ""})
    assert response.status_code == COMPLETE_POST[who]
    visit.refresh_from_db()
    assert (visit.status == SchoolVisit.Status.COMPLETED) == (who in KEEPERS)


@pytest.mark.parametrize("who", PEOPLE)
def test_adding_a_goal_note_as_the_matrix_says(client, cast, goal, who):
    if who != "anonymous":
        client.force_login(cast[who])
    url = reverse("leadership:goal_note", args=[goal.pk])
    response = client.post(url, {"written_on": "2026-03-12", "note": "Moving."})
    assert response.status_code == NOTE_POST[who]
    assert GoalNote.objects.filter(goal=goal).exists() == (who in NOTE_WRITERS)


def test_the_chart_names_every_figure_and_escapes_names():
    months = [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    svg = visits_grid(
        [("Ana <b>Ruiz</b>", [2, 0]), ("Bo Lee", [0, 1])],
        months,
        chart_id="c",
        title="Visits",
    )
    assert (
        "Ana &lt;b&gt;Ruiz&lt;/b&gt;: Jan 2026 2, Feb 2026 0; Bo Lee: Jan 2026 0, Feb 2026 1."
        in svg
    )
    assert "<b>" not in svg
    assert svg.count("<text") == 2 + 2 + 4  # month heads, names, one count per cell


def test_the_lead_reads_a_principals_visits_goals_and_notes(client_as, cast, visit, goal):
    GoalNote.objects.create(
        goal=goal,
        author=person(cast, "principal_north_1"),
        written_on=dt.date(2026, 3, 2),
        note="Teams met twice.",
    )
    page = client_as("north_lead").get(
        reverse("leadership:principal", args=[person(cast, "principal_north_1").pk])
    )
    html = page.content.decode()
    assert "Principal North 1 Testperson: supervision" in html
    assert "Principal of North One Elementary." in html
    assert "Instruction in classrooms" in html
    assert "Lead teacher teams to look at student work every two weeks." in html
    assert "Teams met twice." in html
    assert reverse("leadership:visit_complete", args=[visit.pk]) in html


def test_the_lead_changes_a_goal_status(client_as, cast, goal):
    data = {
        "school_year": "2026",
        "goal": goal.goal,
        "area": goal.area,
        "success_measures": "",
        "status": "met",
    }
    response = client_as("north_lead").post(reverse("leadership:goal_edit", args=[goal.pk]), data)
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == GrowthGoal.Status.MET


def test_the_overview_offers_a_principal_their_own_records(client_as, cast):
    html = client_as("principal_north_1").get(reverse("leadership:overview")).content.decode()
    assert reverse("leadership:my_development") in html
    assert f'href="{reverse("leadership:caseload")}"' not in html


def test_the_overview_offers_a_lead_the_caseload(client_as, cast):
    html = client_as("north_lead").get(reverse("leadership:overview")).content.decode()
    assert f'href="{reverse("leadership:caseload")}"' in html
    assert reverse("leadership:my_development") not in html
