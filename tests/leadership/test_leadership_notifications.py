"""What the people of a visit or a self-assessment are told: the principal hears of a
visit planned to their school and of its feedback; the members of a new self-assessment
are asked to answer it (never the person who did it themselves)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.core.models import Notification
from districtwise.leadership.services import supervision
from districtwise.leadership.services.assessment import assessment_start
from tests.access_matrix import person

pytestmark = pytest.mark.django_db
K = Notification.Kind


def told(cast, name: str) -> list[tuple[str, str]]:
    found = Notification.objects.filter(user=cast[name]).order_by("pk")
    return [(n.kind, n.url) for n in found]


def test_the_principal_hears_of_a_planned_visit_and_of_its_feedback(cast):
    visit = supervision.visit_plan(
        actor=cast["north_lead"],
        district=cast.district,
        supervisor=person(cast, "north_lead"),
        school=cast.north_1,
        principal=person(cast, "principal_north_1"),
        visit_on=dt.date(2026, 3, 10),
        focus="instruction",
    )
    mine = reverse("leadership:my_development")
    assert told(cast, "principal_north_1") == [(K.VISIT_PLANNED, mine)]
    assert "2026-03-10" in Notification.objects.get(user=cast["principal_north_1"]).title
    supervision.visit_complete(
        actor=cast["north_lead"], visit=visit, evidence_seen="Two classes.", feedback="Good."
    )
    assert told(cast, "principal_north_1") == [(K.VISIT_PLANNED, mine), (K.VISIT_FEEDBACK, mine)]
    assert told(cast, "north_lead") == []  # the supervisor is not told of their own work
    assert told(cast, "principal_north_2") == []


def test_the_members_of_a_new_self_assessment_are_asked_to_answer_it(cast):
    assessment = assessment_start(
        actor=cast["principal_north_1"],
        district=cast.district,
        school=cast.north_1,
        title="Autumn review",
        period="2025-26",
        members=[person(cast, "principal_north_1"), person(cast, "coach_north_1")],
    )
    answer = reverse("leadership:assessment_answer", args=[assessment.pk])
    assert told(cast, "coach_north_1") == [(K.ASSESSMENT_TO_ANSWER, answer)]
    assert told(cast, "principal_north_1") == []  # who started it knows
    assert told(cast, "north_lead") == []  # beyond the team: not asked
