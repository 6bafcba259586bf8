"""The visit calendar: a month laid out in whole weeks, Monday first, with the days of the
months around it marked; each in-month day lists its planned and completed visits."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from districtwise.leadership.selectors.supervision import month_weeks, visit_calendar
from tests import factories as f
from tests.access_matrix import person


def test_march_2026_takes_six_weeks_from_february_23_to_april_5():
    weeks = month_weeks(2026, 3)  # March 1, 2026 is a Sunday
    assert len(weeks) == 6
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].day == dt.date(2026, 2, 23)
    assert weeks[0][6].day == dt.date(2026, 3, 1)
    assert weeks[-1][-1].day == dt.date(2026, 4, 5)
    outside = [d.day for week in weeks for d in week if not d.in_month]
    assert len(outside) == 42 - 31
    assert dt.date(2026, 2, 28) in outside and dt.date(2026, 4, 1) in outside


def test_february_2027_fills_exactly_four_weeks():
    weeks = month_weeks(2027, 2)  # February 1, 2027 is a Monday, 28 days
    assert len(weeks) == 4
    assert all(day.in_month for week in weeks for day in week)


def test_visits_sit_on_their_day_and_cancelled_ones_are_left_out(cast):
    lead, principal = person(cast, "north_lead"), person(cast, "principal_north_1")
    kept = f.SchoolVisitFactory(
        school=cast.north_1, principal=principal, supervisor=lead, visit_on=dt.date(2026, 3, 10)
    )
    f.SchoolVisitFactory(
        school=cast.north_1,
        principal=principal,
        supervisor=lead,
        visit_on=dt.date(2026, 3, 11),
        status="cancelled",
    )
    month = visit_calendar(user=cast["north_lead"], district=cast.district, year=2026, month=3)
    days = {d.day: d.visits for week in month.weeks for d in week}
    assert days[dt.date(2026, 3, 10)] == [kept]
    assert days[dt.date(2026, 3, 11)] == []
    assert month.visits == [kept]
    assert month.previous == dt.date(2026, 2, 1) and month.next == dt.date(2026, 4, 1)


def test_the_calendar_page_moves_by_month_and_lists_visits_as_links(client_as, cast):
    principal = person(cast, "principal_north_1")
    f.SchoolVisitFactory(
        school=cast.north_1,
        principal=principal,
        supervisor=person(cast, "north_lead"),
        visit_on=dt.date(2026, 3, 10),
    )
    page = client_as("north_lead").get(reverse("leadership:visit_calendar") + "?month=2026-03")
    html = page.content.decode()
    assert "Visit calendar: March 2026" in html
    assert "?month=2026-02" in html and "?month=2026-04" in html
    assert html.count(reverse("leadership:principal", args=[principal.pk])) == 2  # grid, list
    assert "other month" in html


def test_a_month_written_wrong_says_how_to_write_it(client_as, cast):
    page = client_as("north_lead").get(reverse("leadership:visit_calendar") + "?month=March")
    assert page.status_code == 200
    assert "write it as 2026-03" in page.content.decode()


def test_a_principal_sees_only_their_own_visits_on_the_calendar(cast):
    lead = person(cast, "north_lead")
    mine = f.SchoolVisitFactory(
        school=cast.north_1, principal=person(cast, "principal_north_1"), supervisor=lead
    )
    f.SchoolVisitFactory(
        school=cast.north_2, principal=person(cast, "principal_north_2"), supervisor=lead
    )
    month = visit_calendar(
        user=cast["principal_north_1"], district=cast.district, year=2026, month=3
    )
    assert month.visits == [mine]
