"""The demo's succession builder, run on the cast's district (not the whole demo)."""

from __future__ import annotations

import datetime as dt

from districtwise.demo.leadership_succession import (
    PLANTED,
    planted_position,
    succession_build,
    succession_remove,
)
from districtwise.leadership.models import Candidate, KeyPosition, TeacherLeaderRole
from districtwise.leadership.selectors.succession import position_rows
from tests import factories as f

TODAY = dt.date(2026, 3, 2)


def built(cast) -> list[tuple]:
    positions = KeyPosition.objects.filter(district=cast.district).order_by("title")
    return [
        (p.title, p.incumbent_id, p.expected_departure, p.departure_likelihood,
         sorted(p.candidates.values_list("person_id", "readiness")))
        for p in positions
    ]  # fmt: skip


def test_every_school_leader_and_department_lead_gets_a_position_and_one_is_at_risk(cast):
    hr = f.DepartmentFactory(district=cast.district, code="human-resources", name="HR")
    succession_build(district=cast.district, seed=7, today=TODAY)
    titles = set(KeyPosition.objects.filter(district=cast.district).values_list("title", flat=True))
    assert titles == {
        "Principal, North One Elementary",
        "Principal, North Two Middle",
        "Principal, South One High",
        "Head of Teaching and Learning",
    }
    rows = position_rows(user=cast["superintendent"], district=cast.district, today=TODAY)
    planted = next(r for r in rows if r.position == planted_position(cast.district))
    assert planted.bench.at_risk and planted.bench.ready_now == 0
    assert planted.position.departure_reason == PLANTED["at_risk_reason"]
    assert planted.position.expected_departure <= TODAY + dt.timedelta(days=365)
    assert planted.position.school == cast.north_1  # the first network's first school
    hr.refresh_from_db()
    assert hr.is_human_resources
    coach = TeacherLeaderRole.objects.get(district=cast.district)
    assert (coach.school, coach.kind) == (cast.north_1, "coach")


def test_the_builder_is_deterministic_and_its_removal_frees_schools_and_people(cast):
    succession_build(district=cast.district, seed=7, today=TODAY)
    first = built(cast)
    succession_remove(cast.district)
    assert not KeyPosition.objects.filter(district=cast.district).exists()
    assert not Candidate.objects.exists() and not TeacherLeaderRole.objects.exists()
    succession_build(district=cast.district, seed=7, today=TODAY)
    assert built(cast) == first
