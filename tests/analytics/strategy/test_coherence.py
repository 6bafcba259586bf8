"""The coherence rules on small plans built by hand, each answer worked out on paper."""

from __future__ import annotations

from decimal import Decimal as D

from districtwise.analytics.strategy.coherence import (
    GoalFacts,
    InitiativeFacts,
    PlanSnapshot,
    Ref,
    SchoolFacts,
    abandonment_candidates,
    budget_against_priority,
    budget_per_goal,
    coherence_findings,
    competition,
    counts_by_kind,
    empty_frames,
    initiatives_per_school,
    median_cost_per_student,
    orphans,
    overload,
    reach,
    unserved_goals,
)

NORTH, SOUTH, EAST = (
    SchoolFacts(1, "North Elementary", 300),
    SchoolFacts(2, "South Middle", 500),
    SchoolFacts(3, "East High", None),
)
READING = GoalFacts(10, "G1", "Every child reads", priority=1, areas_of_action=("learning",))
ATTENDANCE = GoalFacts(11, "G2", "Students come to school", priority=2)
FAMILIES = GoalFacts(12, "G3", "Families are partners", priority=4)


def initiative(pk: int, **facts) -> InitiativeFacts:
    return InitiativeFacts(pk, f"I{pk}", f"Initiative {pk}", **facts)


def plan(*initiatives, goals=(READING, ATTENDANCE, FAMILIES), limit=2, **more) -> PlanSnapshot:
    return PlanSnapshot(
        school_initiative_limit=limit,
        goals=tuple(goals),
        initiatives=tuple(initiatives),
        schools=(NORTH, SOUTH, EAST),
        pathway_names={"coaching": "Coaching", "curriculum": "Curriculum and materials"},
        **more,
    )


# Overload


def test_a_school_over_the_limit_is_overloaded_and_one_at_it_is_not():
    # North carries I1, I2, I3 (3 > 2); South carries I1, I2 (2 = 2, at the limit).
    snapshot = plan(
        initiative(1, school_ids=(1, 2)),
        initiative(2, school_ids=(1, 2)),
        initiative(3, school_ids=(1,)),
    )
    found = overload(snapshot)
    assert [f.sentence for f in found] == [
        "North Elementary carries 3 initiatives, more than the plan's limit of 2: I1, I2 and I3."
    ]
    assert found[0].severity == "high"
    assert found[0].refs[0] == Ref("school", 1, "North Elementary")
    assert [r.id for r in found[0].refs[1:]] == [1, 2, 3]


def test_completed_and_abandoned_initiatives_do_not_load_a_school():
    snapshot = plan(
        initiative(1, school_ids=(1,)),
        initiative(2, school_ids=(1,), status="paused"),
        initiative(3, school_ids=(1,), status="completed"),
        initiative(4, school_ids=(1,), status="abandoned"),
        initiative(5, school_ids=(1,), status="proposed"),
    )
    assert [i.id for i in initiatives_per_school(snapshot)[1]] == [1, 2, 5]
    assert len(overload(snapshot)) == 1  # 3 counting > 2


# Orphans and goals with no initiative


def test_an_initiative_serving_no_goal_is_an_orphan_unless_it_is_finished():
    snapshot = plan(
        initiative(1, goal_ids=(10,)),
        initiative(2),
        initiative(3, status="completed"),
    )
    found = orphans(snapshot)
    assert [f.sentence for f in found] == ["I2 Initiative 2 serves no goal of the plan."]
    assert found[0].refs == (Ref("initiative", 2, "I2 Initiative 2"),)


def test_a_goal_served_only_by_an_abandoned_initiative_has_no_initiative():
    snapshot = plan(
        initiative(1, goal_ids=(10, 11)),
        initiative(2, goal_ids=(12,), status="abandoned"),
    )
    found = unserved_goals(snapshot)
    assert [f.refs[0].id for f in found] == [12]
    assert found[0].sentence == (
        "G3 Families are partners (priority 4) has no initiative working toward it."
    )


# Competition for a pathway


