"""Shewhart control charts: the I chart (XmR) of individual values, the p chart of
proportions and the u chart of rates, with phases (a new baseline from a given point).

Every chart returns, per point of the series given (gaps included, so positions line up
with the chart's dates): the value, the centre line, the lower and upper limits, and the
phase. Centre and limits are computed afresh in each phase from that phase's points only.

* I chart: centre = mean; limits = mean +/- 2.66 x the mean moving range, the moving
  ranges being |x_i - x_(i-1)| of consecutive non-missing values within the phase (a gap
  is skipped over). 2.66 = 3 / d2 with d2 = 1.128 for ranges of two. The moving-range
  chart has centre = the mean moving range and upper limit 3.267 x it (D4), lower 0.
* p chart: centre p = sum(numerators) / sum(denominators); limits
  p +/- 3 sqrt(p (1 - p) / n_i) for a point of denominator n_i, clipped to [0, 1].
* u chart: centre u = sum(counts) / sum(exposures); limits u +/- 3 sqrt(u / e_i) for a
  point of exposure e_i, the lower clipped at 0.

A missing point (None or NaN; for p and u charts, a missing numerator or denominator) has
value None; its centre is the phase's, its limits too on an I chart (they do not depend on
the point) but None on p and u charts (they depend on the point's denominator).

Signals, reported from MIN_CONTROL_POINTS non-missing points in the chart:
* ``outside_limits``: a point above the upper or below the lower limit (a point exactly on
  a limit is inside);
* ``run_on_one_side``: RUN_LENGTH (8) or more consecutive points on one side of the centre
  line within one phase (Western Electric rule 4, Nelson rule 2 takes 9). As on run charts,
  a point exactly on the centre line neither breaks nor extends the run, and gaps are
  skipped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import fmean

from districtwise.analytics.runcharts.anhoej import MIN_USEFUL_POINTS
from districtwise.analytics.runcharts.series import (
    Number,
    SeriesError,
    as_number,
    clean,
    observed,
    plural,
    point_list,
    runs_about,
)

I_CHART, P_CHART, U_CHART = "i", "p", "u"
OUTSIDE_LIMITS, RUN_ON_ONE_SIDE = "outside_limits", "run_on_one_side"
MIN_CONTROL_POINTS = MIN_USEFUL_POINTS
RUN_LENGTH = 8
E2 = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two points
D4 = 3.267  # the moving-range chart's upper limit factor
SIGMAS = 3


@dataclass(frozen=True)
class Phase:
    """One baseline of a chart: positions ``start`` to ``stop`` (exclusive), its centre
    (None without values), its non-missing points and, on an I chart, its mean moving
    range (None with fewer than two values)."""

    start: int
    stop: int
    center: float | None
    n_obs: int
    mean_moving_range: float | None = None


@dataclass(frozen=True)
class ControlSignal:
    """A special-cause signal: the rule, the positions of its points, and why."""

    rule: str
    positions: tuple[int, ...]
    words: str


@dataclass(frozen=True)
class MovingRangeChart:
    """An I chart's moving ranges per position (None for a phase's first value and gaps),
    with each position's centre (mean moving range) and upper limit (its lower is 0)."""

    values: tuple[float | None, ...]
    center: tuple[float | None, ...]
    upper: tuple[float | None, ...]


@dataclass(frozen=True)
class ControlChart:
    """A control chart, per position of the series given: ``values``, ``center``,
    ``lower``, ``upper`` and ``phase`` (the index into ``phases``); the ``signals`` found;
    ``n_obs`` non-missing points; ``enough_points``: at least MIN_CONTROL_POINTS of them,
    without which no signal is reported; ``signal``: any signal; for an I chart, its
    ``moving_range`` chart."""

    kind: str
    values: tuple[float | None, ...]
    center: tuple[float | None, ...]
    lower: tuple[float | None, ...]
    upper: tuple[float | None, ...]
    phase: tuple[int, ...]
    phases: tuple[Phase, ...]
    signals: tuple[ControlSignal, ...]
    n_obs: int
    enough_points: bool
    signal: bool
    moving_range: MovingRangeChart | None = None

    @property
    def outside(self) -> tuple[bool, ...]:
        """Per position, whether the point is outside its limits."""
        return tuple(
            _is_outside(v, lo, hi)
            for v, lo, hi in zip(self.values, self.lower, self.upper, strict=True)
        )

    @property
    def words(self) -> str:
        """What the chart shows, in plain language."""
        if not self.enough_points:
            return (
                f"Too few points for control-chart signals: {plural(self.n_obs, 'value')}, "
                f"and the rules need at least {MIN_CONTROL_POINTS}. The limits are shown, "
                "but no signal is reported."
            )
        if not self.signals:
            return (
                "No signal: every point lies within the control limits and no "
                f"{RUN_LENGTH} or more points in a row sit on one side of the center line, "
                "so the variation looks like the process's usual (common-cause) variation."
            )
        return " ".join(signal.words for signal in self.signals)


