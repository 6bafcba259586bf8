"""The allocation's charts: the gap per school and per poverty quartile (allocation minus
what the schools have now), drawn as SVG by the equity audit's chart code. The pages give
the same figures as tables beside them."""

from __future__ import annotations

from decimal import Decimal

from districtwise.equity.charts import draw
from districtwise.strategy.selectors.allocation import AllocationView


def amount_text(value: Decimal | None, unit: str) -> str:
    """A figure as a reader expects it: "$1,234.50" or "2.25 FTE"; "—" when unknown."""
    if value is None:
        return "—"
    sign = "\u2212" if value < 0 else ""
    if unit == "dollars":
        return f"{sign}${abs(value):,.2f}"
    return f"{sign}{abs(value):,.2f} FTE"


def _bars(pairs: list[tuple[str, Decimal | None]], unit: str) -> list[dict]:
    return [
        {"label": label, "value": float(value), "text": amount_text(value, unit)}
        for label, value in pairs
        if value is not None
    ]


def school_gap_chart(view: AllocationView) -> draw.Chart | None:
    """Allocation minus what each school has now, one bar per school."""
    unit = view.scenario.unit
    bars = _bars([(r.school_name, r.gap) for r in view.rows], unit)
    return draw.value_bars(
        bars,
        reference=0.0 if bars else None,
        reference_label="no gap",
        percent=False,
        chart_id=f"allocation-{view.scenario.pk}-schools",
        title="Gap per school: allocation minus what the school has now",
        axis_title="Dollars" if unit == "dollars" else "Positions (FTE)",
    )


def quartile_gap_chart(view: AllocationView) -> draw.Chart | None:
    """Allocation minus what the schools have now, per poverty quartile."""
    unit = view.scenario.unit
    pairs = [(f"{q.quartile} ({QUARTILE_WORDS[q.quartile]})", q.gap) for q in view.quartiles or []]
    bars = _bars(pairs, unit)
    return draw.value_bars(
        bars,
        reference=0.0 if bars else None,
        reference_label="no gap",
        percent=False,
        chart_id=f"allocation-{view.scenario.pk}-quartiles",
        title="Gap per poverty quartile",
        axis_title="Dollars" if unit == "dollars" else "Positions (FTE)",
    )


QUARTILE_WORDS = {
    "Q1": "lowest poverty",
    "Q2": "lower middle",
    "Q3": "upper middle",
    "Q4": "highest poverty",
}
