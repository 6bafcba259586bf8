"""Properties of the coherence rules on random plans: a reader's findings name only what
their part of the plan holds, no money is lost or made up by the split among goals, and a
school is overloaded exactly when it carries more than the limit."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from districtwise.analytics.strategy.coherence import (
    COUNTING,
    GoalFacts,
    InitiativeFacts,
    PlanSnapshot,
    SchoolFacts,
    budget_per_goal,
    coherence_findings,
    overload,
)

STATUSES = sorted(COUNTING | {"completed", "abandoned"})
PATHWAYS = ["coaching", "curriculum", "data_use"]
GOAL_IDS = range(100, 105)
SCHOOL_IDS = range(1, 7)


@st.composite
def plans(draw: st.DrawFn) -> PlanSnapshot:
    goals = tuple(
        GoalFacts(
            pk,
            f"G{pk}",
            f"Goal {pk}",
            draw(st.integers(1, 5)),
            draw(st.sampled_from(["on_track", "at_risk", "off_track", "no_data"])),
            tuple(draw(st.lists(st.sampled_from(["student", "system"]), unique=True))),
        )
        for pk in GOAL_IDS[: draw(st.integers(0, len(GOAL_IDS)))]
    )
    schools = tuple(
        SchoolFacts(pk, f"School {pk}", draw(st.none() | st.integers(0, 900))) for pk in SCHOOL_IDS
    )
    initiatives = tuple(
        InitiativeFacts(
            pk,
            f"I{pk}",
            f"Initiative {pk}",
            draw(st.sampled_from(STATUSES)),
            tuple(draw(st.lists(st.sampled_from([g.id for g in goals] or [0]), unique=True)))
            if goals
            else (),
            tuple(draw(st.lists(st.sampled_from(PATHWAYS), unique=True))),
            tuple(draw(st.lists(st.sampled_from(list(SCHOOL_IDS)), unique=True))),
            Decimal(draw(st.integers(0, 10_000_000))) / 100,
            draw(st.none() | st.integers(0, 2_000)),
        )
        for pk in range(1, draw(st.integers(0, 9)) + 1)
    )
    return PlanSnapshot(
        school_initiative_limit=draw(st.integers(0, 4)),
        goals=goals,
        initiatives=initiatives,
        schools=schools,
        learning_agendas={"student": "Student learning", "system": "System learning"},
        pathway_names={p: p.title() for p in PATHWAYS},
    )


@given(plans(), st.sets(st.sampled_from(list(SCHOOL_IDS))))
def test_a_readers_findings_name_only_their_part_of_the_plan(whole, mine):
    # A school-bound reader: their schools, and the initiatives running there or nowhere.
    visible = tuple(i for i in whole.initiatives if not i.school_ids or set(i.school_ids) & mine)
    part = PlanSnapshot(
        whole.school_initiative_limit,
        goals=whole.goals,
        initiatives=visible,
        schools=tuple(s for s in whole.schools if s.id in mine),
        learning_agendas=whole.learning_agendas,
        pathway_names=whole.pathway_names,
    )
    allowed = {
        "goal": {g.id for g in part.goals},
        "initiative": {i.id for i in visible},
        "school": mine,
    }
    for finding in coherence_findings(part, whole_plan=whole):
        for ref in finding.refs:
            assert ref.id in allowed[ref.kind], (finding.sentence, ref)
        hidden = [s.name for s in whole.schools if s.id not in mine]
        assert not any(f"{name} " in finding.sentence + " " for name in hidden)


@given(plans())
def test_the_split_among_goals_neither_loses_nor_makes_money(plan):
    spent = sum(
        (i.budget for i in plan.counting() if i.goal_ids and plan.goals),
        Decimal(0),
    )
    shared = sum(budget_per_goal(plan).values(), Decimal(0))
    assert abs(shared - spent) < Decimal("0.000001")


@given(plans())
def test_a_school_is_overloaded_exactly_when_it_carries_more_than_the_limit(plan):
    flagged = {f.refs[0].id for f in overload(plan)}
    for school in plan.schools:
        carried = [i for i in plan.counting() if school.id in i.school_ids]
        assert (school.id in flagged) == (len(carried) > plan.school_initiative_limit)
