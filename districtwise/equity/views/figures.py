"""What the equity pages and the board report show, arranged from the audit's rows: the
units' names, the rows a user may see with the reason for each hidden figure, the panels of
a dimension at one unit, the findings in words."""

from __future__ import annotations

from django.urls import reverse

from districtwise.analytics.equity import suppression
from districtwise.analytics.equity.spec import AuditSettings
from districtwise.equity import selectors
from districtwise.equity.charts import panels
from districtwise.equity.charts.labels import (
    DIMENSION_ABOUT,
    DIMENSION_NAMES,
    GROUP_TYPE_NAMES,
    group_name,
    metric_name,
    show_gap,
    show_ratio,
    show_value,
    value_kind,
    year_label,
)
from districtwise.organization import selectors as organization


class UnitNames(dict):
    """(unit_type, unit_id) -> the unit's name (unit ids are the files' codes), and each
    school's network code in ``network_of``."""

    network_of: dict[str, str]


def unit_names(*, user, district) -> UnitNames:
    names = UnitNames({("district", district.code): district.name})
    names.network_of = {}
    for network in organization.network_list(user=user, district=district):
        names[("network", network.code)] = network.name
    for school in organization.school_list(user=user, district=district).select_related("network"):
        names[("school", school.code)] = school.name
        if school.network is not None:
            names.network_of[school.code] = school.network.code
    return names


def unit_label(names, unit_type: str, unit_id: str) -> str:
    return names.get((unit_type, unit_id), f"{unit_type.capitalize()} {unit_id}")


def visible_rows(*, user, district, **narrowing) -> list[dict]:
    """The audit's rows the user may see (through the selector), each suppressed one with
    the ``reason`` a page shows in place of its numbers."""
    rows = selectors.audit_table(user=user, district=district, **narrowing).to_pylist()
    run = selectors.current_run(user=user, district=district)
    display_n = (run.audit_settings() if run else AuditSettings()).minimum_display_n
    for row in rows:
        if row["status"] != "suppressed":
            continue
        if suppression.REASON_COLUMN in row:
            row["reason"] = suppression.reason(row, minimum_display_n=display_n)
        else:
            # The selector does not say which of the two rules hid the figure: name both.
            row["reason"] = (
                f"Hidden to protect privacy: fewer than {display_n} students, or it would "
                "let a smaller group's figure be worked out"
            )
    return rows


def top_unit(rows: list[dict]) -> tuple[str, str] | None:
    """The broadest unit the user sees: the district row if visible, else their first
    network, else their first school."""
    for unit_type in ("district", "network", "school"):
        ids = sorted({r["unit_id"] for r in rows if r["unit_type"] == unit_type})
        if ids:
            return unit_type, ids[0]
    return None


def dimension_card(dimension, rows, unit, names, threshold) -> dict:
    """A dimension's card: its headline chart at the user's broadest unit, with its table."""
    mine = [r for r in rows if r["dimension"] == dimension]
    card = {
        "dimension": dimension,
        "name": DIMENSION_NAMES[dimension],
        "about": DIMENSION_ABOUT[dimension],
    }
    metric = panels.headline_metric(dimension, (r["metric"] for r in mine))
    if metric is None or unit is None:
        return card | {"panel": None}
    at_unit = [r for r in mine if (r["unit_type"], r["unit_id"]) == unit and r["metric"] == metric]
    if dimension == "resource" and unit[0] == "district":
        chart, table = panels.quartile_figure(at_unit, metric, f"card-{dimension}")
        return card | {
            "panel": panels.Panel(metric, metric_name(metric), "", [c for c in [chart] if c], table)
        }
    group_types = ("race_ethnicity",)
    panel = panels.metric_panel(
        rows=at_unit,
        history=[],
        metric=metric,
        dimension=dimension,
        group_types=group_types,
        unit_label=unit_label(names, *unit),
        reference=reference_row(mine, metric),
        threshold=threshold,
        chart_key=f"card-{dimension}",
    )
    panel.charts = panel.charts[-1:] if len(panel.charts) > 1 else panel.charts  # the ratios
    return card | {"panel": panel}


def reference_row(rows, metric) -> dict | None:
    """The district's all-students row of ``metric`` (the line drawn on the bars)."""
    return next(
        (
            r
            for r in rows
            if r["unit_type"] == "district" and r["metric"] == metric and r["group_type"] == "all"
        ),
        None,
    )


FINDING_KINDS = {
    "risk_ratio": "risk ratio at or above the threshold",
    "gap": "gap over the settings' points",
    "quartile": "highest- against lowest-poverty schools",
}


