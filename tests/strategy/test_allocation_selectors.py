"""The allocation as each reader sees it: computed on the true counts, shown scoped and
with small counts hidden from those without student-record rights."""

from __future__ import annotations

from decimal import Decimal

import pytest

from districtwise.strategy.selectors.allocation import scenario_allocation, scenario_list
from tests.strategy.allocation_fixtures import audit, new_scenario  # noqa: F401

D = Decimal
pytestmark = pytest.mark.usefixtures("audit")


def _view(cast, person, scenario):
    return scenario_allocation(user=cast[person], district=cast.district, scenario=scenario)


def _by_school(view):
    return {row.school_name: row for row in view.rows}


def test_the_allocation_is_the_hand_worked_one_and_sums_to_the_pool(cast):
    view = _view(cast, "data_steward", new_scenario(cast))
    rows = _by_school(view)
    assert rows["North One Elementary"].amount == D("298.35")
    assert rows["North Two Middle"].amount == D("525.94")
    assert rows["South One High"].amount == D("175.71")
    assert sum(r.amount for r in view.rows) == D("1000.00")
    # Gap = allocation - dollars spent; per student to the cent (25.94 / 200 = 0.1297).
    assert rows["North Two Middle"].gap == D("25.94")
    assert rows["North Two Middle"].gap_per == D("0.13")
    assert rows["North One Elementary"].weighted == D("126.5")
    assert [r.quartile for r in (rows["North Two Middle"], rows["South One High"])] == ["Q2", "Q4"]


def test_the_quartiles_sum_the_schools_allocation_and_spending(cast):
    quartiles = {q.quartile: q for q in _view(cast, "data_steward", new_scenario(cast)).quartiles}
    assert (quartiles["Q1"].schools, quartiles["Q1"].amount, quartiles["Q1"].students) == (0, 0, 0)
    assert (quartiles["Q4"].amount, quartiles["Q4"].actual, quartiles["Q4"].gap) == (
        D("175.71"),
        D("150.00"),
        D("25.71"),
    )
    # 25.71 over South One's 50 students.
    assert quartiles["Q4"].gap_per == D("0.51")


def test_without_student_record_rights_small_counts_and_what_they_give_away_are_hidden(cast):
    scenario = new_scenario(cast, weight_homeless="1")
    steward = _by_school(_view(cast, "data_steward", scenario))
    superintendent_view = _view(cast, "superintendent", scenario)
    superintendent = _by_school(superintendent_view)
    assert steward["South One High"].flagged["homeless"] == 4
    assert steward["South One High"].weighted == D("78.5")  # 74.5 + 4 homeless
    # Four homeless students and five with a disability: under the display n of 10.
    south = superintendent["South One High"]
    assert south.flagged["homeless"] is None and south.flagged["disability"] is None
    assert south.weighted is None
    assert superintendent_view.hidden
    # The money is the same for both: it is computed on the true counts.
    assert south.amount == steward["South One High"].amount
    assert superintendent["North One Elementary"].weighted == D("126.5")


def test_a_principal_sees_the_adopted_allocation_of_their_school_only(cast):
    from districtwise.strategy.services.allocation import scenario_adopt

    draft = new_scenario(cast, name="Draft")
    adopted = new_scenario(cast, name="Adopted")
    scenario_adopt(actor=cast["superintendent"], district=cast.district, scenario=adopted)
    seen = list(scenario_list(user=cast["principal_north_1"], district=cast.district))
    assert seen == [adopted]
    view = _view(cast, "principal_north_1", adopted)
    assert [r.school_name for r in view.rows] == ["North One Elementary"]
    assert view.quartiles is None
    north = _view(cast, "north_lead", adopted)
    assert [r.school_name for r in north.rows] == ["North One Elementary", "North Two Middle"]
    assert draft not in scenario_list(user=cast["north_lead"], district=cast.district)


@pytest.mark.parametrize("person", ["partner", "family", "coach_north_1", "outsider"])
def test_partners_family_coaches_and_outsiders_see_no_scenario(cast, person):
    new_scenario(cast)
    assert not scenario_list(user=cast[person], district=cast.district).exists()
