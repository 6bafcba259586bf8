"""Where the district's efforts pull apart: the coherence rules over a plain snapshot of the
plan (goals, initiatives, schools, what each initiative costs and whom it reaches).

Only initiatives that are active, proposed or paused count (``COUNTING``): a completed or
abandoned one no longer loads a school, competes, or puts money behind a goal.

The rules, each returning findings (a kind, a severity, a sentence, the objects behind it):

- **overload**: a school carrying more counting initiatives than the plan's
  ``school_initiative_limit``.
- **orphan**: an initiative serving no goal.
- **unserved_goal**: a goal no initiative serves.
- **competition**: two or more initiatives working through the same pathway in the same
  schools (one finding per pathway and set of initiatives, naming the schools).
- **budget_priority**: an initiative's budget (every budget line, every year and source) is
  split equally among the goals it serves. Money should follow priority (1 is the highest):
  a goal is flagged when it receives less than a goal of lower priority (a larger number).
- **empty_frame**: an area of action or learning agenda no goal is tagged with, or whose
  goals no initiative serves.
- **abandonment**: a candidate for strategic abandonment — it serves no goal, or every goal
  it serves is off track, or its cost per student reached is more than ``FAR_ABOVE`` (twice)
  the plan's median. Students reached are the initiative's own count, else the enrolment
  of its schools; when neither is known the cost per student is unknown, and said so.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

COUNTING = frozenset({"active", "proposed", "paused"})
OFF_TRACK = "off_track"
FAR_ABOVE = Decimal(2)  # "far above the median": more than twice it

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_NAMES = {HIGH: "High", MEDIUM: "Medium", LOW: "Low"}
KINDS = {
    "overload": "Schools carrying more initiatives than the limit",
    "orphan": "Initiatives serving no goal",
    "unserved_goal": "Goals no initiative serves",
    "competition": "Initiatives competing for the same pathway in the same schools",
    "budget_priority": "Budget out of line with priority",
    "empty_frame": "Areas of action and learning agendas with nothing in them",
    "abandonment": "Candidates for strategic abandonment",
}


@dataclass(frozen=True)
class GoalFacts:
    """A goal as the rules need it; ``status`` is its progress status code."""

    id: int
    code: str
    title: str
    priority: int
    status: str = "no_data"
    learning_agendas: tuple[str, ...] = ()
    areas_of_action: tuple[str, ...] = ()


@dataclass(frozen=True)
class InitiativeFacts:
    """An initiative: its status, the goals it serves, its pathways, the schools it runs in,
    its whole budget (dollars) and the students it says it reaches (``None``: not given)."""

    id: int
    code: str
    name: str
    status: str = "active"
    goal_ids: tuple[int, ...] = ()
    pathways: tuple[str, ...] = ()
    school_ids: tuple[int, ...] = ()
    budget: Decimal = Decimal(0)
    students_reached: int | None = None

    @property
    def counts(self) -> bool:
        return self.status in COUNTING


@dataclass(frozen=True)
class SchoolFacts:
    """A school and its enrolment (``None`` when no audit figure may be shown)."""

    id: int
    name: str
    enrolment: int | None = None


@dataclass(frozen=True)
class PlanSnapshot:
    """What the rules look at. Overload and competition count only the schools listed in
    ``schools`` (an initiative may run in others too). ``areas_of_action``, ``learning_agendas`` and
    ``pathway_names`` map codes to the words the district uses."""

    school_initiative_limit: int
    goals: tuple[GoalFacts, ...] = ()
    initiatives: tuple[InitiativeFacts, ...] = ()
    schools: tuple[SchoolFacts, ...] = ()
    areas_of_action: Mapping[str, str] = field(default_factory=dict)
    learning_agendas: Mapping[str, str] = field(default_factory=dict)
    pathway_names: Mapping[str, str] = field(default_factory=dict)

    def counting(self) -> list[InitiativeFacts]:
        return [i for i in self.initiatives if i.counts]


@dataclass(frozen=True)
class Ref:
    """An object behind a finding: ``kind`` is goal, initiative or school."""

    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    sentence: str
    refs: tuple[Ref, ...] = ()

    @property
    def kind_name(self) -> str:
        return KINDS[self.kind]

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES[self.severity]


@dataclass(frozen=True)
class Reach:
    """Whom an initiative reaches and what that costs per student (``None``: unknown,
    ``source`` says why)."""

    students: int | None
    source: str
    cost_per_student: Decimal | None


def dollars(amount: Decimal) -> str:
    """$12,500 (cents only when there are any)."""
    return f"${amount:,.2f}" if amount != amount.to_integral() else f"${amount:,.0f}"


def goal_ref(goal: GoalFacts) -> Ref:
    return Ref("goal", goal.id, f"{goal.code} {goal.title}")


def initiative_ref(initiative: InitiativeFacts) -> Ref:
    return Ref("initiative", initiative.id, f"{initiative.code} {initiative.name}")


def school_ref(school: SchoolFacts) -> Ref:
    return Ref("school", school.id, school.name)


def _words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
            codes = _words([i.code for i in mine])
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
    who = _words([i.code for i in users])
    where = _words([s.name for s in places])
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
    others = _words(
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
    codes = _words([g.code for g in goals])
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
        reasons.append(f"every goal it serves is off track ({_words([g.code for g in served])})")
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
