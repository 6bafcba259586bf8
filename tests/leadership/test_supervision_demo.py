"""The demo's supervision builder on the hand-built cast: every network's principals
visited by their lead, goals with notes, and the planted principal not visited for over
60 days in the first network, flagged on its lead's caseload."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from districtwise.demo.leadership_supervision import (
    PLANTED,
    supervision_build,
    supervision_remove,
)
from districtwise.leadership.models import GoalNote, GrowthGoal, SchoolVisit
from districtwise.leadership.selectors.supervision import caseload
from tests.access_matrix import person


def test_the_planted_principal_is_the_only_one_flagged_on_the_first_networks_caseload(cast):
    built = supervision_build(district=cast.district, seed=7)
    rows = caseload(user=cast["north_lead"], district=cast.district)
    flagged = [r.principal for r in rows if r.overdue]
    assert flagged == [built.unvisited]
    planted = next(r for r in rows if r.principal == built.unvisited)
    assert planted.days_since_last > PLANTED["unvisited_over_days"]
    assert planted.next_visit is None
    south = caseload(user=cast["south_lead"], district=cast.district)
    assert [r.overdue for r in south] == [False]


def test_every_principal_has_visits_by_their_networks_lead_and_goals_with_notes(cast):
    supervision_build(district=cast.district, seed=7)
    for name, lead in [
        ("principal_north_1", "north_lead"),
        ("principal_north_2", "north_lead"),
        ("principal_south_1", "south_lead"),
    ]:
        visits = SchoolVisit.objects.filter(principal=person(cast, name))
        assert visits.filter(status="completed").count() >= 3
        assert set(visits.values_list("supervisor", flat=True)) == {person(cast, lead).pk}
        assert all(v.feedback for v in visits.filter(status="completed"))
        assert GrowthGoal.objects.filter(principal=person(cast, name)).count() == 2
    assert GoalNote.objects.filter(goal__district=cast.district).exists()
    oldest = SchoolVisit.objects.order_by("visit_on").first()
    assert (timezone.localdate() - oldest.visit_on) <= dt.timedelta(days=155)


def test_the_same_seed_builds_the_same_visits_and_removal_clears_them(cast):
    supervision_build(district=cast.district, seed=3)
    first = list(SchoolVisit.objects.order_by("pk").values_list("visit_on", "focus", "feedback"))
    supervision_remove(cast.district)
    assert not SchoolVisit.objects.exists() and not GrowthGoal.objects.exists()
    supervision_build(district=cast.district, seed=3)
    again = list(SchoolVisit.objects.order_by("pk").values_list("visit_on", "focus", "feedback"))
    assert first == again
