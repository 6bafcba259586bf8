"""Which points of a chart belong to a signal, by the rules a chart applies.

Pure functions on a list of values and a centre line (no Django). Points exactly on the
centre line are not useful: they neither break nor extend a run, and never cross.

- Anhøj (the default): the points of any run longer than the analysis' limit
  (``longest_run_max``) are marked; too few crossings is a signal of the whole series.
- IHI (Provost and Murray): the analysis' findings list their points (shift, trend, too
  few or too many runs, astronomical point); they are marked as they are.
"""

from __future__ import annotations

from collections.abc import Sequence


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
