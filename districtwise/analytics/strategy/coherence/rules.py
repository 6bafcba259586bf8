"""The coherence rules (see the package's docstring for what each one says)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from districtwise.analytics.strategy.coherence.snapshot import (
    HIGH,
    KINDS,
    LOW,
    MEDIUM,
    Finding,
    InitiativeFacts,
    PlanSnapshot,
    Reach,
    SchoolFacts,
    dollars,
    goal_ref,
    in_words,
    initiative_ref,
    school_ref,
)

OFF_TRACK = "off_track"
FAR_ABOVE = Decimal(2)  # "far above the median": more than twice it
NAMED_SCHOOLS = 6  # more shared schools than this are counted, not named, in the sentence


def initiatives_per_school(snapshot: PlanSnapshot) -> dict[int, list[InitiativeFacts]]:
    """The counting initiatives each school of the snapshot carries, by school id."""
    carried: dict[int, list[InitiativeFacts]] = {s.id: [] for s in snapshot.schools}
    for initiative in snapshot.counting():
        for school_id in initiative.school_ids:
            if school_id in carried:
                carried[school_id].append(initiative)
    return carried


def overload(snapshot: PlanSnapshot) -> list[Finding]:
    """Schools carrying more counting initiatives than the plan's limit."""
    limit = snapshot.school_initiative_limit
    carried = initiatives_per_school(snapshot)
    found = []
    for school in snapshot.schools:
        mine = carried[school.id]
        if len(mine) > limit:
            codes = in_words([i.code for i in mine])
            sentence = (
                f"{school.name} carries {len(mine)} initiatives, more than the plan's limit "
                f"of {limit}: {codes}."
            )
            refs = (school_ref(school), *(initiative_ref(i) for i in mine))
            found.append(Finding("overload", HIGH, sentence, refs))
    return found


def orphans(snapshot: PlanSnapshot) -> list[Finding]:
    """Counting initiatives that serve no goal."""
    return [
        Finding(
            "orphan",
            MEDIUM,
            f"{i.code} {i.name} serves no goal of the plan.",
            (initiative_ref(i),),
        )
        for i in snapshot.counting()
        if not i.goal_ids
    ]


def unserved_goals(snapshot: PlanSnapshot) -> list[Finding]:
    """Goals that no counting initiative serves."""
    served = {goal_id for i in snapshot.counting() for goal_id in i.goal_ids}
    return [
        Finding(
            "unserved_goal",
            HIGH,
            f"{g.code} {g.title} (priority {g.priority}) has no initiative working toward it.",
            (goal_ref(g),),
        )
        for g in snapshot.goals
        if g.id not in served
    ]


def competition(snapshot: PlanSnapshot) -> list[Finding]:
    """Two or more counting initiatives using the same pathway in the same schools: one
    finding per pathway and set of initiatives, naming the schools they share."""
    found = []
    for pathway in _pathways_in_use(snapshot):
        shared: dict[tuple[InitiativeFacts, ...], list[SchoolFacts]] = defaultdict(list)
        for school in snapshot.schools:
            users = tuple(
                i
                for i in snapshot.counting()
                if pathway in i.pathways and school.id in i.school_ids
            )
            if len(users) > 1:
                shared[users].append(school)
        for users, places in shared.items():
            found.append(_competition_finding(snapshot, pathway, users, places))
    return found


def _pathways_in_use(snapshot: PlanSnapshot) -> list[str]:
    used = {p for i in snapshot.counting() for p in i.pathways}
    known = [p for p in snapshot.pathway_names if p in used]
    return known + sorted(used - set(known))


def _competition_finding(snapshot, pathway, users, places) -> Finding:
    name = snapshot.pathway_names.get(pathway, pathway).lower()
    who = in_words([i.code for i in users])
    # A long list of schools is counted in the sentence; the links below it name them all.
    where = (
        in_words([s.name for s in places])
        if len(places) <= NAMED_SCHOOLS
        else (f"the same {len(places)} schools")
    )
    sentence = f"{who} all work through {name} in {where}."
    if len(users) == 2:
        sentence = f"{who} both work through {name} in {where}."
    refs = (*(initiative_ref(i) for i in users), *(school_ref(s) for s in places))
    return Finding("competition", MEDIUM, sentence, refs)


def budget_per_goal(snapshot: PlanSnapshot) -> dict[int, Decimal]:
    """Each goal's share of the counting initiatives' money: an initiative's budget is
    split equally among the goals it serves (an orphan's money reaches no goal)."""
    shares = {g.id: Decimal(0) for g in snapshot.goals}
    for initiative in snapshot.counting():
        served = [g for g in initiative.goal_ids if g in shares]
        for goal_id in served:
            shares[goal_id] += initiative.budget / len(served)
    return shares


def budget_against_priority(snapshot: PlanSnapshot) -> list[Finding]:
    """Goals receiving less money than a goal of lower priority (a larger number)."""
    money = budget_per_goal(snapshot)
    found = []
    for goal in snapshot.goals:
        richer = [
            other
            for other in snapshot.goals
            if other.priority > goal.priority and money[other.id] > money[goal.id]
        ]
        if richer:
            found.append(_budget_finding(goal, richer, money))
    return found


