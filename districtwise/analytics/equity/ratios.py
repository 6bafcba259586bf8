"""Risk ratios and their statuses: the method of 34 CFR 300.647 as the equity spec fixes it
(shared/spec/equity-metrics.md, "Comparison and risk ratio").

Vectorised over numpy arrays: one element per figure (unit, year, metric, group). The rules,
applied in the spec's order:

1. cell (numerator) < minimum cell size or n (denominator) < minimum n-size:
   ``insufficient_n``, no ratio (value and comparison_value still given).
2. the unit's comparison group (the unit's population minus the group) fails the same two
   minimums: for a school or network the comparison is taken from all other students of the
   whole district in that group type (``alternate``); for the district ``insufficient_n``
   (comparison_value still the unit's own).
3. the comparison rate used is 0: ``undefined``, no ratio (never infinity). With the
   minimums above at least 1 this can only happen through the alternate comparison, since a
   unit comparison group with rate 0 has a cell of 0 and falls under rule 2.
4. otherwise ``ok`` (or ``alternate`` when rule 2 replaced the comparison).

A comparison group with no students at all (rate absent) gives ``insufficient_n``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from districtwise.analytics.equity.spec import AuditSettings

OK, INSUFFICIENT_N, ALTERNATE, UNDEFINED = "ok", "insufficient_n", "alternate", "undefined"


@dataclass(frozen=True)
class RiskRatios:
    """Per figure: value, comparison_value and ratio (NaN = empty), and the status."""

    value: np.ndarray
    comparison_value: np.ndarray
    ratio: np.ndarray
    status: np.ndarray


def rate(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN (empty) where the denominator is 0."""
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def meets_minimums(cell: np.ndarray, n: np.ndarray, settings: AuditSettings) -> np.ndarray:
    """Whether a cell and its n meet the minimum cell size and the minimum n-size."""
    return (np.asarray(cell) >= settings.minimum_cell_size) & (
        np.asarray(n) >= settings.minimum_n_size
    )


def risk_ratios(
    *,
    numerator: np.ndarray,
    denominator: np.ndarray,
    comparison_numerator: np.ndarray,
    comparison_denominator: np.ndarray,
    alternate_numerator: np.ndarray,
    alternate_denominator: np.ndarray,
    alternate_allowed: np.ndarray,
    settings: AuditSettings,
) -> RiskRatios:
    """Value, comparison value, risk ratio and status of each group under rules 1-4.

    ``comparison_*`` are the unit's other students, ``alternate_*`` the whole district's
    other students of the same group type and group; ``alternate_allowed`` is True for
    school and network figures, False for the district's.
    """
    value = rate(numerator, denominator)
    own = rate(comparison_numerator, comparison_denominator)
    group_ok = meets_minimums(numerator, denominator, settings)
    comparison_ok = meets_minimums(comparison_numerator, comparison_denominator, settings)
    use_alternate = group_ok & ~comparison_ok & np.asarray(alternate_allowed, dtype=bool)
    comparison = np.where(use_alternate, rate(alternate_numerator, alternate_denominator), own)
    eligible = group_ok & (comparison_ok | use_alternate)
    status = np.full(value.shape, INSUFFICIENT_N, dtype=object)
    undefined = eligible & (comparison == 0)
    has_ratio = eligible & ~np.isnan(comparison) & (comparison != 0)
    status[undefined] = UNDEFINED
    status[has_ratio] = np.where(use_alternate[has_ratio], ALTERNATE, OK)
    ratio = np.full(value.shape, np.nan)
    np.divide(value, comparison, out=ratio, where=has_ratio)
    return RiskRatios(value, comparison, ratio, status)


def flagged(ratio: np.ndarray, status: np.ndarray, settings: AuditSettings) -> np.ndarray:
    """Risk ratios at or above the district's threshold (rule 4; only ok/alternate ones)."""
    usable = np.isin(np.asarray(status, dtype=object), [OK, ALTERNATE])
    ratio = np.asarray(ratio, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return usable & (ratio >= settings.risk_ratio_threshold)
