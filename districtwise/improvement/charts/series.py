"""A measure's series made ready to draw: each point with its phase, centre line, limits and
whether it belongs to a signal, and the chart's verdict in words.

Pure (no Django): the selectors hand in plain observations, phases and cycles. A phase is
a new baseline: the median (run chart) or the centre line and limits (control chart) are
computed again from the points of each phase alone, and so are the signals.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from districtwise.improvement.charts import analysis, rules

# Fewer useful points than this in a phase: the chart is drawn without signals, and says so.
MIN_POINTS = 10
KINDS = {"run": "run chart", "i": "I chart (XmR)", "p": "p chart", "u": "u chart"}
RULES = {"anhoj": "Anhøj rules", "ihi": "IHI rules", "limits": "control limits"}


@dataclass(frozen=True)
class Observation:
    on: dt.date
    value: float
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class Phase:
    starts_on: dt.date
    label: str
    change_idea: str = ""


@dataclass(frozen=True)
class CycleMark:
    """A PDSA cycle on the timeline: numbered on the chart, told in full in the table."""

    number: int
    title: str
    change_idea: str
    team: str
    starts_on: dt.date
    closed_on: dt.date | None
    decision: str


@dataclass
class ChartPoint:
    on: dt.date
    value: float
    phase: int
    center: float
    lower: float | None = None
    upper: float | None = None
    signal: bool = False
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class Chart:
    """Everything drawn and said about one line of a measure."""

    kind: str
    rules: str
    unit: str
    points: list[ChartPoint]
    phases: list[Phase]
    cycles: list[CycleMark]
    sentences: list[str] = field(default_factory=list)
    signal: bool = False
    enough: bool = True
    share: bool = False

    def show(self, value: float | None) -> str:
        """A value of this chart as the district reads it."""
        return show_value(value, self.unit, self.share)

    @property
    def words(self) -> str:
        return " ".join(self.sentences)

    @property
    def rows(self) -> list[dict]:
        """The points as the table beside the chart reads them."""
        names = ["Baseline"] + [p.label for p in sorted(self.phases, key=lambda p: p.starts_on)]
        return [
            {
                "on": show_date(p.on),
                "value": self.show(p.value),
                "count": (
                    f"{p.numerator:g} of {p.denominator:g}"
                    if p.numerator is not None and p.denominator
                    else ""
                ),
                "center": self.show(p.center),
                "lower": self.show(p.lower),
                "upper": self.show(p.upper),
                "phase": names[p.phase],
                "signal": p.signal,
            }
            for p in self.points
        ]

    @property
    def kind_name(self) -> str:
        return KINDS[self.kind]

    @property
    def rules_name(self) -> str:
        return RULES[self.rules]


def show_date(day: dt.date) -> str:
    return day.strftime("%B %-d, %Y")


def show_value(value: float | None, unit: str, share: bool = False) -> str:
    """A value as the district reads it: shares (a count out of a count) in percent, others
    with their unit."""
    if value is None:
        return "—"
    if share:
        return f"{value * 100:.1f} %"
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{shown} %"
    return f"{shown} {unit}".strip()


def points_text(n: int) -> str:
    return "1 point" if n == 1 else f"{n} points"


def times(n: int) -> str:
    return {0: "no times", 1: "once"}.get(n, f"{n} times")


def phase_segments(on: Sequence[dt.date], phases: Sequence[Phase]) -> list[list[int]]:
    """The positions of the points of each phase (the baseline first); empty ones dropped."""
    starts = sorted(p.starts_on for p in phases)
    segments: list[list[int]] = [[] for _ in range(len(starts) + 1)]
    for i, day in enumerate(on):
        segments[sum(1 for s in starts if day >= s)].append(i)
    return segments


def phase_name(chart: Chart, number: int, several: bool) -> str:
    if not several:
        return ""
    if number == 0:
        return "Baseline: "
    phase = sorted(chart.phases, key=lambda p: p.starts_on)[number - 1]
    return f"From {show_date(phase.starts_on)} ({phase.label}): "


def run_chart(
    observations: Sequence[Observation],
    *,
    phases: Sequence[Phase] = (),
    cycles: Sequence[CycleMark] = (),
    rule_set: str = "anhoj",
    unit: str = "",
    share: bool = False,
) -> Chart:
    """A run chart: the median of each phase, and the signals by Anhøj's or the IHI rules."""
    ordered = sorted(observations, key=lambda o: o.on)
    chart = Chart("run", rule_set, unit, [], list(phases), list(cycles), share=share)
    segments = phase_segments([o.on for o in ordered], phases)
    several = sum(1 for s in segments if s) > 1
    for number, segment in enumerate(segments):
        if not segment:
            continue
        values = [ordered[i].value for i in segment]
        median = statistics.median(values)
        points = [_point(ordered[i], number, median) for i in segment]
        chart.points += points
        judge = _anhoj if rule_set == "anhoj" else _ihi
        judge(chart, points, median, phase_name(chart, number, several))
    if not ordered:
        chart.sentences.append("No values yet: nothing to draw.")
        chart.enough = False
    return chart


