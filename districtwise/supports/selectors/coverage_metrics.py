"""Coverage as a metric source of strategy: "share of entitled teachers meeting <support>"
(or every support together) can back a goal's indicator.

Metrics are ``meets:<support code>`` and ``meets:all`` of the dimension
``support_coverage``. Each school year with a stored run is one period, dated on the last
day the run covered (the newest run of the year counts). Groups: ``all``/``all`` (the
district), ``experience``/``new`` … (the district by band), ``tier``/``3`` …, and
``school``/<school code> for one school the user reads.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq

from districtwise.analytics.strategy.progress import Point
from districtwise.core.scopes import scope_for
from districtwise.organization.models import School
from districtwise.strategy.metric_sources import MetricChoice
from districtwise.supports import access
from districtwise.supports.models import CoverageRun, Support

DIMENSION = "support_coverage"


def year_runs(*, user, district) -> list[CoverageRun]:
    """The newest finished run of each school year (or of each period outside the
    calendar), oldest first; none for a user who may not see coverage."""
    if not access.may_see_coverage(scope_for(user, district)):
        return []
    done = CoverageRun.objects.filter(district=district, status=CoverageRun.Status.SUCCEEDED)
    newest: dict[object, CoverageRun] = {}
    for run in done.order_by("computed_at", "id"):
        if run.path and Path(run.path).is_dir():
            newest[run.school_year or (run.starts_on, run.ends_on)] = run
    return sorted(newest.values(), key=lambda r: r.ends_on)


class CoverageSource:
    """The shares meeting of stored coverage runs, scoped like the coverage pages."""

    name = "Teacher supports coverage"

    @property
    def dimensions(self) -> tuple[str, ...]:
        return (DIMENSION,)

    def choices(self, *, user, district) -> list[MetricChoice]:
        runs = year_runs(user=user, district=district)
        if not runs:
            return []
        ids = set(
            pq.read_table(Path(runs[-1].path) / "rollups.parquet")
            .column("support_id")
            .drop_null()
            .to_pylist()
        )
        supports = Support.objects.filter(district=district, pk__in=ids).order_by("name")
        every = MetricChoice(
            DIMENSION, "meets:all", "Share of entitled teachers meeting every support", self.name
        )
        return [every] + [
            MetricChoice(
                DIMENSION,
                f"meets:{s.code}",
                f"Share of entitled teachers meeting: {s.name}",
                self.name,
            )
            for s in supports
        ]

    def periods(self, *, user, district) -> list[dt.date]:
        return [run.ends_on for run in year_runs(user=user, district=district)]

    def series(
        self, *, user, district, dimension: str, metric: str, group_type: str, group: str
    ) -> list[Point]:
        """One point per period: the share meeting, or a gap where the run has no
        entitled teacher (or the support, school or group is unknown or out of sight)."""
        unit = _unit(user, district, group_type, group)
        support_id = _support_id(district, metric)
        points = []
        for run in year_runs(user=user, district=district):
            share = None
            if unit is not None and support_id is not False:
                share = _share(run, unit, support_id)
            points.append(Point(run.ends_on, share))
        return points

    def small_count(self, *, user, district) -> int:
        """Shares of teachers are not hidden for privacy: the figure covers staff."""
        return 0


def _support_id(district, metric: str) -> int | bool | None:
    """None for every support, the support's id, or False for an unknown metric."""
    if metric == "meets:all":
        return None
    code = metric.removeprefix("meets:")
    found = Support.objects.filter(district=district, code=code).values_list("pk", flat=True)
    return found.first() or False


def _unit(user, district, group_type: str, group: str) -> tuple | None:
    """(unit_type, unit_id, group_type, group_value) of the roll-ups, or None when out of
    sight."""
    if group_type != "school":
        return ("district", None, group_type, group)
    school = School.objects.filter(district=district, code=group).first()
    if school is None or not access.may_see_school(scope_for(user, district), school.pk):
        return None
    return ("school", school.pk, "all", "all")


def _share(run: CoverageRun, unit: tuple, support_id: int | None) -> Decimal | None:
    unit_type, unit_id, group_type, group_value = unit
    filters = [
        ("unit_type", "=", unit_type),
        ("group_type", "=", group_type),
        ("group_value", "=", group_value),
    ]
    rows = pq.read_table(Path(run.path) / "rollups.parquet", filters=filters).to_pylist()
    for row in rows:
        if row["unit_id"] == unit_id and row["support_id"] == support_id and row["entitled"]:
            return Decimal(str(round(row["share_meets"], 6)))
    return None
