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

from districtwise.analytics.strategy.coherence.rules import (
    FAR_ABOVE,
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
    reaches,
    unserved_goals,
)
from districtwise.analytics.strategy.coherence.snapshot import (
    COUNTING,
    KINDS,
    SEVERITY_NAMES,
    Finding,
    GoalFacts,
    InitiativeFacts,
    PlanSnapshot,
    Reach,
    Ref,
    SchoolFacts,
    dollars,
)

__all__ = [
    "COUNTING",
    "FAR_ABOVE",
    "KINDS",
    "SEVERITY_NAMES",
    "Finding",
    "GoalFacts",
    "InitiativeFacts",
    "PlanSnapshot",
    "Reach",
    "Ref",
    "SchoolFacts",
    "abandonment_candidates",
    "budget_against_priority",
    "budget_per_goal",
    "coherence_findings",
    "competition",
    "counts_by_kind",
    "dollars",
    "empty_frames",
    "initiatives_per_school",
    "median_cost_per_student",
    "orphans",
    "overload",
    "reach",
    "reaches",
    "unserved_goals",
]