def finding_view(finding, names) -> dict:
    """A finding as the list shows it: what, where, the numbers, n, trend and a link."""
    kind = value_kind(finding.metric)
    query = f"?year={finding.school_year}&unit_type={finding.unit_type}&unit_id={finding.unit_id}"
    if finding.group_type not in ("all", "poverty_quartile"):
        query += f"&group_type={finding.group_type}"
    anchor = "#m-" + finding.metric.replace(":", "-").replace("_", "-").lower()
    return {
        "finding": finding,
        "metric": metric_name(finding.metric),
        "dimension": DIMENSION_NAMES.get(finding.dimension, finding.dimension),
        "group": f"{GROUP_TYPE_NAMES.get(finding.group_type, finding.group_type)}: "
        f"{group_name(finding.group_type, finding.group)}",
        "unit": unit_label(names, finding.unit_type, finding.unit_id),
        "kind": FINDING_KINDS.get(finding.kind, finding.kind.replace("_", " ")),
        "value": show_value(finding.value, kind),
        "comparison": show_value(finding.comparison_value, kind),
        "against": against_words(finding),
        "ratio": show_ratio(finding.ratio),
        "gap": show_gap(finding.value, finding.comparison_value, kind),
        "n": f"{finding.n:,.0f}" if finding.n is not None else "—",
        "trend": [(year_label(y), show_value(v, kind), show_ratio(r)) for y, v, r in finding.trend],
        "url": reverse("equity:dimension", args=[finding.dimension]) + query + anchor,
    }


def against_words(finding) -> str:
    """Whom a finding's figure is compared with, in words."""
    if finding.kind == "quartile":
        return "in the lowest-poverty schools (Q1); the figure is the highest-poverty schools' (Q4)"
    if finding.metric == "staff_representation":
        return "of the students (the figure is the share of teachers)"
    return "for all other students"


def year_findings(*, user, district, school_year: int, **narrowing) -> list:
    """The findings of one year, each with its earlier years as its trend (the selector
    is asked for every year so that the trend has something to draw on)."""
    found = selectors.audit_findings(user=user, district=district, **narrowing)
    return [f for f in found if f.school_year == school_year]


def dimension_figures(dimension, rows, every_year, unit, group_type, names, threshold) -> dict:
    at_unit = [r for r in rows if (r["unit_type"], r["unit_id"]) == unit]
    history = [r for r in every_year if (r["unit_type"], r["unit_id"]) == unit]
    metrics = sorted({r["metric"] for r in at_unit})
    label = unit_label(names, *unit)
    figures: dict[str, list] = {
        "panels": [
            panels.metric_panel(
                rows=[r for r in at_unit if r["metric"] == m],
                history=[r for r in history if r["metric"] == m],
                metric=m,
                dimension=dimension,
                group_types=(group_type,),
                unit_label=label,
                reference=reference_row(rows, m),
                threshold=threshold,
                chart_key=dimension,
            )
            for m in metrics
        ]
    }
    kids = {(c["unit_type"], c["unit_id"]): c["label"] for c in children(unit, rows, names)}
    for panel in figures["panels"]:
        if kids and not any(
            r["metric"] == panel.metric and r["group_type"] not in ("all", "poverty_quartile")
            for r in at_unit
        ):
            entries = [
                (kids[(r["unit_type"], r["unit_id"])], r)
                for r in rows
                if (r["unit_type"], r["unit_id"]) in kids
                and r["metric"] == panel.metric
                and r["group_type"] == "all"
            ]
            panel.units_chart, panel.units_table = panels.units_figure(
                sorted(entries, key=lambda e: e[0]),
                panel.metric,
                reference_row(rows, panel.metric),
                f"{dimension}-{panel.anchor}-units",
                f"{panel.name}: the units of {label} compared",
            )
    if dimension == "resource":
        district = [r for r in rows if r["unit_type"] == "district"]
        figures["quartiles"] = [
            panels.quartile_figure([r for r in district if r["metric"] == m], m, f"quartile-{i}")
            for i, m in enumerate(
                sorted({r["metric"] for r in district if r["group_type"] == "poverty_quartile"})
            )
        ]
    return figures


def trail(unit, rows, names) -> list[dict]:
    """The way back up: district, then the school's network (when visible)."""
    visible = {(r["unit_type"], r["unit_id"]) for r in rows}
    trail = [
        {"unit_type": t, "unit_id": i, "label": unit_label(names, t, i)}
        for t, i in sorted(visible)
        if t == "district"
    ]
    if unit[0] == "school":
        network = names.network_of.get(unit[1])
        if network and ("network", network) in visible:
            trail.append(
                {
                    "unit_type": "network",
                    "unit_id": network,
                    "label": unit_label(names, "network", network),
                }
            )
    return [t for t in trail if (t["unit_type"], t["unit_id"]) != unit]


def children(unit, rows, names) -> list[dict]:
    """The units one level down that the user sees (district: networks, or schools when the
    district has no networks; network: its schools)."""
    visible = sorted({(r["unit_type"], r["unit_id"]) for r in rows})
    if unit[0] == "district":
        kids = [u for u in visible if u[0] == "network"] or [u for u in visible if u[0] == "school"]
    elif unit[0] == "network":
        mine = {s for s, n in names.network_of.items() if n == unit[1]}
        kids = [u for u in visible if u[0] == "school" and u[1] in mine]
    else:
        kids = []
    return [{"unit_type": t, "unit_id": i, "label": unit_label(names, t, i)} for t, i in kids]
