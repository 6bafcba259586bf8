"""The manifest: what was generated, the organisation's facts and the planted patterns."""

from __future__ import annotations

from typing import Any

from districtwise.demo import names
from districtwise.demo.files.codes import GRADE_CODES, LEVELS
from districtwise.demo.files.tables import network_ids
from districtwise.demo.files.world import World

GENERATOR_VERSION = 1


def manifest(
    world: World, counts: dict[str, int], leaders: dict[str, Any], planted: list[dict[str, Any]]
) -> dict[str, Any]:
    """The manifest dictionary (also written as manifest.json)."""
    plan = world.plan
    net_ids = network_ids(len(plan.network_names))
    return {
        "generator": "districtwise.demo.files",
        "generator_version": GENERATOR_VERSION,
        "seed": world.seed,
        "students": world.students_per_year,
        "students_total": len(world.students),
        "school_years": [y.year for y in world.years],
        "district": {"code": "demo", "name": names.DISTRICT_NAME},
        "networks": [
            {"network_id": i, "name": n} for i, n in zip(net_ids, plan.network_names, strict=True)
        ],
        "schools": [_school(world, s, net_ids) for s in range(plan.n_schools)],
        "departments": [{"code": c, "name": n, "domain": d} for c, n, d in names.DEPARTMENTS],
        "staff_leaders": leaders,
        "files": counts,
        "planted": planted,
        # The planted struggling schools: high chronic absence, low and falling
        # proficiency, three times the suspensions, a quarter more staff leaving each year.
        # Tier rules like the demo's defaults place them in the highest-support tier.
        "struggling_schools": [plan.school_ids[s] for s in world.struggling],
    }


def _school(world: World, s: int, net_ids: list[str]) -> dict[str, Any]:
    plan = world.plan
    return {
        "school_id": plan.school_ids[s],
        "name": plan.school_names[s],
        "network_id": net_ids[plan.network[s]],
        "level": LEVELS[plan.level[s]],
        "grade_low": GRADE_CODES[plan.grade_low[s] + 1],
        "grade_high": GRADE_CODES[plan.grade_high[s] + 1],
        "title_i": "Y" if world.title_i[s] else "N",
        "latitude": float(plan.lat[s]),
        "longitude": float(plan.lon[s]),
        "poverty_share": round(float(world.ed_share_last[s]), 4),
    }
