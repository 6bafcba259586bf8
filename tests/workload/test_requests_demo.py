"""The demo's data requests: the registry finds every planted overlap (and nothing
else), leaves the planted far-apart pair alone, and flags each field the district holds."""

from __future__ import annotations

import pytest

from districtwise.demo import workload_requests as demo
from districtwise.workload.models import DataRequest
from districtwise.workload.selectors import requests as selectors
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_district(cast):
    """The cast's district with the demo's five departments, and the demo requests."""
    for code in (demo.TL, demo.OPS, demo.DA, demo.FE, demo.HR):
        f.DepartmentFactory(district=cast.district, code=code, name=code.replace("-", " ").title())
    demo.workload_requests_build(district=cast.district)
    return cast.district


def test_the_demo_has_a_vocabulary_of_about_forty_fields_a_dozen_held(demo_district):
    vocabulary = selectors.vocabulary(district=demo_district)
    assert 35 <= vocabulary.count() <= 45
    assert 10 <= len(demo.held_field_names(demo_district)) <= 13
    assert DataRequest.objects.filter(district=demo_district).count() >= 20


def test_each_planted_overlap_is_proposed_and_nothing_else(cast, demo_district):
    proposals = selectors.overlap_proposals(user=cast["data_steward"], district=demo_district)
    found = {frozenset(r.title for r in p.requests) for p in proposals}
    assert found == set(demo.PLANTED_OVERLAPS)
    assert not any(group >= demo.PLANTED_NOT_OVERLAPPING for group in found)


def test_each_planted_held_field_is_flagged_with_its_request(cast, demo_district):
    held = selectors.held_fields(user=cast["data_steward"], district=demo_district)
    asked = {r.title: h.field.name for h in held for r in h.requests}
    assert asked == demo.PLANTED_HELD
