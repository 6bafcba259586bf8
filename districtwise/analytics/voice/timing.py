"""Time to answer: how long the district takes to answer needs, against its targets.

Days run from when a need was raised to when it was answered (fractions of a day kept).
The median and the 90th percentile use linear interpolation between the closest ranks
(the usual "type 7" definition: for sorted values x0..x(n-1) the p-th percentile is at
rank p * (n - 1)). A need is answered *within target* when its days are at most the
target days of its urgency.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AnsweredNeed:
    """One answered need as the timing reads it."""

    group: Hashable  # what the figures are gathered by, e.g. (department, urgency)
    days: float  # from raised to answered
    target_days: int


@dataclass(frozen=True)
class AnswerTiming:
    """The figures of one group."""

    group: Hashable
    answered: int
    median_days: float
    p90_days: float
    within_target: int

    @property
    def share_within_target(self) -> float:
        return self.within_target / self.answered if self.answered else 0.0


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0..1) percentile of ``values`` by linear interpolation; NaN when
    there are no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = share * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def answer_timings(needs: Iterable[AnsweredNeed]) -> list[AnswerTiming]:
    """Per group: how many answered, median and 90th-percentile days, how many within
    target. Groups in the order first met."""
    days: dict[Hashable, list[float]] = {}
    within: dict[Hashable, int] = {}
    for need in needs:
        days.setdefault(need.group, []).append(need.days)
        within[need.group] = within.get(need.group, 0) + (need.days <= need.target_days)
    return [
        AnswerTiming(
            group=group,
            answered=len(values),
            median_days=percentile(values, 0.5),
            p90_days=percentile(values, 0.9),
            within_target=within[group],
        )
        for group, values in days.items()
    ]
