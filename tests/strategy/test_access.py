"""Who sees which initiatives, and who may change goals and initiatives."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from districtwise.strategy import access, selectors
from districtwise.strategy.models import Participation
from tests import factories as f


@pytest.fixture
def plan(cast):
    plan = f.PlanFactory(district=cast.district)
    at_north_1 = f.InitiativeFactory(plan=plan, name="Literacy coaching at North One")
    Participation.objects.create(initiative=at_north_1, school=cast.north_1)
    at_south_1 = f.InitiativeFactory(plan=plan, name="Ninth-grade on-track at South One")
    Participation.objects.create(initiative=at_south_1, school=cast.south_1)
    f.InitiativeFactory(plan=plan, name="Central data office", owner_department=cast.department)
    return plan


def _names(cast, person):
    seen = selectors.initiative_list(user=cast[person], district=cast.district)
    return sorted(i.name for i in seen)


def test_district_wide_roles_see_every_initiative(cast, plan):
    assert len(_names(cast, "superintendent")) == 3
    assert len(_names(cast, "data_steward")) == 3


def test_a_principal_sees_their_schools_and_district_level_initiatives_only(cast, plan):
    assert _names(cast, "principal_north_1") == [
        "Central data office",
        "Literacy coaching at North One",
    ]
    assert _names(cast, "north_lead") == ["Central data office", "Literacy coaching at North One"]
    assert _names(cast, "south_lead") == [
        "Central data office",
        "Ninth-grade on-track at South One",
    ]


@pytest.mark.parametrize("person", ["partner", "family", "outsider"])
def test_partners_family_and_outsiders_see_no_plan(cast, plan, person):
    assert selectors.plan_for(user=cast[person], district=cast.district) is None
    assert _names(cast, person) == []
    assert not selectors.goal_list(user=cast[person], district=cast.district).exists()


def test_a_department_lead_edits_what_their_department_owns_only(cast, plan):
    owned = plan.initiatives.get(name="Central data office")
    other = plan.initiatives.get(name="Literacy coaching at North One")
    lead = cast["department_lead"]
    assert access.get_initiative_for_edit(lead, cast.district, owned.pk) == owned
    with pytest.raises(PermissionDenied):
        access.get_initiative_for_edit(lead, cast.district, other.pk)


def test_a_principal_reads_but_cannot_edit_and_cannot_find_other_schools_work(cast, plan):
    principal = cast["principal_north_1"]
    mine = plan.initiatives.get(name="Literacy coaching at North One")
    theirs = plan.initiatives.get(name="Ninth-grade on-track at South One")
    with pytest.raises(PermissionDenied):
        access.get_initiative_for_edit(principal, cast.district, mine.pk)
    with pytest.raises(Http404):
        access.get_initiative_for_user(principal, cast.district, theirs.pk)


def test_an_indicator_a_goal_uses_cannot_be_deleted_alone_but_the_district_can(cast):
    from django.db.models import RestrictedError

    district = f.DistrictFactory(code="closing", name="A district being closed")
    indicator = f.IndicatorFactory(district=district)
    goal = f.GoalFactory(plan=f.PlanFactory(district=district), indicator=indicator)
    with pytest.raises(RestrictedError):
        indicator.delete()
    district.delete()
    assert not type(goal).objects.filter(pk=goal.pk).exists()
