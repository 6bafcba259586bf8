"""The one place the charts take the run and control-chart analysis from.

The analysis is ``districtwise.analytics.runcharts`` (Django-free, usable by a district's
data team directly). The charts rely on exactly these names:
``runs_analysis(values, center=...)`` and its fields ``n_obs``, ``n_useful``,
``longest_run``, ``longest_run_max``, ``n_crossings``, ``n_crossings_min``, ``signal``;
``ihi_rules(values, center=...)`` and its ``n_useful``, ``n_runs``, ``runs_min``,
``runs_max``, ``findings`` (each with ``rule``, ``positions``, ``words``);
``i_chart(values)``, ``p_chart(numerators, denominators)``, ``u_chart(counts, exposures)``
called once per phase (so ``phases`` is never passed) and read through ``limits_of``.
"""

from __future__ import annotations

from districtwise.analytics.runcharts import (
    i_chart,
    ihi_rules,
    p_chart,
    runs_analysis,
    u_chart,
)

__all__ = ["i_chart", "ihi_rules", "limits_of", "p_chart", "runs_analysis", "u_chart"]


def limits_of(result) -> tuple[list[float | None], list[float | None], list[float | None]]:
    """The centre line, lower and upper limits per point of a control chart's result."""
    return list(result.center), list(result.lower), list(result.upper)
