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


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], list]]:
    src = tmp_path_factory.mktemp("planted_csv")
    manifest = generate_district_files(src, seed=1, students=25_000)
    files = csv_to_stored(src, tmp_path_factory.mktemp("planted_stored"))
    con = connect("duckdb")
    result: pa.Table = compute_audit(
        con, load_tables(con, files), district_id="demo", settings=AuditSettings()
    )
    close(con)
    yield manifest, result.to_pylist()


def figure(rows: list[dict[str, Any]], plant: dict[str, Any], unit: str, group: str) -> dict:
    key = (plant["school_year"], unit, plant["metric"], plant["group_type"], group)
    found = [
        r
        for r in rows
        if (r["school_year"], r["unit_id"], r["metric"], r["group_type"], r["group"]) == key
    ]
    assert len(found) == 1, key
    return found[0]


PLANTED = [
    "oss_black_students",
    "disability_black_students",
    "ap_economically_disadvantaged",
    "novice_teachers_high_poverty",
    "chronic_absence_homeless",
    "math_proficiency_english_learners",
]


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_planted_pattern_is_found(demo: tuple[dict, list], plant_id: str) -> None:
    manifest, rows = demo
    plant = next(p for p in manifest["planted"] if p["id"] == plant_id)
    tolerance = plant["tolerance"]
    for unit in plant["unit_ids"]:
        row = figure(rows, plant, unit, plant["group"])
        if "comparison_group" in plant:  # Q4 against Q1
            ratio = row["value"] / figure(rows, plant, unit, plant["comparison_group"])["value"]
            assert ratio >= plant["expected_min_ratio"]
        else:
            assert row["status"] == "ok"
            ratio = row["ratio"]
            for name in ("value", "comparison_value"):
                if f"expected_{name}_approx" in plant:
                    assert row[name] == pytest.approx(plant[f"expected_{name}_approx"], abs=0.05)
        assert ratio == pytest.approx(plant["expected_ratio_approx"], abs=tolerance), unit


def test_other_schools_have_no_oss_disparity(demo: tuple[dict, list]) -> None:
    manifest, rows = demo
    plant = next(p for p in manifest["planted"] if p["id"] == "oss_black_students")
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