def test_initiatives_sharing_a_pathway_in_shared_schools_compete_and_the_schools_are_named():
    # I1 and I2 both coach at North and South; I3 coaches at East alone; I4 uses curriculum
    # at North. Only coaching at North and South is contested.
    snapshot = plan(
        initiative(1, pathways=("coaching", "curriculum"), school_ids=(1, 2)),
        initiative(2, pathways=("coaching",), school_ids=(1, 2)),
        initiative(3, pathways=("coaching",), school_ids=(3,)),
        initiative(4, pathways=("data_use",), school_ids=(1,)),
    )
    found = competition(snapshot)
    assert [f.sentence for f in found] == [
        "I1 and I2 both work through coaching in North Elementary and South Middle."
    ]
    assert [(r.kind, r.id) for r in found[0].refs] == [
        ("initiative", 1),
        ("initiative", 2),
        ("school", 1),
        ("school", 2),
    ]


def test_different_sets_of_competitors_make_separate_findings_and_finished_ones_drop_out():
    # Coaching: North has I1, I2, I3; South has I1, I2; East has I3 and I4, but I4 is
    # completed, so East is not contested.
    snapshot = plan(
        initiative(1, pathways=("coaching",), school_ids=(1, 2)),
        initiative(2, pathways=("coaching",), school_ids=(1, 2)),
        initiative(3, pathways=("coaching",), school_ids=(1, 3)),
        initiative(4, pathways=("coaching",), school_ids=(3,), status="completed"),
    )
    assert [f.sentence for f in competition(snapshot)] == [
        "I1, I2 and I3 all work through coaching in North Elementary.",
        "I1 and I2 both work through coaching in South Middle.",
    ]


def test_a_long_list_of_shared_schools_is_counted_in_the_sentence_and_linked_in_full():
    # Seven schools where I1 and I2 both coach: more than the sentence names (six).
    schools = tuple(SchoolFacts(pk, f"School {pk}", 100) for pk in range(1, 8))
    snapshot = PlanSnapshot(
        school_initiative_limit=5,
        initiatives=(
            initiative(1, pathways=("coaching",), school_ids=tuple(range(1, 8))),
            initiative(2, pathways=("coaching",), school_ids=tuple(range(1, 8))),
        ),
        schools=schools,
        pathway_names={"coaching": "Coaching"},
    )
    found = competition(snapshot)
    assert [f.sentence for f in found] == [
        "I1 and I2 both work through coaching in the same 7 schools."
    ]
    assert [r.id for r in found[0].refs if r.kind == "school"] == list(range(1, 8))


# Budget against priority


def test_an_initiatives_budget_is_split_equally_among_its_goals():
    # I1 $90,000 over G1, G2, G3 -> 30,000 each; I2 $10,000 to G3 alone; I3 (orphan) $5,000
    # reaches no goal; I4 (completed) $1,000,000 does not count.
    snapshot = plan(
        initiative(1, goal_ids=(10, 11, 12), budget=D("90000")),
        initiative(2, goal_ids=(12,), budget=D("10000")),
        initiative(3, budget=D("5000")),
        initiative(4, goal_ids=(10,), budget=D("1000000"), status="completed"),
    )
    assert budget_per_goal(snapshot) == {10: D("30000"), 11: D("30000"), 12: D("40000")}


def test_a_goal_with_less_money_than_a_lower_priority_goal_is_flagged():
    # G1 (priority 1) $30,000; G2 (priority 2) $30,000; G3 (priority 4) $40,000: both G1 and
    # G2 receive less than G3. G2 against G1: equal money, not an inversion.
    snapshot = plan(
        initiative(1, goal_ids=(10, 11, 12), budget=D("90000")),
        initiative(2, goal_ids=(12,), budget=D("10000")),
    )
    found = budget_against_priority(snapshot)
    assert [f.sentence for f in found] == [
        "G1 Every child reads is priority 1 but receives $30,000, less than lower-priority "
        "G3 (priority 4, $40,000).",
        "G2 Students come to school is priority 2 but receives $30,000, less than "
        "lower-priority G3 (priority 4, $40,000).",
    ]
    assert [(r.kind, r.id) for r in found[0].refs] == [("goal", 10), ("goal", 12)]


