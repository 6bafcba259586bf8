"""The default demo district (25,000 students, 3 years): the audit finds every planted
pattern of its manifest at the planted units with the planted magnitude."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest

from districtwise.analytics.engine import close, connect, load_tables
from districtwise.analytics.equity.metrics import compute_audit
from districtwise.analytics.equity.spec import AuditSettings
from districtwise.demo.files import generate_district_files
from tests.analytics.conftest import csv_to_stored
from tests.analytics.equity.planted import (
    DEMO_SEED,
    DEMO_STUDENTS,
    PLANTED,
    assert_planted_found,
    plant_of,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], list]]:
    src = tmp_path_factory.mktemp("planted_csv")
    manifest = generate_district_files(src, seed=DEMO_SEED, students=DEMO_STUDENTS)
    files = csv_to_stored(src, tmp_path_factory.mktemp("planted_stored"))
    con = connect("duckdb")
    result: pa.Table = compute_audit(
        con, load_tables(con, files), district_id="demo", settings=AuditSettings()
    )
    close(con)
    yield manifest, result.to_pylist()


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_planted_pattern_is_found(demo: tuple[dict, list], plant_id: str) -> None:
    manifest, rows = demo
    assert_planted_found(rows, plant_of(manifest, plant_id))


def test_other_schools_have_no_oss_disparity(demo: tuple[dict, list]) -> None:
    manifest, rows = demo
    plant = plant_of(manifest, "oss_black_students")
    others = [
        r
        for r in rows
        if r["school_year"] == plant["school_year"]
        and r["unit_type"] == "school"
        and r["unit_id"] not in plant["unit_ids"]
        and r["metric"] == "oss_rate"
        and (r["group_type"], r["group"]) == ("race_ethnicity", "BL")
        and r["status"] == "ok"
    ]
    assert others
    for r in others:
        assert r["ratio"] == pytest.approx(
            plant["other_units_expected_ratio_approx"], abs=plant["other_units_tolerance"]
        ), r["unit_id"]
