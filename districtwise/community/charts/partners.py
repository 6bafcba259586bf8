"""Partnership health drawn on the server as self-contained SVG (no script): per committed
service, two bars across, sessions delivered and reach, each as a share of what was
committed, with a line marking the commitment. The page shows the same figures as a table."""

from __future__ import annotations

from html import escape

from districtwise.community.selectors.partners import ServiceHealth

BLUE = "#005ea2"
GREEN = "#00a91c"
INK = "#1b1b1b"
GREY = "#565c65"
LABEL_WIDTH = 230
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 150
ROW = 22
TOP_SHARE = 150  # bars run to 150 % of the commitment; beyond that they are capped


def _bar(y: int, label: str, done: int, committed: int, colour: str) -> str:
    share = done / committed if committed else 0
    width = round(BAR_WIDTH * min(share * 100, TOP_SHARE) / TOP_SHARE, 1)
    said = f"{done} of {committed}" if committed else f"{done} (nothing committed)"
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y + 13}" font-size="12" text-anchor="end" '
        f'fill="{INK}">{escape(label)}</text>'
        f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{width}" height="14" fill="{colour}"/>'
        f'<text x="{LABEL_WIDTH + width + 5}" y="{y + 13}" font-size="12" '
        f'fill="{INK}">{escape(said)}</text>'
    )


def _words(rows: list[ServiceHealth]) -> str:
    return (
        "; ".join(
            f"{r.service.name}: {r.sessions} of {r.service.committed_sessions} sessions, "
            f"{r.reach} of {r.service.committed_reach} {r.service.get_reaches_display().lower()}"
            for r in rows
        )
        + "."
    )


def delivered_against_committed(rows: list[ServiceHealth], *, chart_id: str) -> str:
    """The chart of a partnership's services (see the module docstring)."""
    title = "Delivered against committed, per service"
    parts = []
    y = 8
    for row in rows:
        name = row.service.name if len(row.service.name) <= 34 else row.service.name[:33] + "…"
        parts.append(
            f'<text x="4" y="{y + 13}" font-size="12" font-weight="bold" '
            f'fill="{INK}">{escape(name)}</text>'
        )
        y += ROW
        parts.append(_bar(y, "Sessions", row.sessions, row.service.committed_sessions, BLUE))
        y += ROW
        reach = f"{row.service.get_reaches_display()} reached"
        parts.append(_bar(y, reach, row.reach, row.service.committed_reach, GREEN))
        y += ROW + 6
    full = LABEL_WIDTH + round(BAR_WIDTH * 100 / TOP_SHARE, 1)
    parts.append(
        f'<line x1="{full}" y1="4" x2="{full}" y2="{y}" stroke="{GREY}" stroke-dasharray="4 3"/>'
        f'<text x="{full}" y="{y + 12}" font-size="11" text-anchor="middle" '
        f'fill="{GREY}">commitment</text>'
    )
    height = y + 18
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'width="100%" viewBox="0 0 {WIDTH} {height}" style="max-width:{WIDTH}px" '
        f'font-family="Helvetica, Arial, sans-serif" class="dw-partnership-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(_words(rows))}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f"{''.join(parts)}</svg>"
    )
