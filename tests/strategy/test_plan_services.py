"""The plan editor's services: what they write, what they audit, what they refuse (and that
a refusal changes nothing), and two people editing the same goal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from districtwise.core.models import AuditEntry
from districtwise.strategy.models import Goal, GoalGroupTarget, Initiative, Participation, Plan
from districtwise.strategy.services import plan as services
from districtwise.strategy.services import plan_initiatives as initiatives
from districtwise.strategy.services.plan_versions import StaleEdit
from tests import factories as f

D = dt.date


@pytest.fixture
def plan(cast):
    return f.PlanFactory(district=cast.district)


def goal_data(**more):
    return {
        "code": "G1",
        "title": "Every third grader reads on grade level",
        "priority": 1,
        "baseline_value": Decimal("0.42"),
        "baseline_on": D(2024, 6, 30),
        "target_value": Decimal("0.60"),
        "target_on": D(2028, 6, 30),
        "learning_agendas": ["student"],
        "areas_of_action": ["learning", "coherence"],
        **more,
    }


def history(obj):
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id")


def field_problems(refused: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return refused.value.message_dict


# ----- The plan ----------------------------------------------------------------------------
def test_a_plan_is_started_once_and_audited(cast):
    boss = cast["superintendent"]
    plan = services.plan_create(
        actor=boss, district=cast.district, data={"title": "Rising together", "vision": "All"}
    )
    assert history(plan).get().action == "create"
    with pytest.raises(ValidationError):
        services.plan_create(actor=boss, district=cast.district, data={"title": "Again"})
    assert Plan.objects.filter(district=cast.district).count() == 1


def test_the_plan_update_raises_the_version_and_keeps_before_and_after(cast, plan):
    services.plan_update(
        actor=cast["superintendent"], plan=plan, version=1, data={"mission": "Teach every child"}
    )
    plan.refresh_from_db()
    assert plan.version == 2
    entry = history(plan).last()
    assert entry.changes == {"mission": ["", "Teach every child"], "version": [1, 2]}
    assert entry.actor == cast["superintendent"]


def test_the_at_risk_share_may_not_be_above_the_on_track_share(cast, plan):
    with pytest.raises(ValidationError) as refused:
        services.plan_update(
            actor=cast["superintendent"],
            plan=plan,
            version=1,
            data={"on_track_share": Decimal("0.80"), "at_risk_share": Decimal("0.85")},
        )
    assert "at_risk_share" in field_problems(refused)
    plan.refresh_from_db()
    assert (plan.at_risk_share, plan.version) == (Decimal("0.70"), 1)


# ----- Goals -------------------------------------------------------------------------------
def test_a_goal_is_created_with_its_group_targets_and_audited(cast, plan):
    goal = services.goal_create(
        actor=cast["superintendent"],
        plan=plan,
        data=goal_data(is_equity=True),
        group_targets=[
            {
                "group_type": "race_ethnicity",
                "group": "BL",
                "baseline_value": Decimal("0.30"),
                "target_value": Decimal("0.55"),
            }
        ],
    )
    target = goal.group_targets.get()
    assert (target.group, target.target_value) == ("BL", Decimal("0.55"))
    entry = history(goal).get()
    assert entry.action == "create"
    assert entry.changes["group_targets"] == [None, ["race_ethnicity BL: 0.3 to 0.55"]]
    assert entry.changes["baseline_on"] == [None, "2024-06-30"]


@pytest.mark.parametrize(
    ("left_out", "field", "words"),
    [
        ("baseline_on", "baseline_on", "A target needs a baseline date"),
        ("target_on", "target_on", "A baseline needs a target date"),
        ("baseline_value", "baseline_value", "A target needs a baseline"),
    ],
)
def test_a_target_and_its_baseline_go_together(cast, plan, left_out, field, words):
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            actor=cast["superintendent"], plan=plan, data=goal_data(**{left_out: None})
        )
    assert field_problems(refused)[field][0].startswith(words)
    assert not Goal.objects.filter(plan=plan).exists()
    assert not AuditEntry.objects.filter(object_type="strategy.goal").exists()


def test_the_target_date_must_come_after_the_baseline_date(cast, plan):
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            actor=cast["superintendent"], plan=plan, data=goal_data(target_on=D(2023, 6, 30))
        )
    assert field_problems(refused)["target_on"] == [
        "The target date must come after the baseline date."
    ]


def test_a_goal_without_baseline_or_target_is_fine(cast, plan):
    ends = dict.fromkeys(services.GOAL_ENDS)
    goal = services.goal_create(actor=cast["superintendent"], plan=plan, data=goal_data(**ends))
    assert goal.target_value is None


def test_duplicate_goal_codes_and_unknown_words_are_refused(cast, plan):
    boss = cast["superintendent"]
    services.goal_create(actor=boss, plan=plan, data=goal_data())
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            actor=boss,
            plan=plan,
            data=goal_data(code="g1", learning_agendas=["civic"], areas_of_action=["sports"]),
        )
    problems = field_problems(refused)
    assert problems["code"] == ["Another goal of the plan already has the code g1."]
    assert problems["learning_agendas"][0].startswith("“civic” is not a learning agenda")
    assert problems["areas_of_action"][0].startswith("“sports” is not an area of action")
    assert Goal.objects.filter(plan=plan).count() == 1


def test_group_targets_name_real_groups_once_each(cast, plan):
    boss = cast["superintendent"]
    bad = {"group_type": "race_ethnicity", "group": "ZZ", "target_value": Decimal("1")}
    with pytest.raises(ValidationError):
        services.goal_create(actor=boss, plan=plan, data=goal_data(), group_targets=[bad])
    twice = {"group_type": "english_learner", "group": "Y", "target_value": Decimal("0.5")}
    with pytest.raises(ValidationError) as refused:
        services.goal_create(actor=boss, plan=plan, data=goal_data(), group_targets=[twice, twice])
    assert "two targets" in field_problems(refused)["group_targets"][0]
    assert not GoalGroupTarget.objects.exists()


def test_a_goal_edit_raises_its_version_and_replaces_its_group_targets(cast, plan):
    boss = cast["superintendent"]
    goal = services.goal_create(actor=boss, plan=plan, data=goal_data())
    services.goal_update(
        actor=boss,
        goal=goal,
        version=1,
        data={"title": "Readers by third grade"},
        group_targets=[
            {"group_type": "english_learner", "group": "Y", "target_value": Decimal("0.5")}
        ],
    )
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Readers by third grade", 2)
    assert history(goal).last().changes["group_targets"] == [
        [],
        ["english_learner Y: no baseline to 0.5"],
    ]


def test_two_people_on_the_same_goal_the_second_is_told_what_changed(cast, plan):
    boss, lead = cast["superintendent"], cast["department_lead"]
    goal = services.goal_create(
        actor=boss, plan=plan, data=goal_data(owner_department=cast.department)
    )
    # Both open version 1; the department lead saves first.
    services.goal_update(actor=lead, goal=goal, version=1, data={"target_value": Decimal("0.65")})
    with pytest.raises(StaleEdit) as stale:
        services.goal_update(
            actor=boss, goal=goal, version=1, data={"target_value": Decimal("0.70")}
        )
    assert stale.value.fields == ["target_value"]
    change = stale.value.changes[0]
    assert (change.stored, change.changed_by) == ("0.6500", "department_lead")
    assert change.changed_at is not None
    assert "target_value" in str(stale.value)
    goal.refresh_from_db()
    assert (goal.target_value, goal.version) == (Decimal("0.65"), 2)
    # Told, the superintendent sends their version again on the stored one: it is applied.
    services.goal_update(actor=boss, goal=goal, version=2, data={"target_value": Decimal("0.70")})
    goal.refresh_from_db()
    assert (goal.target_value, goal.version) == (Decimal("0.70"), 3)


def test_an_edit_that_changes_nothing_keeps_the_version(cast, plan):
    goal = services.goal_create(actor=cast["superintendent"], plan=plan, data=goal_data())
    services.goal_update(actor=cast["superintendent"], goal=goal, version=1, data={"code": "G1"})
    goal.refresh_from_db()
    assert goal.version == 1
    assert history(goal).count() == 1


def test_a_stale_goal_is_not_deleted(cast, plan):
    boss = cast["superintendent"]
    goal = services.goal_create(actor=boss, plan=plan, data=goal_data())
    services.goal_update(actor=boss, goal=goal, version=1, data={"priority": 2})
    with pytest.raises(StaleEdit):
        services.goal_delete(actor=boss, goal=goal, version=1)
    services.goal_delete(actor=boss, goal=goal, version=2)
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert AuditEntry.objects.filter(object_type="strategy.goal", action="delete").count() == 1


# ----- The theory of action ----------------------------------------------------------------
def test_statements_link_goals_and_are_reordered(cast, plan):
    boss = cast["superintendent"]
    goal = f.GoalFactory(plan=plan, code="G1")
    first = services.action_statement_create(
        actor=boss,
        plan=plan,
        data={"if_clause": "coaches work in every school", "then_clause": "teaching improves"},
    )
    second = services.action_statement_create(
        actor=boss,
        plan=plan,
        data={"if_clause": "families read at home", "then_clause": "readers grow", "goals": [goal]},
    )
    assert list(goal.action_statements.all()) == [second]
    services.action_statements_reorder(actor=boss, plan=plan, order=[second.pk, first.pk])
    assert list(plan.action_statements.all()) == [second, first]
    with pytest.raises(ValidationError):
        services.action_statements_reorder(actor=boss, plan=plan, order=[second.pk])


def test_a_statement_needs_both_its_parts(cast, plan):
    with pytest.raises(ValidationError) as refused:
        services.action_statement_create(
            actor=cast["superintendent"], plan=plan, data={"if_clause": " ", "then_clause": "x"}
        )
    assert list(field_problems(refused)) == ["if_clause"]


# ----- Initiatives -------------------------------------------------------------------------
def initiative_data(cast, plan, **more):
    return {
        "code": "I1",
        "name": "Literacy coaching",
        "owner_department": cast.department,
        "status": Initiative.Status.ACTIVE,
        "starts_on": D(2025, 8, 1),
        "ends_on": D(2027, 6, 30),
        "pathways": ["coaching", "professional_development"],
        "goals": [Goal.objects.get_or_create(plan=plan, code="G1", defaults={"title": "Read"})[0]],
        "schools": [cast.north_1, cast.south_1],
        **more,
    }


def test_an_initiative_is_created_serving_goals_in_schools(cast, plan):
    initiative = initiatives.initiative_create(
        actor=cast["department_lead"], plan=plan, data=initiative_data(cast, plan)
    )
    assert sorted(p.school.name for p in initiative.participations.all()) == [
        "North One Elementary",
        "South One High",
    ]
    changes = history(initiative).get().changes
    assert changes["goals"] == [None, ["G1"]]
    assert changes["schools"] == [None, ["North One Elementary", "South One High"]]


def test_unknown_pathways_and_duplicate_codes_are_refused(cast, plan):
    boss = cast["superintendent"]
    initiatives.initiative_create(actor=boss, plan=plan, data=initiative_data(cast, plan))
    with pytest.raises(ValidationError) as refused:
        initiatives.initiative_create(
            actor=boss,
            plan=plan,
            data=initiative_data(cast, plan, pathways=["magic"], goals=[]),
        )
    problems = field_problems(refused)
    assert problems["code"] == ["Another initiative of the plan already has the code I1."]
    assert problems["pathways"][0].startswith("“magic” is not a pathway")
    assert Initiative.objects.filter(plan=plan).count() == 1


def test_the_initiative_edit_keeps_phases_of_schools_that_stay(cast, plan):
    boss = cast["superintendent"]
    initiative = initiatives.initiative_create(
        actor=boss, plan=plan, data=initiative_data(cast, plan)
    )
    pilot = initiatives.phase_create(
        actor=boss, initiative=initiative, data={"name": "Pilot", "schools": [cast.north_1]}
    )
    initiatives.initiative_update(
        actor=boss,
        initiative=initiative,
        version=1,
        data={"schools": [cast.north_1, cast.north_2]},
    )
    placed = {p.school.name: p.phase for p in initiative.participations.all()}
    assert placed == {"North One Elementary": pilot, "North Two Middle": None}
    initiative.refresh_from_db()
    assert initiative.version == 2


def test_a_stale_initiative_edit_is_refused_naming_the_fields(cast, plan):
    boss, lead = cast["superintendent"], cast["department_lead"]
    initiative = initiatives.initiative_create(
        actor=boss, plan=plan, data=initiative_data(cast, plan)
    )
    initiatives.initiative_update(
        actor=lead, initiative=initiative, version=1, data={"schools": [cast.north_2]}
    )
    with pytest.raises(StaleEdit) as stale:
        initiatives.initiative_update(
            actor=boss, initiative=initiative, version=1, data={"name": "Coaching"}
        )
    assert stale.value.fields == ["schools"]
    assert stale.value.changes[0].stored == ["North Two Middle"]
    initiative.refresh_from_db()
    assert initiative.name == "Literacy coaching"


def test_a_phase_takes_its_pilot_schools_into_the_initiative(cast, plan):
    boss = cast["superintendent"]
    data = initiative_data(cast, plan, schools=[])
    initiative = initiatives.initiative_create(actor=boss, plan=plan, data=data)
    pilot = initiatives.phase_create(
        actor=boss,
        initiative=initiative,
        data={"name": "Pilot", "starts_on": D(2025, 8, 1), "schools": [cast.north_1]},
    )
    wider = initiatives.phase_create(
        actor=boss, initiative=initiative, data={"name": "Wider", "schools": [cast.south_1]}
    )
    assert (pilot.position, wider.position) == (1, 2)
    assert Participation.objects.filter(initiative=initiative).count() == 2
    with pytest.raises(ValidationError) as refused:
        initiatives.phase_create(
            actor=boss, initiative=initiative, data={"name": "Late", "ends_on": D(2030, 1, 1)}
        )
    assert "after the initiative" in field_problems(refused)["ends_on"][0]


@pytest.mark.parametrize(
    "written", ["$1,200.50", "1.200,50", "1,200", "1200.505", "-5", "", "1e3", "\u0663"]
)
def test_a_budget_amount_must_be_a_plain_number(cast, plan, written):
    initiative = f.InitiativeFactory(plan=plan)
    with pytest.raises(ValidationError) as refused:
        initiatives.budget_line_create(
            actor=cast["superintendent"],
            initiative=initiative,
            data={"funding_source": "title_i", "school_year": 2026, "amount": written},
        )
    assert "like 1200.50" in field_problems(refused)["amount"][0]
    assert not initiative.budget_lines.exists()


def test_a_budget_line_is_kept_to_the_cent_and_audited(cast, plan):
    initiative = f.InitiativeFactory(plan=plan)
    line = initiatives.budget_line_create(
        actor=cast["superintendent"],
        initiative=initiative,
        data={"funding_source": "title_i", "school_year": 2026, "amount": "1200.50"},
    )
    assert line.amount == Decimal("1200.50")
    initiatives.budget_line_update(actor=cast["superintendent"], line=line, data={"amount": "1300"})
    assert history(line).last().changes == {"amount": ["1200.50", "1300"]}


def test_a_milestone_after_the_initiative_ends_is_refused(cast, plan):
    initiative = f.InitiativeFactory(plan=plan, ends_on=D(2027, 6, 30))
    boss = cast["superintendent"]
    with pytest.raises(ValidationError) as refused:
        initiatives.milestone_create(
            actor=boss, initiative=initiative, data={"title": "Late", "due_on": D(2027, 7, 1)}
        )
    assert field_problems(refused)["due_on"][0].startswith(
        "The milestone is due after the initiative ends (2027-06-30)"
    )
    on_time = initiatives.milestone_create(
        actor=boss, initiative=initiative, data={"title": "Last", "due_on": D(2027, 6, 30)}
    )
    # Nor may the initiative then end before its milestone.
    with pytest.raises(ValidationError) as refused:
        initiatives.initiative_update(
            actor=boss, initiative=initiative, version=1, data={"ends_on": D(2027, 1, 1)}
        )
    assert "“Last”" in field_problems(refused)["ends_on"][0]
    assert initiative.milestones.get() == on_time


def test_a_milestone_marked_done_carries_its_done_date(cast, plan):
    initiative = f.InitiativeFactory(plan=plan)
    boss = cast["superintendent"]
    milestone = initiatives.milestone_create(
        actor=boss, initiative=initiative, data={"title": "Kick-off", "due_on": D(2025, 9, 1)}
    )
    with pytest.raises(ValidationError) as refused:
        initiatives.milestone_update(actor=boss, milestone=milestone, data={"status": "done"})
    assert "done_on" in field_problems(refused)
    initiatives.milestone_update(
        actor=boss, milestone=milestone, data={"status": "done", "done_on": D(2025, 9, 3)}
    )
    assert history(milestone).last().changes == {
        "done_on": [None, "2025-09-03"],
        "status": ["planned", "done"],
    }


def test_a_log_entry_is_written_by_its_author(cast, plan):
    initiative = f.InitiativeFactory(plan=plan)
    entry = initiatives.log_entry_create(
        actor=cast["principal_north_1"],
        initiative=initiative,
        happened_on=D(2025, 10, 2),
        text="First coaching cycle done",
    )
    assert entry.author == cast["principal_north_1"]
    assert history(entry).get().action == "create"
    with pytest.raises(ValidationError):
        initiatives.log_entry_create(
            actor=cast["superintendent"], initiative=initiative, happened_on=D(2025, 1, 1), text=""
        )


# ----- The budget amount parser, fed anything ------------------------------------------------
@given(st.text(max_size=20) | st.decimals(allow_nan=False, allow_infinity=False).map(str))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_budget_amount_is_a_plain_number_or_a_clear_refusal(written):
    try:
        amount = initiatives.plain_amount(written)
    except ValidationError as refused:
        assert "like 1200.50" in refused.message_dict["amount"][0]
    else:
        assert amount == Decimal(written.strip())
        assert amount >= 0 and -amount.as_tuple().exponent <= 2


@given(written=st.text(max_size=12))
@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_garbage_amounts_leave_the_budget_untouched(cast, written):
    initiative = f.InitiativeFactory(plan=Plan.objects.get_or_create(district=cast.district)[0])
    before = list(initiative.budget_lines.values_list("amount", flat=True))
    data = {"funding_source": "general", "school_year": 2026, "amount": written}
    try:
        initiatives.budget_line_create(
            actor=cast["superintendent"], initiative=initiative, data=data
        )
    except ValidationError:
        assert list(initiative.budget_lines.values_list("amount", flat=True)) == before
    else:
        assert initiative.budget_lines.last().amount == Decimal(written.strip())
