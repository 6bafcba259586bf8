"""Tier placement on the demo district: the build gives it the default tier rules, audits
its data and places its schools; the planted struggling schools of the manifest land in
the highest-support tier, each explained with all five indicators."""

from __future__ import annotations

import json
import sys

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from districtwise.core.models import StudentRecordGrant
from districtwise.demo.build import demo_build
from districtwise.organization.models import District, School
from districtwise.strategy.models import PlacementRun, TierRuleSet
from districtwise.strategy.selectors import tiers as selectors
from tests.analytics.equity.planted import DEMO_SEED, DEMO_STUDENTS

pytestmark = pytest.mark.django_db


def build(tmp_path, seed: int, students: int):
    # The demo's log-in names are the role names; the suite's cast uses some of them too.
    StudentRecordGrant.objects.all().delete()
    get_user_model().objects.all().delete()
    School.objects.all().delete()
    District.objects.all().delete()
    with override_settings(DATA_DIR=tmp_path):
        result = demo_build(seed=seed, students=students)
        manifest = json.loads((result.files_dir / "manifest.json").read_text())
        yield result.district, manifest


@pytest.fixture(scope="class")
def small_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small demo, built once for the tests of ``TestTheSmallDemo`` inside a transaction
    rolled back when the last of them ends; each test's own transaction nests in it."""
    outer = transaction.atomic()
    built = build(tmp_path_factory.mktemp("tiers-small-demo"), seed=7, students=2500)
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            district_and_manifest = next(built)
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield district_and_manifest
    with django_db_blocker.unblock():
        built.close()
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def superintendent():
    return get_user_model().objects.get(username="superintendent")


def assert_struggling_schools_in_the_top_tier(district, manifest) -> None:
    struggling = manifest["struggling_schools"]
    assert len(struggling) >= 2
    board = selectors.tier_board(user=superintendent(), district=district)
    top = max(g.level for g in board.groups if g.level)
    top_schools = next(g for g in board.groups if g.level == top).schools
    assert set(struggling) <= {row.school.code for row in top_schools}
    # Most schools are not in the top tier: the rules tell schools apart.
    assert len(top_schools) < board.school_count / 2


class TestTheSmallDemo:
    """Tests that read one built small demo."""

    def test_the_demo_build_places_every_school_and_the_struggling_ones_in_the_top_tier(
        self, small_demo
    ):
        district, manifest = small_demo
        rules = TierRuleSet.objects.get(district=district)
        assert [t.name for t in rules.tiers.all()] == ["Universal", "Targeted", "Intensive"]
        run = PlacementRun.objects.get(district=district)
        assert run.school_year == max(manifest["school_years"])
        assert run.placements.count() == len(manifest["schools"])
        assert not run.placements.filter(tier__isnull=True).exists()
        assert_struggling_schools_in_the_top_tier(district, manifest)

    def test_a_struggling_schools_placement_is_explained_by_all_five_indicators(self, small_demo):
        district, manifest = small_demo
        school = School.objects.get(district=district, code=manifest["struggling_schools"][0])
        detail = selectors.school_tier_detail(
            user=superintendent(), district=district, pk=school.pk
        )
        assert [line["key"] for line in detail.lines] == [
            "chronic_absence",
            "proficiency",
            "staff_turnover",
            "growth",
            "oss_rate",
        ]
        assert all(line["value"] is not None for line in detail.lines)
        assert detail.weights_note == "Every indicator has a value: the weights are used as set."
        assert detail.tier.support_list  # what the school is offered


@pytest.fixture
def default_demo(db, tmp_path):
    yield from build(tmp_path, seed=DEMO_SEED, students=DEMO_STUDENTS)


@pytest.mark.slow
def test_the_struggling_schools_of_the_default_demo_land_in_the_top_tier(default_demo):
    assert_struggling_schools_in_the_top_tier(*default_demo)
