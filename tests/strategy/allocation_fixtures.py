"""A hand-built equity audit of the cast's district for the allocation tests.

North One: 100 students (50 economically disadvantaged, 10 English learners, 10 with a
disability); North Two: 200 (20, 0, 20); South One: 50 (40, 20, 5, and 4 homeless). Dollars
spent: 300, 500 and 150. With the spec's weights (ED 0.25, EL 0.5, disability 0.9) their
weighted enrolments are 126.5, 223 and 74.5, and a pool of $1,000 goes 298.35, 525.94,
175.71 (tests/analytics/strategy/test_allocation.py works it out). Poverty quartiles:
North Two Q2, North One Q3, South One Q4."""

from __future__ import annotations

import pytest

from districtwise.analytics.equity.spec import FLAG_GROUP_TYPES
from tests.equity.conftest import YEAR, figure, store_run

COUNTS = {
    "north_1": (100, {"economically_disadvantaged": 50, "english_learner": 10, "disability": 10}),
    "north_2": (200, {"economically_disadvantaged": 20, "english_learner": 0, "disability": 20}),
    "south_1": (
        50,
        {"economically_disadvantaged": 40, "english_learner": 20, "disability": 5, "homeless": 4},
    ),
}
SPENT = {"north_1": 300.0, "north_2": 500.0, "south_1": 150.0}
QUARTILES = {"Q1": [], "Q2": ["north_2"], "Q3": ["north_1"], "Q4": ["south_1"]}
SPEC_WEIGHTS = {
    "weight_economically_disadvantaged": "0.25",
    "weight_english_learner": "0.5",
    "weight_disability": "0.9",
}


def _identification(code: str, students: int, flagged: dict[str, int]) -> list[dict]:
    more = {"metric": "identification:disability", "dimension": "programmatic"}
    rows = [figure("school", code, "all", "all", flagged.get("disability", 0), students, **more)]
    for flag in FLAG_GROUP_TYPES:
        y = flagged.get(flag, 0)
        rows.append(figure("school", code, flag, "Y", 0, y, **more))
        rows.append(figure("school", code, flag, "N", 0, students - y, **more))
        rows.append(figure("school", code, flag, "unknown", 0, 0, **more))
    return rows


def _spending(code: str, name: str) -> dict:
    more = {"metric": "per_pupil_spending", "dimension": "resource", "comparison_value": None}
    return figure("school", code, "all", "all", SPENT[name], COUNTS[name][0], **more)


def _quartile(district_code: str, quartile: str) -> dict:
    names = QUARTILES[quartile]
    spent = sum(SPENT[n] for n in names)
    students = sum(COUNTS[n][0] for n in names)
    more = {"metric": "per_pupil_spending", "dimension": "resource", "comparison_value": None}
    return figure("district", district_code, "poverty_quartile", quartile, spent, students, **more)


class Schools:
    """The cast's schools by the names COUNTS uses."""

    def __init__(self, cast):
        self.schools = {"north_1": cast.north_1, "north_2": cast.north_2, "south_1": cast.south_1}

    def __getitem__(self, name):
        return self.schools[name]


def allocation_audit(cast):
    """Store the audit above as the district's current one."""
    schools = Schools(cast)
    rows = []
    for name, (students, flagged) in COUNTS.items():
        rows += _identification(schools[name].code, students, flagged)
        rows.append(_spending(schools[name].code, name))
    rows += [_quartile(cast.district.code, q) for q in QUARTILES]
    return store_run(cast.district, rows)


@pytest.fixture
def audit(cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    return allocation_audit(cast)


def new_scenario(cast, name: str = "Spec weights", pool: str = "1000", **weights):
    """A draft scenario of 2026 made by the superintendent through the service."""
    from districtwise.strategy.services.allocation import scenario_create

    given = {k.removeprefix("weight_"): v for k, v in {**SPEC_WEIGHTS, **weights}.items()}
    return scenario_create(
        actor=cast["superintendent"],
        district=cast.district,
        name=name,
        school_year=str(YEAR),
        unit="dollars",
        pool=pool,
        base_weight="1",
        weights=given,
    )
