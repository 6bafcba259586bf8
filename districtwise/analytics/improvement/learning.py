"""What a network learned from its cycles (no Django): the change ideas by schools matrix,
the spread of each idea, and which cycles a month of the network's work holds.

Rules (documented for the pages that show them):

- A cycle *starts* on the day it started (else the day it was planned to start). It is
  *decided* when it is closed: a decision chosen in the Act stage counts once the team
  closes the cycle. A decided cycle *ends* on the day it closed (else its planned end,
  else its start).
- A school's *latest decision* on an idea is the state of its latest cycle on that idea
  (latest start, then latest recorded): its decision when closed, else "in progress".
  So a school adapting an idea and testing it again is "in progress" until the new cycle
  closes.
- An idea was *tested* in a school with at least one cycle there; it is counted as
  *adopted*, *adapted*, *abandoned* or *in progress* there by the school's latest decision,
  so those four counts add up to the schools that tested it.
- An idea *moved to adoption* in a school when one of its cycles there closed with
  "adopt": from the start of the school's first cycle on the idea to the first adopt.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

ADOPT, ADAPT, ABANDON, IN_PROGRESS = "adopt", "adapt", "abandon", "in_progress"
STATES = (ADOPT, ADAPT, ABANDON, IN_PROGRESS)


@dataclass(frozen=True)
class CycleFact:
    """What the learning roll-ups need of one cycle."""

    idea: int
    team: int
    starts: dt.date
    closed: bool = False
    decision: str = ""
    ends: dt.date | None = None  # the day a closed cycle ended
    order: int = 0  # the order cycles were recorded in (ties of the same start)

    @property
    def state(self) -> str:
        """The cycle's decision when closed, else in progress."""
        return self.decision if self.closed and self.decision else IN_PROGRESS


@dataclass(frozen=True)
class Cell:
    """One idea at one school: how many cycles, and the latest decision."""

    cycles: int
    latest: str


@dataclass(frozen=True)
class Spread:
    """How far one idea spread: schools that tested it, by their latest decision."""

    idea: int
    tested: int
    adopted: int
    adapted: int
    abandoned: int
    in_progress: int


@dataclass(frozen=True)
class Adoption:
    """An idea that moved from testing to adoption in one school."""

    idea: int
    team: int
    first_tested: dt.date
    first_adopted: dt.date

    @property
    def days(self) -> int:
        return (self.first_adopted - self.first_tested).days


def _by_cell(cycles: Iterable[CycleFact]) -> dict[tuple[int, int], list[CycleFact]]:
    grouped: dict[tuple[int, int], list[CycleFact]] = defaultdict(list)
    for cycle in cycles:
        grouped[(cycle.idea, cycle.team)].append(cycle)
    return grouped


def latest_cycle(cycles: Iterable[CycleFact]) -> CycleFact:
    """The latest of a school's cycles on one idea: latest start, then latest recorded."""
    return max(cycles, key=lambda c: (c.starts, c.order))


def idea_school_matrix(cycles: Iterable[CycleFact]) -> dict[tuple[int, int], Cell]:
    """Each (idea, team) with cycles: the number of cycles and the latest decision."""
    return {
        key: Cell(cycles=len(found), latest=latest_cycle(found).state)
        for key, found in _by_cell(cycles).items()
    }


def cycle_totals(
    cells: dict[tuple[int, int], Cell],
) -> tuple[dict[int, int], dict[int, int], int]:
    """Cycles per idea, per team, and in all."""
    by_idea: dict[int, int] = defaultdict(int)
    by_team: dict[int, int] = defaultdict(int)
    for (idea, team), cell in cells.items():
        by_idea[idea] += cell.cycles
        by_team[team] += cell.cycles
    return dict(by_idea), dict(by_team), sum(by_idea.values())


def spread(cells: dict[tuple[int, int], Cell]) -> dict[int, Spread]:
    """Per idea: the schools that tested it, and how many of them adopted, adapted,
    abandoned it or are still testing it (by each school's latest decision)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATES, 0))
    for (idea, _team), cell in cells.items():
        counts[idea][cell.latest] += 1
    return {
        idea: Spread(
            idea=idea,
            tested=sum(c.values()),
            adopted=c[ADOPT],
            adapted=c[ADAPT],
            abandoned=c[ABANDON],
            in_progress=c[IN_PROGRESS],
        )
        for idea, c in counts.items()
    }


def adoptions(cycles: Iterable[CycleFact]) -> list[Adoption]:
    """The (idea, school) pairs where a cycle closed with "adopt": the start of the
    school's first cycle on the idea and the day of its first adopt, earliest first."""
    found = []
    for (idea, team), mine in _by_cell(cycles).items():
        adopted = [c.ends or c.starts for c in mine if c.state == ADOPT]
        if adopted:
            first = min(c.starts for c in mine)
            found.append(Adoption(idea, team, first_tested=first, first_adopted=min(adopted)))
    return sorted(found, key=lambda a: (a.first_adopted, a.idea, a.team))


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def active_between(cycle: CycleFact, first: dt.date, last: dt.date) -> bool:
    """Whether the cycle ran at some time from ``first`` to ``last`` (both included): it
    started by ``last`` and was open, or closed, on or after ``first``."""
    if cycle.starts > last:
        return False
    if not cycle.closed:
        return True
    return (cycle.ends or cycle.starts) >= first
