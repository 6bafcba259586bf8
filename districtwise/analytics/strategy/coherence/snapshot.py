"""The plain snapshot of a plan the coherence rules read, and the findings they return."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

COUNTING = frozenset({"active", "proposed", "paused"})

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
    """One finding: its kind (a key of ``KINDS``), severity, a sentence in plain words and
    the objects behind it."""

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


def in_words(items: list[str]) -> str:
    """The items as one phrase: "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
