"""Run charts and control charts for improvement work: the analysis behind a practical
measure's chart, with no Django in it, so a district's data team can call it directly.

* ``runs_analysis(values, center=None)``: the Anhøj rules (unusually long run, unusually
  few crossings of the median) -> ``RunsAnalysis`` (n_obs, n_useful, longest_run,
  longest_run_max, n_crossings, n_crossings_min, signal, words, ...). ``anhoej`` module.
* ``ihi_rules(values, center=None)``: the IHI's shift, trend, runs and astronomical-point
  rules -> ``IhiAnalysis`` with a finding per signal and its points. ``ihi`` module.
* ``i_chart(values, phases=None)``, ``p_chart(numerators, denominators, phases=None)``,
  ``u_chart(counts, exposures, phases=None)``: control charts with centre line and limits
  per point, recomputed in each phase -> ``ControlChart``. ``control`` module.

Positions are 0-based places in the sequence given, gaps included; missing values (None,
NaN) are skipped by the rules and kept as gaps. Bad input raises ``SeriesError`` (a
ValueError) naming the position. The words count points from 1, as people read a chart.
"""

from districtwise.analytics.runcharts.anhoej import (
    MIN_USEFUL_POINTS,
    RunsAnalysis,
    crossings_limit,
    longest_run_limit,
    runs_analysis,
)
from districtwise.analytics.runcharts.control import (
    ControlChart,
    ControlSignal,
    MovingRangeChart,
    Phase,
    i_chart,
    p_chart,
    u_chart,
)
from districtwise.analytics.runcharts.ihi import IhiAnalysis, IhiFinding, ihi_rules, runs_limits
from districtwise.analytics.runcharts.series import SeriesError

__all__ = [
    "MIN_USEFUL_POINTS",
    "ControlChart",
    "ControlSignal",
    "IhiAnalysis",
    "IhiFinding",
    "MovingRangeChart",
    "Phase",
    "RunsAnalysis",
    "SeriesError",
    "crossings_limit",
    "i_chart",
    "ihi_rules",
    "longest_run_limit",
    "p_chart",
    "runs_analysis",
    "runs_limits",
    "u_chart",
]
