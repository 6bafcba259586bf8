"""Reads of the data app: what is loaded, the history of imports, the live files."""

from __future__ import annotations

from dataclasses import dataclass

from districtwise.core.scopes import scope_for
from districtwise.data import warehouse
from districtwise.data.access import DATA_ROLES
from districtwise.data.models import DatasetVersion, ImportBatch, Job


@dataclass
class YearLoaded:
    school_year: int
    live: DatasetVersion
    earlier: list[DatasetVersion]

    @property
    def label(self) -> str:
        return f"{self.school_year - 1}-{str(self.school_year)[-2:]}"


def _allowed(user, district) -> bool:
    return scope_for(user, district).has_any(DATA_ROLES)


def years_loaded(*, user, district) -> list[YearLoaded]:
    """Per school year, the live version with its row counts per file, and earlier ones."""
    if not _allowed(user, district):
        return []
    versions = DatasetVersion.objects.filter(district=district).select_related("batch")
    by_year: dict[int, list[DatasetVersion]] = {}
    for version in versions:
        by_year.setdefault(version.school_year, []).append(version)
    loaded = []
    for year in sorted(by_year, reverse=True):
        live = next((v for v in by_year[year] if v.is_live), None)
        if live is not None:
            earlier = [v for v in by_year[year] if not v.is_live]
            loaded.append(YearLoaded(year, live, earlier))
    return loaded


def batch_list(*, user, district):
    """Every import of the district, newest first."""
    if not _allowed(user, district):
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(district=district).select_related("created_by", "job")


def running_jobs(*, user, district):
    if not _allowed(user, district):
        return Job.objects.none()
    running = Job.objects.filter(district=district, status__in=["queued", "running"])
    return running.exclude(kind="report")  # a person's board report is not district data


def live_files(*, district):
    """The live Parquet files by table, for the analytics engine (scoping is applied to
    what the engine returns, by the module that shows it)."""
    return warehouse.live_files(district)


def enrollment_figures(*, user, district) -> list[dict]:
    """Students and schools per loaded school year, counted by the analytics engine.

    Counts of whole years are far above the minimum display n, so nothing here needs
    suppression; they are shown to data roles only all the same."""
    if not _allowed(user, district):
        return []
    files = warehouse.live_files(district)
    if "enrollments" not in files:
        return []
    from django.conf import settings

    from districtwise.analytics.engine import close, connect, load_tables
    from districtwise.analytics.summary import enrollment_summary

    con = connect(settings.ANALYTICS_ENGINE, spark_master=settings.SPARK_MASTER_URL)
    try:
        table = enrollment_summary(load_tables(con, files)).to_pyarrow()
    finally:
        close(con)
    return table.to_pylist()
