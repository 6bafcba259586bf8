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
