"""The caseload's figures, worked out by hand on a few visits and goals of the cast."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.leadership.models import SchoolVisit
from districtwise.leadership.selectors.supervision import caseload, visits_per_month
from tests import factories as f
from tests.access_matrix import person

TODAY = dt.date(2026, 3, 20)
DONE = SchoolVisit.Status.COMPLETED
PLANNED, CANCELLED = SchoolVisit.Status.PLANNED, SchoolVisit.Status.CANCELLED


def visit(cast, school, principal: str, on: dt.date, status=DONE):
    return f.SchoolVisitFactory(
        school=school,
        principal=person(cast, principal),
        supervisor=person(cast, "north_lead"),
        visit_on=on,
        status=status,
        feedback="Clear next steps." if status == DONE else "",
    )


@pytest.fixture
def north_visits(cast):
    # North One: two visits this school year (the later on March 1), one last school year,
    # a planned one ahead and one planned in the past (never done: not "next").
    visit(cast, cast.north_1, "principal_north_1", dt.date(2026, 1, 12))
    visit(cast, cast.north_1, "principal_north_1", dt.date(2026, 3, 1))
    visit(cast, cast.north_1, "principal_north_1", dt.date(2025, 5, 2))
    visit(cast, cast.north_1, "principal_north_1", dt.date(2026, 4, 2), PLANNED)
    visit(cast, cast.north_1, "principal_north_1", dt.date(2026, 3, 2), PLANNED)
    visit(cast, cast.north_1, "principal_north_1", dt.date(2026, 3, 5), CANCELLED)
    # North Two: one visit, 60 days ago.
    visit(cast, cast.north_2, "principal_north_2", TODAY - dt.timedelta(days=60))
    f.GrowthGoalFactory(principal=person(cast, "principal_north_1"), school=cast.north_1)
    f.GrowthGoalFactory(principal=person(cast, "principal_north_1"), school=cast.north_1)
    f.GrowthGoalFactory(
        principal=person(cast, "principal_north_1"), school=cast.north_1, status="met"
    )


def by_school(rows):
    return {row.school.name: row for row in rows}


def test_the_caseload_gives_last_and_next_visit_this_years_count_and_active_goals(
    cast, north_visits
):
    rows = by_school(caseload(user=cast["north_lead"], district=cast.district, today=TODAY))
    assert set(rows) == {"North One Elementary", "North Two Middle"}
    one = rows["North One Elementary"]
    assert one.last_visit == dt.date(2026, 3, 1)
    assert one.next_visit == dt.date(2026, 4, 2)
    assert one.visits_this_year == 2
    assert one.active_goals == 2
    assert one.days_since_last == 19
    assert not one.overdue


def test_a_principal_not_visited_for_over_45_days_is_flagged(cast, north_visits):
    rows = by_school(caseload(user=cast["north_lead"], district=cast.district, today=TODAY))
    two = rows["North Two Middle"]
    assert two.days_since_last == 60
    assert two.overdue
    assert two.next_visit is None
    assert two.active_goals == 0


def test_a_principal_never_visited_is_flagged_too(cast):
    rows = by_school(caseload(user=cast["south_lead"], district=cast.district, today=TODAY))
    assert rows["South One High"].last_visit is None
    assert rows["South One High"].overdue


def test_the_cabinet_chooses_a_network_and_sees_its_principals(cast, north_visits):
    rows = caseload(
        user=cast["superintendent"], district=cast.district, network=cast.south, today=TODAY
    )
    assert [r.school.name for r in rows] == ["South One High"]


def test_visits_per_month_count_completed_visits_only(cast, north_visits):
    principal = person(cast, "principal_north_1")
    months = [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    counts = visits_per_month(
        user=cast["north_lead"], district=cast.district, principals=[principal], months=months
    )
    assert counts == {principal.pk: [1, 0, 1]}


def test_the_caseload_page_shows_the_flag_and_the_chart_with_its_table(
    client_as, cast, north_visits
):
    response = client_as("north_lead").get(reverse("leadership:caseload"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Over 45 days" in page
    assert "<svg" in page and "Completed visits per month, per principal" in page
    assert 'id="visits-per-month-table"' in page


def test_the_cabinet_reaches_the_principals_of_schools_in_no_network(client_as, cast):
    lone = f.SchoolFactory(district=cast.district, name="Harbor Academy", network=None)
    leader = f.PersonFactory(district=cast.district, given_name="Ines", family_name="Harbor")
    f.MembershipFactory(person=leader, role="principal", school=lone)
    rows = caseload(user=cast["superintendent"], district=cast.district, outside=True)
    assert [(r.principal, r.school) for r in rows] == [(leader, lone)]
    url = reverse("leadership:caseload")
    first = client_as("superintendent").get(url).content.decode()
    assert '<option value="none">Schools in no network</option>' in first
    assert "Harbor Academy" not in first  # a network is shown first
    chosen = client_as("superintendent").get(url, {"network": "none"}).content.decode()
    assert "<h1>Caseload: schools in no network</h1>" in chosen
    assert "Harbor Academy" in chosen and "North One Elementary" not in chosen
    # A network lead supervises their network's schools only: no such choice.
    north = client_as("north_lead").get(url, {"network": "none"}).content.decode()
    assert "Schools in no network" not in north and "Harbor Academy" not in north
