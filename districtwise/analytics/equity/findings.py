"""The equity audit's findings: the ranked list of flagged disparities (spec "Comparison and
risk ratio", rule 4, and "Poverty quartiles").

Which direction is adverse, per metric (``ADVERSE``):

* **high** is adverse for discipline (``*_rate``, ``days_lost_per_100``), chronic absence
  and over-identification: ``identification:disability`` (the significant-disproportionality
  reading of 34 CFR 300.646-647) and ``identification:english_learner`` (read the same way
  here, as a group placed in a program out of proportion; IDEA does not cover it);
* **low** is adverse for opportunities and outcomes: ``proficiency:*``, ``advanced:*``,
  ``identification:gifted`` (under-identification for gifted services is the disparity, as
  for ``advanced:GT``) and ``staff_representation`` (a group under-represented among
  teachers relative to its students);
* resource metrics (poverty quartiles, Q4 minus Q1): **low** is adverse for the spending
  metrics (less money in the highest-poverty schools), **high** for ``novice_teacher_share``
  and ``out_of_field_share``.

What is flagged:

* ``risk_ratio``: rows with status ``ok`` or ``alternate`` whose ratio is at or above the
  threshold (high adverse) or at or below 1 / threshold (low adverse);
* ``gap``: rows with status ``ok``, ``alternate`` or ``undefined`` (both rates known; the
  spec's minimum n-size marks ``insufficient_n`` rows as too small to rely on) whose
  ``|value - comparison_value| x 100`` is at least ``gap_points`` in the adverse direction;
  only rate metrics (values are fractions); a row flagged both ways is one ``risk_ratio``
  finding with its gap filled in;
* ``quartile``: for each resource metric and year, Q4 against Q1 when Q4 is worse.

Never flagged: ``all`` and ``unknown`` groups (``unknown`` is missing data, not a student
group), suppressed or unavailable rows (their numbers are hidden), scale-score metrics, and
an identification metric's own flag (``identification:gifted`` by ``gifted`` is 100% vs 0%
by definition).

Severity (the ranking, highest first): how far past its threshold the finding is, times
log(1 + n), so that a large group a little past the line ranks with a small group far past
it. "How far" is ``(r - 1) / (threshold - 1)`` for a ratio r read in the adverse direction
(1 at the threshold; Q4/Q1 for quartiles) and ``gap / gap_points`` for a gap; a row flagged
both ways takes the larger.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pyarrow as pa

from districtwise.analytics.equity.spec import AuditSettings

HIGH, LOW = "high", "low"
RESOURCE_ADVERSE = {
    "per_pupil_spending": LOW,
    "per_weighted_pupil_spending": LOW,
    "novice_teacher_share": HIGH,
    "out_of_field_share": HIGH,
}
ADVERSE_BY_NAME = {
    "chronic_absenteeism": HIGH,
    "oss_rate": HIGH,
    "iss_rate": HIGH,
    "expulsion_rate": HIGH,
    "referral_rate": HIGH,
    "arrest_rate": HIGH,
    "days_lost_per_100": HIGH,
    "identification:disability": HIGH,
    "identification:english_learner": HIGH,
    "identification:gifted": LOW,
    "staff_representation": LOW,
}
ADVERSE_BY_PREFIX = {"proficiency:": LOW, "advanced:": LOW}
# Values that are not fractions: no gap in percentage points.
NOT_RATES = ("days_lost_per_100", "per_pupil_spending", "per_weighted_pupil_spending")
RATIO_STATUSES = ("ok", "alternate")
GAP_STATUSES = ("ok", "alternate", "undefined")

Trend = tuple[tuple[int, float | None, float | None], ...]


@dataclass(frozen=True)
class Finding:
    """One flagged disparity, with what a page needs to show it and link to its detail."""

    key: str
    school_year: int
    unit_type: str
    unit_id: str
    dimension: str
    metric: str
    group_type: str
    group: str
    kind: str  # risk_ratio | gap | quartile
    value: float | None
    comparison_value: float | None
    ratio: float | None
    gap_points: float | None
    n: float | None
    numerator: float | None
    status: str
    severity: float
    adverse: str  # high | low: which direction of the figure is the disparity
    trend: Trend = field(default=())


def adverse_direction(metric: str) -> str | None:
    """``high`` or ``low``: which way a metric's disparity points; None when not flagged."""
    if metric in ADVERSE_BY_NAME:
        return ADVERSE_BY_NAME[metric]
    if metric in RESOURCE_ADVERSE:
        return RESOURCE_ADVERSE[metric]
    for prefix, direction in ADVERSE_BY_PREFIX.items():
        if metric.startswith(prefix):
            return direction
    return None


def findings(
    table: pa.Table,
    *,
    settings: AuditSettings,
    trend_years: int = 3,
    dimension: str | None = None,
    group_type: str | None = None,
    unit_ids: Iterable[str] | None = None,
) -> list[Finding]:
    """The flagged disparities of a tidy table (suppressed or not), most severe first.

    Filters narrow the table first: one ``dimension``, one ``group_type``, the units in
    ``unit_ids``. Each finding carries the same figure's earlier years (up to
    ``trend_years``) as ``trend``.
    """
    rows = _filtered(table.to_pylist(), dimension, group_type, unit_ids)
    history = _history(rows)
    found = [f for row in rows if (f := _row_finding(row, settings)) is not None]
    found += _quartile_findings(rows, settings)
    found = [_with_trend(f, history, trend_years) for f in found]
    return sorted(found, key=lambda f: (-f.severity, f.key))


