"""The demo's allocation scenarios: once the generated district is imported and audited,
both share exactly what its schools spent, and moving weight to poverty moves money to the
highest-poverty schools."""

from __future__ import annotations

from decimal import Decimal

import pytest

from districtwise.demo.allocation import allocation_build, school_spending
from districtwise.strategy.selectors.allocation import scenario_allocation, scenario_comparison
from tests.data.conftest import demo_files  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow


def test_the_demo_scenarios_redistribute_what_the_schools_spent(
    cast,
    settings,
    tmp_path,
    demo_files,  # noqa: F811
):
    from districtwise.equity import services
    from tests.data.test_import import run_import

    settings.DATA_DIR = tmp_path / "var"
    assert run_import(demo_files, code=cast.district.code).status == "live"
    services.audit_compute(district=cast.district)
    spec, poverty = allocation_build(district=cast.district, files_dir=demo_files, school_year=2026)
    spent = school_spending(demo_files, 2026)
    assert spec.pool == poverty.pool == spent.quantize(Decimal("0.01")) > 0
    view = scenario_allocation(user=cast["superintendent"], district=cast.district, scenario=spec)
    assert sum(r.amount for r in view.rows) == spec.pool
    # Same total: the gaps add up to nothing but the cents of rounding the spending.
    assert abs(sum(r.gap for r in view.rows)) < Decimal("0.01") * len(view.rows)
    compared = scenario_comparison(
        user=cast["superintendent"], district=cast.district, scenarios=[spec, poverty]
    )
    q1, q4 = compared.quartiles[0], compared.quartiles[3]
    assert q4.differences[1] > 0 > q1.differences[1]
