"""The demo's school adaptations: most approved, some waiting, a few returned, one school
with none yet, and each planted conflict found by the checker and shown on the school's
page."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from districtwise.core.models import StudentRecordGrant
from districtwise.demo.adaptations import PLANTED_CONFLICTS, adaptations_build, planted_school
from districtwise.demo.build import demo_build
from districtwise.demo.supports import supports_build
from districtwise.organization.models import District, School
from districtwise.supports.models import Adaptation
from districtwise.supports.services.adaptations import conflicts_of, latest_version
from tests import factories as f


def check_planted(district, client) -> None:
    """Each planted conflict is the newest version, a draft, with exactly its conflicts,
    and the school's page names them."""
    for entry in PLANTED_CONFLICTS:
        school = planted_school(district, entry)
        support = district.supports.get(code=entry["support"])
        newest = latest_version(school=school, support=support)
        assert newest is not None and newest.status == "draft", entry
        assert newest.version == (2 if entry["after_approved"] else 1), entry
        conflicts = conflicts_of(newest)
        assert tuple(c.rule for c in conflicts) == entry["rules"], entry
        page = client.get(reverse("supports:school_supports", args=[school.pk]))
        for conflict in conflicts:
            assert escape(conflict.message) in page.content.decode(), entry


def test_on_the_suites_district_every_planted_conflict_is_found_and_shown(cast, client_as):
    for code in ("teaching-and-learning", "human-resources"):
        f.DepartmentFactory(district=cast.district, code=code)
    f.SchoolFactory.create_batch(4, district=cast.district, network=cast.south)
    supports_build(district=cast.district)
    adaptations_build(district=cast.district)
    check_planted(cast.district, client_as("superintendent"))
    # The principal of north_1 (the first with a log-in) finds the draft to fix.
    assert planted_school(cast.district, PLANTED_CONFLICTS[0]) == cast.north_1
    # Only the conflicts are in conflict: every other newest version is inside.
    newest = {}
    for a in Adaptation.objects.filter(district=cast.district).order_by("version"):
        newest[(a.school_id, a.support_id)] = a
    assert sum(bool(conflicts_of(a)) for a in newest.values()) == len(PLANTED_CONFLICTS)
    assert {s.pk for s in School.objects.filter(district=cast.district)} - {
        school for school, _ in newest
    } != set(), "one school has written no adaptation yet"


@pytest.mark.slow
def test_the_generated_demo_has_a_realistic_mix_of_adaptations(db, tmp_path, client):
    # The demo's log-in names are the role names; the suite's cast uses some of them too.
    StudentRecordGrant.objects.all().delete()
    get_user_model().objects.all().delete()
    School.objects.all().delete()
    District.objects.all().delete()
    with override_settings(DATA_DIR=tmp_path):
        district = demo_build(seed=7, students=2500, load_data=False).district
    statuses = Counter(a.status for a in Adaptation.objects.filter(district=district))
    assert statuses["approved"] > statuses["submitted"] > 0
    assert statuses["returned"] > 0
    assert statuses["draft"] == len(PLANTED_CONFLICTS)
    returned = Adaptation.objects.filter(district=district, status="returned")
    assert all(a.review_comment for a in returned)
    client.force_login(get_user_model().objects.get(username="superintendent"))
    check_planted(district, client)