def _budget_finding(goal, richer, money) -> Finding:
    others = in_words(
        [f"{g.code} (priority {g.priority}, {dollars(_cents(money[g.id]))})" for g in richer]
    )
    sentence = (
        f"{goal.code} {goal.title} is priority {goal.priority} but receives "
        f"{dollars(_cents(money[goal.id]))}, less than lower-priority {others}."
    )
    return Finding("budget_priority", MEDIUM, sentence, (goal_ref(goal), *map(goal_ref, richer)))


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def empty_frames(snapshot: PlanSnapshot) -> list[Finding]:
    """Areas of action and learning agendas that no goal is tagged with, or whose goals no
    counting initiative serves."""
    served = {goal_id for i in snapshot.counting() for goal_id in i.goal_ids}
    found = []
    frames = [
        ("area of action", snapshot.areas_of_action, lambda g: g.areas_of_action),
        ("learning agenda", snapshot.learning_agendas, lambda g: g.learning_agendas),
    ]
    for word, names, tags_of in frames:
        for code, name in names.items():
            goals = [g for g in snapshot.goals if code in tags_of(g)]
            finding = _empty_frame(word, name, goals, served)
            if finding is not None:
                found.append(finding)
    return found


def _empty_frame(word, name, goals, served) -> Finding | None:
    if not goals:
        return Finding("empty_frame", LOW, f"No goal is tagged with the {word} “{name}”.")
    if any(g.id in served for g in goals):
        return None
    codes = in_words([g.code for g in goals])
    sentence = f"The {word} “{name}” has goals ({codes}) but no initiative serves them."
    return Finding("empty_frame", LOW, sentence, tuple(map(goal_ref, goals)))


def reach(initiative: InitiativeFacts, schools: Mapping[int, SchoolFacts]) -> Reach:
    """Students reached (the initiative's own count, else its schools' enrolment) and the
    cost per student reached; unknown when neither count is known or it is zero."""
    if initiative.students_reached is not None:
        students: int | None = initiative.students_reached
        source = "the initiative's own count"
    elif not initiative.school_ids:
        students, source = None, "unknown: no count given and no school takes part"
    else:
        enrolments = [schools[s].enrolment if s in schools else None for s in initiative.school_ids]
        known = None not in enrolments
        students = sum(e or 0 for e in enrolments) if known else None
        source = "enrolment of its schools" if known else "unknown: no audit enrolment figure"
    cost = initiative.budget / students if students else None
    return Reach(students, source, cost)


def reaches(snapshot: PlanSnapshot) -> dict[int, Reach]:
    """Each initiative's reach, by initiative id."""
    schools = {s.id: s for s in snapshot.schools}
    return {i.id: reach(i, schools) for i in snapshot.initiatives}


def median_cost_per_student(snapshot: PlanSnapshot) -> Decimal | None:
    """The median cost per student reached of the counting initiatives whose cost is known."""
    known = reaches(snapshot)
    costs = [
        cost for i in snapshot.counting() if (cost := known[i.id].cost_per_student) is not None
    ]
    return statistics.median(costs) if costs else None


def abandonment_candidates(
    snapshot: PlanSnapshot,
    *,
    median: Decimal | None = None,
    reach_of: Mapping[int, Reach] | None = None,
) -> list[Finding]:
    """Counting initiatives to consider stopping: no goal, only off-track goals, or a cost
    per student reached more than ``FAR_ABOVE`` times ``median`` (default: the snapshot's
    median). ``reach_of`` (default: the snapshot's reaches) gives each initiative's reach."""
    if median is None:
        median = median_cost_per_student(snapshot)
    goals = {g.id: g for g in snapshot.goals}
    known = reach_of if reach_of is not None else reaches(snapshot)
    found = []
    for initiative in snapshot.counting():
        reasons = _abandonment_reasons(initiative, goals, known[initiative.id], median)
        if reasons:
            found.append(_abandonment_finding(initiative, reasons, known[initiative.id], goals))
    return found


def _abandonment_reasons(initiative, goals, its_reach: Reach, median) -> list[str]:
    served = [goals[g] for g in initiative.goal_ids if g in goals]
    reasons = []
    if not initiative.goal_ids:
        reasons.append("it serves no goal")
    elif served and all(g.status == OFF_TRACK for g in served):
        reasons.append(f"every goal it serves is off track ({in_words([g.code for g in served])})")
    cost = its_reach.cost_per_student
    if cost is not None and median and cost > FAR_ABOVE * median:
        reasons.append(
            f"it costs {dollars(_cents(cost))} per student reached, more than twice the plan's "
            f"median of {dollars(_cents(median))}"
        )
    return reasons


def _abandonment_finding(initiative, reasons, its_reach: Reach, goals) -> Finding:
    sentence = f"Consider stopping {initiative.code} {initiative.name}: {'; '.join(reasons)}."
    if its_reach.cost_per_student is None:
        sentence += " Its cost per student reached is unknown (students reached: "
        sentence += f"{its_reach.source.removeprefix('unknown: ')})."
    refs = (
        initiative_ref(initiative),
        *(goal_ref(goals[g]) for g in initiative.goal_ids if g in goals),
    )
    return Finding("abandonment", MEDIUM, sentence, refs)


def coherence_findings(
    snapshot: PlanSnapshot, *, whole_plan: PlanSnapshot | None = None
) -> list[Finding]:
    """Every finding, in the order of ``KINDS``. ``snapshot`` is what a reader may see;
    ``whole_plan`` (default: the same) is the whole plan, which the plan-level rules read —
    goals no initiative serves, budget against priority, empty areas and agendas, and the
    median cost per student — so that every reader sees the same plan-level findings. An
    initiative's reach is read from the whole plan too (all its schools), while overload and
    competition look only at the schools of ``snapshot``."""
    whole = whole_plan or snapshot
    median = median_cost_per_student(whole)
    return [
        *overload(snapshot),
        *orphans(snapshot),
        *unserved_goals(whole),
        *competition(snapshot),
        *budget_against_priority(whole),
        *empty_frames(whole),
        *abandonment_candidates(snapshot, median=median, reach_of=reaches(whole)),
    ]


def counts_by_kind(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each kind (every kind listed, zero included)."""
    counts = dict.fromkeys(KINDS, 0)
    for finding in findings:
        counts[finding.kind] += 1
    return counts