def _point(observation: Observation, phase: int, center: float) -> ChartPoint:
    return ChartPoint(
        observation.on,
        observation.value,
        phase,
        center,
        numerator=observation.numerator,
        denominator=observation.denominator,
    )


def too_few(chart: Chart, n_useful: int, prefix: str, what: str = "useful points") -> bool:
    if n_useful >= MIN_POINTS:
        return False
    chart.enough = False
    why = " (points exactly on the median do not count)" if what == "useful points" else ""
    chart.sentences.append(
        f"{prefix}Only {n_useful} {what}{why}: the rules need at least {MIN_POINTS}, so this "
        "part of the chart is drawn without signals."
    )
    return True


def _mark(chart: Chart, points: list[ChartPoint], positions: set[int]) -> None:
    for i in positions:
        points[i].signal = True
    if positions:
        chart.signal = True


def _side(points: list[ChartPoint], run: list[int], median: float) -> str:
    return "above" if points[run[0]].value > median else "below"


def _anhoj(chart: Chart, points: list[ChartPoint], median: float, prefix: str) -> None:
    values = [p.value for p in points]
    found = analysis.runs_analysis(values, center=median)
    if too_few(chart, found.n_useful, prefix):
        return
    n, shown = found.n_useful, chart.show(median)
    said = False
    if found.longest_run_max is not None and found.longest_run > found.longest_run_max:
        longest = max(rules.runs_of(values, median), key=len)
        _mark(
            chart, points, rules.points_in_runs_longer_than(values, median, found.longest_run_max)
        )
        chart.sentences.append(
            f"{prefix}Signal (Anhøj, unusually long run): {found.longest_run} points in a row "
            f"{_side(points, longest, median)} the median of {shown}, more than the "
            f"{found.longest_run_max} expected at most for {n} useful points."
        )
        said = True
    if found.n_crossings_min is not None and found.n_crossings < found.n_crossings_min:
        chart.signal = True
        chart.sentences.append(
            f"{prefix}Signal (Anhøj, unusually few crossings): the line crosses the median "
            f"{times(found.n_crossings)}, fewer than the {found.n_crossings_min} expected at "
            f"least for {n} useful points."
        )
        said = True
    if not said:
        chart.sentences.append(
            f"{prefix}No signal (Anhøj rules): the longest run is {points_text(found.longest_run)} "
            f"(at most {found.longest_run_max} expected) and the line crosses the median "
            f"({shown}) {times(found.n_crossings)} (at least {found.n_crossings_min} expected) "
            f"for {n} useful points: the variation looks random."
        )


def _ihi(chart: Chart, points: list[ChartPoint], median: float, prefix: str) -> None:
    found = analysis.ihi_rules([p.value for p in points], center=median)
    if too_few(chart, found.n_useful, prefix):
        return
    for finding in found.findings:
        _mark(chart, points, set(finding.positions))
        chart.sentences.append(f"{prefix}Signal (IHI rules) — {finding.words}")
    if not found.findings:
        chart.sentences.append(
            f"{prefix}No signal (IHI rules): no shift of 6 points on one side of the median, "
            f"no trend of 5, {found.n_runs} runs for {found.n_useful} useful points ("
            f"{found.runs_min} to {found.runs_max} expected) and no astronomical point: the "
            "variation looks random."
        )
