"""The equity audit's charts: Vega-Lite specs built with Altair, drawn to SVG on the server
with vl-convert, so the same picture serves the page and the board report (no script, no
network). Every chart has a text name for screen readers; the figures it draws are always
also given as a table next to it (see ``templates/equity/figure.html``)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Literal

import altair as alt
import vl_convert as vlc

# USWDS colours: primary blue, a secondary red for the threshold, base greys for reference.
BLUE = "#005ea2"
RED = "#b50909"
GREY = "#565c65"
INK = "#1b1b1b"
WIDTH = 420
GROUP_COLOURS = [
    "#005ea2",
    "#b50909",
    "#2e8540",
    "#6f3331",
    "#8168b3",
    "#c05600",
    "#00687d",
    "#565c65",
]

_CONFIG = {
    # Vega's own ARIA attributes on every inner mark would be read out one by one; the
    # chart as a whole is one image with a name, and the table says the rest.
    "aria": False,
    "font": "DejaVu Sans, Arial, sans-serif",
    "view": {"stroke": None},
    "axis": {"labelColor": INK, "titleColor": INK, "labelFontSize": 11, "titleFontSize": 11},
    "legend": {"labelColor": INK, "titleColor": INK, "labelFontSize": 11},
    "background": "white",
}


@dataclass(frozen=True)
class Chart:
    """One chart: its name, its drawing, the spec it was drawn from."""

    chart_id: str
    title: str
    description: str
    svg: str
    spec: dict = field(repr=False, compare=False)


def draw(chart: alt.TopLevelMixin, *, chart_id: str, title: str, description: str) -> Chart:
    """Render an Altair chart to accessible SVG markup (role="img", a <title> and a <desc>)."""
    # Altair's JSON-schema check of the spec costs about as much as drawing it; it is
    # skipped at request time. The charts are built from a few fixed shapes that the
    # tests draw, and vl-convert still refuses a spec it cannot read.
    spec = chart.to_dict(validate=False)
    spec["config"] = {**_CONFIG, **spec.get("config", {})}
    raw = _render(json.dumps(spec, sort_keys=True))
    return Chart(chart_id, title, description, _label(raw, chart_id, title, description), spec)


@lru_cache(maxsize=512)
def _render(spec_json: str) -> str:
    return vlc.vegalite_to_svg(json.loads(spec_json))


def _label(svg: str, chart_id: str, title: str, description: str) -> str:
    """Name the drawing for assistive technology and keep its ids unique on the page."""
    prefix = "c" + hashlib.sha256(chart_id.encode()).hexdigest()[:8] + "-"
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    head_end = svg.index(">") + 1
    # Inner marks keep no role of their own: the whole drawing is one named image.
    body = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", svg[head_end:])
    svg = svg[:head_end] + body
    head = (
        svg[:head_end]
        .replace(
            "<svg ",
            f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
            'focusable="false" ',
            1,
        )
        .replace('class="marks"', 'class="marks dw-vega"', 1)
    )
    names = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return head + names + svg[head_end:]


def ratio_dot_plot(
    points: list[dict], *, threshold: float | None, chart_id: str, title: str
) -> Chart | None:
    """Risk ratios of the groups as dots, with the line at 1 (parity) and the district's
    threshold (34 CFR 300.647: a ratio at or over it is flagged). ``points``: label, ratio."""
    points = [p for p in points if p.get("ratio") is not None]
    if not points:
        return None
    top = max([(threshold or 1.0) * 1.25, *(p["ratio"] * 1.1 for p in points)])
    data = [
        {"group": p["label"], "ratio": p["ratio"], "flag": _flag(p["ratio"], threshold)}
        for p in points
    ]
    order = [p["label"] for p in points]
    x = alt.X("ratio:Q", title="Risk ratio", scale=alt.Scale(domain=[0, round(top, 2)]))
    y = alt.Y("group:N", title=None, sort=order)
    dots = (
        alt.Chart(alt.Data(values=data))
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "flag:N",
                title=None,
                scale=alt.Scale(
                    domain=["below threshold", "at or over threshold"], range=[BLUE, RED]
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape(
                "flag:N",
                scale=alt.Scale(
                    domain=["below threshold", "at or over threshold"],
                    range=["circle", "triangle-up"],
                ),
                legend=None,
            ),
        )
    )
    rules = _rule(1.0, GREY, "parity 1", dash=[2, 2], align="right")
    if threshold is not None:
        rules = _rule(threshold, RED, f"threshold {threshold:g}", dash=[6, 3]) + rules
    chart = (rules + dots).properties(width=WIDTH, height=max(60, 22 * len(points)))
    parts = "; ".join(f"{p['label']} {p['ratio']:.2f}" for p in points)
    limit = f", threshold {threshold:g}" if threshold is not None else ""
    description = f"Ratio per group{limit}: {parts}."
    return draw(chart, chart_id=chart_id, title=title, description=description)


def _flag(ratio: float, threshold: float | None) -> str:
    return (
        "at or over threshold"
        if threshold is not None and ratio >= threshold
        else "below threshold"
    )


def _rule(
    at: float,
    colour: str,
    text: str,
    *,
    dash: list[int],
    align: Literal["left", "right"] = "left",
) -> alt.LayerChart:
    base = alt.Chart(alt.Data(values=[{"at": at, "text": text}]))
    line = base.mark_rule(color=colour, strokeDash=dash, strokeWidth=1.5).encode(x="at:Q")
    label = base.mark_text(
        color=colour,
        align=align,
        dx=3 if align == "left" else -3,
        dy=-4,
        baseline="bottom",
        fontSize=10,
    ).encode(x="at:Q", y=alt.value(0), text="text:N")
    return line + label


def value_bars(
    bars: list[dict],
    *,
    reference: float | None,
    reference_label: str,
    percent: bool,
    chart_id: str,
    title: str,
    axis_title: str,
) -> Chart | None:
    """The value of each group as a bar, with the reference line (the district's, or the
    unit's all-students figure). ``bars``: label, value, text (the value as shown)."""
    bars = [b for b in bars if b.get("value") is not None]
    if not bars:
        return None
    order = [b["label"] for b in bars]
    small = max(abs(b["value"]) for b in bars) < 10
    fmt = ".0%" if percent else ",.2~f" if small else ",.0f"
    data = [{"group": b["label"], "value": b["value"], "text": b["text"]} for b in bars]
    base = alt.Chart(alt.Data(values=data))
    values = [b["value"] for b in bars] + ([reference] if reference is not None else [])
    top = max([*values, 0]) * 1.18 or 1
    bottom = min([*values, 0]) * 1.18
    x = alt.X(
        "value:Q",
        title=axis_title,
        axis=alt.Axis(format=fmt),
        scale=alt.Scale(domain=[bottom, top]),
    )
    y = alt.Y("group:N", title=None, sort=order)
    chart = base.mark_bar(color=BLUE, height=14).encode(x=x, y=y) + base.mark_text(
        align="left", dx=3, color=INK, fontSize=10
    ).encode(x=x, y=y, text="text:N")
    if reference is not None:
        chart = chart + _rule(reference, GREY, reference_label, dash=[4, 2])
    chart = chart.properties(width=WIDTH, height=max(60, 22 * len(bars)))
    parts = "; ".join(f"{b['label']} {b['text']}" for b in bars)
    ref = f" {reference_label}." if reference is not None else ""
    return draw(chart, chart_id=chart_id, title=title, description=f"{parts}.{ref}")


def trend_lines(
    points: list[dict], *, percent: bool, chart_id: str, title: str, axis_title: str
) -> Chart | None:
    """Values over school years, one line per group. ``points``: year (label), group,
    value, text. Drawn only when there are at least two years."""
    points = [p for p in points if p.get("value") is not None]
    if len({p["year"] for p in points}) < 2:
        return None
    groups = list(dict.fromkeys(p["group"] for p in points))
    fmt = ".0%" if percent else ",.0f"
    chart = (
        alt.Chart(alt.Data(values=points))
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=50))
        .encode(
            x=alt.X("year:O", title="School year", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=axis_title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "group:N",
                title=None,
                sort=groups,
                scale=alt.Scale(domain=groups, range=GROUP_COLOURS[: len(groups)] or [BLUE]),
                legend=alt.Legend(orient="right"),
            ),
            strokeDash=alt.StrokeDash("group:N", sort=groups, legend=None),
        )
        .properties(width=WIDTH - 120, height=160)
    )
    parts = "; ".join(
        f"{g}: " + ", ".join(f"{p['year']} {p['text']}" for p in points if p["group"] == g)
        for g in groups
    )
    return draw(chart, chart_id=chart_id, title=title, description=f"{parts}.")
