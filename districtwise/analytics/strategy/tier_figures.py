"""The figures tier rules read, per school: from the equity audit's tidy table (chronic
absence, proficiency and its growth, suspensions) and from staff.csv (staff turnover).

    figures = school_figures(audit, school_year=2026, assessment="STATE_MATH")
    turnover = staff_turnover(tables, school_year=2026)     # ibis, on the engine
    add_turnover(figures, turnover, reason_missing="")

Rates are given in percent, growth in percentage points and risk ratios as they are. A
figure that is missing says why."""

from __future__ import annotations

import ibis
import pyarrow as pa

from districtwise.analytics.strategy.tiers import Figure
from districtwise.analytics.tables import Tables

# Statuses under which a figure's value is not usable (spec: "The tidy result").
UNUSABLE = {"suppressed", "unavailable"}
RATIO_STATUSES = {"ok", "alternate"}


def school_figures(
    audit: pa.Table, *, school_year: int, assessment: str
) -> dict[str, dict[str, Figure]]:
    """School id → indicator → Figure for ``school_year``, from the audit's tidy rows (of
    any years: growth needs the year before)."""
    rows = [r for r in audit.to_pylist() if r["unit_type"] == "school"]
    schools = sorted({r["unit_id"] for r in rows if r["school_year"] == school_year})
    index: dict[tuple, dict] = {
        (r["unit_id"], r["school_year"], r["metric"], r["group_type"], r["group"]): r for r in rows
    }
    risk = _risk_rows(rows, school_year)
    return {
        school: {
            "chronic_absence": _rate(index, school, school_year, "chronic_absenteeism"),
            "proficiency": _rate(index, school, school_year, f"proficiency:{assessment}"),
            "growth": _growth(index, school, school_year, assessment),
            "oss_risk_ratio": _highest_ratio(risk.get(school, []), school_year),
            "oss_rate": _rate(index, school, school_year, "oss_rate"),
        }
        for school in schools
    }


def _rate(index: dict, school: str, year: int, metric: str) -> Figure:
    row = index.get((school, year, metric, "all", "all"))
    source = ((year, metric, "all", "all"),)
    if row is None:
        return Figure(None, missing=f"no {metric} figure for {year}")
    if row["status"] in UNUSABLE or row["value"] is None:
        why = {"unavailable": "its data file was not imported"}.get(row["status"], "no value")
        return Figure(None, missing=f"{metric} for {year}: {why}")
    count = f"{_whole(row['numerator'])} of {_whole(row['denominator'])} students"
    return Figure(100 * row["value"], note=f"{count}, {year}", sources=source)


def _growth(index: dict, school: str, year: int, assessment: str) -> Figure:
    metric = f"proficiency:{assessment}"
    now, before = _rate(index, school, year, metric), _rate(index, school, year - 1, metric)
    if now.value is None or before.value is None:
        return Figure(None, missing=(now.missing or before.missing))
    note = f"{before.value:.1f} % in {year - 1}, {now.value:.1f} % in {year}"
    return Figure(now.value - before.value, note=note, sources=now.sources + before.sources)


def _risk_rows(rows: list[dict], year: int) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for r in rows:
        if r["school_year"] == year and r["metric"] == "oss_rate" and r["group_type"] != "all":
            found.setdefault(r["unit_id"], []).append(r)
    return found


def _highest_ratio(rows: list[dict], year: int) -> Figure:
    usable = [r for r in rows if r["status"] in RATIO_STATUSES and r["ratio"] is not None]
    if not usable:
        return Figure(None, missing=f"no student group large enough for a risk ratio in {year}")
    top = max(usable, key=lambda r: (r["ratio"], r["group_type"], r["group"]))
    note = f"{top['group_type']} {top['group']}, {year}"
    source = ((year, "oss_rate", top["group_type"], top["group"]),)
    return Figure(top["ratio"], note=note, sources=source)


def _whole(number: float | None) -> str:
    return "?" if number is None else f"{number:,.0f}"


def staff_turnover(tables: Tables, *, school_year: int) -> pa.Table:
    """Per school (``school_id``): ``staff_last_year`` (distinct staff at the school in the
    year before) and ``left`` (of those, not at the same school in ``school_year``)."""
    staff = tables.staff
    at_school = staff.filter(staff.school_id.notnull() & (staff.school_id != ""))
    before = at_school.filter(at_school.school_year == school_year - 1)
    before = before.select("staff_id", "school_id").distinct()
    now = at_school.filter(at_school.school_year == school_year)
    now = now.select(now_staff=now.staff_id, now_school=now.school_id).distinct()
    now = now.mutate(stayed=ibis.literal(1))
    joined = before.left_join(
        now, [before.staff_id == now.now_staff, before.school_id == now.now_school]
    )
    counts = joined.group_by("school_id").aggregate(
        staff_last_year=joined.staff_id.count(),
        left=joined.stayed.isnull().cast("int64").sum(),
    )
    return tables.con.to_pyarrow(counts.order_by("school_id"))


def turnover_figures(turnover: pa.Table | None, *, school_year: int) -> dict[str, Figure]:
    """School id → staff turnover Figure (percent), for schools with staff last year."""
    if turnover is None:
        return {}
    return {
        r["school_id"]: Figure(
            100 * r["left"] / r["staff_last_year"],
            note=f"{r['left']} of {r['staff_last_year']} staff of {school_year - 1} gone in "
            f"{school_year}",
        )
        for r in turnover.to_pylist()
        if r["staff_last_year"]
    }


def add_turnover(
    figures: dict[str, dict[str, Figure]], turnover: dict[str, Figure], *, missing: str
) -> None:
    """Put each school's staff turnover into ``figures`` (or the reason it is missing)."""
    for school, indicators in figures.items():
        indicators["staff_turnover"] = turnover.get(school) or Figure(None, missing=missing)
