"""Measures backed by the district's data: their values computed from the live files.

``measure_refresh_from_data`` runs from the "Refresh from the district's data" button and
after every import (``districtwise.data.signals.live_data_changed``, connected in the
app's ``ready``). It replaces the measure's earlier values with one per team's school
and period, in one transaction with one audit row per measure. Under the metric spec's
privacy rule a figure about fewer students than the district's minimum display n is
stored without its numbers, and its note says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from districtwise.analytics.improvement.data_measures import (
    MetricUnavailable,
    SchoolPeriodFigure,
    school_period_figures,
)
from districtwise.analytics.improvement.periods import period_end, period_starts
from districtwise.core.audit import audit_record
from districtwise.improvement.models import ImprovementNetwork, Measure, MeasureValue


@dataclass(frozen=True)
class RefreshOutcome:
    """What a refresh did to one measure: values written, how many of them hidden for
    privacy, and why nothing was written when it could not be (``problem``)."""

    measure: Measure
    written: int = 0
    hidden: int = 0
    problem: str = ""

    def describe(self) -> str:
        if self.problem:
            return f"{self.measure.name}: {self.problem}"
        hidden = f", {self.hidden} hidden (too few students)" if self.hidden else ""
        return f"{self.measure.name}: {self.written} values from the district's data{hidden}"


def hidden_note(minimum: int) -> str:
    """The note of a figure not shown for privacy."""
    return f"Not shown: fewer than {minimum} students (privacy rule of the metric spec)."


def _minimum_display_n(district) -> int:
    from districtwise.equity.selectors import district_audit_settings

    return district_audit_settings(district=district).minimum_display_n


def measure_refresh_from_data(
    *, actor, district, network: ImprovementNetwork | None = None
) -> list[RefreshOutcome]:
    """Recompute every live data-backed measure of ``network`` (or of every network of
    the district not archived) from the district's live data files."""
    found = Measure.objects.filter(
        network__district=district, source=Measure.Source.ENGINE, retired_at__isnull=True
    ).select_related("network")
    if network is not None:
        found = found.filter(network=network)
    else:
        found = found.filter(network__archived_at__isnull=True)
    measures = list(found)
    if not measures:
        return []
    from districtwise.data import warehouse

    files = warehouse.live_files(district)
    if "enrollments" not in files:
        return [RefreshOutcome(m, problem="the district has no data loaded yet.") for m in measures]
    return _refresh_all(actor, district, measures, files)


def _refresh_all(actor, district, measures: list[Measure], files) -> list[RefreshOutcome]:
    from districtwise.analytics.engine import close, connect, load_tables

    minimum = _minimum_display_n(district)
    con = connect("duckdb")
    try:
        tables = load_tables(con, files)
        outcomes = []
        for measure in measures:
            try:
                figures = _figures(con, tables, measure)
            except MetricUnavailable as missing:
                outcomes.append(RefreshOutcome(measure, problem=str(missing)))
                continue
            outcomes.append(_replace(actor, district, measure, figures, minimum))
    finally:
        close(con)
    return outcomes


def _figures(con, tables, measure: Measure) -> list[SchoolPeriodFigure]:
    network = measure.network
    starts = period_starts(measure.frequency, network.starts_on, network.ends_on)
    periods = [(s, min(period_end(measure.frequency, s), network.ends_on)) for s in starts]
    schools = [t.school.code for t in network.teams.select_related("school")]
    return school_period_figures(
        con, tables, metric=measure.metric_key, school_ids=schools, periods=periods
    )


def _replace(actor, district, measure: Measure, figures, minimum: int) -> RefreshOutcome:
    teams = {t.school.code: t for t in measure.network.teams.select_related("school")}
    rows = [_row(measure, teams[f.school_id], f, minimum) for f in figures if f.school_id in teams]
    with transaction.atomic():
        before = MeasureValue.objects.filter(measure=measure).count()
        MeasureValue.objects.filter(measure=measure).delete()
        MeasureValue.objects.bulk_create(rows)
        hidden = sum(1 for r in rows if r.value is None)
        audit_record(
            actor=actor,
            district=district,
            action="refresh",
            obj=measure,
            changes={"values from the district's data": [before, len(rows)]},
        )
    return RefreshOutcome(measure, written=len(rows), hidden=hidden)


def _row(measure: Measure, team, figure: SchoolPeriodFigure, minimum: int) -> MeasureValue:
    row = MeasureValue(measure=measure, team=team, period_start=figure.period_start)
    if figure.students < minimum or figure.denominator <= 0:
        row.note = hidden_note(minimum) if figure.students < minimum else "Nothing to count."
        return row
    row.value = figure.value
    row.numerator, row.denominator = figure.numerator, figure.denominator
    return row
