"""Regressions found in review of the leadership pages (issue 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from districtwise.core.models import AuditEntry
from districtwise.leadership.models import AssessmentAnswer
from tests.leadership.matrix import matrix_assessment

pytestmark = pytest.mark.django_db

EVIDENCE = "Our grade-level teams rarely look at student work together"


def test_the_change_history_keeps_a_members_rating_and_evidence_from_readers_beyond_the_team(
    client_as, cast
):
    found = matrix_assessment(cast)
    url = reverse("leadership:assessment_answer", args=[found.pk])
    answered = client_as("principal_north_1").post(url, {"r_focus_1": "1", "e_focus_1": EVIDENCE})
    assert answered.status_code == 302
    answer = AssessmentAnswer.objects.get(assessment=found)
    entry = AuditEntry.objects.get(object_type="leadership.assessmentanswer")
    assert entry.object_id == str(answer.pk) and set(entry.changes) >= {"rating", "evidence"}

    history = client_as("superintendent").get(reverse("organization:audit_feed"))

    assert history.status_code == 200
    page = history.content.decode()
    assert "leadership.assessmentanswer" in page  # the change is recorded ...
    assert EVIDENCE not in page  # ... but not what the member said
    assert "rating</strong>: (empty) → 1" not in page


@pytest.mark.parametrize(
    ("page", "param"),
    [
        ("leadership:caseload", "network"),
        ("leadership:visit_calendar", "network"),
        ("leadership:visit_new", "principal"),
    ],
)
def test_an_id_written_with_a_superscript_digit_is_ignored_not_a_server_error(
    client_as, page, param
):
    # "²".isdigit() is true but int("²") fails: the page must not take it for an id.
    response = client_as("north_lead").get(reverse(page), {param: "²"})
    assert response.status_code == 200


@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_a_month_at_the_end_of_the_calendar_shows_this_month_with_a_message(client_as, month):
    response = client_as("north_lead").get(reverse("leadership:visit_calendar"), {"month": month})
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["month"].first == today.replace(day=1)
    shown = [str(m) for m in response.context["messages"]]
    assert any(month in m and "1900-01 to 2199-12" in m for m in shown)
