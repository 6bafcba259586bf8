"""The coherence view's two charts, drawn to accessible SVG like the equity audit's
(``equity.charts.draw``): initiatives per school against the plan's limit, and budget per
goal in priority order. Bars that a finding flags are red and say so in words beside them,
so colour is never the only sign; the page gives the same figures as tables."""

from __future__ import annotations

import altair as alt

from districtwise.equity.charts.draw import BLUE, GREY, INK, RED, WIDTH, Chart, draw

FLAGGED, FINE = "flagged", "fine"


def flagged_bars(
    bars: list[dict],
    *,
    reference: float | None,
    reference_label: str,
    axis_title: str,
    axis_format: str,
    whole_numbers: bool,
    chart_id: str,
    title: str,
) -> Chart | None:
    """Horizontal bars in the given order. ``bars``: label, value, text (shown beside the
    bar), flagged (drawn red). ``reference`` draws a dashed line (the limit)."""
    if not bars:
        return None
    data = [{**b, "flag": FLAGGED if b["flagged"] else FINE} for b in bars]
    top = max([*(b["value"] for b in bars), reference or 0]) * 1.25 or 1
    x = alt.X(
        "value:Q",
        title=axis_title,
        scale=alt.Scale(domain=[0, top]),
        axis=alt.Axis(format=axis_format, tickMinStep=1 if whole_numbers else alt.Undefined),
    )
    y = alt.Y("label:N", title=None, sort=[b["label"] for b in bars])
    colour = alt.Color(
        "flag:N", scale=alt.Scale(domain=[FINE, FLAGGED], range=[BLUE, RED]), legend=None
    )
    base = alt.Chart(alt.Data(values=data))
    chart = base.mark_bar(height=14).encode(x=x, y=y, color=colour) + base.mark_text(
        align="left", dx=3, color=INK, fontSize=10
    ).encode(x=x, y=y, text="text:N")
    if reference is not None:
        chart = chart + _limit(reference, reference_label)
    chart = chart.properties(width=WIDTH, height=max(60, 22 * len(bars)))
    description = "; ".join(f"{b['label']} {b['text']}" for b in bars) + "."
    if reference is not None:
        description += f" {reference_label}."
    return draw(chart, chart_id=chart_id, title=title, description=description)


def _limit(at: float, text: str) -> alt.LayerChart:
    base = alt.Chart(alt.Data(values=[{"at": at, "text": text}]))
    line = base.mark_rule(color=GREY, strokeDash=[4, 2], strokeWidth=1.5).encode(x="at:Q")
    label = base.mark_text(
        color=GREY, align="left", dx=3, dy=-4, baseline="bottom", fontSize=10
    ).encode(x="at:Q", y=alt.value(0), text="text:N")
    return line + label
