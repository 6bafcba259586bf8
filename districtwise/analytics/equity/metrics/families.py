"""The figures of each metric family from the grid (spec: "The rate metrics", "Other
metrics", "Poverty quartiles")."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from districtwise.analytics.equity.metrics.grid import GROUP_PAIRS, Grid, figures
from districtwise.analytics.equity.ratios import (
    INSUFFICIENT_N,
    OK,
    UNDEFINED,
    rate,
    risk_ratios,
)
from districtwise.analytics.equity.spec import GROUP_TYPES, QUARTILES, AuditSettings

NAN = np.nan
RACE_COLUMNS = [j for j, (t, _) in enumerate(GROUP_PAIRS) if t == "race_ethnicity"]


def _plain_status(denominator: np.ndarray) -> np.ndarray:
    """Figures without a comparison: ok, or insufficient_n when there is no one to count."""
    return np.where(denominator > 0, OK, INSUFFICIENT_N).astype(object)


def rate_figures(
    grid: Grid,
    *,
    metric: str,
    dimension: str,
    numerator: np.ndarray,
    denominator: np.ndarray,
    settings: AuditSettings,
    units: np.ndarray,
) -> pa.Table:
    """A rate metric: value per group; for groups other than all the comparison with all
    other students of the unit and the risk ratio under 34 CFR 300.647 (ratios.py)."""
    num, den = numerator, denominator
    district = grid.district_row
    result = risk_ratios(
        numerator=num,
        denominator=den,
        comparison_numerator=num[:, :1] - num,
        comparison_denominator=den[:, :1] - den,
        alternate_numerator=num[district, :1] - num[district],
        alternate_denominator=den[district, :1] - den[district],
        alternate_allowed=np.broadcast_to((grid.unit_types != "district")[:, None], num.shape),
        settings=settings,
    )
    comparison, ratio, status = result.comparison_value, result.ratio, result.status
    comparison[:, 0], ratio[:, 0] = NAN, NAN
    status[:, 0] = _plain_status(den[:, 0])
    return figures(
        grid,
        metric=metric,
        dimension=dimension,
        numerator=num[units],
        denominator=den[units],
        value=result.value[units],
        comparison_value=comparison[units],
        ratio=ratio[units],
        status=status[units],
        units=units,
    )


def days_lost_figures(
    grid: Grid, *, days: np.ndarray, students: np.ndarray, units: np.ndarray
) -> pa.Table:
    """days_lost_per_100: 100 x days removed (ISS, OSS, EXP) / students, per group."""
    empty = np.full(days.shape, NAN)
    return figures(
        grid,
        metric="days_lost_per_100",
        dimension="discipline",
        numerator=days[units],
        denominator=students[units],
        value=100.0 * rate(days, students)[units],
        comparison_value=empty[units],
        ratio=empty[units],
        status=_plain_status(students)[units],
        units=units,
    )


def scale_score_figures(
    grid: Grid,
    *,
    assessment: str,
    count: np.ndarray,
    total: np.ndarray,
    squares: np.ndarray,
    units: np.ndarray,
) -> list[pa.Table]:
    """scale_score_mean (value = group mean, comparison = all other tested students' mean;
    numerator = sum, denominator = count) and scale_score_effect_size (Cohen's d with the
    pooled sample standard deviation; needs n1, n2 >= 2; numerator empty, denominator = n1)."""
    n1, n2 = count, count[:, :1] - count
    s1, s2 = total, total[:, :1] - total
    mean1, mean2 = rate(s1, n1), rate(s2, n2)
    comparison = mean2.copy()
    comparison[:, 0] = NAN
    empty = np.full(count.shape, NAN)
    mean = figures(
        grid,
        metric=f"scale_score_mean:{assessment}",
        dimension="achievement",
        numerator=s1[units],
        denominator=n1[units],
        value=mean1[units],
        comparison_value=comparison[units],
        ratio=empty[units],
        status=_plain_status(n1)[units],
        units=units,
    )
    # Sums of squared deviations from the sums: SS = sum(x^2) - sum(x)^2 / n.
    ss1 = squares - s1 * np.nan_to_num(mean1)
    ss2 = (squares[:, :1] - squares) - s2 * np.nan_to_num(mean2)
    enough = (n1 >= 2) & (n2 >= 2)
    pooled = np.full(count.shape, NAN)
    np.divide(np.maximum(ss1 + ss2, 0.0), n1 + n2 - 2, out=pooled, where=enough)
    pooled = np.sqrt(pooled)
    effect = np.full(count.shape, NAN)
    np.divide(mean1 - mean2, pooled, out=effect, where=enough & (pooled > 0))
    status = np.where(enough, np.where(pooled > 0, OK, UNDEFINED), INSUFFICIENT_N).astype(object)
    # The all group has no "others" to compare with.
    status[:, 0] = UNDEFINED
    size = figures(
        grid,
        metric=f"scale_score_effect_size:{assessment}",
        dimension="achievement",
        numerator=empty[units],
        denominator=n1[units],
        value=effect[units],
        comparison_value=empty[units],
        ratio=empty[units],
        status=status[units],
        units=units,
    )
    return [mean, size]


def staff_representation_figures(
    grid: Grid, *, fte: np.ndarray, race_fte: np.ndarray, students: np.ndarray, units: np.ndarray
) -> pa.Table:
    """Per race/ethnicity group: share of the unit's teacher FTE (value) over share of its
    students (comparison_value); ratio = value / comparison_value."""
    total = np.repeat(fte[:, None], race_fte.shape[1], axis=1)
    value = rate(race_fte, total)
    comparison = rate(students[:, RACE_COLUMNS], students[:, :1])
    ratio = np.full(value.shape, NAN)
    has_ratio = ~np.isnan(value) & (np.nan_to_num(comparison) > 0)
    np.divide(value, comparison, out=ratio, where=has_ratio)
    status = np.where(total > 0, np.where(has_ratio, OK, UNDEFINED), INSUFFICIENT_N).astype(object)
    return figures(
        grid,
        metric="staff_representation",
        dimension="representation",
        numerator=race_fte[units],
        denominator=total[units],
        value=value[units],
        comparison_value=comparison[units],
        ratio=ratio[units],
        status=status[units],
        units=units,
        groups=[("race_ethnicity", g) for g in GROUP_TYPES["race_ethnicity"]],
    )


def poverty_quartiles(grid: Grid) -> np.ndarray:
    """Per grid unit: its poverty quartile 1-4 (schools), 0 for networks and the district.

    Spec: schools sorted by share economically disadvantaged Y (ascending; ties by
    school_id); with E the district's total of school enrolments and c the enrolment of the
    schools before, quartile = min(4, floor(4 (c + e/2) / E) + 1), computed as
    floor(4 (2c + e) / 2E) on whole numbers so that a school exactly on a boundary is not
    moved by rounding.
    """
    students = grid.matrices["students"]
    ed_y = GROUP_PAIRS.index(("economically_disadvantaged", "Y"))
    quartile = np.zeros(grid.size, dtype=np.int64)
    for year in np.unique(grid.years):
        rows = np.flatnonzero((grid.years == year) & (grid.unit_types == "school"))
        enrol = students[rows, 0]
        quartile[rows] = assign_quartiles(
            students[rows, ed_y], enrol, grid.unit_ids[rows].astype(str)
        )
    return quartile


def assign_quartiles(
    disadvantaged: np.ndarray, enrolment: np.ndarray, school_ids: np.ndarray
) -> np.ndarray:
    """The spec's poverty quartile (1-4) of each school of one year, from its students
    economically disadvantaged Y and its enrolment (see ``poverty_quartiles``)."""
    share = rate(disadvantaged, enrolment)
    order = np.lexsort((school_ids, share))
    e = enrolment[order]
    before = np.concatenate([[0.0], np.cumsum(e)[:-1]])
    total = e.sum()
    q = np.minimum(4, np.floor(4 * (2 * before + e) / (2 * total)) + 1)
    quartile = np.zeros(len(enrolment), dtype=np.int64)
    quartile[order] = q.astype(np.int64)
    return quartile


def resource_figures(
    grid: Grid,
    *,
    metric: str,
    numerator: np.ndarray,
    denominator: np.ndarray,
    quartile: np.ndarray,
    units: np.ndarray,
) -> pa.Table:
    """A resource metric per unit (group all) and, for the district, per poverty quartile
    (numerators and denominators summed over the quartile's schools)."""
    value = rate(numerator, denominator)
    empty = np.full(grid.size, NAN)
    per_unit = figures(
        grid,
        metric=metric,
        dimension="resource",
        numerator=numerator[units, None],
        denominator=denominator[units, None],
        value=value[units, None],
        comparison_value=empty[units, None],
        ratio=empty[units, None],
        status=_plain_status(denominator)[units, None],
        units=units,
        groups=(("all", "all"),),
    )
    districts = np.intersect1d(units, np.flatnonzero(grid.unit_types == "district"))
    q_num = np.zeros((len(districts), 4))
    q_den = np.zeros((len(districts), 4))
    for i, d in enumerate(districts):
        for q in range(4):
            schools = (grid.years == grid.years[d]) & (quartile == q + 1)
            q_num[i, q] = numerator[schools].sum()
            q_den[i, q] = denominator[schools].sum()
    q_empty = np.full(q_num.shape, NAN)
    per_quartile = figures(
        grid,
        metric=metric,
        dimension="resource",
        numerator=q_num,
        denominator=q_den,
        value=rate(q_num, q_den),
        comparison_value=q_empty,
        ratio=q_empty,
        status=_plain_status(q_den),
        units=districts,
        groups=[("poverty_quartile", q) for q in QUARTILES],
    )
    return pa.concat_tables([per_unit, per_quartile])