def _filtered(
    rows: list[dict[str, Any]],
    dimension: str | None,
    group_type: str | None,
    unit_ids: Iterable[str] | None,
) -> list[dict[str, Any]]:
    wanted = set(unit_ids) if unit_ids is not None else None
    return [
        r
        for r in rows
        if (dimension is None or r["dimension"] == dimension)
        and (group_type is None or r["group_type"] == group_type)
        and (wanted is None or r["unit_id"] in wanted)
    ]


def _row_finding(row: dict[str, Any], settings: AuditSettings) -> Finding | None:
    metric, direction = row["metric"], adverse_direction(row["metric"])
    if direction is None or metric in RESOURCE_ADVERSE or row["group"] in ("all", "unknown"):
        return None
    if metric.startswith("identification:") and metric.split(":", 1)[1] == row["group_type"]:
        return None
    excess = [0.0]
    ratio = row["ratio"]
    if row["status"] in RATIO_STATUSES and ratio:
        adverse_ratio = ratio if direction == HIGH else 1 / ratio
        if adverse_ratio >= settings.risk_ratio_threshold:
            excess.append((adverse_ratio - 1) / (settings.risk_ratio_threshold - 1))
    ratio_flagged = len(excess) > 1
    gap = _gap_points(row)
    if gap is not None and row["status"] in GAP_STATUSES:
        adverse_gap = gap if direction == HIGH else -gap
        if adverse_gap >= settings.gap_points and adverse_gap > 0:
            excess.append(adverse_gap / max(settings.gap_points, 1e-9))
    if max(excess) == 0:
        return None
    kind = "risk_ratio" if ratio_flagged else "gap"
    return _finding(row, kind, direction, gap, max(excess))


def _gap_points(row: dict[str, Any]) -> float | None:
    if row["metric"] in NOT_RATES or row["value"] is None or row["comparison_value"] is None:
        return None
    return (row["value"] - row["comparison_value"]) * 100


def _finding(row: dict[str, Any], kind: str, direction: str, gap, excess: float) -> Finding:
    n = row["denominator"]
    return Finding(
        key="/".join(
            str(row[c])
            for c in ("school_year", "unit_type", "unit_id", "metric", "group_type", "group")
        )
        + f"/{kind}",
        school_year=row["school_year"],
        unit_type=row["unit_type"],
        unit_id=row["unit_id"],
        dimension=row["dimension"],
        metric=row["metric"],
        group_type=row["group_type"],
        group=row["group"],
        kind=kind,
        value=row["value"],
        comparison_value=row["comparison_value"],
        ratio=row["ratio"],
        gap_points=gap,
        n=n,
        numerator=row["numerator"],
        status=row["status"],
        severity=excess * math.log1p(n or 0),
        adverse=direction,
    )


def _quartile_findings(rows: list[dict[str, Any]], settings: AuditSettings) -> list[Finding]:
    """Q4 against Q1 for each resource metric and year, when Q4 is worse (spec "Poverty
    quartiles": the findings report Q4 minus Q1)."""
    quartiles: dict[tuple, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        if r["group_type"] == "poverty_quartile" and r["unit_type"] == "district":
            quartiles[(r["school_year"], r["unit_id"], r["metric"])][r["group"]] = r
    found = []
    for (_, _, metric), by_group in quartiles.items():
        direction = RESOURCE_ADVERSE.get(metric)
        q1, q4 = by_group.get("Q1"), by_group.get("Q4")
        if direction is None or not q1 or not q4 or _hidden(q1) or _hidden(q4):
            continue
        ratio = q4["value"] / q1["value"] if q1["value"] else None
        if ratio is None or ratio == 1:
            continue
        adverse_ratio = ratio if direction == HIGH else 1 / ratio if ratio else math.inf
        if adverse_ratio <= 1:
            continue
        excess = (adverse_ratio - 1) / (settings.risk_ratio_threshold - 1)
        row = {**q4, "comparison_value": q1["value"], "ratio": ratio}
        gap = None if metric in NOT_RATES else (q4["value"] - q1["value"]) * 100
        found.append(_finding(row, "quartile", direction, gap, excess))
    return found


def _hidden(row: dict[str, Any]) -> bool:
    return row["status"] in ("suppressed", "unavailable") or row["value"] is None


def _history(rows: list[dict[str, Any]]) -> dict[tuple, dict[int, dict[str, Any]]]:
    history: dict[tuple, dict[int, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        key = (r["unit_type"], r["unit_id"], r["metric"], r["group_type"], r["group"])
        history[key][r["school_year"]] = r
    return history


def _with_trend(finding: Finding, history, trend_years: int) -> Finding:
    """The same figure's earlier years, oldest first (None where hidden or missing)."""
    key = (finding.unit_type, finding.unit_id, finding.metric, finding.group_type)
    own = history.get((*key, finding.group), {})
    earlier = (
        sorted(y for y in own if y < finding.school_year)[-trend_years:] if trend_years else []
    )
    trend = []
    for year in earlier:
        row = own[year]
        ratio = row["ratio"]
        if finding.kind == "quartile":
            q1 = history.get((*key, "Q1"), {}).get(year)
            ratio = row["value"] / q1["value"] if q1 and q1["value"] and row["value"] else None
        trend.append((year, row["value"], ratio))
    return replace(finding, trend=tuple(trend))
