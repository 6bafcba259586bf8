"""Where computed indicators get their figures: a small registry of metric sources.

An indicator computed from the district's data names a ``dimension`` and a ``metric``;
the source that owns the dimension offers the metrics a user may choose and reads their
figures at district level, per school year, through its own scoping and suppression. The
equity audit is the first source; a later module registers its own from its AppConfig's
``ready()``::

    from districtwise.strategy import metric_sources
    metric_sources.register(MySource())

and its metrics can then back an indicator like any metric of the audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from districtwise.analytics.strategy.progress import Point


@dataclass(frozen=True)
class MetricChoice:
    """A metric a computed indicator can be backed by, as a person chooses it."""

    dimension: str
    metric: str
    label: str
    source: str


class MetricSource(Protocol):
    """A module whose figures can back indicators. ``dimensions`` are the dimension words
    it owns (no two sources share one)."""

    name: str

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The dimension words the source owns."""
        ...

    def choices(self, *, user, district) -> list[MetricChoice]:
        """The metrics present in the source's current figures that the user may see."""
        ...

    def periods(self, *, user, district) -> list[dt.date]:
        """The periods the source has figures for (the end of each), oldest first."""
        ...

    def series(
        self, *, user, district, dimension: str, metric: str, group_type: str, group: str
    ) -> list[Point]:
        """District-level figures of one metric for one group, one point per period of
        ``periods``: a period with no figure or a hidden one is a point without value."""
        ...

    def small_count(self, *, user, district) -> int:
        """The fewest students a figure may cover before it is hidden from the user."""
        ...


_SOURCES: list[MetricSource] = []


def register(source: MetricSource) -> None:
    """Add a source; a dimension already owned by another source is refused."""
    taken = {d for s in _SOURCES if s.name != source.name for d in s.dimensions}
    clash = sorted(taken & set(source.dimensions))
    if clash:
        raise ValueError(f"Dimensions already owned by another metric source: {clash}")
    _SOURCES[:] = [s for s in _SOURCES if s.name != source.name] + [source]


def sources() -> list[MetricSource]:
    """Every registered source, the equity audit first."""
    return list(_SOURCES)


def source_for(dimension: str) -> MetricSource | None:
    """The source that owns ``dimension``, if any."""
    return next((s for s in _SOURCES if dimension in s.dimensions), None)


def metric_choices(*, user, district) -> list[MetricChoice]:
    """Every metric of every source that the user may choose, source by source."""
    return [c for s in _SOURCES for c in s.choices(user=user, district=district)]


class EquityAuditSource:
    """The equity audit's district figures, read through ``equity.selectors.audit_table``
    (the user's scope and the small-count suppression apply), dated at the end of each
    school year."""

    name = "Equity audit"

    @property
    def dimensions(self) -> tuple[str, ...]:
        from districtwise.analytics.equity.spec import DIMENSIONS

        return DIMENSIONS

    def _rows(self, user, district, dimension: str | None = None, **wanted: str) -> list[dict]:
        """The district rows the user may see, narrowed to ``wanted`` column values
        (filtered in Arrow before any row becomes a Python dict)."""
        import pyarrow.compute as pc

        from districtwise.equity.selectors import audit_table

        table = audit_table(user=user, district=district, unit_type="district", dimension=dimension)
        for column, value in wanted.items():
            table = table.filter(pc.fill_null(pc.equal(table.column(column), value), False))
        return table.to_pylist()

    def choices(self, *, user, district) -> list[MetricChoice]:
        from districtwise.equity.charts.labels import DIMENSION_NAMES, metric_name

        present = sorted({(r["dimension"], r["metric"]) for r in self._rows(user, district)})
        return [
            MetricChoice(d, m, f"{DIMENSION_NAMES.get(d, d)}: {metric_name(m)}", self.name)
            for d, m in present
        ]

    def periods(self, *, user, district) -> list[dt.date]:
        from districtwise.equity.selectors import audit_years
        from districtwise.strategy.selectors.progress import year_end

        years = audit_years(user=user, district=district)
        return sorted(year_end(district, y) for y in years)

    def series(
        self, *, user, district, dimension: str, metric: str, group_type: str, group: str
    ) -> list[Point]:
        from districtwise.equity.selectors import audit_years
        from districtwise.strategy.selectors.progress import year_end

        ends: dict[int, dt.date] = {}  # one look-up of the calendar per school year

        def end_of(year: int) -> dt.date:
            if year not in ends:
                ends[year] = year_end(district, year)
            return ends[year]

        found: dict[dt.date, Point] = {}
        rows = self._rows(
            user, district, dimension or None, metric=metric, group_type=group_type, group=group
        )
        for row in rows:
            on = end_of(int(row["school_year"]))
            found[on] = _audit_point(on, row)
        periods = {end_of(y) for y in audit_years(user=user, district=district)}
        return [found.get(on, Point(on, None)) for on in sorted(periods | set(found))]

    def small_count(self, *, user, district) -> int:
        from districtwise.equity.selectors import current_run, district_audit_settings

        run = current_run(user=user, district=district)
        settings = run.audit_settings() if run else district_audit_settings(district=district)
        return settings.minimum_display_n


def _audit_point(on: dt.date, row: dict) -> Point:
    """A figure of the audit: hidden ones keep their reason, missing ones are gaps."""
    if row["status"] == "suppressed":
        return Point(on, None, withheld=row.get("suppressed_reason") or "small_n")
    if row["value"] is None:
        return Point(on, None)
    return Point(on, Decimal(str(round(row["value"], 6))))


register(EquityAuditSource())
