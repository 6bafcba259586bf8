"""A stand-in for ``districtwise.analytics.runcharts`` until it is merged (delete at merge).

It implements just enough of the published interface for the charts to be drawn and
tested: ``runs_analysis(values, center=None)`` and ``i_chart`` / ``p_chart`` / ``u_chart``
returning the centre line and the limits per point. The charts import it only through
``districtwise.improvement.charts.analysis``.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RunsAnalysis:
    n_obs: int
    n_useful: int
    longest_run: int
    longest_run_max: int
    n_crossings: int
    n_crossings_min: int
    signal: bool


@dataclass(frozen=True)
class ControlLimits:
    center: list[float]
    lower: list[float]
    upper: list[float]


def _binomial_lower_quantile(trials: int, share: float = 0.05) -> int:
    """The smallest k with P(X <= k) >= share for X ~ Binomial(trials, 0.5)."""
    total = 0.0
    for k in range(trials + 1):
        total += math.comb(trials, k) / 2**trials
        if total >= share:
            return k
    return trials


def runs_analysis(values: Sequence[float | None], center: float | None = None) -> RunsAnalysis:
    """Anhøj's rules: the longest run and the number of crossings of the centre line."""
    known = [v for v in values if v is not None]
    if center is None:
        center = statistics.median(known) if known else 0.0
    sides = [1 if v > center else -1 for v in known if v != center]
    n_useful = len(sides)
    longest = run = 0
    for i, side in enumerate(sides):
        run = run + 1 if i and side == sides[i - 1] else 1
        longest = max(longest, run)
    crossings = sum(1 for a, b in itertools.pairwise(sides) if a != b)
    run_max = round(math.log2(n_useful)) + 3 if n_useful else 0
    crossings_min = _binomial_lower_quantile(n_useful - 1) if n_useful > 1 else 0
    signal = n_useful > 0 and (longest > run_max or crossings < crossings_min)
    return RunsAnalysis(
        len(known), n_useful, longest, run_max, crossings, crossings_min, bool(signal)
    )


def i_chart(values: Sequence[float], phases=None) -> ControlLimits:
    """XmR: the mean plus or minus 2.66 times the mean moving range."""
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    spread = 2.66 * (sum(ranges) / len(ranges)) if ranges else 0.0
    n = len(values)
    return ControlLimits([mean] * n, [mean - spread] * n, [mean + spread] * n)


def p_chart(numerators: Sequence[float], denominators: Sequence[float], phases=None):
    """Proportions: p plus or minus 3 sqrt(p (1 - p) / n_i), within 0 and 1."""
    p = sum(numerators) / sum(denominators)
    sigmas = [math.sqrt(p * (1 - p) / d) for d in denominators]
    return ControlLimits(
        [p] * len(sigmas),
        [max(0.0, p - 3 * s) for s in sigmas],
        [min(1.0, p + 3 * s) for s in sigmas],
    )


def u_chart(counts: Sequence[float], exposures: Sequence[float], phases=None):
    """Rates: u plus or minus 3 sqrt(u / n_i), not below 0."""
    u = sum(counts) / sum(exposures)
    sigmas = [math.sqrt(u / e) for e in exposures]
    return ControlLimits(
        [u] * len(sigmas), [max(0.0, u - 3 * s) for s in sigmas], [u + 3 * s for s in sigmas]
    )


@dataclass(frozen=True)
class IhiFinding:
    rule: str
    positions: tuple[int, ...]
    words: str


@dataclass(frozen=True)
class IhiAnalysis:
    n_obs: int
    n_useful: int
    n_runs: int
    runs_min: int | None
    runs_max: int | None
    findings: tuple[IhiFinding, ...]

    @property
    def signal(self) -> bool:
        return bool(self.findings)


def _runs(values: Sequence[float], center: float) -> list[list[int]]:
    runs: list[list[int]] = []
    side = 0
    for i, value in enumerate(values):
        here = (value > center) - (value < center)
        if here and here != side:
            runs.append([])
            side = here
        if here:
            runs[-1].append(i)
    return runs


def runs_limits(n_useful: int) -> tuple[int, int]:
    """The IHI's fewest and most runs (normal approximation of Swed and Eisenhart)."""
    mean = n_useful / 2 + 1
    spread = 1.96 * math.sqrt(n_useful * (n_useful - 2) / (4 * (n_useful - 1)))
    return math.floor(mean - spread), math.ceil(mean + spread)


def _trend_positions(values: Sequence[float]) -> list[tuple[int, ...]]:
    kept = [i for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    found = []
    start = 0
    while start < len(kept) - 1:
        rising = values[kept[start + 1]] > values[kept[start]]
        end = start + 1
        while end + 1 < len(kept) and (values[kept[end + 1]] > values[kept[end]]) == rising:
            end += 1
        if end - start + 1 >= 5:
            found.append(tuple(range(kept[start], kept[end] + 1)))
        start = end
    return found


def ihi_rules(values: Sequence[float], center: float | None = None) -> IhiAnalysis:
    """The IHI's shift, trend, runs and astronomical-point rules."""
    middle = statistics.median(values) if center is None else center
    runs = _runs(values, middle)
    n_useful = sum(len(r) for r in runs)
    if n_useful < 10:
        return IhiAnalysis(len(values), n_useful, len(runs), None, None, ())
    low, high = runs_limits(n_useful)
    findings = [
        IhiFinding("shift", tuple(r), f"Shift: {len(r)} points in a row on one side.")
        for r in runs
        if len(r) >= 6
    ]
    trends = _trend_positions(values)
    findings += [IhiFinding("trend", t, f"Trend: {len(t)} points.") for t in trends]
    if not low <= len(runs) <= high:
        every = tuple(i for r in runs for i in r)
        findings.append(IhiFinding("runs", every, f"{len(runs)} runs, not {low} to {high}."))
    spread = 1.4826 * statistics.median(abs(v - middle) for v in values)
    findings += [
        IhiFinding("astronomical", (i,), f"Astronomical point: point {i + 1}.")
        for i, v in enumerate(values)
        if spread and abs(v - middle) > 3 * spread
    ]
    return IhiAnalysis(len(values), n_useful, len(runs), low, high, tuple(findings))