def i_chart(values: Iterable[Number | None], phases: Iterable[int] | None = None) -> ControlChart:
    """The I chart (XmR) of ``values`` in chart order, with a new phase (baseline) starting
    at each 0-based position in ``phases``. See the module for the formulas.

    >>> chart = i_chart([10, 12, 11, 13, 9])
    >>> chart.center[0], round(chart.lower[0], 3), round(chart.upper[0], 3)
    (11.0, 5.015, 16.985)
    """
    series = clean(values)
    n = len(series)
    center: list[float | None] = [None] * n
    lower: list[float | None] = [None] * n
    upper: list[float | None] = [None] * n
    ranges: list[float | None] = [None] * n
    range_center: list[float | None] = [None] * n
    range_upper: list[float | None] = [None] * n
    summaries = []
    for start, stop in phase_bounds(phases, n):
        points = observed(series[start:stop])
        mean = fmean(x for _, x in points) if points else None
        moves = [abs(b[1] - a[1]) for a, b in pairwise(points)]
        mean_move = fmean(moves) if moves else None
        for (position, _), move in zip(points[1:], moves, strict=True):
            ranges[start + position] = move
        for position in range(start, stop):
            center[position] = mean
            range_center[position] = mean_move
            if mean is not None and mean_move is not None:
                lower[position] = mean - E2 * mean_move
                upper[position] = mean + E2 * mean_move
                range_upper[position] = D4 * mean_move
        summaries.append(Phase(start, stop, mean, len(points), mean_move))
    moving_range = MovingRangeChart(tuple(ranges), tuple(range_center), tuple(range_upper))
    return _chart(I_CHART, series, center, lower, upper, summaries, moving_range)


def p_chart(
    numerators: Iterable[Number | None],
    denominators: Iterable[Number | None],
    phases: Iterable[int] | None = None,
) -> ControlChart:
    """The p chart of the proportions numerators[i] / denominators[i], with a new phase at
    each position in ``phases``. Raises SeriesError for lengths that differ, a denominator
    that is not positive, or a numerator below 0 or above its denominator."""
    pairs = _pairs(numerators, denominators, "numerators", "denominators")
    for position, (events, count) in enumerate(pairs):
        if events is not None and count is not None and events > count:
            raise SeriesError(
                f"numerators: the value at position {position} ({events:g}) is more than its "
                f"denominator ({count:g})"
            )

    def limits(proportion: float, count: float) -> tuple[float, float]:
        spread = SIGMAS * math.sqrt(proportion * (1 - proportion) / count)
        return max(0.0, proportion - spread), min(1.0, proportion + spread)

    return _ratio_chart(P_CHART, pairs, phases, limits)


def u_chart(
    counts: Iterable[Number | None],
    exposures: Iterable[Number | None],
    phases: Iterable[int] | None = None,
) -> ControlChart:
    """The u chart of the rates counts[i] / exposures[i] (events per unit of exposure),
    with a new phase at each position in ``phases``. Raises SeriesError for lengths that
    differ, an exposure that is not positive or a negative count."""
    pairs = _pairs(counts, exposures, "counts", "exposures")

    def limits(rate: float, exposure: float) -> tuple[float, float]:
        spread = SIGMAS * math.sqrt(rate / exposure)
        return max(0.0, rate - spread), rate + spread

    return _ratio_chart(U_CHART, pairs, phases, limits)


def phase_bounds(phases: Iterable[int] | None, n: int) -> list[tuple[int, int]]:
    """(start, stop) of each phase of a series of ``n`` points; ``phases`` are the 0-based
    positions where a new phase starts (0 and repeats are allowed and change nothing).
    Raises SeriesError for a start that is not a position of the series."""
    starts = {0}
    for start in phases or ():
        if isinstance(start, bool) or not isinstance(start, int) or not 0 <= start < max(n, 1):
            raise SeriesError(
                f"phases: {start!r} is not a position of the series (0 to {max(n - 1, 0)})"
            )
        starts.add(start)
    ordered = sorted(starts)
    return [(a, b) for a, b in zip(ordered, [*ordered[1:], n], strict=True) if b > a]


Pair = tuple[float | None, float | None]


