"""Planning, completing and changing visits; goals and notes: what is refused, and that
the refusal says what is wrong and where, with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from districtwise.core.models import AuditEntry
from districtwise.leadership.models import GrowthGoal, SchoolVisit
from districtwise.leadership.services import supervision as services
from tests import factories as f
from tests.access_matrix import person


def plan(cast, *, school=None, principal="principal_north_1", actor="north_lead", **extra):
    values = {"visit_on": dt.date(2026, 3, 10), "focus": "instruction", **extra}
    return services.visit_plan(
        actor=cast[actor],
        district=cast.district,
        supervisor=person(cast, actor),
        school=school or cast.north_1,
        principal=person(cast, principal),
        **values,
    )


def test_a_planned_visit_is_saved_with_an_audit_row(cast):
    visit = plan(cast)
    assert visit.status == SchoolVisit.Status.PLANNED
    assert (
        AuditEntry.objects.filter(object_type="leadership.schoolvisit", action="create").count()
        == 1
    )


def test_a_visit_to_a_school_outside_the_network_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        plan(cast, school=cast.south_1, principal="principal_south_1")
    assert "not in your network" in refused.value.message_dict["school"][0]
    assert not SchoolVisit.objects.exists()


def test_a_principal_who_does_not_lead_that_school_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        plan(cast, school=cast.north_2, principal="principal_north_1")
    message = refused.value.message_dict["principal"][0]
    assert message == "Principal North 1 Testperson is not the principal of North Two Middle."
    assert not SchoolVisit.objects.exists()


def test_a_coach_is_not_a_principal_to_visit(cast):
    with pytest.raises(ValidationError) as refused:
        plan(cast, principal="coach_north_1")
    assert (
        "is not the principal of North One Elementary" in refused.value.message_dict["principal"][0]
    )


def test_the_cabinet_plans_visits_in_any_network(cast):
    visit = plan(cast, school=cast.south_1, principal="principal_south_1", actor="superintendent")
    assert visit.school == cast.south_1


def test_other_focus_needs_its_words(cast):
    with pytest.raises(ValidationError) as refused:
        plan(cast, focus="other", focus_other="  ")
    assert "focus_other" in refused.value.message_dict


def test_completing_a_visit_without_feedback_is_refused(cast):
    visit = plan(cast)
    with pytest.raises(ValidationError) as refused:
        services.visit_complete(
            actor=cast["north_lead"], visit=visit, evidence_seen="Seen a lot.", feedback="  "
        )
    assert "feedback" in refused.value.message_dict
    visit.refresh_from_db()
    assert visit.status == SchoolVisit.Status.PLANNED and visit.evidence_seen == ""


def test_a_follow_up_before_the_visit_is_refused(cast):
    visit = plan(cast)
    with pytest.raises(ValidationError) as refused:
        services.visit_complete(
            actor=cast["north_lead"],
            visit=visit,
            evidence_seen="",
            feedback="Good.",
            follow_up_on=dt.date(2026, 3, 1),
        )
    assert "before the visit (2026-03-10)" in refused.value.message_dict["follow_up_on"][0]


def test_the_complete_form_shows_the_refusal_next_to_the_field_and_keeps_the_text(client_as, cast):
    visit = plan(cast)
    url = reverse("leadership:visit_complete", args=[visit.pk])
    data = {"evidence_seen": "Two rooms.", "feedback": "Good.", "follow_up_on": "2026-03-01"}
    response = client_as("north_lead").post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in html
    assert 'id="id_follow_up_on-error"' in html
    assert "Two rooms." in html
    visit.refresh_from_db()
    assert visit.status == SchoolVisit.Status.PLANNED


def test_the_plan_form_refuses_a_school_not_supervised(client_as, cast):
    data = {
        "school": cast.south_1.pk,
        "principal": person(cast, "principal_south_1").pk,
        "visit_on": "2026-03-10",
        "focus": "instruction",
    }
    response = client_as("north_lead").post(reverse("leadership:visit_new"), data)
    assert response.status_code == 400
    assert "Choose one of the schools you supervise." in response.content.decode()
    assert not SchoolVisit.objects.exists()


def test_the_plan_form_plans_a_visit(client_as, cast):
    data = {
        "school": cast.north_1.pk,
        "principal": person(cast, "principal_north_1").pk,
        "visit_on": "2026-03-10",
        "focus": "teacher_teams",
    }
    response = client_as("north_lead").post(reverse("leadership:visit_new"), data)
    assert response.status_code == 302
    visit = SchoolVisit.objects.get()
    assert visit.supervisor == person(cast, "north_lead")
    assert visit.focus == "teacher_teams"


def test_a_visit_is_cancelled_from_its_edit_form(client_as, cast):
    visit = plan(cast)
    data = {
        "school": cast.north_1.pk,
        "principal": person(cast, "principal_north_1").pk,
        "visit_on": "2026-03-12",
        "focus": "instruction",
        "cancelled": "on",
    }
    response = client_as("north_lead").post(reverse("leadership:visit_edit", args=[visit.pk]), data)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == SchoolVisit.Status.CANCELLED and visit.visit_on == dt.date(2026, 3, 12)


def test_a_goal_is_set_through_its_form_for_the_principals_school(client_as, cast):
    principal = person(cast, "principal_north_1")
    data = {
        "school_year": "2026",
        "goal": "Walk classrooms with the coach weekly.",
        "area": "learning",
        "success_measures": "Thirty walks by June.",
        "status": "active",
    }
    response = client_as("north_lead").post(
        reverse("leadership:goal_new", args=[principal.pk]), data
    )
    assert response.status_code == 302
    goal = GrowthGoal.objects.get()
    assert goal.school == cast.north_1 and goal.principal == principal


def test_a_goal_without_words_is_refused_with_a_message(cast):
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            actor=cast["north_lead"],
            district=cast.district,
            principal=person(cast, "principal_north_1"),
            school=cast.north_1,
            school_year=2026,
            goal=" ",
            area="learning",
        )
    assert "goal" in refused.value.message_dict
    assert not GrowthGoal.objects.exists()


def test_an_empty_note_is_refused(cast):
    goal = f.GrowthGoalFactory(principal=person(cast, "principal_north_1"), school=cast.north_1)
    with pytest.raises(ValidationError):
        services.goal_note_add(
            actor=cast["principal_north_1"],
            goal=goal,
            author=person(cast, "principal_north_1"),
            written_on=dt.date(2026, 3, 1),
            note="",
        )
    assert not goal.notes.exists()


def test_a_visit_planned_for_a_later_day_cannot_be_completed_yet(cast):
    later = timezone.localdate() + dt.timedelta(days=3)
    visit = plan(cast, visit_on=later)
    with pytest.raises(ValidationError) as refused:
        services.visit_complete(
            actor=cast["north_lead"], visit=visit, evidence_seen="", feedback="Good."
        )
    assert "once it has taken place" in refused.value.messages[0]
    visit.refresh_from_db()
    assert visit.status == SchoolVisit.Status.PLANNED


def test_planning_from_a_principals_page_fills_in_the_principal_and_school(client_as, cast):
    principal = person(cast, "principal_north_2")
    url = reverse("leadership:visit_new") + f"?principal={principal.pk}"
    form = client_as("north_lead").get(url).context["form"]
    assert form.initial == {"principal": principal.pk, "school": cast.north_2.pk}


def test_planning_for_a_principal_of_another_network_finds_nobody(client_as, cast):
    principal = person(cast, "principal_south_1")
    url = reverse("leadership:visit_new") + f"?principal={principal.pk}"
    assert client_as("north_lead").get(url).status_code == 404
