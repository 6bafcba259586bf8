"""The Anhøj rules for run charts (Anhøj & Olesen 2014, "Run charts revisited", PLoS ONE
9(11): e113825), as the issue's "Correctness (run-chart rules)" section fixes them.

Of the points of a run chart, those exactly on the centre line (the median unless another
centre is given) are not *useful*: they neither break nor extend a run and are not
crossings. With ``n`` useful points:

* *unusually long run*: a run of consecutive useful points on one side of the centre longer
  than ``round(log2(n)) + 3`` (halves rounded up, as R and the published tables round);
* *unusually few crossings*: fewer crossings of the centre (consecutive useful points on
  opposite sides) than the lower 5% quantile of Binomial(n - 1, 0.5), as R's
  ``qbinom(0.05, n - 1, 0.5)`` defines it: the smallest k with P(X <= k) >= 0.05.

Either is a *signal* of non-random variation. The rules are applied from
``MIN_USEFUL_POINTS`` useful points; below that no signal is reported and
``enough_points`` is False.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from districtwise.analytics.runcharts.series import (
    Number,
    clean,
    median,
    observed,
    plural,
    round_half_up,
    runs_about,
)

# Anhøj's rules are validated and usually applied from 10 useful points (the tables of
# Anhøj & Olesen 2014 start there); with fewer, a run or crossing count says little.
MIN_USEFUL_POINTS = 10
CROSSINGS_QUANTILE = (1, 20)  # 5% as an exact fraction, so no P(X <= k) is misjudged


def longest_run_limit(n_useful: int) -> int:
    """The longest run expected by chance among ``n_useful`` useful points:
    ``round(log2(n_useful)) + 3``, halves rounded up. A longer run is a signal."""
    if n_useful < 1:
        raise ValueError("the longest-run limit needs at least one useful point")
    return round_half_up(math.log2(n_useful)) + 3


# Up to this many trials the crossings limit is computed in exact integer arithmetic;
# beyond it (very long series) the binomial terms are summed as floating-point numbers,
# each found from the one before in log space, which is as fast for a million points.
EXACT_TRIALS = 2_000


@cache
def crossings_limit(n_useful: int) -> int:
    """The fewest crossings expected by chance among ``n_useful`` useful points:
    ``qbinom(0.05, n_useful - 1, 0.5)``, the smallest k with P(X <= k) >= 0.05 for
    X ~ Binomial(n_useful - 1, 1/2). Fewer is a signal."""
    if n_useful < 1:
        raise ValueError("the crossings limit needs at least one useful point")
    trials = n_useful - 1
    if trials <= EXACT_TRIALS:
        return _exact_binomial_quantile(trials)
    return _float_binomial_quantile(trials)


def _exact_binomial_quantile(trials: int) -> int:
    # P(X <= k) >= 1/20  <=>  20 * sum_{i<=k} C(trials, i) >= 2**trials
    numerator, denominator = CROSSINGS_QUANTILE
    target = numerator * 2**trials
    term, cumulative = 1, 0  # term = C(trials, k)
    for k in range(trials + 1):
        cumulative += term
        if cumulative * denominator >= target:
            return k
        term = term * (trials - k) // (k + 1)
    return trials  # not reached: P(X <= trials) = 1


def _float_binomial_quantile(trials: int) -> int:
    numerator, denominator = CROSSINGS_QUANTILE
    share = numerator / denominator
    log_term, cumulative = -trials * math.log(2), 0.0  # log P(X = k), from k = 0
    for k in range(trials + 1):
        cumulative += math.exp(log_term)
        if cumulative >= share:
            return k
        log_term += math.log(trials - k) - math.log(k + 1)
    return trials


@dataclass(frozen=True)
class RunsAnalysis:
    """The Anhøj analysis of one run chart.

    ``n_obs``: non-missing values; ``n_useful``: those not on the centre line;
    ``longest_run`` and its limit ``longest_run_max``; ``n_crossings`` and its limit
    ``n_crossings_min``. The limits are None only when there is no useful point.
    ``longest_run_positions``: the 0-based positions (in the sequence given, gaps counted)
    of the points of the longest run (the first one when several are equally long), for a
    chart to highlight; ``longest_run_side``: "above" or "below" (None without a run).
    ``enough_points``: at least MIN_USEFUL_POINTS useful points, without which no signal is
    reported. ``runs_signal``: the longest run is longer than ``longest_run_max``;
    ``crossings_signal``: the crossings are fewer than ``n_crossings_min``; ``signal``:
    either (non-random variation).
    """

    n_obs: int
    n_useful: int
    center: float | None
    center_is_median: bool
    longest_run: int
    longest_run_max: int | None
    longest_run_side: str | None
    longest_run_positions: tuple[int, ...]
    n_crossings: int
    n_crossings_min: int | None
    enough_points: bool
    runs_signal: bool
    crossings_signal: bool
    signal: bool

    @property
    def words(self) -> str:
        """What the analysis found, in plain language (see ``runs_words``)."""
        return runs_words(self)


def runs_analysis(values: Iterable[Number | None], center: Number | None = None) -> RunsAnalysis:
    """The Anhøj run-chart analysis of ``values`` (in chart order) about ``center``.

    ``values``: numbers (int, float, Decimal); None and NaN are missing and skipped.
    ``center``: the centre line; by default the median of the non-missing values.
    Points exactly on the centre are not useful (they count in ``n_obs`` only).
    Raises SeriesError for a value that is not a number, naming its position.

    >>> a = runs_analysis([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    >>> (a.n_useful, a.longest_run, a.longest_run_max, a.n_crossings, a.n_crossings_min)
    (12, 6, 7, 1, 3)
    >>> a.signal
    True
    """
    series = clean(values)
    given = clean([center], name="center")[0] if center is not None else None
    middle = given if given is not None else median(series)
    n_obs = len(observed(series))
    runs = runs_about(series, middle) if middle is not None else []
    n_useful = sum(run.length for run in runs)
    longest = max(runs, key=lambda run: run.length, default=None)
    longest_run = longest.length if longest else 0
    longest_run_max = longest_run_limit(n_useful) if n_useful else None
    n_crossings = max(len(runs) - 1, 0)
    n_crossings_min = crossings_limit(n_useful) if n_useful else None
    enough = n_useful >= MIN_USEFUL_POINTS
    runs_signal = enough and longest_run_max is not None and longest_run > longest_run_max
    crossings_signal = enough and n_crossings_min is not None and n_crossings < n_crossings_min
    return RunsAnalysis(
        n_obs=n_obs,
        n_useful=n_useful,
        center=middle,
        center_is_median=given is None,
        longest_run=longest_run,
        longest_run_max=longest_run_max,
        longest_run_side=longest.kind if longest else None,
        longest_run_positions=longest.positions if longest else (),
        n_crossings=n_crossings,
        n_crossings_min=n_crossings_min,
        enough_points=enough,
        runs_signal=runs_signal,
        crossings_signal=crossings_signal,
        signal=runs_signal or crossings_signal,
    )


def runs_words(analysis: RunsAnalysis) -> str:
    """A sentence or two saying which signal the analysis found and why, that there is
    none, or that there are too few useful points for the rules."""
    line = "median" if analysis.center_is_median else "center line"
    not_useful = analysis.n_obs - analysis.n_useful
    aside = (
        f" ({plural(not_useful, 'point')} on the {line} {'is' if not_useful == 1 else 'are'}"
        " not counted)"
        if not_useful
        else ""
    )
    if not analysis.enough_points:
        return (
            f"Too few points for the run-chart rules: {analysis.n_useful} of "
            f"{analysis.n_obs} values are off the {line}, and the rules need at least "
            f"{MIN_USEFUL_POINTS}. No signal is reported; add points before reading the "
            "chart for signals."
        )
    run = (
        f"the longest run is {plural(analysis.longest_run, 'point')} "
        f"{analysis.longest_run_side} the {line}"
    )
    crossings = (
        f"the line crosses the {line} {_times(analysis.n_crossings)}"
        if analysis.n_crossings
        else f"the line never crosses the {line}"
    )
    if not analysis.signal:
        return (
            f"No signal: {run} (more than {analysis.longest_run_max} would be a signal) and "
            f"{crossings} (fewer than {analysis.n_crossings_min} would be a signal), so the "
            f"variation looks random{aside}."
        )
    found = []
    if analysis.runs_signal:
        found.append(
            f"{run}; with {analysis.n_useful} useful points, a run longer than "
            f"{analysis.longest_run_max} happens by chance only rarely"
        )
    if analysis.crossings_signal:
        found.append(
            f"{crossings}; with {analysis.n_useful} useful points, fewer than "
            f"{analysis.n_crossings_min} crossings happen by chance less than 5% of the time"
        )
    return (
        f"Signal of non-random variation: {'. Also, '.join(found)}. Something has likely "
        f"changed in the process{aside}."
    )


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
