"""The demo's stakeholder map, built on the suite's cast: every kind of group, the planted
turned association, unengaged official and champion parent council, and the same map from
the same seed."""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.community.models import Engagement, StakeholderGroup, StakeholderKind
from districtwise.community.models.stakeholders import Quadrant
from districtwise.community.selectors import stakeholders as selectors
from districtwise.demo.community_stakeholders import PLANTED, stakeholders_build
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def goals(cast):
    plan = f.PlanFactory(district=cast.district)
    return {
        code: f.GoalFactory(plan=plan, code=code) for code in ("G1", "G2", "G3", "G4", "G5", "G6")
    }


def test_the_demo_map_has_every_kind_of_group_with_history(cast, goals):
    built = stakeholders_build(district=cast.district, seed=7, today=TODAY)
    assert len(built) == 12
    kinds = set(
        StakeholderGroup.objects.filter(district=cast.district).values_list("kind", flat=True)
    )
    assert kinds == set(StakeholderKind.values)
    engagements = Engagement.objects.filter(group__district=cast.district)
    assert engagements.count() > 50
    assert max(e.held_on for e in engagements) <= TODAY
    assert min(e.held_on for e in engagements) >= TODAY - dt.timedelta(days=366)


def test_the_planted_groups_are_found_by_the_map(cast, goals):
    stakeholders_build(district=cast.district, seed=7, today=TODAY)
    user = cast["superintendent"]
    turned_goal = goals[PLANTED["turned_goal"]]
    points = {
        p.name: p
        for p in selectors.stakeholder_grid(user=user, district=cast.district, goal=turned_goal)
    }
    turned = points[PLANTED["turned"]]
    assert (turned.stance, turned.quadrant) == ("opposed", Quadrant.MANAGE_CLOSELY)
    group = StakeholderGroup.objects.get(name=PLANTED["turned"])
    history = selectors.stakeholder_group_page(user=user, group=group).priorities
    on_goal = next(h for h in history if h.goal_id == turned_goal.pk)
    assert [p.stance for p in on_goal.positions] == ["opposed", "concerned", "supportive"]
    unengaged = StakeholderGroup.objects.get(name=PLANTED["unengaged"])
    last = unengaged.engagements.order_by("-held_on").first()
    assert last is not None and last.held_on < TODAY - dt.timedelta(days=180)
    assert unengaged.quadrant == Quadrant.KEEP_SATISFIED
    rows = selectors.priority_stances(user=user, district=cast.district, goal=goals["G5"])
    assert (rows[0].group.name, rows[0].stance) == (PLANTED["champion"], "champion")


def test_the_same_seed_builds_the_same_history_and_words_stand_in_without_a_plan(cast, goals):
    stakeholders_build(district=cast.district, seed=7, today=TODAY)
    stakeholders_build(district=cast.other_district, seed=7, today=TODAY)

    def history(district):
        found = Engagement.objects.filter(group__district=district)
        return sorted(found.values_list("group__name", "held_on", "kind", "summary"))

    assert history(cast.district) == history(cast.other_district)
    theirs = StakeholderGroup.objects.get(district=cast.other_district, name=PLANTED["turned"])
    assert {p.goal for p in theirs.positions.all()} == {None}
    assert theirs.positions.filter(priority="Goal G4 of the plan").count() == 3


def test_the_unengaged_official_is_among_the_quiet_groups_of_a_demo_built_today(cast, goals):
    stakeholders_build(district=cast.district, seed=7)
    quiet = selectors.stakeholder_list(
        user=cast["superintendent"], district=cast.district, quiet=True
    )
    names = {g.name for g in quiet}
    assert PLANTED["unengaged"] in names
    assert PLANTED["turned"] not in names
