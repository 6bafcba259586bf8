"""Self-assessment pages: the team reads who said what, other readers only the figures, an
outsider gets 404; answers are saved as progress, refused whole when wrong, and never once
the assessment is closed; the plan is drafted from the weakest items and edited by the
team, with owners among the members and initiatives of the district's own plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.leadership.instrument import ITEM_COUNT
from districtwise.leadership.models import Assessment, AssessmentAnswer, AssessmentStep
from districtwise.leadership.services.assessment import AnswerInput, assessment_answers_save
from tests import factories as f
from tests.access_matrix import person
from tests.leadership.matrix import matrix_assessment

pytestmark = pytest.mark.django_db

EVIDENCE = "Seen in <script>alert(1)</script> the grade 4 team minutes"


def answer(assessment, person_, key: str, rating: int | None, evidence: str = ""):
    return f.AssessmentAnswerFactory(
        assessment=assessment,
        person=person_,
        item_key=key,
        rating=rating,
        dont_know=rating is None,
        evidence=evidence,
    )


@pytest.fixture
def answered(cast):
    """The matrix assessment, answered by its principal and coach on two items."""
    found = matrix_assessment(cast)
    principal, coach = person(cast, "principal_north_1"), person(cast, "coach_north_1")
    answer(found, principal, "focus.1", 1, EVIDENCE)
    answer(found, coach, "focus.1", 4)
    answer(found, principal, "focus.2", 3)
    answer(found, coach, "focus.2", None)
    return found


def results_url(found) -> str:
    return reverse("leadership:assessment", args=[found.pk])


def test_the_team_reads_who_said_what_with_evidence_escaped(client_as, answered):
    page = client_as("coach_north_1").get(results_url(answered))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Who said what" in text
    assert "Each dot is one member" in text  # the dot plot of each member's rating
    assert "Principal North 1 Testperson" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)</script>" not in text


def test_the_network_lead_reads_the_figures_but_not_who_said_what(client_as, answered):
    page = client_as("north_lead").get(results_url(answered))
    text = page.content.decode()
    assert page.status_code == 200
    assert "2.5" in text  # focus.1: mean of 1 and 4
    assert "Who said what" not in text
    assert "Each dot is one member" not in text
    assert "Principal North 1 Testperson" not in text
    assert "grade 4 team minutes" not in text


def test_the_principal_of_another_school_does_not_find_it(client_as, answered):
    assert client_as("principal_north_2").get(results_url(answered)).status_code == 404
    assert client_as("outsider").get(results_url(answered)).status_code == 404


def test_results_flag_low_agreement_and_count_dont_know(client_as, answered):
    text = client_as("principal_north_1").get(results_url(answered)).content.decode()
    assert "discuss" in text  # focus.1: 1 and 4, nobody within one level of the median
    focus_row = text.split("focus.2 ", 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td><td>2</td>" in focus_row  # one don't know, two answers


def post_answers(client, found, data: dict):
    return client.post(reverse("leadership:assessment_answer", args=[found.pk]), data)


def test_a_member_saves_progress_and_the_page_shows_what_is_left(client_as, cast):
    found = matrix_assessment(cast)
    client = client_as("principal_north_1")
    response = post_answers(
        client, found, {"r_focus_1": "2", "e_focus_1": "Team minutes", "r_focus_2": "dk"}
    )
    assert response.status_code == 302
    mine = AssessmentAnswer.objects.filter(
        assessment=found, person=person(cast, "principal_north_1")
    )
    assert {(a.item_key, a.rating, a.dont_know) for a in mine} == {
        ("focus.1", 2, False),
        ("focus.2", None, True),
    }
    page = client.get(reverse("leadership:assessment_answer", args=[found.pk])).content.decode()
    assert f"{ITEM_COUNT - 2} of {ITEM_COUNT} items left to answer" in page
    assert AuditEntry.objects.filter(object_type="leadership.assessmentanswer").count() == 2


def test_a_rating_outside_one_to_four_is_refused_and_nothing_saved(client_as, cast):
    found = matrix_assessment(cast)
    response = post_answers(
        client_as("principal_north_1"), found, {"r_focus_1": "7", "r_focus_2": "3"}
    )
    assert response.status_code == 400
    assert "Choose a level from 1 to 4" in response.content.decode()
    assert not AssessmentAnswer.objects.filter(assessment=found).exists()


def test_evidence_without_a_rating_is_refused_where_it_was_written(client_as, cast):
    found = matrix_assessment(cast)
    response = post_answers(client_as("principal_north_1"), found, {"e_focus_3": "Notes"})
    assert response.status_code == 400
    assert "to keep this evidence" in response.content.decode()
    assert not AssessmentAnswer.objects.filter(assessment=found).exists()


def test_a_reader_who_is_not_a_member_may_not_answer(client_as, cast):
    found = matrix_assessment(cast)
    assert post_answers(client_as("north_lead"), found, {"r_focus_1": "2"}).status_code == 403
    assert (
        post_answers(client_as("principal_north_2"), found, {"r_focus_1": "2"}).status_code == 404
    )
    assert not AssessmentAnswer.objects.filter(assessment=found).exists()


def test_a_closed_assessment_takes_no_more_answers(client_as, cast):
    found = matrix_assessment(cast)
    client = client_as("coach_north_1")
    close = client.post(reverse("leadership:assessment_close", args=[found.pk]))
    assert close.status_code == 302
    found.refresh_from_db()
    assert found.status == Assessment.Status.CLOSED
    response = post_answers(client, found, {"r_focus_1": "2"})
    assert response.status_code == 400
    assert "closed" in response.content.decode()
    assert not AssessmentAnswer.objects.filter(assessment=found).exists()


def test_only_members_close_it(client_as, cast):
    found = matrix_assessment(cast)
    assert (
        client_as("north_lead")
        .post(reverse("leadership:assessment_close", args=[found.pk]))
        .status_code
        == 403
    )
    found.refresh_from_db()
    assert found.is_open


def plan_url(found) -> str:
    return reverse("leadership:assessment_plan", args=[found.pk])


def test_the_plan_is_drafted_from_each_sections_weakest_items(client_as, answered, cast):
    client = client_as("principal_north_1")
    assert client.post(plan_url(answered), {"draft": "1"}).status_code == 302
    steps = list(AssessmentStep.objects.filter(assessment=answered))
    # Only "focus" has ratings: its two rated items, weakest (2.5 with spread) first.
    assert [s.item_key for s in steps] == ["focus.1", "focus.2"]
    assert all(s.owner == person(cast, "principal_north_1") for s in steps)
    assert steps[0].action.startswith("Write a one-page description")
    # Drafting again adds nothing twice.
    client.post(plan_url(answered), {"draft": "1"})
    assert AssessmentStep.objects.filter(assessment=answered).count() == 2


def step_data(step, **fields) -> dict:
    data = {
        "step": step.pk,
        f"step-{step.pk}-action": "Protect Tuesday planning time",
        f"step-{step.pk}-owner": "",
        f"step-{step.pk}-due_on": "2026-03-01",
        f"step-{step.pk}-status": "agreed",
        f"step-{step.pk}-initiative": "",
    }
    data.update({f"step-{step.pk}-{k}": v for k, v in fields.items()})
    return data


@pytest.fixture
def step(answered):
    return AssessmentStep.objects.create(
        assessment=answered, section="focus", item_key="focus.1", action="Draft"
    )


def test_a_step_links_to_an_initiative_of_the_district_plan(client_as, cast, step):
    plan = f.PlanFactory(district=cast.district)
    initiative = f.InitiativeFactory(plan=plan, code="I7", name="Planning time")
    coach = person(cast, "coach_north_1")
    response = client_as("coach_north_1").post(
        plan_url(step.assessment), step_data(step, owner=coach.pk, initiative=initiative.pk)
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.owner, step.initiative, step.status) == (coach, initiative, "agreed")
    assert step.due_on == dt.date(2026, 3, 1)
    page = client_as("north_lead").get(plan_url(step.assessment)).content.decode()
    assert "I7 Planning time" in page and "Protect Tuesday planning time" in page


def test_an_initiative_of_another_district_is_refused(client_as, cast, step):
    other = f.InitiativeFactory(plan=f.PlanFactory(district=cast.other_district))
    response = client_as("principal_north_1").post(
        plan_url(step.assessment), step_data(step, initiative=other.pk)
    )
    assert response.status_code == 400
    assert "not of this district" in response.content.decode()
    step.refresh_from_db()
    assert step.initiative is None and step.action == "Draft"


def test_an_owner_who_is_not_a_member_is_refused(client_as, cast, step):
    stranger = person(cast, "principal_north_2")
    response = client_as("principal_north_1").post(
        plan_url(step.assessment), step_data(step, owner=stranger.pk)
    )
    assert response.status_code == 400
    assert "not a member of the team" in response.content.decode()
    step.refresh_from_db()
    assert step.owner is None


def test_readers_beyond_the_team_may_not_edit_the_plan(client_as, step):
    response = client_as("north_lead").post(plan_url(step.assessment), step_data(step))
    assert response.status_code == 403
    step.refresh_from_db()
    assert step.action == "Draft"


def test_the_service_refuses_a_rating_outside_the_scale_whole(cast):
    found = matrix_assessment(cast)
    with pytest.raises(ValidationError) as refused:
        assessment_answers_save(
            actor=cast["principal_north_1"],
            assessment=found,
            person=person(cast, "principal_north_1"),
            answers={
                "focus.1": AnswerInput(rating=3),
                "focus.2": AnswerInput(rating=5),
                "focus.3": AnswerInput(rating=2, dont_know=True),
            },
        )
    assert set(refused.value.message_dict) == {"focus.2", "focus.3"}
    assert "from 1 to 4" in refused.value.message_dict["focus.2"][0]
    assert not AssessmentAnswer.objects.filter(assessment=found).exists()


def test_the_service_refuses_answers_from_someone_off_the_team(cast):
    found = matrix_assessment(cast)
    with pytest.raises(ValidationError, match="Only the team's members"):
        assessment_answers_save(
            actor=cast["north_lead"],
            assessment=found,
            person=person(cast, "north_lead"),
            answers={"focus.1": AnswerInput(rating=3)},
        )
