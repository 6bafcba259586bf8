"""The planted patterns of the default demo district, and how a tidy figure is held against
its plant: the audit's own test (test_planted.py) and the test through the application
(tests/equity/test_planted_end_to_end.py) check them the same way."""

from __future__ import annotations

from typing import Any

import pytest

# The default demo district: what `districtwise demo` builds.
DEMO_SEED, DEMO_STUDENTS = 1, 25_000

PLANTED = [
    "oss_black_students",
    "disability_black_students",
    "ap_economically_disadvantaged",
    "novice_teachers_high_poverty",
    "chronic_absence_homeless",
    "math_proficiency_english_learners",
]


def plant_of(manifest: dict[str, Any], plant_id: str) -> dict[str, Any]:
    """The manifest's entry of one planted pattern."""
    return next(p for p in manifest["planted"] if p["id"] == plant_id)


def figure(rows: list[dict[str, Any]], plant: dict[str, Any], unit: str, group: str) -> dict:
    """The one tidy row of the plant's year, metric and group type at ``unit`` for ``group``
    (of the plant's unit type and dimension)."""
    key = (plant["school_year"], unit, plant["metric"], plant["group_type"], group)
    found = [
        r
        for r in rows
        if (r["school_year"], r["unit_id"], r["metric"], r["group_type"], r["group"]) == key
    ]
    assert len(found) == 1, key
    assert (found[0]["unit_type"], found[0]["dimension"]) == (
        plant["unit_type"],
        plant["dimension"],
    ), key
    return found[0]


def planted_ratio(rows: list[dict[str, Any]], plant: dict[str, Any], unit: str) -> float:
    """The plant's figure at ``unit`` as the manifest states it: the risk ratio of the planted
    group (status ok), or Q4 over Q1 for a poverty-quartile plant."""
    row = figure(rows, plant, unit, plant["group"])
    if "comparison_group" in plant:  # Q4 against Q1
        return row["value"] / figure(rows, plant, unit, plant["comparison_group"])["value"]
    assert row["status"] == "ok", (unit, row["status"])
    return row["ratio"]


def assert_planted_found(rows: list[dict[str, Any]], plant: dict[str, Any]) -> None:
    """Every planted unit has the planted figure, within the plant's tolerance of the
    planted magnitude (and, where the manifest gives them, the planted rates)."""
    for unit in plant["unit_ids"]:
        ratio = planted_ratio(rows, plant, unit)
        if "comparison_group" in plant:
            assert ratio >= plant["expected_min_ratio"], unit
        else:
            row = figure(rows, plant, unit, plant["group"])
            for name in ("value", "comparison_value"):
                if f"expected_{name}_approx" in plant:
                    assert row[name] == pytest.approx(plant[f"expected_{name}_approx"], abs=0.05)
        assert ratio == pytest.approx(plant["expected_ratio_approx"], abs=plant["tolerance"]), unit
