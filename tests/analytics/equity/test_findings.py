"""The findings: flagged disparities, ranked (spec "Comparison and risk ratio", rule 4)."""

from __future__ import annotations

import math

import pyarrow as pa

from districtwise.analytics.equity.findings import findings
from districtwise.analytics.equity.spec import TIDY_COLUMNS, AuditSettings

SETTINGS = AuditSettings()


def row(
    metric="oss_rate",
    group="BL",
    *,
    value,
    comparison,
    n=100.0,
    year=2024,
    unit=("school", "S1"),
    group_type="race_ethnicity",
    status="ok",
    dimension="discipline",
) -> dict:
    ratio = value / comparison if comparison else None
    return {
        "school_year": year,
        "unit_type": unit[0],
        "unit_id": unit[1],
        "dimension": dimension,
        "metric": metric,
        "group_type": group_type,
        "group": group,
        "numerator": value * n,
        "denominator": n,
        "value": value,
        "comparison_value": comparison,
        "ratio": ratio if status in ("ok", "alternate") else None,
        "status": status,
    }


def table(*rows: dict) -> pa.Table:
    return pa.Table.from_pylist(list(rows)).select(list(TIDY_COLUMNS))


def test_a_ratio_at_the_threshold_is_flagged_and_one_below_is_not():
    found = findings(
        table(row(value=0.10, comparison=0.05), row(group="WH", value=0.09, comparison=0.05)),
        settings=SETTINGS,
    )
    assert [(f.group, f.kind) for f in found] == [("BL", "risk_ratio")]
    assert found[0].ratio == 2.0 and found[0].n == 100.0


def test_a_low_ratio_is_the_disparity_for_an_opportunity_metric():
    opportunity = {"metric": "advanced:AP", "dimension": "opportunity"}
    found = findings(
        table(
            row(**opportunity, value=0.10, comparison=0.25),  # 0.4 <= 1/2
            row(**opportunity, group="WH", value=0.50, comparison=0.20),  # high: not adverse
        ),
        settings=SETTINGS,
    )
    assert [(f.group, f.kind, f.adverse) for f in found] == [("BL", "risk_ratio", "low")]


def test_a_gap_of_at_least_the_set_points_in_the_adverse_direction_is_flagged():
    proficiency = {"metric": "proficiency:MATH", "dimension": "achievement"}
    found = findings(
        table(
            row(**proficiency, value=0.45, comparison=0.60),  # 15 points below; ratio 0.75
            row(**proficiency, group="WH", value=0.70, comparison=0.55),  # above: fine
            row(**proficiency, group="AS", value=0.52, comparison=0.60),  # 8 points: fine
        ),
        settings=SETTINGS,
    )
    assert [(f.group, f.kind) for f in found] == [("BL", "gap")]
    assert math.isclose(found[0].gap_points, -15.0)


def test_quartile_differences_are_flagged_when_the_highest_poverty_schools_get_less():
    def quartile(metric, group, value):
        return row(
            metric,
            group,
            value=value,
            comparison=None,
            unit=("district", "D1"),
            group_type="poverty_quartile",
            dimension="resource",
        )

    found = findings(
        table(
            quartile("per_pupil_spending", "Q1", 12000.0),
            quartile("per_pupil_spending", "Q4", 9000.0),
            quartile("novice_teacher_share", "Q1", 0.10),
            quartile("novice_teacher_share", "Q4", 0.08),  # fewer novices in Q4: fine
        ),
        settings=SETTINGS,
    )
    assert [(f.metric, f.group, f.kind) for f in found] == [
        ("per_pupil_spending", "Q4", "quartile")
    ]
    assert found[0].comparison_value == 12000.0 and found[0].ratio == 0.75
    assert found[0].gap_points is None


def test_suppressed_rows_are_never_findings():
    hidden = row(value=0.5, comparison=0.1, n=8)
    hidden.update(
        status="suppressed",
        numerator=None,
        denominator=None,
        value=None,
        ratio=None,
        comparison_value=None,
    )
    assert findings(table(hidden), settings=SETTINGS) == []


def test_the_trend_holds_the_same_figure_in_earlier_years():
    rows = [row(value=0.10 + 0.01 * i, comparison=0.05, year=2020 + i) for i in range(5)]
    found = findings(table(*rows), settings=SETTINGS, trend_years=3)
    latest = next(f for f in found if f.school_year == 2024)
    assert [year for year, _, _ in latest.trend] == [2021, 2022, 2023]
    assert latest.trend[-1][1] == 0.13 and math.isclose(latest.trend[-1][2], 0.13 / 0.05)


def test_findings_are_ranked_by_how_far_past_the_threshold_times_the_log_of_n():
    found = findings(
        table(
            row(group="BL", value=0.10, comparison=0.05, n=100),  # 1 x log 101
            row(group="HL", value=0.15, comparison=0.05, n=40),  # 2 x log 41
            row(group="TR", value=0.15, comparison=0.05, n=10_000),  # 2 x log 10001
        ),
        settings=SETTINGS,
    )
    assert [f.group for f in found] == ["TR", "HL", "BL"]
    assert math.isclose(found[1].severity, 2 * math.log(41))


def test_the_filters_narrow_the_findings():
    rows = table(
        row(value=0.10, comparison=0.05),
        row(value=0.10, comparison=0.05, unit=("school", "S2")),
        row(group="F", group_type="sex", value=0.10, comparison=0.05),
        row("chronic_absenteeism", value=0.30, comparison=0.10, dimension="attendance"),
    )
    assert len(findings(rows, settings=SETTINGS)) == 4
    assert {f.unit_id for f in findings(rows, settings=SETTINGS, unit_ids=["S2"])} == {"S2"}
    assert [f.group for f in findings(rows, settings=SETTINGS, group_type="sex")] == ["F"]
    assert [f.metric for f in findings(rows, settings=SETTINGS, dimension="attendance")] == [
        "chronic_absenteeism"
    ]


def test_all_and_unknown_groups_and_insufficient_n_gaps_are_not_findings():
    found = findings(
        table(
            row(group="unknown", value=0.30, comparison=0.05),
            row(group="all", group_type="all", value=0.30, comparison=None),
            row(group="AI", value=0.30, comparison=0.05, status="insufficient_n", n=12),
        ),
        settings=SETTINGS,
    )
    assert found == []
