"""The cabinet's monthly review: it keeps the statuses of the day, and the next one lists
what changed since: statuses, figures, milestones, initiatives, goals without a figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from districtwise.core.audit import audit_record
from districtwise.core.models import AuditEntry
from districtwise.strategy.models import CabinetReview, IndicatorValue, Milestone, Participation
from districtwise.strategy.selectors.review import review_changes
from districtwise.strategy.services.review import cabinet_review_record
from tests import factories as f

BASELINE, TARGET = dt.date(2024, 6, 30), dt.date(2028, 6, 30)


@pytest.fixture
def plan(cast):
    return f.PlanFactory(district=cast.district)


@pytest.fixture
def goal(cast, plan):
    """Reading from 40 % to 60 %; a figure of 42 % two years in is off track."""
    indicator = f.IndicatorFactory(district=cast.district, name="Reading", source_note="State")
    IndicatorValue.objects.create(
        indicator=indicator, measured_on=dt.date(2026, 6, 30), value=D("0.42")
    )
    return f.GoalFactory(
        plan=plan,
        code="G1",
        title="Readers by third grade",
        indicator=indicator,
        baseline_value=D("0.40"),
        baseline_on=BASELINE,
        target_value=D("0.60"),
        target_on=TARGET,
    )


def _record(cast, plan, held_on=dt.date(2026, 9, 1), notes="First look"):
    return cabinet_review_record(
        actor=cast["superintendent"], plan=plan, held_on=held_on, notes=notes
    )


def test_a_review_keeps_each_goals_status_and_is_in_the_history(cast, plan, goal):
    tutoring = f.InitiativeFactory(plan=plan, code="I1", name="Tutoring")
    review = _record(cast, plan)
    assert review.snapshot["goals"][str(goal.pk)]["status"] == "off_track"
    assert review.snapshot["initiatives"][str(tutoring.pk)]["status"] == "active"
    assert review.snapshot["changes"]["first"] is True
    assert AuditEntry.objects.filter(
        object_type="strategy.cabinetreview", object_id=str(review.pk)
    ).exists()


def test_the_next_review_lists_a_goal_whose_status_changed(cast, plan, goal):
    previous = _record(cast, plan)
    # A new figure: 0.495 two years in is 95 % of the expected progress -> on track.
    IndicatorValue.objects.filter(indicator=goal.indicator).update(
        value=D("0.495"), updated_at=timezone.now()
    )
    changes = review_changes(
        user=cast["superintendent"], district=cast.district, plan=plan, previous=previous
    )
    assert [(c["goal"], c["line"], c["before"], c["after"]) for c in changes["statuses"]] == [
        ("G1 Readers by third grade", "All students", "Off track", "On track")
    ]
    assert [(c["indicator"], c["period"], c["figure"]) for c in changes["figures"]] == [
        ("Reading", "2026-06-30", "49.5 %")
    ]


def test_milestones_and_initiatives_since_the_last_review_are_listed(cast, plan, goal):
    previous = _record(cast, plan)
    initiative = f.InitiativeFactory(plan=plan, code="I1", name="Tutoring")
    Milestone.objects.create(
        initiative=initiative,
        title="Tutors hired",
        due_on=dt.date(2026, 8, 1),
        status="done",
        done_on=dt.date(2026, 8, 20),
    )
    Milestone.objects.create(
        initiative=initiative, title="Pilot report", due_on=dt.date(2026, 1, 15)
    )
    initiative.status = "abandoned"
    audit_record(
        actor=cast["superintendent"],
        district=cast.district,
        action="update",
        obj=initiative,
        changes={"status": ["active", "abandoned"]},
    )
    changes = review_changes(
        user=cast["superintendent"], district=cast.district, plan=plan, previous=previous
    )
    assert [(c["what"], c["title"]) for c in changes["milestones"]] == [
        ("Done", "Tutors hired"),
        ("Overdue", "Pilot report"),
    ]
    assert [(c["what"], c["fields"]) for c in changes["initiatives"]] == [("Abandoned", "status")]


def test_a_goal_without_a_figure_for_the_latest_period_is_listed(cast, plan, goal):
    # A group has a figure for 2027, all students do not: the latest period has a gap.
    IndicatorValue.objects.create(
        indicator=goal.indicator,
        measured_on=dt.date(2027, 6, 30),
        value=D("0.3"),
        group_type="english_learner",
        group="Y",
    )
    bare = f.GoalFactory(plan=plan, code="G2", title="Belonging")
    changes = review_changes(
        user=cast["superintendent"], district=cast.district, plan=plan, previous=None
    )
    assert [(c["goal"], c["reason"]) for c in changes["without_figure"]] == [
        ("G1 Readers by third grade", "No figure for the period ending 2027-06-30."),
        (f"G2 {bare.title}", "The goal has no indicator yet."),
    ]


def test_a_review_in_the_future_or_before_the_last_one_is_refused(cast, plan, goal):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="is in the future"):
        _record(cast, plan, held_on=tomorrow)
    _record(cast, plan, held_on=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError, match="comes before the last review, held on 2026-09-01"):
        _record(cast, plan, held_on=dt.date(2026, 8, 1))
    assert CabinetReview.objects.filter(plan=plan).count() == 1


# ---------------------------------------------------------------- pages


def test_the_cabinet_records_a_review_from_the_page(client_as, cast, plan, goal):
    response = client_as("superintendent").post(
        reverse("strategy:review_list"), {"held_on": "2026-09-01", "notes": "Reading is behind."}
    )
    review = CabinetReview.objects.get(plan=plan)
    assert response.status_code == 302 and response.url == reverse(
        "strategy:review_detail", args=[review.pk]
    )
    page = client_as("principal_north_2").get(response.url).content.decode()
    assert "Reading is behind." in page and "Off track" in page


def test_a_reader_may_not_record_a_review(client_as, cast, plan, goal):
    response = client_as("north_lead").post(
        reverse("strategy:review_list"), {"held_on": "2026-09-01"}
    )
    assert response.status_code == 403
    assert not CabinetReview.objects.exists()


def test_an_outsider_finds_no_review(client_as, cast, plan, goal):
    review = _record(cast, plan)
    assert (
        client_as("outsider").get(reverse("strategy:review_detail", args=[review.pk])).status_code
        == 404
    )
    assert (
        client_as("partner")
        .post(reverse("strategy:review_list"), {"held_on": "2026-09-01"})
        .status_code
        == 404
    )


def test_a_bad_date_is_shown_next_to_the_field_and_nothing_is_saved(client_as, cast, plan, goal):
    response = client_as("superintendent").post(
        reverse("strategy:review_list"), {"held_on": "2099-01-01"}
    )
    assert response.status_code == 400
    assert "2099-01-01 is in the future" in response.content.decode()
    assert not CabinetReview.objects.exists()


def test_a_principal_reading_a_past_review_sees_only_initiatives_of_their_schools(
    client_as, cast, plan, goal
):
    previous = _record(cast, plan)
    elsewhere = f.InitiativeFactory(plan=plan, code="I9", name="South One redesign")
    Participation.objects.create(initiative=elsewhere, school=cast.south_1)
    audit_record(
        actor=cast["superintendent"],
        district=cast.district,
        action="create",
        obj=elsewhere,
        changes={},
    )
    review = _record(cast, plan, held_on=dt.date(2026, 10, 1))
    assert [c["initiative"] for c in review.snapshot["changes"]["initiatives"]] == [
        "I9 South One redesign"
    ]
    assert previous.pk != review.pk
    url = reverse("strategy:review_detail", args=[review.pk])
    assert "South One redesign" in client_as("south_lead").get(url).content.decode()
    assert "South One redesign" not in client_as("principal_north_1").get(url).content.decode()


def test_goals_and_the_plans_rule_changed_since_the_last_review_are_listed(
    client_as, cast, plan, goal
):
    from districtwise.strategy.services.plan import goal_update, plan_update

    previous = _record(cast, plan)
    goal_update(
        actor=cast["superintendent"],
        goal=goal,
        version=goal.version,
        data={"title": "Every child reads by third grade"},
    )
    plan_update(
        actor=cast["superintendent"],
        plan=plan,
        version=plan.version,
        data={"at_risk_share": D("0.60")},
    )
    changes = review_changes(
        user=cast["principal_south_1"], district=cast.district, plan=plan, previous=previous
    )
    assert [(c["kind"], c["what"], c["fields"]) for c in changes["goals"]] == [
        ("Goal", "Changed", "title"),
        ("The plan", "Changed", "at_risk_share"),
    ]
    page = client_as("principal_south_1").get(reverse("strategy:review_list"))
    assert "Every child reads by third grade" in page.content.decode()
