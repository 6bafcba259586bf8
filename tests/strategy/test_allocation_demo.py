"""The allocation on a generated district imported and audited by the real engine: the
shares add up to the pool to the cent, every school's spending and teacher positions are
found, and weighting poverty alone gives the highest-poverty schools more per student."""

from __future__ import annotations

from decimal import Decimal

import pytest

from districtwise.strategy.selectors.allocation import computed_lines, scenario_allocation
from districtwise.strategy.services.allocation import scenario_create
from tests.data.conftest import demo_files  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow


@pytest.fixture
def audited(cast, settings, tmp_path, demo_files):  # noqa: F811
    from districtwise.equity import services
    from tests.data.test_import import run_import

    settings.DATA_DIR = tmp_path / "var"
    assert run_import(demo_files, code=cast.district.code).status == "live"
    return services.audit_compute(district=cast.district)


def _scenario(cast, unit: str, pool: str, **weights):
    return scenario_create(
        actor=cast["superintendent"],
        district=cast.district,
        name=f"{unit} {pool}",
        school_year="2026",
        unit=unit,
        pool=pool,
        base_weight="1",
        weights=weights,
    )


def test_on_the_generated_district_the_shares_are_exact_and_poverty_weighs(cast, audited):
    scenario = _scenario(cast, "dollars", "12345678.91", economically_disadvantaged="0.5")
    lines = computed_lines(scenario)
    assert len(lines) > 3
    assert sum(line.amount for line in lines) == Decimal("12345678.91")
    assert all(line.actual is not None and line.actual > 0 for line in lines)
    view = scenario_allocation(user=cast["data_steward"], district=cast.district, scenario=scenario)
    quartiles = {q.quartile: q for q in view.quartiles}
    assert sum(q.amount for q in quartiles.values()) == Decimal("12345678.91")
    # With poverty the only extra weight, a student of a Q4 school brings more than one of a
    # Q1 school.
    assert quartiles["Q4"].amount_per > quartiles["Q1"].amount_per


def test_positions_are_shared_in_hundredths_and_set_against_teacher_positions(cast, audited):
    scenario = _scenario(cast, "positions", "42.5", english_learner="0.5")
    lines = computed_lines(scenario)
    assert sum(line.amount for line in lines) == Decimal("42.50")
    assert all(line.amount == line.amount.quantize(Decimal("0.01")) for line in lines)
    assert all(line.actual is not None and line.actual > 0 for line in lines)
