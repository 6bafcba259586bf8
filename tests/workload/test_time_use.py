"""Principals' time use: saving a week and a day, the bad input refused whole, the goals,
and who sees whose time (the principal and their supervisor named; peers anonymous; the
cabinet aggregates only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from districtwise.core.models import AuditEntry
from districtwise.core.roles import Role
from districtwise.workload.models import TimeEntry, TimeGoal
from tests import factories as f
from tests.access_matrix import person
from tests.workload.matrix import principal_pk

MON = dt.date(2026, 3, 2)  # a Monday in the past


def week_url(cast, name="principal_north_1", week=MON):
    return reverse("workload:time_week", args=[principal_pk(cast, name)]) + f"?week={week}"


def log(cast, name, on, minutes, category="instructional", school=None):
    p = person(cast, name)
    return f.TimeEntryFactory(
        school=school or p.school, principal=p, on=on, minutes=minutes, category=category
    )


def this_monday():
    today = timezone.localdate()
    return today - dt.timedelta(days=today.weekday())


# ---- the week view ----
def test_the_principal_fills_slots_and_neighbouring_slots_become_one_entry(cast, client_as):
    client = client_as("principal_north_1")
    answer = client.post(
        week_url(cast),
        {
            "d0_480": "instructional",
            "d0_510": "instructional",
            "d0_540": "operations",
            "d1_420": "hr",
        },
    )
    assert answer.status_code == 302
    entries = TimeEntry.objects.filter(principal=person(cast, "principal_north_1"))
    got = [
        (e.on, f"{e.starts_at:%H:%M}", f"{e.ends_at:%H:%M}", e.minutes, e.category) for e in entries
    ]
    assert got == [
        (MON, "08:00", "09:00", 60, "instructional"),
        (MON, "09:00", "09:30", 30, "operations"),
        (MON + dt.timedelta(days=1), "07:00", "07:30", 30, "hr"),
    ]
    assert {e.entered_by.user for e in entries} == {cast["principal_north_1"]}
    assert AuditEntry.objects.filter(object_type="workload.timeentry").count() == 3


def test_saving_the_week_again_keeps_an_evening_range_and_replaces_the_grid(cast, client_as):
    client = client_as("principal_north_1")
    client.post(
        week_url(cast),
        {
            "d0_480": "instructional",
            "range0_day": "2",
            "range0_from": "18:00",
            "range0_to": "19:15",
            "range0_category": "family",
        },
    )
    page = client.get(week_url(cast))
    assert 'value="18:00"' in page.content.decode()
    initial = page.context["form"].initial
    client.post(
        week_url(cast),
        {
            **{
                k: str(v)[:5] if "range" in k and k.endswith(("from", "to")) else v
                for k, v in initial.items()
            },
            "d0_480": "budget",
        },
    )
    got = sorted((e.on.weekday(), e.minutes, e.category) for e in TimeEntry.objects.all())
    assert got == [(0, 30, "budget"), (2, 75, "family")]


def test_an_assistant_principal_enters_on_the_principals_behalf(cast, client):
    ap = f.PersonFactory(district=cast.district, school=cast.north_1)
    f.MembershipFactory(person=ap, role=Role.ASSISTANT_PRINCIPAL, school=cast.north_1)
    client.force_login(ap.user)
    assert client.post(week_url(cast), {"d2_600": "student_services"}).status_code == 302
    entry = TimeEntry.objects.get()
    assert entry.principal == person(cast, "principal_north_1")
    assert entry.entered_by == ap


def test_a_range_over_filled_slots_is_refused_naming_the_day_and_times(cast, client_as):
    client = client_as("principal_north_1")
    answer = client.post(
        week_url(cast),
        {
            "d0_540": "operations",
            "range0_day": "0",
            "range0_from": "08:45",
            "range0_to": "09:15",
            "range0_category": "compliance",
        },
    )
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Nothing was saved" in text
    assert "Monday 2 March 2026: 08:45-09:15 (Compliance) overlaps 09:00-09:30 (Operations)" in text
    assert not TimeEntry.objects.exists()


def test_a_range_ending_before_it_starts_is_refused(cast, client_as):
    answer = client_as("principal_north_1").post(
        week_url(cast),
        {"range0_day": "1", "range0_from": "15:00", "range0_to": "14:00", "range0_category": "hr"},
    )
    assert answer.status_code == 400
    assert "Range 1: it ends at 14:00, before it starts (15:00)" in answer.content.decode()
    assert not TimeEntry.objects.exists()


def test_a_day_in_the_future_is_refused_and_its_half_hours_are_greyed_out(cast, client_as):
    client = client_as("principal_north_1")
    monday = this_monday() + dt.timedelta(weeks=1)
    page = client.get(week_url(cast, week=monday))
    assert page.context["form"]["d4_480"].field.disabled
    future = {
        "range0_day": "4",
        "range0_from": "08:00",
        "range0_to": "09:00",
        "range0_category": "hr",
    }
    answer = client.post(week_url(cast, week=monday), future)
    assert answer.status_code == 400
    friday = monday + dt.timedelta(days=4)
    assert f"{friday:%A} {friday.day} {friday:%B %Y} is in the future" in answer.content.decode()
    assert not TimeEntry.objects.exists()


def test_the_supervisor_sees_the_week_greyed_out_without_a_save_button(cast, client_as):
    text = client_as("north_lead").get(week_url(cast)).content.decode()
    assert "Save the week" not in text and "disabled" in text


def test_the_supervisor_reads_the_week_but_cannot_save_it(cast, client_as):
    log(cast, "principal_north_1", MON, 45)
    client = client_as("north_lead")
    assert client.get(week_url(cast)).status_code == 200
    assert client.post(week_url(cast), {"d0_480": "hr"}).status_code == 403
    assert TimeEntry.objects.count() == 1


@pytest.mark.parametrize("name", ["principal_north_2", "south_lead", "superintendent", "outsider"])
def test_no_one_else_opens_a_principals_week_or_summary(cast, client_as, name):
    client = client_as(name)
    assert client.get(week_url(cast)).status_code == 404
    assert client.post(week_url(cast), {"d0_480": "hr"}).status_code == 404
    summary = reverse("workload:time_summary", args=[principal_pk(cast)])
    assert client.get(summary).status_code == 404


# ---- the quick daily entry ----
def day_url(cast, name="principal_north_1"):
    return reverse("workload:time_day", args=[principal_pk(cast, name)])


def test_the_daily_entry_replaces_the_days_totals(cast, client_as):
    client = client_as("principal_north_1")
    client.post(day_url(cast), {"on": "2026-03-03", "instructional": "120", "hr": "30"})
    client.post(day_url(cast), {"on": "2026-03-03", "instructional": "90"})
    got = [(e.minutes, e.category, e.starts_at) for e in TimeEntry.objects.all()]
    assert got == [(90, "instructional", None)]


def test_a_day_over_24_hours_counts_the_week_views_entries_too(cast, client_as):
    client = client_as("principal_north_1")
    client.post(week_url(cast), {"d1_420": "hr", "d1_450": "hr"})  # one hour on Tuesday
    answer = client.post(day_url(cast), {"on": "2026-03-03", "operations": "1400"})
    assert answer.status_code == 400
    assert "Tuesday 3 March 2026 adds up to 24.3333 hours" in answer.content.decode()
    assert TimeEntry.objects.count() == 1


def test_the_supervisor_may_not_enter_a_day_and_a_peer_gets_404(cast, client_as):
    data = {"on": "2026-03-03", "hr": "30"}
    assert client_as("north_lead").post(day_url(cast), data).status_code == 403
    assert client_as("principal_north_2").post(day_url(cast), data).status_code == 404
    assert not TimeEntry.objects.exists()


# ---- the goals ----
def test_the_cabinet_sets_the_district_goal_and_a_supervisor_one_principals(cast, client_as):
    assert (
        client_as("superintendent")
        .post(reverse("workload:time_goal"), {"percent": "55"})
        .status_code
        == 302
    )
    assert TimeGoal.objects.get(principal=None).share == D("0.550")
    url = reverse("workload:time_principal_goal", args=[principal_pk(cast)])
    assert client_as("north_lead").post(url, {"percent": "40"}).status_code == 302
    page = client_as("principal_north_1").get(
        reverse("workload:time_summary", args=[principal_pk(cast)])
    )
    assert "Goal: <strong>40 %</strong>" in page.content.decode()


def test_a_principal_cannot_set_goals_and_a_bad_goal_changes_nothing(cast, client_as):
    client = client_as("principal_north_1")
    assert client.post(reverse("workload:time_goal"), {"percent": "10"}).status_code == 403
    url = reverse("workload:time_principal_goal", args=[principal_pk(cast)])
    assert client.post(url, {"percent": "10"}).status_code == 403
    answer = client_as("superintendent").post(reverse("workload:time_goal"), {"percent": "120"})
    assert answer.status_code == 400
    assert not TimeGoal.objects.exists()


# ---- summaries and who sees whom ----
def test_the_summary_gives_each_weeks_share_against_the_goal(cast, client_as):
    monday = this_monday() - dt.timedelta(weeks=2)
    log(cast, "principal_north_1", monday, 180)
    log(cast, "principal_north_1", monday + dt.timedelta(days=1), 60, "operations")
    page = client_as("principal_north_1").get(
        reverse("workload:time_summary", args=[principal_pk(cast)])
    )
    summary = page.context["summary"]
    week = next(w for w in summary.weeks if w.starts_on == monday)
    assert (week.total, week.instructional_share) == (240, D("0.750"))
    text = page.content.decode()
    assert "meets the goal (+25.0 points)" in text
    assert "<svg" in text and "75 %" in text


@pytest.fixture
def north_3(cast):
    """A third school in North, so peers may compare anonymously (three who logged)."""
    school = f.SchoolFactory(district=cast.district, network=cast.north, name="North Three")
    third = f.PersonFactory(
        district=cast.district, school=school, given_name="Tamsin", family_name="Thirdling"
    )
    f.MembershipFactory(person=third, role=Role.PRINCIPAL, school=school)
    monday = this_monday()
    log(cast, "principal_north_1", monday, 60)
    log(cast, "principal_north_1", monday, 60, "hr")  # 50 %
    log(cast, "principal_north_2", monday, 30)
    log(cast, "principal_north_2", monday, 90, "budget")  # 25 %
    f.TimeEntryFactory(school=school, principal=third, on=monday, minutes=120)  # 100 %
    return third


def test_the_supervisor_sees_each_principal_named(cast, client_as, north_3):
    text = client_as("north_lead").get(reverse("workload:time_home")).content.decode()
    assert "North Two Middle" in text and "Tamsin Thirdling" in text
    assert "Principal A" not in text


def test_peers_see_letters_and_their_own_row_as_you(cast, client_as, north_3):
    page = client_as("principal_north_2").get(reverse("workload:time_home"))
    (north,) = page.context["networks"]
    assert [(r.label, r.period.instructional_share) for r in north.rows] == [
        ("Principal A", D("1.000")),
        ("Principal B", D("0.500")),
        ("You", D("0.250")),
    ]
    text = page.content.decode()
    assert "Thirdling" not in text and "Principal North 1" not in text
    assert reverse("workload:time_summary", args=[north_3.pk]) not in text


def test_peers_in_a_network_with_too_few_logs_see_no_comparison(cast, client_as):
    log(cast, "principal_north_1", this_monday(), 60)
    log(cast, "principal_north_2", this_monday(), 60)
    page = client_as("principal_north_2").get(reverse("workload:time_home"))
    assert page.context["networks"][0].rows == []
    assert "too few to compare" in page.content.decode()


def test_the_cabinet_sees_aggregates_without_names(cast, client_as, north_3):
    page = client_as("superintendent").get(reverse("workload:time_home"))
    assert page.context["networks"] == []
    (north,) = page.context["aggregates"]
    # Pooled: 60 + 30 + 120 instructional of 120 + 120 + 120 minutes = 210 / 360.
    assert (north.name, north.principals, north.period.instructional_share) == (
        "North Network",
        3,
        D("0.583"),
    )
    text = page.content.decode()
    for name in ("Thirdling", "Principal North", "North Three", "North Two Middle"):
        assert name not in text
