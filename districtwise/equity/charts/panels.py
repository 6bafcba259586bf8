"""From the audit's tidy rows (already scoped and suppressed by the selectors) to what a
page shows: per metric, the charts and one table with the same figures, suppressed figures
with their reason and unavailable metrics with the file that is missing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from districtwise.equity.charts import draw
from districtwise.equity.charts.labels import (
    STATUS_NOTES,
    group_name,
    is_rate,
    metric_name,
    show_gap,
    show_ratio,
    show_value,
    source_file,
    value_kind,
    year_label,
)

# The metric each dimension's overview card draws.
HEADLINE_METRICS = {
    "attendance": ("chronic_absenteeism",),
    "discipline": ("oss_rate", "iss_rate"),
    "opportunity": ("advanced:AP", "advanced:HONORS", "advanced:GT"),
    "programmatic": ("identification:disability", "identification:gifted"),
    "achievement": ("proficiency:",),
    "representation": ("staff_representation",),
    "resource": ("per_pupil_spending",),
}


@dataclass
class Table:
    """A table alternative: a caption, column headings and rows of text (the first cell of
    a row is its heading)."""

    caption: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Panel:
    """One metric at one unit: its charts, the table of the same figures, and its trend."""

    metric: str
    name: str
    anchor: str
    charts: list[draw.Chart]
    table: Table | None
    unavailable: str = ""
    trend: draw.Chart | None = None
    trend_table: Table | None = None
    units_chart: draw.Chart | None = None
    units_table: Table | None = None


def suppression_reason(row: dict) -> str:
    """Why a figure is hidden (set on the row by ``views.visible_rows``)."""
    return row.get("reason") or "Hidden to protect privacy"


def _cells(row: dict, kind: str) -> list[str]:
    """The figures of one row as shown in a table; a suppressed row shows why, not numbers."""
    label = group_name(row["group_type"], row["group"])
    if row["status"] == "suppressed":
        return [
            label,
            "suppressed",
            "suppressed",
            "—",
            "—",
            "suppressed",
            "suppressed",
            suppression_reason(row),
        ]
    return [
        label,
        show_value(row["value"], kind),
        show_value(row["comparison_value"], kind),
        show_gap(row["value"], row["comparison_value"], kind),
        show_ratio(row["ratio"]),
        _count(row["denominator"]),
        _count(row["numerator"]),
        STATUS_NOTES.get(row["status"], ""),
    ]


def _count(number: float | None) -> str:
    if number is None:
        return "—"
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.1f}"


TABLE_COLUMNS = [
    "Group",
    "Value",
    "All other students",
    "Gap",
    "Ratio",
    "Students (n)",
    "Count",
    "Note",
]


def _ordered(rows: Iterable[dict]) -> list[dict]:
    rows = list(rows)
    rows.sort(key=lambda r: (r["group_type"] != "all", r["group"] == "unknown", r["group"]))
    return rows


def metric_panel(
    *,
    rows: list[dict],
    history: list[dict],
    metric: str,
    dimension: str,
    group_types: tuple[str, ...],
    unit_label: str,
    reference: dict | None,
    threshold: float,
    chart_key: str,
) -> Panel:
    """The panel of ``metric`` at one unit and year. ``rows``: that unit's rows of the
    metric; ``history``: the same over every year; ``reference``: the district's
    all-students row (the line on the bars)."""
    name = metric_name(metric)
    anchor = "m-" + metric.replace(":", "-").replace("_", "-").lower()
    if any(r["status"] == "unavailable" for r in rows):
        missing = f"Not computed: {source_file(dimension, metric)} was not imported."
        return Panel(metric, name, anchor, [], None, unavailable=missing)
    kind = value_kind(metric)
    shown = _ordered(r for r in rows if r["group_type"] in ("all", *group_types))
    groups = [r for r in shown if r["group_type"] != "all"]
    chart_id = f"{chart_key}-{anchor}"
    ratio_word = "risk ratio" if is_rate(metric) else "ratio"
    charts = [
        c
        for c in (
            _bars(groups or shown, kind, reference, f"{chart_id}-bars", f"{name}, {unit_label}"),
            draw.ratio_dot_plot(
                [
                    {"label": group_name(r["group_type"], r["group"]), "ratio": r["ratio"]}
                    for r in groups
                    if r["status"] in ("ok", "alternate")
                ],
                threshold=threshold if is_rate(metric) else None,
                chart_id=f"{chart_id}-ratios",
                title=f"{name}: {ratio_word} per group, {unit_label}",
            ),
        )
        if c is not None
    ]
    table = Table(f"{name}, {unit_label}", TABLE_COLUMNS, [_cells(r, kind) for r in shown])
    trend, trend_table = trend_figure(history, metric, group_types, f"{chart_id}-trend", unit_label)
    return Panel(metric, name, anchor, charts, table, trend=trend, trend_table=trend_table)


def _bars(rows, kind, reference, chart_id, title) -> draw.Chart | None:
    ref_value = reference["value"] if reference and reference["status"] != "suppressed" else None
    return draw.value_bars(
        [
            {
                "label": group_name(r["group_type"], r["group"]),
                "value": r["value"],
                "text": show_value(r["value"], kind),
            }
            for r in rows
            if r["status"] != "suppressed"
        ],
        reference=ref_value,
        reference_label=f"District {show_value(ref_value, kind)}",
        percent=kind == "percent",
        chart_id=chart_id,
        title=title,
        axis_title=metric_name(rows[0]["metric"]) if rows else "",
    )


def trend_figure(history, metric, group_types, chart_id, unit_label):
    """Values over the years, per group; a table of the same (None with one year only)."""
    kind = value_kind(metric)
    rows = [r for r in history if r["group_type"] in ("all", *group_types)]
    years = sorted({r["school_year"] for r in rows})
    if len(years) < 2:
        return None, None
    points = [
        {
            "year": year_label(r["school_year"]),
            "group": group_name(r["group_type"], r["group"]),
            "value": r["value"],
            "text": show_value(r["value"], kind),
        }
        for r in rows
        if r["status"] != "suppressed"
    ]
    name = metric_name(metric)
    chart = draw.trend_lines(
        points,
        percent=kind == "percent",
        chart_id=chart_id,
        title=f"{name} over the years, {unit_label}",
        axis_title=name,
    )
    table = Table(f"{name} over the years, {unit_label}", ["Group", *map(year_label, years)])
    by_group: dict[tuple[str, str], dict[int, dict]] = {}
    for r in _ordered(rows):
        by_group.setdefault((r["group_type"], r["group"]), {})[r["school_year"]] = r
    for (gt, g), per_year in by_group.items():
        table.rows.append(
            [group_name(gt, g)]
            + [
                "suppressed"
                if (y in per_year and per_year[y]["status"] == "suppressed")
                else show_value(per_year[y]["value"], kind)
                if y in per_year
                else "—"
                for y in years
            ]
        )
    return chart, table


def headline_metric(dimension: str, metrics: Iterable[str]) -> str | None:
    """The metric a dimension's overview card draws: the first of its headline metrics the
    audit has, else its first metric."""
    metrics = sorted(set(metrics))
    for wanted in HEADLINE_METRICS.get(dimension, ()):
        for metric in metrics:
            if metric == wanted or (wanted.endswith(":") and metric.startswith(wanted)):
                return metric
    return metrics[0] if metrics else None


def quartile_figure(
    rows: list[dict], metric: str, chart_id: str
) -> tuple[draw.Chart | None, Table]:
    """The poverty-quartile gradient of a resource metric (district rows, Q1 to Q4)."""
    kind = value_kind(metric)
    quartiles = sorted(
        (r for r in rows if r["group_type"] == "poverty_quartile"), key=lambda r: r["group"]
    )
    everyone = next((r for r in rows if r["group_type"] == "all"), None)
    name = metric_name(metric)
    chart = draw.value_bars(
        [
            {
                "label": group_name("poverty_quartile", r["group"]),
                "value": r["value"],
                "text": show_value(r["value"], kind),
            }
            for r in quartiles
            if r["status"] != "suppressed"
        ],
        reference=everyone["value"] if everyone else None,
        reference_label=f"District {show_value(everyone['value'] if everyone else None, kind)}",
        percent=kind == "percent",
        chart_id=chart_id,
        title=f"{name} by school poverty quartile",
        axis_title=name,
    )
    table = Table(
        f"{name} by school poverty quartile", ["Quartile", "Value", "Students (n)", "Note"]
    )
    for r in quartiles:
        if r["status"] == "suppressed":
            table.rows.append(
                [
                    group_name("poverty_quartile", r["group"]),
                    "suppressed",
                    "suppressed",
                    suppression_reason(r),
                ]
            )
        else:
            table.rows.append(
                [
                    group_name("poverty_quartile", r["group"]),
                    show_value(r["value"], kind),
                    _count(r["denominator"]),
                    "",
                ]
            )
    return chart, table


def units_figure(
    entries: list[tuple[str, dict]], metric: str, reference: dict | None, chart_id: str, title: str
) -> tuple[draw.Chart | None, Table]:
    """The all-students figure of each unit one level down (label, row), with the district
    line: which networks or schools are above or below it."""
    kind = value_kind(metric)
    shown = [(label, r) for label, r in entries if r["status"] != "suppressed"]
    ref_value = reference["value"] if reference and reference["status"] != "suppressed" else None
    chart = draw.value_bars(
        [
            {"label": label, "value": r["value"], "text": show_value(r["value"], kind)}
            for label, r in shown
        ],
        reference=ref_value,
        reference_label=f"District {show_value(ref_value, kind)}",
        percent=kind == "percent",
        chart_id=chart_id,
        title=title,
        axis_title=metric_name(metric),
    )
    table = Table(title, ["Unit", "Value", "Students (n)", "Note"])
    for label, r in entries:
        if r["status"] == "suppressed":
            table.rows.append([label, "suppressed", "suppressed", suppression_reason(r)])
        else:
            table.rows.append([label, show_value(r["value"], kind), _count(r["denominator"]), ""])
    return chart, table
