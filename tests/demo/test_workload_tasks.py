"""The demo district's task audits: the planted facts of districtwise/demo/workload_tasks.py
are found on the pages (the demo is built without its data files: the audits need none)."""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from districtwise.core.models import StudentRecordGrant
from districtwise.demo.build import DemoResult, demo_build
from districtwise.demo.workload_tasks import LONG_WEEK_HOURS, STARTER
from districtwise.organization.models import Department, District, School
from districtwise.workload.models import PrincipalTask

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoResult]:
    """The small demo district, built once for the module inside a transaction rolled
    back when the module ends."""
    module_transaction = transaction.atomic()
    with override_settings(DATA_DIR=tmp_path_factory.mktemp("demo-tasks")):
        with django_db_blocker.unblock():
            module_transaction.__enter__()
            try:
                StudentRecordGrant.objects.all().delete()
                get_user_model().objects.all().delete()
                School.objects.all().delete()
                District.objects.all().delete()
                built = demo_build(seed=7, students=2500, load_data=False)
            except BaseException:
                module_transaction.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture
def cabinet(client, demo):
    client.force_login(get_user_model().objects.get(username="superintendent"))
    return client


def schools_by_code(demo):
    return list(School.objects.filter(district=demo.district).order_by("code"))


def test_the_starter_list_has_its_25_tasks(cabinet, demo):
    page = cabinet.get(reverse("workload:tasks_starter")).content.decode()
    assert len(STARTER) == 25
    assert "25 starter tasks" in page


def test_the_longest_week_is_the_planted_school_and_it_is_flagged(cabinet, demo):
    body = cabinet.get(reverse("workload:tasks_hours_csv")).content.decode()
    audited = {
        r["name"]: Decimal(r["audited_hours_per_week"])
        for r in csv.DictReader(io.StringIO(body))
        if r["level"] == "school"
    }
    longest = max(audited, key=audited.__getitem__)
    first_network = min((s.network for s in schools_by_code(demo)), key=lambda n: n.code)
    planted = [s for s in schools_by_code(demo) if s.network_id == first_network.pk][-1]
    assert longest == planted.name and audited[longest] > LONG_WEEK_HOURS
    page = cabinet.get(reverse("workload:tasks_school", args=[planted.pk])).content.decode()
    assert "worth a conversation" in page


def test_the_planted_school_without_an_audit_shows_as_not_filled_in(cabinet, demo):
    last = schools_by_code(demo)[-1]
    assert not PrincipalTask.objects.filter(school=last).exists()
    page = cabinet.get(reverse("workload:tasks")).content.decode()
    row = page[page.index(last.name) :].split("</tr>")[0]
    assert "Not filled in" in row
    assert page.count("Not filled in") == 1


def test_one_network_moved_most_of_its_compliance_work_and_the_page_shows_it(cabinet, demo):
    compliance = PrincipalTask.objects.filter(district=demo.district, category="compliance")
    moved: dict[str, Decimal] = defaultdict(Decimal)
    total: dict[str, Decimal] = defaultdict(Decimal)
    for task in compliance.exclude(school=None).select_related("school__network", "decision"):
        network = task.school.network.code
        total[network] += task.hours_per_week
        decision = getattr(task, "decision", None)
        if decision and decision.decision == "central" and decision.status == "done":
            moved[network] += task.hours_per_week
    last = max(total)
    assert moved[last] / total[last] > Decimal("0.5")
    assert all(moved[n] / total[n] < Decimal("0.5") for n in total if n != last)
    data = Department.objects.get(district=demo.district, code="data-and-assessment")
    url = reverse("workload:tasks_coming_off") + f"?department={data.pk}"
    page = cabinet.get(url).content.decode()
    for school in schools_by_code(demo):
        if school.network.code == last and PrincipalTask.objects.filter(school=school).exists():
            assert school.name in page