def test_money_that_follows_priority_raises_nothing_and_cents_are_shown():
    # $100.01 split over G1 and G2 -> 50.005 each; G3 gets $10: no inversion.
    snapshot = plan(
        initiative(1, goal_ids=(10, 11), budget=D("100.01")),
        initiative(2, goal_ids=(12,), budget=D("10")),
    )
    assert budget_against_priority(snapshot) == []
    # Swap the money: G3 (priority 4) now out-earns both.
    richer = plan(
        initiative(1, goal_ids=(10, 11), budget=D("10")),
        initiative(2, goal_ids=(12,), budget=D("100.01")),
    )
    assert "receives $5, less than lower-priority G3 (priority 4, $100.01)" in (
        budget_against_priority(richer)[0].sentence
    )


# Areas of action and learning agendas


def test_areas_and_agendas_with_no_goal_or_no_initiative_are_empty():
    # "learning" has G1, served by I1; "coherence" has G2, served by nobody; "community"
    # has no goal at all. Agenda "student" has G2 (unserved); "system" has none.
    goals = (
        READING,
        GoalFacts(11, "G2", "Coherent system", 2, "no_data", ("student",), ("coherence",)),
    )
    snapshot = plan(
        initiative(1, goal_ids=(10,)),
        goals=goals,
        areas_of_action={
            "learning": "Focus on learning",
            "community": "Professional community",
            "coherence": "Coherence",
        },
        learning_agendas={"student": "Student learning", "system": "System learning"},
    )
    assert [f.sentence for f in empty_frames(snapshot)] == [
        "No goal is tagged with the area of action “Professional community”.",
        "The area of action “Coherence” has goals (G2) but no initiative serves them.",
        "The learning agenda “Student learning” has goals (G2) but no initiative serves them.",
        "No goal is tagged with the learning agenda “System learning”.",
    ]


# Students reached, cost per student and abandonment


def test_students_reached_are_the_initiatives_count_else_its_schools_enrolment():
    schools = {s.id: s for s in (NORTH, SOUTH, EAST)}
    own = reach(initiative(1, school_ids=(1,), budget=D("1000"), students_reached=40), schools)
    assert (own.students, own.cost_per_student) == (40, D("25"))
    enrolled = reach(initiative(2, school_ids=(1, 2), budget=D("8000")), schools)
    assert (enrolled.students, enrolled.cost_per_student) == (800, D("10"))
    unknown = reach(initiative(3, school_ids=(1, 3), budget=D("8000")), schools)
    assert (unknown.students, unknown.cost_per_student) == (None, None)
    assert unknown.source == "unknown: no audit enrolment figure"
    nowhere = reach(initiative(4, budget=D("8000")), schools)
    assert nowhere.cost_per_student is None


def test_an_initiative_costing_more_than_twice_the_median_per_student_is_a_candidate():
    # Per student: I1 $10 (1,000/100), I2 $20, I3 $30, I4 $70 (7,000/100). Median of
    # 10, 20, 30, 70 = 25; twice it is 50: I4 only. All serve an on-track goal.
    on_track = GoalFacts(10, "G1", "Reading", 1, "on_track")
    snapshot = plan(
        *(
            initiative(pk, goal_ids=(10,), budget=D(cost * 100), students_reached=100)
            for pk, cost in ((1, 10), (2, 20), (3, 30), (4, 70))
        ),
        goals=(on_track,),
    )
    assert median_cost_per_student(snapshot) == D("25")
    found = abandonment_candidates(snapshot)
    assert [f.sentence for f in found] == [
        "Consider stopping I4 Initiative 4: it costs $70 per student reached, more than "
        "twice the plan's median of $25."
    ]


