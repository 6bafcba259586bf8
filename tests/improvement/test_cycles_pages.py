"""The PDSA cycle pages: who may start, fill, advance, step back and follow a cycle
(a team member can; a reader and a member of another team get 403; an outsider 404),
bad input said next to its field, read-only pages for readers, and the cycles CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from districtwise.improvement.models import Cycle
from tests import factories as f
from tests.improvement.matrix import matrix_team

START = {
    "title": "Grade check 1",
    "question": "Will a weekly grade check catch failing students early?",
    "prediction": "Half of the flagged students raise a grade.",
    "planned_start": "2025-10-06",
    "planned_end": "2025-10-31",
}


@pytest.fixture
def team(cast):
    return matrix_team(cast)


@pytest.fixture
def idea(team):
    return f.ChangeIdeaFactory(network=team.network, title="Weekly grade check")


@pytest.fixture
def other_team_member(cast, team):
    """principal_north_2, on the network's North Two team: reads the network, edits only
    their own team."""
    other = f.TeamFactory(network=team.network, school=cast.north_2)
    f.TeamMemberFactory(team=other, person=cast["principal_north_2"].people.get())
    return "principal_north_2"


# ---------------------------------------------------------------- starting a cycle


def test_a_team_member_starts_a_cycle_choosing_a_change_idea(client_as, team, idea):
    url = reverse("improvement:cycle_new", args=[team.pk])
    response = client_as("coach_north_1").post(url, START | {"change_idea": idea.pk})
    cycle = Cycle.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("improvement:cycle", args=[cycle.pk])
    assert (cycle.team, cycle.change_idea, cycle.stage) == (team, idea, "plan")


@pytest.mark.parametrize(
    ("person", "status"),
    [("principal_north_1", 403), ("principal_north_2", 403), ("outsider", 404)],
)
def test_others_may_not_start_a_cycle(client_as, team, idea, other_team_member, person, status):
    url = reverse("improvement:cycle_new", args=[team.pk])
    response = client_as(person).post(url, START | {"change_idea": idea.pk})
    assert response.status_code == status
    assert not Cycle.objects.exists()


def test_a_start_date_outside_the_period_is_said_next_to_its_field(client_as, team, idea):
    url = reverse("improvement:cycle_new", args=[team.pk])
    data = START | {"change_idea": idea.pk, "planned_start": "2027-01-04", "planned_end": ""}
    response = client_as("coach_north_1").post(url, data)
    assert response.status_code == 400
    assert "outside the network&#x27;s period (August 1, 2025 to July 31, 2026)" in (
        response.content.decode()
    )
    assert not Cycle.objects.exists()


def test_a_date_that_is_not_a_date_and_a_missing_question_are_refused(client_as, team, idea):
    url = reverse("improvement:cycle_new", args=[team.pk])
    data = START | {"change_idea": idea.pk, "planned_start": "next week", "question": ""}
    response = client_as("coach_north_1").post(url, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"planned_start", "question"}


def test_a_change_idea_of_another_network_cannot_be_chosen(cast, client_as, team):
    stranger = f.ChangeIdeaFactory(network=f.ImprovementNetworkFactory(district=cast.district))
    url = reverse("improvement:cycle_new", args=[team.pk])
    response = client_as("coach_north_1").post(url, START | {"change_idea": stranger.pk})
    assert response.status_code == 400
    assert "change_idea" in response.context["form"].errors


# ---------------------------------------------------------------- the stages


def stage_post(client, cycle, data, action="advance"):
    fields = {f"{cycle.stage}-{k}": v for k, v in data.items()}
    url = reverse("improvement:cycle_stage", args=[cycle.pk])
    return client.post(url, fields | {"action": action, "stage": cycle.stage})


def test_a_team_member_walks_the_cycle_to_act_and_closes_it_with_adopt(client_as, team, idea):
    client = client_as("family")
    cycle = f.CycleFactory(team=team, change_idea=idea, title="Grade check 1")
    plan = {k: v for k, v in START.items()}
    assert stage_post(client, cycle, plan).status_code == 302
    cycle.refresh_from_db()
    do = {"started_on": "2025-10-06", "what_happened": "Ran in both advisories."}
    stage_post(client, cycle, do)
    cycle.refresh_from_db()
    stage_post(client, cycle, {"results": "9 of 14 raised a grade."})
    cycle.refresh_from_db()
    assert cycle.stage == "act"
    response = stage_post(client, cycle, {"decision": "adopt", "next_steps": "All advisories."})
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.decision, cycle.started_on) == (
        "closed",
        "adopt",
        dt.date(2025, 10, 6),
    )
    page = client.get(response.url).content.decode()
    assert "is closed with the decision: Adopt" in page
    assert "Start the next cycle" in page


def test_saving_keeps_the_stage_and_advancing_moves_on(client_as, team, idea):
    client = client_as("coach_north_1")
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="do")
    stage_post(client, cycle, {"observations": "Two students absent."}, action="save")
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.observations) == ("do", "Two students absent.")


def test_a_form_of_a_stage_the_cycle_has_left_saves_nothing(client_as, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="study", results="9 of 14.")
    url = reverse("improvement:cycle_stage", args=[cycle.pk])
    data = {"stage": "do", "do-what_happened": "Ran.", "action": "save"}
    response = client_as("coach_north_1").post(url, data, follow=True)
    assert "The cycle is now at Study, not the stage you were editing" in (
        response.content.decode()
    )
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.results, cycle.what_happened) == ("study", "9 of 14.", "")


def test_closing_without_a_decision_is_refused_on_the_page(client_as, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="act")
    response = stage_post(client_as("coach_north_1"), cycle, {"decision": "", "next_steps": "x"})
    assert response.status_code == 400
    assert "Choose a decision (adopt, adapt or abandon) before closing the cycle" in (
        response.content.decode()
    )
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.next_steps) == ("act", "")


@pytest.mark.parametrize(
    ("person", "status"),
    [("principal_north_1", 403), ("principal_north_2", 403), ("outsider", 404)],
)
def test_others_may_not_fill_or_step_back_a_stage(
    client_as, team, idea, other_team_member, person, status
):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="study")
    client = client_as(person)
    assert stage_post(client, cycle, {"results": "x"}).status_code == status
    back = client.post(reverse("improvement:cycle_step_back", args=[cycle.pk]))
    assert back.status_code == status
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.results) == ("study", "")


def test_an_editor_steps_back_one_stage(client_as, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="study")
    client_as("north_lead").post(reverse("improvement:cycle_step_back", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.stage == "do"


def test_a_closed_cycle_refuses_changes_and_shows_no_form(client_as, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="closed", decision="adapt")
    client = client_as("coach_north_1")
    url = reverse("improvement:cycle_stage", args=[cycle.pk])
    data = {"act-decision": "adopt", "action": "save", "stage": "act"}
    response = client.post(url, data, follow=True)
    assert "is closed and cannot change" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.decision == "adapt"
    page = client.get(reverse("improvement:cycle", args=[cycle.pk])).content.decode()
    assert "cycle_stage" not in page and "/stage/" not in page
    assert "Attach the file" not in page


def test_a_reader_sees_the_cycle_read_only(client_as, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="do", plan_who="Advisors")
    page = client_as("principal_north_1").get(reverse("improvement:cycle", args=[cycle.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Advisors" in text
    assert "/stage/" not in text and "Step back" not in text and "Attach the file" not in text


def test_the_study_stage_shows_the_prediction_beside_the_results_and_the_data(
    client_as, team, idea
):
    measure = f.MeasureFactory(network=team.network, name="Courses passed", unit="%")
    measure.values.create(team=team, period_start=dt.date(2025, 10, 13), value=66.5)
    measure.values.create(team=team, period_start=dt.date(2025, 12, 1), value=80)
    cycle = f.CycleFactory(
        team=team,
        change_idea=idea,
        stage="study",
        planned_start=dt.date(2025, 10, 6),
        planned_end=dt.date(2025, 10, 31),
    )
    page = client_as("coach_north_1").get(reverse("improvement:cycle", args=[cycle.pk]))
    text = page.content.decode()
    assert "Half of the students flagged will raise a grade within two weeks." in text
    assert "from October 6, 2025 to October 31, 2025" in text
    assert "October 13, 2025" in text and "66.5 %" in text
    assert "December 1, 2025" not in text
    assert 'name="study-results"' in text


# ---------------------------------------------------------------- the next cycle


def test_the_next_cycle_form_is_prefilled_from_the_last_next_steps(client_as, team, idea):
    first = f.CycleFactory(
        team=team,
        change_idea=idea,
        stage="closed",
        decision="adapt",
        next_steps="Try it with the ninth-grade team too.",
    )
    client = client_as("coach_north_1")
    url = reverse("improvement:cycle_next", args=[first.pk])
    form = client.get(url).context["form"]
    assert form.initial["plan_what"] == "Try it with the ninth-grade team too."
    assert form.initial["title"] == "Weekly grade check: cycle 2"
    response = client.post(url, START | {"title": "Grade check 2"})
    second = Cycle.objects.get(title="Grade check 2")
    assert response.url == reverse("improvement:cycle", args=[second.pk])
    assert (second.previous, second.change_idea) == (first, idea)


def test_the_next_cycle_of_an_open_cycle_is_refused(client_as, team, idea):
    running = f.CycleFactory(team=team, change_idea=idea, stage="study")
    url = reverse("improvement:cycle_next", args=[running.pk])
    response = client_as("coach_north_1").post(url, START)
    assert response.status_code == 400
    assert "is not closed yet" in response.content.decode()
    assert Cycle.objects.count() == 1


def test_asking_for_the_next_cycle_of_an_abandoned_cycle_says_why_at_once(client_as, team, idea):
    dropped = f.CycleFactory(team=team, change_idea=idea, stage="closed", decision="abandon")
    url = reverse("improvement:cycle_next", args=[dropped.pk])
    response = client_as("coach_north_1").get(url, follow=True)
    assert response.redirect_chain == [(reverse("improvement:cycle", args=[dropped.pk]), 302)]
    assert "abandoned its change idea, which ends the ramp" in response.content.decode()


def test_the_team_page_offers_the_next_cycle_after_a_closed_ramp_to_editors_only(
    client_as, team, idea
):
    first = f.CycleFactory(team=team, change_idea=idea, stage="closed", decision="adopt")
    url = reverse("improvement:team_cycles", args=[team.pk])
    link = reverse("improvement:cycle_next", args=[first.pk])
    assert link in client_as("family").get(url).content.decode()
    assert link not in client_as("principal_north_1").get(url).content.decode()


@pytest.mark.parametrize(
    ("person", "status"),
    [("principal_north_1", 403), ("principal_north_2", 403), ("outsider", 404)],
)
def test_others_may_not_start_the_next_cycle(
    client_as, team, idea, other_team_member, person, status
):
    first = f.CycleFactory(team=team, change_idea=idea, stage="closed", decision="adopt")
    url = reverse("improvement:cycle_next", args=[first.pk])
    assert client_as(person).post(url, START).status_code == status
    assert Cycle.objects.count() == 1


# ---------------------------------------------------------------- lists and the CSV


def test_the_network_page_lists_every_teams_cycles(cast, client_as, team, idea, other_team_member):
    f.CycleFactory(team=team, change_idea=idea, title="North One test")
    other = team.network.teams.get(school=cast.north_2)
    f.CycleFactory(team=other, change_idea=idea, title="North Two test")
    page = client_as("principal_north_2").get(
        reverse("improvement:network_cycles", args=[team.network.pk])
    )
    text = page.content.decode()
    assert "North One test" in text and "North Two test" in text
    # principal_north_2 starts cycles only at their own school.
    assert reverse("improvement:cycle_new", args=[other.pk]) in text
    assert reverse("improvement:cycle_new", args=[team.pk]) not in text


def test_the_cycles_csv_has_a_row_per_cycle_with_formulas_neutralised(client_as, team, idea):
    first = f.CycleFactory(
        team=team,
        change_idea=idea,
        title="Grade check 1",
        stage="closed",
        decision="adapt",
        results="=HYPERLINK('x')",
        closed_on=dt.date(2025, 10, 31),
    )
    f.CycleFactory(
        team=team,
        change_idea=idea,
        title="Grade check 2",
        previous=first,
        planned_start=dt.date(2025, 11, 3),
    )
    url = reverse("improvement:cycles_export", args=[team.network.pk])
    response = client_as("family").get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["cycle"], r["previous cycle"], r["stage"], r["decision"]) for r in rows] == [
        ("Grade check 1", "", "Closed", "Adapt"),
        ("Grade check 2", "Grade check 1", "Plan", ""),
    ]
    assert rows[0]["results"] == "'=HYPERLINK('x')"
    assert rows[0]["school"] == "North One Elementary"
    assert rows[0]["closed on"] == "2025-10-31"
    assert rows[0]["change idea"] == "Weekly grade check"
