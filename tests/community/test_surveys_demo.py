"""The demo's family survey, built on a small district: open in English and Spanish with
a link per school, responses in both languages, one school under the minimum display n
(hidden in the results), a few engagement events; the same from the same seed."""

from __future__ import annotations

import pytest

from districtwise.community.models import EngagementEvent, Response
from districtwise.community.selectors.surveys import missing_texts, survey_results
from districtwise.demo.community_surveys import PLANTED, surveys_build
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_demo_survey_plants_a_small_school_that_the_results_hide(cast):
    built = surveys_build(district=cast.district, seed=7)
    survey = built.survey
    assert survey.is_open and survey.title == PLANTED["survey"]
    assert survey.languages == ["en", "es"] and missing_texts(survey) == {}
    assert survey.links.count() == 3
    # Every cast school has a leader with a log-in: the last by name is the small one.
    assert built.small_school == cast.south_1
    responses = Response.objects.filter(survey=survey)
    assert responses.filter(school=cast.south_1).count() == PLANTED["small_school_responses"]
    for school in (cast.north_1, cast.north_2):
        assert responses.filter(school=school).count() >= PLANTED["least_responses"]
    assert responses.filter(language="es").exists() and responses.filter(language="en").exists()
    results = survey_results(user=cast["superintendent"], district=cast.district, survey=survey)
    by_school = {fig.label: fig.count for fig in results.by_school}
    assert by_school["South One High"] is None
    assert EngagementEvent.objects.filter(district=cast.district).count() >= 3


def small_district():
    district = f.DistrictFactory()
    for name in ("Alder Elementary", "Birch Middle", "Cedar High"):
        f.SchoolFactory(district=district, name=name)
    return district


def test_the_same_seed_builds_the_same_survey():
    first = surveys_build(district=small_district(), seed=3)
    second = surveys_build(district=small_district(), seed=3)

    def shape(built):
        rows = Response.objects.filter(survey=built.survey).order_by("school__name", "id")
        return [(r.school.name, r.language, r.group) for r in rows]

    assert shape(first) == shape(second) and len(shape(first)) == first.responses
    assert first.small_school.name == "Cedar High"  # no log-in leads any of these schools
