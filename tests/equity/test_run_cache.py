"""The audit is computed once per set of live data and settings, by the worker after an
import goes live or the settings change; a run becomes current only when complete."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from districtwise.analytics.equity.spec import TIDY_COLUMNS
from districtwise.data import warehouse
from districtwise.data.models import Job
from districtwise.data.worker import run_worker
from districtwise.equity import selectors, services
from districtwise.equity.models import AuditRun
from tests.data.conftest import rewrite
from tests.data.test_import import run_import


def cast_district_with_data(cast, files):
    """Import the generated district into the cast's district, its schools and networks
    taking the ids of the files (north_1 = 0101 in network N1, south_1 = 0201 in N2)."""
    for obj, code in (
        (cast.north, "N1"),
        (cast.south, "N2"),
        (cast.north_1, "0101"),
        (cast.north_2, "0102"),
        (cast.south_1, "0201"),
    ):
        obj.code = code
        obj.save()
    batch = run_import(files, code=cast.district.code)
    assert batch.status == "live", batch.message
    return batch


def test_an_import_queues_an_audit_that_the_worker_computes_once(cast, files, data_dir):
    cast_district_with_data(cast, files)
    job = Job.objects.get(kind="audit", district=cast.district, status="queued")
    assert run_worker(once=True, say=lambda _: None) == 1
    job.refresh_from_db()
    assert job.status == "succeeded", job.message
    run = AuditRun.objects.get(district=cast.district)
    assert run.status == "succeeded" and run.row_count > 0 and run.years == [2025, 2026]
    path = Path(run.path)
    assert path.parent == data_dir / "audits" / cast.district.code
    assert path.name == f"{run.key.hex}.parquet"
    stored = pq.read_table(path)
    assert tuple(stored.column_names) == TIDY_COLUMNS and stored.num_rows == run.row_count
    assert sorted(run.version_ids) == sorted(
        warehouse.live_versions(cast.district).values_list("id", flat=True)
    )
    # the same data and settings: nothing is computed again
    assert services.audit_compute(district=cast.district) == run
    services.audit_queue(district=cast.district)
    run_worker(once=True, say=lambda _: None)
    assert AuditRun.objects.filter(district=cast.district).count() == 1
    assert selectors.current_run(user=cast["superintendent"], district=cast.district) == run


def test_a_settings_change_or_a_new_import_gives_a_new_run(cast, files):
    cast_district_with_data(cast, files)
    first = services.audit_compute(district=cast.district)
    services.equity_settings_update(
        actor=cast["superintendent"], district=cast.district, data={"minimum_n_size": 20}
    )
    assert services.fresh_run(cast.district) is None  # the stored one is of other settings
    run_worker(once=True, say=lambda _: None)
    second = services.fresh_run(cast.district)
    assert second is not None and second != first
    assert second.settings["minimum_n_size"] == 20
    assert selectors.current_run(user=cast["superintendent"], district=cast.district) == second

    rewrite(files / "discipline.csv", lambda r: r if r["action"] != "OSS" else None)
    cast_district_with_data(cast, files)
    assert services.fresh_run(cast.district) is None
    third = services.audit_compute(district=cast.district)
    assert third not in (first, second)
    oss = selectors.audit_table(
        user=cast["data_steward"], district=cast.district, unit_type="district"
    ).to_pylist()
    assert all(r["numerator"] in (0, None) for r in oss if r["metric"] == "oss_rate")


def test_a_failed_computation_leaves_the_previous_run_current(cast, files):
    cast_district_with_data(cast, files)
    first = services.audit_compute(district=cast.district)
    services.equity_settings_update(
        actor=cast["superintendent"], district=cast.district, data={"gap_points": 5}
    )
    for path in warehouse.live_files(cast.district)["enrollments"]:
        path.write_bytes(b"not parquet")  # the disk let us down
    with pytest.raises(services.AuditUnavailable):
        services.audit_compute(district=cast.district)
    failed = AuditRun.objects.filter(district=cast.district, status="failed").get()
    assert failed.message and not failed.path
    assert not list(services.audit_dir(cast.district).glob("*.partial"))
    assert selectors.current_run(user=cast["superintendent"], district=cast.district) == first
    assert selectors.audit_table(user=cast["superintendent"], district=cast.district).num_rows


def test_a_district_without_live_data_has_nothing_to_compute(cast):
    with pytest.raises(services.AuditUnavailable, match="No data is live"):
        services.audit_compute(district=cast.district)
    job = services.audit_queue(district=cast.district)
    run_worker(once=True, say=lambda _: None)
    job.refresh_from_db()
    assert job.status == "failed" and "No data is live" in job.message
    assert not AuditRun.objects.exists()


def test_the_real_audit_is_scoped_and_suppressed_by_person(cast, files):
    cast_district_with_data(cast, files)
    services.audit_compute(district=cast.district)

    def units(person):
        table = selectors.audit_table(user=cast[person], district=cast.district, school_year=2026)
        return {(r["unit_type"], r["unit_id"]) for r in table.to_pylist()}

    everything = units("superintendent")
    assert ("district", cast.district.code) in everything and ("network", "N1") in everything
    assert units("principal_north_1") == {("district", cast.district.code), ("school", "0101")}
    assert units("partner") == {("school", "0201")}
    north = units("north_lead")
    assert ("network", "N1") in north and ("network", "N2") not in north
    assert {u for u in north if u[0] == "school"} == {
        u for u in everything if u[0] == "school" and u[1].startswith("01")
    }
    assert units("family") == set()

    def small(person):
        rows = selectors.audit_table(user=cast[person], district=cast.district).to_pylist()
        return [r for r in rows if r["denominator"] is not None and 0 < r["denominator"] < 10]

    assert small("data_steward")  # a small district has small groups
    assert small("superintendent") == []
