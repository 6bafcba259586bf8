"""Which points of a chart belong to a signal, by the rules a chart applies.

Pure functions on a list of values and a centre line (no Django). Points exactly on the
centre line are not useful: they neither break nor extend a run, and never cross.

- Anhøj (the default): the points of any run longer than the analysis' limit
  (``longest_run_max``) are marked; too few crossings is a signal of the whole series.
- IHI (Provost and Murray, *The Health Care Data Guide*): a shift is 6 or more useful points
  in a row on one side of the median; a trend is 5 or more points in a row going up, or all
  going down (a repeated value neither breaks nor counts); too few or too many runs for the
  number of useful points (the two-sided 5% limits of the number of runs, by the normal
  approximation of Swed and Eisenhart that the published table follows); an astronomical
  point, which the guide leaves to judgment, is taken here as a point outside the
  series' own XmR (I chart) limits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SHIFT = 6
TREND = 5


def runs_of(values: Sequence[float], center: float) -> list[list[int]]:
    """The runs of useful points (their positions), in order."""
    runs: list[list[int]] = []
    side = 0
    for i, value in enumerate(values):
        here = (value > center) - (value < center)
        if here == 0:
            continue
        if here != side:
            runs.append([])
            side = here
        runs[-1].append(i)
    return runs


def points_in_runs_longer_than(values: Sequence[float], center: float, most: int) -> set[int]:
    """The positions of the points of every run longer than ``most``."""
    return {i for run in runs_of(values, center) if len(run) > most for i in run}


def trend_points(values: Sequence[float], length: int = TREND) -> set[int]:
    """Positions of ``length`` or more points all going up (or all going down)."""
    kept = [i for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    stretches: list[tuple[int, int]] = []
    start = 0
    for k in range(2, len(kept)):
        if _way(values, kept, k) != _way(values, kept, k - 1):
            stretches.append((start, k - 1))
            start = k - 1
    stretches.append((start, len(kept) - 1))
    marked: set[int] = set()
    for first, last in stretches:
        if last - first + 1 >= length:
            marked |= set(range(kept[first], kept[last] + 1))
    return marked


def _way(values: Sequence[float], kept: list[int], k: int) -> int:
    return 1 if values[kept[k]] > values[kept[k - 1]] else -1


def ihi_runs_limits(n_useful: int) -> tuple[int, int]:
    """Fewer runs than the first, or more than the second, is a signal (IHI rule 3)."""
    mean = n_useful / 2 + 1
    spread = 1.96 * math.sqrt(n_useful * (n_useful - 2) / (4 * (n_useful - 1)))
    return math.floor(mean - spread), math.ceil(mean + spread)


def outside(
    values: Sequence[float],
    lower: Sequence[float | None],
    upper: Sequence[float | None],
) -> set[int]:
    """Positions of the points beyond their limits (a missing limit holds nothing back)."""
    marked = set()
    for i, value in enumerate(values):
        low, high = lower[i], upper[i]
        if (low is not None and value < low) or (high is not None and value > high):
            marked.add(i)
    return marked
