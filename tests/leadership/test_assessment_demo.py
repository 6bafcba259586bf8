"""The demo's self-assessments, built on the suite's cast: a closed one per school team and
one central-office team, every member answering every item, a drafted plan, and what is
planted (the weak section, the split item) found by the same figures the pages show."""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.demo.leadership_assessment import (
    PLANTED,
    assessment_build,
    assessment_remove,
)
from districtwise.leadership.instrument import ITEM_COUNT, SECTIONS
from districtwise.leadership.models import Assessment, AssessmentAnswer
from districtwise.leadership.selectors.assessment import assessment_results, assessment_summary
from districtwise.strategy.models import Initiative
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 12)


@pytest.fixture
def built(cast):
    f.InitiativeFactory(plan=f.PlanFactory(district=cast.district), code="I1")
    return assessment_build(district=cast.district, seed=7, today=TODAY)


def test_every_school_team_and_one_central_team_complete_a_closed_assessment(cast, built):
    schools = {a.school for a in built.assessments if a.school_id}
    assert schools == {cast.north_1, cast.north_2, cast.south_1}
    assert built.central is not None and built.central.department == cast.department
    for assessment in built.assessments:
        assert assessment.status == Assessment.Status.CLOSED
        members = assessment.members.count()
        assert assessment.answers.count() == members * ITEM_COUNT
    north_1 = next(a for a in built.assessments if a.school_id == cast.north_1.pk)
    assert {p.full_name for p in north_1.members.all()} == {
        "Principal North 1 Testperson",
        "Coach North 1 Testperson",
    }


def test_each_team_has_a_drafted_plan_with_owners_among_its_members(built):
    initiative = Initiative.objects.get(code="I1")
    for assessment in built.assessments:
        steps = list(assessment.plan_steps.all())
        assert steps and all(s.owner in assessment.members.all() for s in steps)
        assert all(s.due_on == TODAY + dt.timedelta(days=90) for s in steps)
        coherence = [s for s in steps if s.section == "coherence"]
        assert coherence and all(s.initiative == initiative for s in coherence)


def test_the_split_item_is_flagged_in_the_first_team_of_two(cast, built):
    split = built.split_assessment
    assert split is not None and split.school == cast.north_1
    results = assessment_results(user=cast["principal_north_1"], assessment=split)
    assert PLANTED["split_item"] in {s.item.key for s in results.flagged}


def test_coherence_is_the_districts_weakest_section(cast, built):
    rows = assessment_summary(user=cast["superintendent"], district=cast.district)
    district = rows[0]
    assert district.level == "district" and district.teams == 4
    weakest = min(SECTIONS, key=lambda s: district.means[s.key])
    assert weakest.key == PLANTED["weak_section"]


def test_the_same_seed_builds_the_same_answers(cast, built):
    def answers():
        return sorted(
            [
                (a.assessment.school_id, a.person_id, a.item_key, a.rating, a.evidence)
                for a in AssessmentAnswer.objects.filter(assessment__district=cast.district)
            ],
            key=repr,
        )

    first = answers()
    assessment_remove(cast.district)
    assert not Assessment.objects.filter(district=cast.district).exists()
    assessment_build(district=cast.district, seed=7, today=TODAY)
    assert answers() == first
