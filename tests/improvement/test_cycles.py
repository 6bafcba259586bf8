"""PDSA cycles: starting one, walking Plan → Do → Study → Act, closing only with a
decision, stepping back, and the next cycle of a ramp (services and selectors)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import Cycle
from districtwise.improvement.selectors import cycles as selectors
from districtwise.improvement.services import cycles as services
from tests import factories as f
from tests.improvement.matrix import matrix_team

PLAN = {
    "title": "Weekly grade check, cycle 1",
    "question": "Will a weekly grade check catch failing students early?",
    "prediction": "Half of the flagged students raise a grade within two weeks.",
    "plan_who": "Two ninth-grade advisors",
    "plan_what": "Check grades every Monday and meet each flagged student.",
    "plan_where": "Advisory",
    "planned_start": dt.date(2025, 10, 6),
    "planned_end": dt.date(2025, 10, 31),
    "data_to_collect": "Flagged students; grades two weeks later.",
}


@pytest.fixture
def team(cast):
    return matrix_team(cast)


@pytest.fixture
def idea(team):
    return f.ChangeIdeaFactory(network=team.network, title="Weekly grade check")


@pytest.fixture
def coach(cast):
    return cast["coach_north_1"]


def walk_to_act(coach, cycle: Cycle) -> Cycle:
    cycle = services.cycle_stage_save(actor=coach, cycle=cycle, data={}, advance=True)
    do = {"started_on": dt.date(2025, 10, 6), "what_happened": "Ran as planned."}
    cycle = services.cycle_stage_save(actor=coach, cycle=cycle, data=do, advance=True)
    study = {"results": "9 of 14 flagged students raised a grade."}
    return services.cycle_stage_save(actor=coach, cycle=cycle, data=study, advance=True)


def test_a_team_member_starts_a_cycle_at_plan_and_it_is_audited(coach, team, idea):
    cycle = services.cycle_start(actor=coach, team=team, change_idea=idea, data=PLAN)
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.change_idea, cycle.previous) == ("plan", idea, None)
    assert cycle.created_by == coach
    entry = AuditEntry.objects.get(object_type="improvement.cycle", object_id=str(cycle.pk))
    assert entry.action == "create"
    assert entry.changes["question"] == [None, PLAN["question"]]


def test_a_change_idea_of_another_network_is_refused(coach, team):
    other = f.ChangeIdeaFactory(network=f.ImprovementNetworkFactory(district=team.network.district))
    with pytest.raises(ValidationError) as refused:
        services.cycle_start(actor=coach, team=team, change_idea=other, data=PLAN)
    assert refused.value.message_dict["change_idea"] == [
        "Choose a change idea of this team's network."
    ]
    assert not Cycle.objects.exists()


def test_a_retired_change_idea_is_refused(coach, team, idea):
    idea.retired_at = timezone.now()
    idea.save()
    with pytest.raises(ValidationError, match="Weekly grade check is retired"):
        services.cycle_start(actor=coach, team=team, change_idea=idea, data=PLAN)


def test_a_start_outside_the_networks_period_and_an_end_before_the_start_are_refused(
    coach, team, idea
):
    data = PLAN | {"planned_start": dt.date(2026, 8, 3), "planned_end": dt.date(2026, 8, 1)}
    with pytest.raises(ValidationError) as refused:
        services.cycle_start(actor=coach, team=team, change_idea=idea, data=data)
    problems = refused.value.message_dict
    assert problems["planned_start"] == [
        "This date falls outside the network's period (August 1, 2025 to July 31, 2026)."
    ]
    assert problems["planned_end"] == ["The planned end comes before the planned start."]
    assert not Cycle.objects.exists()


def test_a_plan_without_a_question_or_prediction_is_refused(coach, team, idea):
    with pytest.raises(ValidationError) as refused:
        services.cycle_start(
            actor=coach,
            team=team,
            change_idea=idea,
            data=PLAN | {"question": " ", "prediction": ""},
        )
    assert set(refused.value.message_dict) == {"question", "prediction"}


def test_the_cycle_walks_plan_do_study_act_and_closes_with_a_decision(coach, team, idea):
    cycle = services.cycle_start(actor=coach, team=team, change_idea=idea, data=PLAN)
    cycle = walk_to_act(coach, cycle)
    assert cycle.stage == "act"
    act = {"decision": "adopt", "next_steps": "Spread to all advisories."}
    cycle = services.cycle_stage_save(actor=coach, cycle=cycle, data=act, advance=True)
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.decision) == ("closed", "adopt")
    assert cycle.closed_on == timezone.localdate()
    stages = [
        e.changes["stage"]
        for e in AuditEntry.objects.filter(object_id=str(cycle.pk), action="update").order_by("pk")
    ]
    assert stages == [["plan", "do"], ["do", "study"], ["study", "act"], ["act", "closed"]]


def test_closing_without_a_decision_is_refused_with_a_clear_message(coach, team, idea):
    cycle = walk_to_act(coach, f.CycleFactory(team=team, change_idea=idea))
    with pytest.raises(ValidationError) as refused:
        services.cycle_stage_save(
            actor=coach, cycle=cycle, data={"decision": "", "next_steps": "x"}, advance=True
        )
    assert "cannot be closed without one" in refused.value.message_dict["decision"][0]
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.next_steps) == ("act", "")


def test_the_database_refuses_a_closed_cycle_without_a_decision(team, idea):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.create(
            team=team,
            change_idea=idea,
            title="x",
            question="q",
            prediction="p",
            planned_start=dt.date(2025, 10, 6),
            stage="closed",
        )


def test_a_decision_that_is_not_one_of_the_three_is_refused(coach, team, idea):
    cycle = walk_to_act(coach, f.CycleFactory(team=team, change_idea=idea))
    with pytest.raises(ValidationError, match="'keep' is not a decision"):
        services.cycle_stage_save(actor=coach, cycle=cycle, data={"decision": "keep"})


def test_moving_on_from_do_needs_the_start_date_and_what_happened(coach, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="do")
    with pytest.raises(ValidationError) as refused:
        services.cycle_stage_save(actor=coach, cycle=cycle, data={}, advance=True)
    assert set(refused.value.message_dict) == {"started_on", "what_happened"}
    saved = services.cycle_stage_save(actor=coach, cycle=cycle, data={"observations": "Noted."})
    assert (saved.stage, saved.observations) == ("do", "Noted.")


def test_a_stage_accepts_only_its_own_fields(coach, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="do")
    with pytest.raises(ValidationError, match="The Do stage has no field 'decision'"):
        services.cycle_stage_save(actor=coach, cycle=cycle, data={"decision": "adopt"})


def test_a_closed_cycle_is_read_only(coach, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="closed", decision="adapt")
    with pytest.raises(ValidationError, match="is closed and cannot change"):
        services.cycle_stage_save(actor=coach, cycle=cycle, data={"decision": "adopt"})
    with pytest.raises(ValidationError, match="is closed and cannot change"):
        services.cycle_step_back(actor=coach, cycle=cycle)
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.decision) == ("closed", "adapt")


def test_an_editor_steps_a_stage_back_to_correct_it_and_it_is_audited(coach, team, idea):
    cycle = f.CycleFactory(team=team, change_idea=idea, stage="study")
    cycle = services.cycle_step_back(actor=coach, cycle=cycle)
    assert cycle.stage == "do"
    entry = AuditEntry.objects.get(object_id=str(cycle.pk), action="update")
    assert entry.changes == {"stage": ["study", "do"]}
    assert entry.actor == coach
    plan = f.CycleFactory(team=team, change_idea=idea)
    with pytest.raises(ValidationError, match="no step back"):
        services.cycle_step_back(actor=coach, cycle=plan)


# ---------------------------------------------------------------- ramps


def closed(team, idea, **fields) -> Cycle:
    defaults = {"stage": "closed", "decision": "adapt", "next_steps": "Try it in two advisories."}
    return f.CycleFactory(team=team, change_idea=idea, **(defaults | fields))


def test_the_next_cycle_carries_the_idea_and_starts_from_the_last_next_steps(coach, team, idea):
    first = closed(team, idea, title="Grade check 1", plan_who="Advisors")
    initial = services.next_cycle_plan(first)
    assert initial["plan_what"] == "Try it in two advisories."
    assert initial["plan_who"] == "Advisors"
    assert initial["title"] == "Weekly grade check: cycle 2"
    data = {k: v for k, v in PLAN.items()} | {"plan_what": initial["plan_what"]}
    second = services.cycle_next(actor=coach, previous=first, data=data)
    assert (second.previous, second.change_idea, second.team, second.stage) == (
        first,
        idea,
        team,
        "plan",
    )


def test_the_next_cycle_needs_a_closed_cycle_not_abandoned_and_not_followed(coach, team, idea):
    running = f.CycleFactory(team=team, change_idea=idea, stage="act")
    with pytest.raises(ValidationError, match="is not closed yet"):
        services.cycle_next(actor=coach, previous=running, data=PLAN)
    dropped = closed(team, idea, decision="abandon")
    with pytest.raises(ValidationError, match="abandoned its change idea"):
        services.cycle_next(actor=coach, previous=dropped, data=PLAN)
    first = closed(team, idea, title="First")
    services.cycle_next(actor=coach, previous=first, data=PLAN | {"title": "Second"})
    with pytest.raises(ValidationError, match="already has a next cycle, Second"):
        services.cycle_next(actor=coach, previous=first, data=PLAN)
    assert Cycle.objects.filter(previous=first).count() == 1


def test_cycles_group_into_ramps_first_to_last_newest_ramp_first(cast, team, idea):
    other = f.ChangeIdeaFactory(network=team.network, title="Peer tutoring")
    one = closed(team, idea, title="A1", planned_start=dt.date(2025, 9, 1))
    two = closed(team, idea, title="A2", previous=one, planned_start=dt.date(2025, 9, 15))
    three = f.CycleFactory(team=team, change_idea=idea, title="A3", previous=two)
    alone = f.CycleFactory(
        team=team, change_idea=other, title="B1", planned_start=dt.date(2025, 9, 8)
    )
    found = selectors.team_ramps(user=cast["principal_north_1"], district=cast.district, team=team)
    assert [[c.title for c in r.cycles] for r in found.ramps] == [["A1", "A2", "A3"], ["B1"]]
    assert [r.change_idea for r in found.ramps] == [idea, other]
    assert found.may_edit is False
    assert (three.planned_start, alone.planned_start) == (dt.date(2025, 10, 6), dt.date(2025, 9, 8))


def test_a_cycles_data_are_the_teams_values_in_the_cycles_dates(cast, team, idea):
    measure = f.MeasureFactory(network=team.network, name="Courses passed", unit="%")
    elsewhere = f.TeamFactory(network=team.network, school=cast.north_2)
    for day, value in [(dt.date(2025, 9, 29), 60), (dt.date(2025, 10, 6), 62)]:
        measure.values.create(team=team, period_start=day, value=value)
    measure.values.create(team=team, period_start=dt.date(2025, 10, 13), value=66)
    measure.values.create(team=team, period_start=dt.date(2025, 11, 3), value=70)
    measure.values.create(team=elsewhere, period_start=dt.date(2025, 10, 13), value=10)
    cycle = f.CycleFactory(
        team=team,
        change_idea=idea,
        planned_start=dt.date(2025, 10, 6),
        planned_end=dt.date(2025, 10, 31),
    )
    data = selectors.cycle_data(user=cast["coach_north_1"], district=cast.district, cycle=cycle)
    assert [(d.measure, [v.value for v in d.values]) for d in data] == [(measure, [62, 66])]
    (found,) = data
    assert found.chart_url == f"/improvement/measures/{measure.pk}/chart/"


def test_a_figure_withheld_for_too_few_students_reads_no_figure(cast, team, idea):
    measure = f.MeasureFactory(network=team.network, name="Attendance", chart="p")
    measure.values.create(
        team=team,
        period_start=dt.date(2025, 10, 6),
        value=None,
        note="Fewer than 10 students: not shown.",
    )
    measure.values.create(
        team=team, period_start=dt.date(2025, 10, 13), value=0.9, numerator=18, denominator=20
    )
    cycle = f.CycleFactory(team=team, change_idea=idea, planned_start=dt.date(2025, 10, 6))
    cycle.planned_end = dt.date(2025, 10, 20)
    (found,) = selectors.cycle_data(user=cast["coach_north_1"], district=cast.district, cycle=cycle)
    assert [row[1:] for row in found.rows] == [
        ("no figure", "Fewer than 10 students: not shown."),
        ("0.9 (18 of 20)", ""),
    ]