def _pairs(
    tops: Iterable[Number | None], bottoms: Iterable[Number | None], top: str, bottom: str
) -> list[Pair]:
    """(numerator, denominator) per position, both None when either is missing."""
    first, second = list(tops), list(bottoms)
    if len(first) != len(second):
        raise SeriesError(f"{top} and {bottom} differ in length ({len(first)} and {len(second)})")
    pairs: list[Pair] = []
    for position, (a, b) in enumerate(zip(first, second, strict=True)):
        events = as_number(a, position=position, name=top)
        base = as_number(b, position=position, name=bottom)
        if events is not None and events < 0:
            raise SeriesError(f"{top}: the value at position {position} is negative")
        if base is not None and base <= 0:
            raise SeriesError(
                f"{bottom}: the value at position {position} ({base:g}) is not positive"
            )
        pairs.append((events, base) if events is not None and base is not None else (None, None))
    return pairs


def _ratio_chart(
    kind: str,
    pairs: Sequence[Pair],
    phases: Iterable[int] | None,
    limits: Callable[[float, float], tuple[float, float]],
) -> ControlChart:
    """A p or u chart: per phase, centre = sum of numerators / sum of denominators, and
    ``limits(centre, denominator)`` per non-missing point."""
    n = len(pairs)
    series = [a / b if a is not None and b is not None else None for a, b in pairs]
    center: list[float | None] = [None] * n
    lower: list[float | None] = [None] * n
    upper: list[float | None] = [None] * n
    summaries = []
    for start, stop in phase_bounds(phases, n):
        present = [
            (i, a, b)
            for i, (a, b) in enumerate(pairs[start:stop], start)
            if a is not None and b is not None
        ]
        middle = None
        if present:
            middle = sum(a for _, a, _ in present) / sum(b for _, _, b in present)
            for position, _, base in present:
                lower[position], upper[position] = limits(middle, base)
        for position in range(start, stop):
            center[position] = middle
        summaries.append(Phase(start, stop, middle, len(present)))
    return _chart(kind, series, center, lower, upper, summaries)


def _chart(
    kind: str,
    series: Sequence[float | None],
    center: Sequence[float | None],
    lower: Sequence[float | None],
    upper: Sequence[float | None],
    phases: Sequence[Phase],
    moving_range: MovingRangeChart | None = None,
) -> ControlChart:
    """The chart with its phase per position and, with enough points, its signals."""
    phase_of = [number for number, p in enumerate(phases) for _ in range(p.start, p.stop)]
    signals: list[ControlSignal] = []
    n_obs = len(observed(series))
    if n_obs >= MIN_CONTROL_POINTS:
        signals += _outside_signals(series, lower, upper)
        signals += _run_signals(series, phases)
    return ControlChart(
        kind=kind,
        values=tuple(series),
        center=tuple(center),
        lower=tuple(lower),
        upper=tuple(upper),
        phase=tuple(phase_of),
        phases=tuple(phases),
        signals=tuple(signals),
        n_obs=n_obs,
        enough_points=n_obs >= MIN_CONTROL_POINTS,
        signal=bool(signals),
        moving_range=moving_range,
    )


def _is_outside(value: float | None, low: float | None, high: float | None) -> bool:
    if value is None:
        return False
    return (low is not None and value < low) or (high is not None and value > high)


def _outside_signals(
    series: Sequence[float | None], lower: Sequence[float | None], upper: Sequence[float | None]
) -> list[ControlSignal]:
    positions = tuple(
        i
        for i, (v, lo, hi) in enumerate(zip(series, lower, upper, strict=True))
        if _is_outside(v, lo, hi)
    )
    if not positions:
        return []
    verb = "falls" if len(positions) == 1 else "fall"
    noun = "point" if len(positions) == 1 else "points"
    words = (
        f"Signal: {noun} {point_list(positions)} {verb} outside the "
        "control limits, beyond what the process's usual variation produces."
    )
    return [ControlSignal(OUTSIDE_LIMITS, positions, words)]


def _run_signals(series: Sequence[float | None], phases: Sequence[Phase]) -> list[ControlSignal]:
    signals = []
    for phase in phases:
        if phase.center is None:
            continue
        # the other phases' points become gaps, so positions stay those of the whole chart
        within = [x if phase.start <= i < phase.stop else None for i, x in enumerate(series)]
        for run in runs_about(within, phase.center):
            if run.length >= RUN_LENGTH:
                words = (
                    f"Signal: points {point_list(run.positions)} are {run.length} in a row "
                    f"{run.kind} the center line ({RUN_LENGTH} or more is a signal): the "
                    "process has likely shifted."
                )
                signals.append(ControlSignal(RUN_ON_ONE_SIDE, run.positions, words))
    return signals
