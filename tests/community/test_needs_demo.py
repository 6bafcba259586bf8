"""The demo's school needs, built on the hand-built cast: the planted mental-health gaps
in the first network are found by the needs map, a school a partner already serves in
that category is passed over, every school gets a place on the map, and the build is the
same for the same seed."""

from __future__ import annotations

import pytest

from districtwise.community.models import SchoolNeed
from districtwise.community.selectors.needs import needs_map
from districtwise.demo.community_needs import PLANTED, needs_build, needs_remove
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_planted_mental_health_needs_are_gaps_of_the_first_network(cast):
    built = needs_build(district=cast.district, seed=7)
    assert sorted(built.unmet_schools) == sorted([cast.north_1.code, cast.north_2.code])
    view = needs_map(user=cast["superintendent"], district=cast.district)
    gaps = {(n.school, n.category) for n in view.gaps}
    assert {
        (cast.north_1, PLANTED["unmet_category"]),
        (cast.north_2, PLANTED["unmet_category"]),
    } <= gaps
    assert all(row.cells for row in view.rows)
    assert {n.school for n in SchoolNeed.objects.filter(district=cast.district)} == {
        cast.north_1,
        cast.north_2,
        cast.south_1,
    }


def test_a_school_a_partner_serves_in_mental_health_is_not_planted_and_its_need_is_met(cast):
    partnership = f.PartnershipFactory(district=cast.district, partner=cast.partner)
    partnership.schools.set([cast.north_1])
    f.PartnerServiceFactory(partnership=partnership, category="mental_health")
    f.PartnerServiceFactory(partnership=partnership, category="food")
    built = needs_build(district=cast.district, seed=7)
    assert built.unmet_schools == [cast.north_2.code]
    view = needs_map(user=cast["superintendent"], district=cast.district)
    assert (cast.north_1, "mental_health") not in {(n.school, n.category) for n in view.gaps}


def test_every_school_gets_a_place_on_the_map(cast):
    built = needs_build(district=cast.district, seed=7)
    assert built.placed == 3
    view = needs_map(user=cast["superintendent"], district=cast.district)
    assert view.without_place == [] and len(view.points) == 3


def test_the_same_seed_builds_the_same_needs(cast):
    def rows():
        found = SchoolNeed.objects.filter(district=cast.district).order_by("school", "category")
        return list(
            found.values_list("school", "category", "priority", "description", "resolved_on")
        )

    needs_build(district=cast.district, seed=11)
    first = rows()
    needs_remove(cast.district)
    assert rows() == []
    needs_build(district=cast.district, seed=11)
    assert rows() == first and len(first) >= 5
