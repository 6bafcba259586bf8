"""What each named person sees of the audit, and that the selector suppresses small figures
for everyone without the student-record grant (and for no one who has it)."""

from __future__ import annotations

import pytest

from districtwise.analytics.equity.spec import TIDY_COLUMNS
from districtwise.equity import selectors
from tests.equity.conftest import SMALL, YEAR

ALL_UNITS = {"district", "north", "south", "north_1", "north_2", "south_1"}
SEES = {
    "superintendent": ALL_UNITS,
    "department_lead": ALL_UNITS,
    "data_steward": ALL_UNITS,
    "sysadmin": ALL_UNITS,
    "north_lead": {"district", "north", "north_1", "north_2"},
    "south_lead": {"district", "south", "south_1"},
    "principal_north_1": {"district", "north_1"},
    "principal_north_2": {"district", "north_2"},
    "principal_south_1": {"district", "south_1"},
    "coach_north_1": {"district", "north_1"},
    "partner": {"south_1"},
    "family": set(),
    "outsider": set(),
}


def unit_names(cast, table) -> set[str]:
    names = {
        ("district", cast.district.code): "district",
        ("network", cast.north.code): "north",
        ("network", cast.south.code): "south",
        ("school", cast.north_1.code): "north_1",
        ("school", cast.north_2.code): "north_2",
        ("school", cast.south_1.code): "south_1",
    }
    return {names[(r["unit_type"], r["unit_id"])] for r in table.to_pylist()}


@pytest.mark.parametrize("person", sorted(SEES))
def test_each_person_sees_exactly_their_units(cast, stored_audit, person):
    table = selectors.audit_table(user=cast[person], district=cast.district, school_year=YEAR)
    # The tidy columns, and for users without student-record rights why a figure is hidden.
    extra = [] if person in {"data_steward"} else ["suppressed_reason"]
    assert table.column_names in (list(TIDY_COLUMNS), [*TIDY_COLUMNS, *extra])
    assert unit_names(cast, table) == SEES[person]
    expected_years = [YEAR] if SEES[person] else []
    assert selectors.audit_years(user=cast[person], district=cast.district) == expected_years


def test_the_outsider_sees_nothing_of_the_district_even_by_asking_for_it(cast, stored_audit):
    outsider = cast["outsider"]
    assert selectors.current_run(user=outsider, district=cast.district) is None
    assert selectors.audit_table(user=outsider, district=cast.district).num_rows == 0
    assert selectors.equity_settings(user=outsider, district=cast.district) is None


def small_rows(table) -> list[dict]:
    return [r for r in table.to_pylist() if r["group"] == "F"]


@pytest.mark.parametrize(
    "person", ["superintendent", "north_lead", "principal_north_1", "partner", "sysadmin"]
)
def test_small_figures_are_suppressed_for_users_without_the_grant(cast, stored_audit, person):
    table = selectors.audit_table(user=cast[person], district=cast.district)
    small = small_rows(table)
    assert small
    for row in small:
        assert row["status"] == "suppressed"
        for figure in ("numerator", "denominator", "value", "comparison_value", "ratio"):
            assert row[figure] is None
    # what is published is never a small figure, and large figures are published
    published = [r for r in table.to_pylist() if r["status"] != "suppressed"]
    assert published and all(r["denominator"] is None or r["denominator"] >= 10 for r in published)
    assert any(r["denominator"] == 400 for r in published)


def test_the_data_steward_with_the_grant_sees_every_figure(cast, stored_audit):
    table = selectors.audit_table(user=cast["data_steward"], district=cast.district)
    small = small_rows(table)
    assert len(small) == 6
    assert all(r["status"] == "ok" and r["denominator"] == SMALL for r in small)
    assert table.num_rows == stored_audit.row_count


def test_narrowing_gives_the_same_figures_as_the_whole_table(cast, stored_audit):
    user = cast["north_lead"]
    whole = selectors.audit_table(user=user, district=cast.district).to_pylist()
    one = selectors.audit_table(
        user=user,
        district=cast.district,
        school_year=YEAR,
        unit_type="school",
        unit_id=cast.north_1.code,
        dimension="discipline",
    ).to_pylist()
    assert one and one == [r for r in whole if r["unit_id"] == cast.north_1.code]
    # a unit outside the scope is not there however it is asked for
    south = selectors.audit_table(
        user=user, district=cast.district, unit_type="school", unit_id=cast.south_1.code
    )
    assert south.num_rows == 0


def test_without_an_audit_every_reader_sees_nothing(cast):
    for person in ("superintendent", "data_steward", "principal_north_1"):
        assert selectors.audit_table(user=cast[person], district=cast.district).num_rows == 0
        assert selectors.audit_years(user=cast[person], district=cast.district) == []
