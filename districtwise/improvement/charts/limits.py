"""A measure's series as a control chart (I/XmR, p or u): the centre line and the limits of
each phase, computed from that phase's points alone, and the points outside them.

A p chart's point is a count out of a count (``numerator`` of ``denominator``), a u chart's
a count per unit of exposure; their limits widen where the period's count is small, so they
are drawn stepped. A value without a usable count cannot go on such a chart: it is left out
and the chart says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from districtwise.improvement.charts import analysis, rules
from districtwise.improvement.charts.series import (
    MIN_POINTS,
    Chart,
    ChartPoint,
    CycleMark,
    Observation,
    Phase,
    phase_name,
    phase_segments,
    show_date,
    too_few,
)


def control_chart(
    kind: str,
    observations: Sequence[Observation],
    *,
    phases: Sequence[Phase] = (),
    cycles: Sequence[CycleMark] = (),
    unit: str = "",
) -> Chart:
    """An I, p or u chart with a new baseline at each phase and the points beyond limits."""
    usable = sorted(_usable(kind, observations), key=lambda o: o.on)
    chart = Chart(kind, "limits", unit, [], list(phases), list(cycles), share=kind == "p")
    left_out = len(observations) - len(usable)
    if left_out:
        chart.sentences.append(
            f"{left_out} value(s) without a count above zero were left out: a {chart.kind_name} "
            "needs each period's count."
        )
    segments = phase_segments([o.on for o in usable], phases)
    several = sum(1 for s in segments if s) > 1
    for number, segment in enumerate(segments):
        if segment:
            part = [usable[i] for i in segment]
            _judge(chart, _limited(kind, part, number), phase_name(chart, number, several))
    if not usable:
        chart.sentences.append("No values yet: nothing to draw.")
        chart.enough = False
    return chart


def _usable(kind: str, observations: Sequence[Observation]) -> list[Observation]:
    if kind == "i":
        return list(observations)
    return [
        Observation(o.on, o.numerator / o.denominator, o.numerator, o.denominator)
        for o in observations
        if o.numerator is not None and o.denominator
    ]


def _limited(kind: str, part: list[Observation], phase: int) -> list[ChartPoint]:
    """The phase's points with their centre line and limits (none from a single point)."""
    if len(part) < 2:
        return [
            ChartPoint(o.on, o.value, phase, o.value, None, None, False, o.numerator, o.denominator)
            for o in part
        ]
    if kind == "i":
        result = analysis.i_chart([o.value for o in part])
    else:
        counts = [float(o.numerator or 0) for o in part]
        totals = [float(o.denominator or 0) for o in part]
        result = (analysis.p_chart if kind == "p" else analysis.u_chart)(counts, totals)
    center, lower, upper = analysis.limits_of(result)
    return [
        ChartPoint(
            o.on,
            o.value,
            phase,
            _or(center[i], o.value),
            lower[i],
            upper[i],
            False,
            o.numerator,
            o.denominator,
        )
        for i, o in enumerate(part)
    ]


def _or(value: float | None, otherwise: float) -> float:
    return otherwise if value is None else value


def _judge(chart: Chart, points: list[ChartPoint], prefix: str) -> None:
    chart.points += points
    if too_few(chart, len(points), prefix, what="points"):
        return
    values = [p.value for p in points]
    beyond = rules.outside(values, [p.lower for p in points], [p.upper for p in points])
    center = chart.show(points[0].center)
    if not beyond:
        chart.sentences.append(
            f"{prefix}No signal (control limits): every point lies within its limits "
            f"{_limits_text(chart, points)} around the centre line of {center}."
        )
        return
    for i in beyond:
        points[i].signal = True
    chart.signal = True
    told = ", ".join(
        f"{show_date(points[i].on)} ({'above' if points[i].value > points[i].center else 'below'})"
        for i in sorted(beyond)
    )
    chart.sentences.append(
        f"{prefix}Signal (control limits): {len(beyond)} point(s) outside the limits "
        f"{_limits_text(chart, points)}: {told}. Centre line {center}."
    )


def _limits_text(chart: Chart, points: list[ChartPoint]) -> str:
    lows = {round(p.lower, 9) for p in points if p.lower is not None}
    if len(lows) > 1:
        return "(which vary with each period's count)"
    first = points[0]
    return f"({chart.show(first.lower)} to {chart.show(first.upper)})"


__all__ = ["MIN_POINTS", "control_chart"]
