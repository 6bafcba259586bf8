"""The demo build ends with a stored coverage run of the demo's roster."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from districtwise.core.models import StudentRecordGrant
from districtwise.demo.build import demo_build
from districtwise.organization.models import District, School
from districtwise.supports.models import CoverageRun

pytestmark = pytest.mark.slow


def test_the_demo_build_computes_coverage_last(db, tmp_path):
    StudentRecordGrant.objects.all().delete()
    get_user_model().objects.all().delete()
    School.objects.all().delete()
    District.objects.all().delete()
    with override_settings(DATA_DIR=tmp_path):
        result = demo_build(seed=7, students=2500)
    run = CoverageRun.objects.get(district=result.district)
    assert run.status == CoverageRun.Status.SUCCEEDED, run.message
    assert run.sources["assignments"] > 0 and run.sources["supports"] == 5
