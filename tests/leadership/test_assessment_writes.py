"""The write side of the self-assessment pages, for every named person: the team's members
answer, close and draft the plan (302 on to the page); the team's other readers get 403;
everyone else 404 (the anonymous visitor is sent to log in). And a department lead starts a
central-office team's self-assessment with the department's people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districtwise.leadership.models import Assessment, AssessmentAnswer, AssessmentStep
from tests import factories as f
from tests.access_matrix import PEOPLE, expect
from tests.leadership.matrix import (
    ASSESSMENT_MEMBERS,
    ASSESSMENT_READERS,
    matrix_assessment,
    person,
)

pytestmark = pytest.mark.django_db

WRITE = expect(set(), forbidden=ASSESSMENT_READERS - ASSESSMENT_MEMBERS)
WRITE.update({p: 302 for p in ASSESSMENT_MEMBERS})


def login(client, cast, name: str):
    if name != "anonymous":
        client.force_login(cast[name])
    return client


@pytest.mark.parametrize("name", PEOPLE)
def test_answering_as_the_matrix_says(client, cast, name):
    found = matrix_assessment(cast)
    url = reverse("leadership:assessment_answer", args=[found.pk])
    response = login(client, cast, name).post(url, {"r_focus_1": "3"})
    assert response.status_code == WRITE[name]
    saved = AssessmentAnswer.objects.filter(assessment=found).exists()
    assert saved == (name in ASSESSMENT_MEMBERS)


@pytest.mark.parametrize("name", PEOPLE)
def test_closing_as_the_matrix_says(client, cast, name):
    found = matrix_assessment(cast)
    url = reverse("leadership:assessment_close", args=[found.pk])
    assert login(client, cast, name).post(url).status_code == WRITE[name]
    found.refresh_from_db()
    assert found.is_open == (name not in ASSESSMENT_MEMBERS)


@pytest.mark.parametrize("name", PEOPLE)
def test_drafting_the_plan_as_the_matrix_says(client, cast, name):
    found = matrix_assessment(cast)
    f.AssessmentAnswerFactory(
        assessment=found, person=person(cast, "coach_north_1"), item_key="system.1", rating=2
    )
    url = reverse("leadership:assessment_plan", args=[found.pk])
    assert login(client, cast, name).post(url, {"draft": "1"}).status_code == WRITE[name]
    drafted = AssessmentStep.objects.filter(assessment=found, item_key="system.1").exists()
    assert drafted == (name in ASSESSMENT_MEMBERS)


def test_a_department_lead_starts_a_central_office_team(client_as, cast):
    client = client_as("department_lead")
    lead = person(cast, "department_lead")
    colleague = f.PersonFactory(district=cast.district, department=cast.department)
    url = reverse("leadership:assessment_new")
    page = client.get(url).content.decode()
    assert "Start a self-assessment: Teaching and Learning" in page
    response = client.post(
        url, {"title": "Central review", "period": "2025-26", "members": [lead.pk, colleague.pk]}
    )
    assert response.status_code == 302
    started = Assessment.objects.get(title="Central review")
    assert (started.team_kind, started.department, started.school) == (
        "central",
        cast.department,
        None,
    )
    # The team reads its own results; North's lead, outside the department, does not find it.
    results = reverse("leadership:assessment", args=[started.pk])
    assert client.get(results).status_code == 200
    assert client_as("north_lead").get(results).status_code == 404
