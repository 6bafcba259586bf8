"""The demo build ends with a stored coverage run of the demo's roster."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from districtwise.core.models import StudentRecordGrant
from districtwise.demo.build import DemoResult, demo_build
from districtwise.organization.models import District, Person, School
from districtwise.supports.models import CoverageRun

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoResult]:
    """The small demo, built once for the module inside a transaction rolled back when the
    module ends; each test's own transaction nests in it."""
    outer = transaction.atomic()
    with override_settings(DATA_DIR=tmp_path_factory.mktemp("coverage-demo")):
        with django_db_blocker.unblock():
            outer.__enter__()
            try:
                # The demo's log-in names are the role names; the suite's cast uses some too.
                StudentRecordGrant.objects.all().delete()
                get_user_model().objects.all().delete()
                School.objects.all().delete()
                District.objects.all().delete()
                built = demo_build(seed=7, students=2500)
            except BaseException:
                outer.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_demo_build_computes_coverage_last(db, demo):
    run = CoverageRun.objects.get(district=demo.district)
    assert run.status == CoverageRun.Status.SUCCEEDED, run.message
    assert run.sources["assignments"] > 0 and run.sources["supports"] == 5


def test_the_demo_coverage_finds_each_planted_gap(db, demo):
    """The three gaps planted in the demo's delivery logs, found by coverage as a principal
    and a network lead would read it: new teachers with no coaching at one school, PLCs at
    half the dose at another, three teachers never observed at a third."""
    from districtwise.demo.support_logs import planted_gaps
    from districtwise.supports.selectors.coverage import school_coverage

    district = demo.district
    run = CoverageRun.objects.get(district=district)
    planted = planted_gaps(district=district)
    superintendent = get_user_model().objects.get(username="superintendent")

    def lines(code: str, support: str):
        school = School.objects.get(district=district, code=code)
        found = school_coverage(user=superintendent, district=district, run=run, school=school)
        return [t for t in found.teachers or [] if t.support.code == support]

    coaching = lines(planted.gaps["no_coaching"], "coaching")
    assert coaching and {t.status for t in coaching} == {"none"}
    plc = lines(planted.gaps["plc_every_other_week"], "plc")
    assert plc and all(t.status == "partial" for t in plc)
    # Every other week: at most half the weeks, and one more when the window starts
    # and ends on a meeting week.
    assert all(t.received <= t.required // 2 + 1 for t in plc)
    observed = lines(planted.gaps["never_observed"], "observation")
    never = {t.teacher_id for t in observed if t.status == "none"}
    unobserved = set(
        Person.objects.filter(district=district, staff_id__in=planted.unobserved).values_list(
            "pk", flat=True
        )
    )
    assert never == unobserved and len(never) == 3
    # Elsewhere the supports arrive: no other school's new teachers go without coaching.
    others = School.objects.filter(district=district).exclude(code=planted.gaps["no_coaching"])
    elsewhere = [t for s in others for t in lines(s.code, "coaching")]
    assert elsewhere and not any(t.status == "none" for t in elsewhere)