def test_no_goal_or_only_off_track_goals_make_a_candidate_and_unknown_cost_is_said():
    off = GoalFacts(10, "G1", "Reading", 1, "off_track")
    also_off = GoalFacts(11, "G2", "Attendance", 2, "off_track")
    at_risk = GoalFacts(12, "G3", "Families", 3, "at_risk")
    snapshot = plan(
        initiative(1, goal_ids=(10, 11), school_ids=(3,)),  # East: no enrolment figure
        initiative(2, goal_ids=(10, 12), students_reached=50),  # one goal not off track
        initiative(3, students_reached=50),  # serves no goal
        initiative(4, status="completed"),  # finished: not a candidate
        goals=(off, also_off, at_risk),
    )
    found = abandonment_candidates(snapshot)
    assert [f.sentence for f in found] == [
        "Consider stopping I1 Initiative 1: every goal it serves is off track (G1 and G2). "
        "Its cost per student reached is unknown (students reached: no audit enrolment "
        "figure).",
        "Consider stopping I3 Initiative 3: it serves no goal.",
    ]
    assert [(r.kind, r.id) for r in found[0].refs] == [
        ("initiative", 1),
        ("goal", 10),
        ("goal", 11),
    ]


# All the rules together


def test_a_plan_with_every_kind_of_trouble_finds_each_once():
    # Limit 1. I1 and I2 coach at North (overload and competition); I3 is an orphan at
    # South and, serving no goal, a candidate for abandonment. G2 and G3 have no
    # initiative; I1 and I2 put $1,000 each behind G1 only, so no goal out-earns a
    # higher-priority one. No area of action or agenda is listed, so none is empty.
    snapshot = plan(
        initiative(1, goal_ids=(10,), pathways=("coaching",), school_ids=(1,), budget=D(1000)),
        initiative(2, goal_ids=(10,), pathways=("coaching",), school_ids=(1,), budget=D(1000)),
        initiative(3, school_ids=(2,)),
        limit=1,
    )
    findings = coherence_findings(snapshot)
    assert counts_by_kind(findings) == {
        "overload": 1,
        "orphan": 1,
        "unserved_goal": 2,
        "competition": 1,
        "budget_priority": 0,
        "empty_frame": 0,
        "abandonment": 1,
    }
    assert [f.kind for f in findings] == [
        "overload",
        "orphan",
        "unserved_goal",
        "unserved_goal",
        "competition",
        "abandonment",
    ]


def test_plan_level_rules_read_the_whole_plan_when_a_reader_sees_part_of_it():
    # A principal of North sees I1 only; the whole plan also has I2 at South serving G2.
    # G2 is served (in the whole plan), so it is not reported as unserved to them.
    mine = initiative(1, goal_ids=(10,), school_ids=(1,))
    theirs = initiative(2, goal_ids=(11, 12), school_ids=(2,))
    whole = plan(mine, theirs)
    part = PlanSnapshot(2, goals=whole.goals, initiatives=(mine,), schools=(NORTH,))
    assert unserved_goals(part) != []
    findings = coherence_findings(part, whole_plan=whole)
    assert [f for f in findings if f.kind == "unserved_goal"] == []


def test_a_readers_part_counts_only_their_schools_but_costs_over_all_of_them():
    # I1 and I2 coach at North and South; the reader sees North only: one competition at
    # North. I3 costs $8,000 at North and South (800 students, $10 each) while I1 and I2
    # reach 100 each for $100 ($1 each): median $1, I3 far above it. Its cost is read over
    # both schools, not over North's 300 alone ($26.67).
    coaching = {"goal_ids": (10,), "pathways": ("coaching",), "school_ids": (1, 2)}
    one = initiative(1, budget=D(100), students_reached=100, **coaching)
    two = initiative(2, budget=D(100), students_reached=100, **coaching)
    three = initiative(3, goal_ids=(10,), school_ids=(1, 2), budget=D(8000))
    whole = plan(one, two, three, limit=5)
    part = PlanSnapshot(5, goals=whole.goals, initiatives=whole.initiatives, schools=(NORTH,))
    findings = coherence_findings(part, whole_plan=whole)
    assert [f.sentence for f in findings if f.kind == "competition"] == [
        "I1 and I2 both work through coaching in North Elementary."
    ]
    assert [f.sentence for f in findings if f.kind == "abandonment"] == [
        "Consider stopping I3 Initiative 3: it costs $10 per student reached, more than twice "
        "the plan's median of $1."
    ]


def test_an_empty_plan_has_no_findings():
    assert coherence_findings(PlanSnapshot(4)) == []
