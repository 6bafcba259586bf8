"""Starting a self-assessment for a team one may start for, and the aggregates per school,
network and district: the latest closed assessment of each team, pooled, in the reader's
reach only, never naming who said what."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.leadership.models import Assessment
from districtwise.leadership.selectors.assessment import assessment_summary
from districtwise.leadership.services.assessment import assessment_start
from tests import factories as f
from tests.access_matrix import person

pytestmark = pytest.mark.django_db

NEW = reverse("leadership:assessment_new")
SUMMARY = reverse("leadership:assessment_summary")


def test_a_principal_starts_one_for_their_school_with_its_people(client_as, cast):
    client = client_as("principal_north_1")
    page = client.get(NEW).content.decode()
    assert "Start a self-assessment: North One Elementary" in page
    assert "Coach North 1" in page and "Principal North 2" not in page
    members = [person(cast, "principal_north_1").pk, person(cast, "coach_north_1").pk]
    response = client.post(NEW, {"title": "Autumn review", "period": "2025-26", "members": members})
    assert response.status_code == 302
    started = Assessment.objects.get(title="Autumn review")
    assert started.school == cast.north_1 and started.team_kind == "school"
    assert set(started.members.values_list("pk", flat=True)) == set(members)
    audit = AuditEntry.objects.get(object_type="leadership.assessment", object_id=str(started.pk))
    assert audit.changes["members"] == [
        None,
        ["Coach North 1 Testperson", "Principal North 1 Testperson"],
    ]


def test_a_principal_may_not_start_one_for_another_school(client_as, cast):
    url = f"{NEW}?school={cast.north_2.pk}"
    assert client_as("principal_north_1").get(url).status_code == 404


def test_a_member_from_another_school_is_refused(client_as, cast):
    response = client_as("principal_north_1").post(
        NEW,
        {"title": "Autumn", "period": "2025-26", "members": [person(cast, "principal_north_2").pk]},
    )
    assert response.status_code == 400
    assert not Assessment.objects.filter(title="Autumn").exists()


def test_the_service_names_members_who_are_not_of_the_school(cast):
    with pytest.raises(ValidationError, match="Principal North 2 Testperson"):
        assessment_start(
            actor=cast["principal_north_1"],
            district=cast.district,
            school=cast.north_1,
            title="Autumn",
            period="2025-26",
            members=[person(cast, "principal_north_2")],
        )


def test_a_network_lead_chooses_among_their_networks_schools(client_as, cast):
    page = client_as("north_lead").get(NEW).content.decode()
    assert "North One Elementary" in page and "North Two Middle" in page
    assert "South One High" not in page


def team(cast, school, ratings: list[int], *, status="closed", period="2025-26"):
    """A school team's assessment: one member per rating, each rating ``focus.1``."""
    found = f.AssessmentFactory(district=cast.district, school=school, period=period, status=status)
    for rating in ratings:
        member = f.PersonFactory(district=cast.district, school=school)
        found.members.add(member)
        f.AssessmentAnswerFactory(
            assessment=found, person=member, item_key="focus.1", rating=rating
        )
    return found


@pytest.fixture
def teams(cast):
    team(cast, cast.north_1, [1, 1], period="2024-25")  # an older one: not the latest
    team(cast, cast.north_1, [2, 4])
    team(cast, cast.north_2, [3, 3, 3])
    team(cast, cast.south_1, [4])
    team(cast, cast.south_1, [1], status="open", period="2026-27")


def means(rows) -> dict:
    return {(r.level, r.label): (r.teams, r.means["focus"]) for r in rows}


def test_the_district_pools_the_latest_closed_assessment_of_each_team(cast, teams):
    rows = means(assessment_summary(user=cast["superintendent"], district=cast.district))
    assert rows[("district", cast.district.name)] == (3, pytest.approx(19 / 6))
    assert rows[("network", "North Network")] == (2, pytest.approx(15 / 5))
    assert rows[("school", "North One Elementary")] == (1, 3.0)
    assert rows[("school", "South One High")] == (1, 4.0)


def test_open_assessments_count_only_when_asked(cast, teams):
    rows = assessment_summary(
        user=cast["superintendent"], district=cast.district, include_open=True
    )
    assert means(rows)[("school", "South One High")] == (1, 1.0)


def test_a_network_lead_reads_their_networks_schools_only(cast, teams):
    rows = means(assessment_summary(user=cast["north_lead"], district=cast.district))
    assert set(rows) == {
        ("network", "North Network"),
        ("school", "North One Elementary"),
        ("school", "North Two Middle"),
    }


def test_a_principal_reads_their_school_only(cast, teams):
    rows = means(assessment_summary(user=cast["principal_north_2"], district=cast.district))
    assert rows == {("school", "North Two Middle"): (1, 3.0)}


def test_the_summary_page_shows_figures_and_a_chart_never_names(client_as, cast, teams):
    page = client_as("north_lead").get(SUMMARY)
    text = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in text and "Mean rating per section: North Network" in text
    assert "South One High" not in text
    assert "Testperson" not in text.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_coach_does_not_reach_the_summary(client_as, cast, teams):
    assert client_as("coach_north_1").get(SUMMARY).status_code == 404
