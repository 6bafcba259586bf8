"""The IHI's four run-chart rules (Perla, Provost & Murray 2011, "The run chart: a simple
analytical tool for learning from variation in healthcare processes", BMJ Qual Saf 20:46-51),
offered beside the Anhøj rules. Each finding lists the 0-based positions of its points so a
chart can highlight them.

1. *Shift*: ``SHIFT_LENGTH`` (6) or more consecutive useful points on one side of the median.
   Points on the median neither break a shift nor count toward it.
2. *Trend*: ``TREND_LENGTH`` (5) or more consecutive points all going up or all going down.
   A point equal to the one before it neither breaks the trend nor counts (the IHI's "ignore
   like values"); it is still listed among the trend's positions.
3. *Too few or too many runs*: the number of runs (crossings + 1) outside the limits that
   ``runs_limits`` computes from the exact distribution of the number of runs (Swed &
   Eisenhart 1943), which is what the IHI's table of 10 to 60 useful points encodes (past
   ``EXACT_RUNS_POINTS`` useful points, its normal approximation).
4. *Astronomical point*: the IHI leaves it to judgement ("obviously different"). Here a point
   is astronomical when it is more than ``ASTRONOMICAL_SPREAD`` (3) robust standard
   deviations from the median of the values, the robust standard deviation being 1.4826 x
   the median absolute deviation (MAD), so about 3 standard deviations for normal data. When
   the MAD is 0 (most values equal) the rule is not applied: no spread to judge against.

Like the Anhøj rules, these are applied from ``MIN_USEFUL_POINTS`` (10) useful points; with
fewer there are no findings and ``enough_points`` is False.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from districtwise.analytics.runcharts.anhoej import MIN_USEFUL_POINTS
from districtwise.analytics.runcharts.series import (
    Number,
    Stretch,
    clean,
    median,
    observed,
    plural,
    point_list,
    runs_about,
)

SHIFT, TREND, TOO_FEW_RUNS, TOO_MANY_RUNS, ASTRONOMICAL = (
    "shift",
    "trend",
    "too_few_runs",
    "too_many_runs",
    "astronomical",
)
SHIFT_LENGTH = 6
TREND_LENGTH = 5
RUNS_TAIL = (1, 40)  # 2.5% in each tail: Swed & Eisenhart's two-sided 5% test
ASTRONOMICAL_SPREAD = 3.0
MAD_TO_SD = 1.4826  # the MAD of normal data times this estimates its standard deviation
# Beyond this many useful points the runs limits come from the normal approximation of the
# number of runs (Wald & Wolfowitz), as exact counts grow too large to be quick.
EXACT_RUNS_POINTS = 1_000


@cache
def runs_distribution(below: int, above: int) -> dict[int, int]:
    """How many of the C(below + above, below) equally likely orders of ``below`` and
    ``above`` points give each number of runs (Swed & Eisenhart 1943)."""
    counts: dict[int, int] = {}
    for runs in range(2, below + above + 1):
        k = runs // 2
        if runs % 2 == 0:
            ways = 2 * math.comb(below - 1, k - 1) * math.comb(above - 1, k - 1)
        else:
            ways = math.comb(below - 1, k) * math.comb(above - 1, k - 1) + math.comb(
                below - 1, k - 1
            ) * math.comb(above - 1, k)
        if ways:
            counts[runs] = ways
    return counts


@cache
def runs_limits(n_useful: int) -> tuple[int, int]:
    """(fewest, most) runs expected by chance among ``n_useful`` useful points, split by the
    median into n // 2 below and the rest above: fewer runs than the first, or more than
    the second, has a probability of at most 2.5% each under random variation."""
    if n_useful < 2:
        raise ValueError("the runs limits need at least two useful points")
    if n_useful > EXACT_RUNS_POINTS:
        return _normal_runs_limits(n_useful)
    below = n_useful // 2
    counts = runs_distribution(below, n_useful - below)
    total = math.comb(n_useful, below)
    share, whole = RUNS_TAIL
    fewest, most = min(counts), max(counts)
    cumulative = 0
    for runs in sorted(counts):  # too few: P(R <= runs) <= 2.5%
        cumulative += counts[runs]
        if cumulative * whole > share * total:
            break
        fewest = runs + 1
    cumulative = 0
    for runs in sorted(counts, reverse=True):  # too many: P(R >= runs) <= 2.5%
        cumulative += counts[runs]
        if cumulative * whole > share * total:
            break
        most = runs - 1
    return fewest, most


def _normal_runs_limits(n_useful: int) -> tuple[int, int]:
    below, above = n_useful // 2, n_useful - n_useful // 2
    both = 2 * below * above
    mean = both / n_useful + 1
    spread = math.sqrt(both * (both - n_useful) / (n_useful**2 * (n_useful - 1)))
    return math.ceil(mean - 1.96 * spread), math.floor(mean + 1.96 * spread)


@dataclass(frozen=True)
class IhiFinding:
    """One signal of the IHI rules: which rule, the positions involved, and why."""

    rule: str
    positions: tuple[int, ...]
    words: str


@dataclass(frozen=True)
class IhiAnalysis:
    """The IHI rules applied to one run chart. ``runs_min``/``runs_max``: the limits of the
    runs rule (None below MIN_USEFUL_POINTS useful points); ``enough_points``: at least
    MIN_USEFUL_POINTS useful points; ``signal``: any finding."""

    n_obs: int
    n_useful: int
    center: float | None
    center_is_median: bool
    n_runs: int
    runs_min: int | None
    runs_max: int | None
    findings: tuple[IhiFinding, ...]
    enough_points: bool
    signal: bool

    @property
    def words(self) -> str:
        """What the rules found, in plain language."""
        line = "median" if self.center_is_median else "center line"
        if not self.enough_points:
            return (
                f"Too few points for the run-chart rules: {self.n_useful} of {self.n_obs} "
                f"values are off the {line}, and the rules need at least "
                f"{MIN_USEFUL_POINTS}. No signal is reported."
            )
        if not self.findings:
            return (
                f"No signal: no shift of {SHIFT_LENGTH} or more points on one side of the "
                f"{line}, no trend of {TREND_LENGTH} or more points, {self.n_runs} runs "
                f"(between {self.runs_min} and {self.runs_max} is expected) and no "
                "astronomical point."
            )
        return " ".join(finding.words for finding in self.findings)


def ihi_rules(values: Iterable[Number | None], center: Number | None = None) -> IhiAnalysis:
    """The IHI run-chart rules (shift, trend, too few or too many runs, astronomical point)
    applied to ``values`` in chart order about ``center`` (default: their median).
    Missing values (None, NaN) are skipped; raises SeriesError for a value that is not a
    number."""
    series = clean(values)
    given = clean([center], name="center")[0] if center is not None else None
    middle = given if given is not None else median(series)
    runs = runs_about(series, middle) if middle is not None else []
    n_useful = sum(run.length for run in runs)
    enough = n_useful >= MIN_USEFUL_POINTS
    limits = runs_limits(n_useful) if enough else None
    line = "median" if given is None else "center line"
    findings: list[IhiFinding] = []
    if enough and limits is not None:
        findings += shifts(runs, line)
        findings += trends(series)
        findings += runs_count(runs, limits, line)
        findings += astronomical_points(series)
    return IhiAnalysis(
        n_obs=len(observed(series)),
        n_useful=n_useful,
        center=middle,
        center_is_median=given is None,
        n_runs=len(runs),
        runs_min=limits[0] if limits else None,
        runs_max=limits[1] if limits else None,
        findings=tuple(findings),
        enough_points=enough,
        signal=bool(findings),
    )


def shifts(runs: Sequence[Stretch], line: str) -> list[IhiFinding]:
    """A finding per run of SHIFT_LENGTH or more useful points on one side."""
    return [
        IhiFinding(
            SHIFT,
            run.positions,
            f"Shift: points {point_list(run.positions)} are {run.length} in a row {run.kind} "
            f"the {line} ({SHIFT_LENGTH} or more is a signal).",
        )
        for run in runs
        if run.length >= SHIFT_LENGTH
    ]


def trends(series: Sequence[float | None]) -> list[IhiFinding]:
    """A finding per stretch of TREND_LENGTH or more points all going up or all down;
    a point equal to the one before it is listed but not counted."""
    blocks: list[tuple[float, list[int]]] = []  # consecutive equal values merged
    for position, value in observed(series):
        if blocks and blocks[-1][0] == value:
            blocks[-1][1].append(position)
        else:
            blocks.append((value, [position]))
    findings = []
    start = 0
    while start < len(blocks) - 1:
        rising = blocks[start + 1][0] > blocks[start][0]
        end = start + 1
        while end + 1 < len(blocks) and (blocks[end + 1][0] > blocks[end][0]) == rising:
            end += 1
        if end - start + 1 >= TREND_LENGTH:
            positions = tuple(p for _, block in blocks[start : end + 1] for p in block)
            findings.append(
                IhiFinding(
                    TREND,
                    positions,
                    f"Trend: {end - start + 1} points in a row go {'up' if rising else 'down'}"
                    f" (points {point_list(positions)}; a repeated value is counted once); "
                    f"{TREND_LENGTH} or more is a signal.",
                )
            )
        start = end  # the turning point starts the next stretch
    return findings


def runs_count(runs: Sequence[Stretch], limits: tuple[int, int], line: str) -> list[IhiFinding]:
    """A finding when the number of runs is below or above the limits."""
    fewest, most = limits
    positions = tuple(p for run in runs for p in run.positions)
    if len(runs) < fewest:
        label, rule, why = "Too few runs", TOO_FEW_RUNS, f"fewer than {fewest}"
    elif len(runs) > most:
        label, rule, why = "Too many runs", TOO_MANY_RUNS, f"more than {most}"
    else:
        return []
    words = (
        f"{label}: the {len(positions)} points off the {line} make "
        f"{plural(len(runs), 'run')}; {why} happen by chance less than 2.5% of the time."
    )
    return [IhiFinding(rule, positions, words)]


def astronomical_points(series: Sequence[float | None]) -> list[IhiFinding]:
    """A finding per point more than ASTRONOMICAL_SPREAD robust standard deviations
    (MAD_TO_SD x the median absolute deviation) from the median; none when the MAD is 0."""
    points = observed(series)
    middle = statistics.median(x for _, x in points)
    spread = MAD_TO_SD * statistics.median(abs(x - middle) for _, x in points)
    if spread == 0:
        return []
    return [
        IhiFinding(
            ASTRONOMICAL,
            (position,),
            f"Astronomical point: point {position + 1} ({value:g}) is more than "
            f"{ASTRONOMICAL_SPREAD:g} robust standard deviations from the median of the values.",
        )
        for position, value in points
        if abs(value - middle) > ASTRONOMICAL_SPREAD * spread
    ]
