"""The task audit: a principal fills it in from the starter list in one save; bad input
is refused whole with the row named; the starter list is the cabinet's."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.workload.models import PrincipalTask
from tests import factories as f
from tests.workload.tasks_fixtures import audit_post, row, starter_list

pytestmark = pytest.mark.django_db


def edit_url(cast):
    return reverse("workload:tasks_school_edit", args=[cast.north_1.pk])


def saved(cast):
    return PrincipalTask.objects.filter(school=cast.north_1).order_by("position")


def test_the_page_offers_every_starter_task_unticked_with_typical_hours(cast, client_as):
    starter_list(cast)
    page = client_as("principal_north_1").get(edit_url(cast)).content.decode()
    for name in ("Lunch supervision", "Budget preparation", "Classroom walkthroughs"):
        assert f'value="{name}"' in page
    assert 'value="80.00"' in page  # the budget's typical 80 hours a year
    assert "checked" not in page  # nothing is ticked until the principal says so


def test_a_principal_ticks_adjusts_and_adds_in_one_save(cast, client_as):
    lunch, budget, walks = starter_list(cast)
    rows = [
        row(starter_id=lunch.pk, name="Lunch supervision", category="operations", hours="7.5"),
        row(starter_id=budget.pk, name="Budget preparation", category="budget", hours="120",
            hours_unit="year", requested_by="department"),
        row(starter_id=walks.pk, keep="", name="Classroom walkthroughs",
            category="instructional", hours="3"),
        row(name="Bus arrival duty", category="operations", hours="2.5", frequency="daily"),
        row(keep=""),
    ]  # fmt: skip
    response = client_as("principal_north_1").post(edit_url(cast), audit_post(rows))
    assert response.status_code == 302
    tasks = list(saved(cast))
    assert [t.name for t in tasks] == [
        "Lunch supervision",
        "Budget preparation",
        "Bus arrival duty",
    ]
    assert [t.hours_per_week for t in tasks] == [D("7.5"), D("3"), D("2.5")]  # 120 / 40 = 3
    assert tasks[1].starter == budget and tasks[1].hours_unit == "year"
    assert tasks[2].starter is None
    created = AuditEntry.objects.filter(object_type="workload.principaltask", action="create")
    assert created.count() == 3


def test_unticking_a_saved_task_removes_it_and_audits_the_removal(cast, client_as):
    task = f.PrincipalTaskFactory(school=cast.north_1, name="Fire drill log")
    rows = [row(task_id=task.pk, keep="", name="Fire drill log", category="compliance", hours="1")]
    client_as("principal_north_1").post(edit_url(cast), audit_post(rows))
    assert not saved(cast).exists()
    assert AuditEntry.objects.filter(object_id=str(task.pk), action="delete").exists()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (row(name="Lunch", hours="-2", category="operations"), "Row 2 (Lunch): hours must be more"),
        (row(name="Lunch", hours="200", category="operations"), "Row 2 (Lunch): 200 hours a week"),
        (row(name="Lunch", hours="9000", hours_unit="year", category="operations"), "6720"),
        (row(name="Lunch", hours="2"), "Row 2 (Lunch): choose a category."),
        (row(name="Lunch", hours="lots", category="operations"), "Row 2 (Lunch): hours:"),
        (row(name="", hours="2", category="operations"), "Row 2: give the task a name"),
        (row(name="Lunch", category="operations"), "Row 2 (Lunch): enter its hours."),
    ],
)
def test_a_wrong_row_refuses_the_whole_audit_naming_the_row(cast, client_as, bad, message):
    good = row(name="Walkthroughs", category="instructional", hours="3")
    response = client_as("principal_north_1").post(edit_url(cast), audit_post([good, bad]))
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert message in response.content.decode()
    assert not saved(cast).exists()


def test_more_hours_than_a_week_holds_is_refused(cast, client_as):
    rows = [row(name=f"Task {n}", category="operations", hours="60") for n in range(3)]
    response = client_as("principal_north_1").post(edit_url(cast), audit_post(rows))
    assert response.status_code == 400
    assert "add up to 180.00 hours a week, more than the 168" in response.content.decode()
    assert not saved(cast).exists()


def test_a_long_week_is_saved_with_a_warning(cast, client_as):
    rows = [row(name=f"Task {n}", category="operations", hours="21") for n in range(3)]
    client = client_as("principal_north_1")
    response = client.post(edit_url(cast), audit_post(rows), follow=True)
    assert saved(cast).count() == 3
    page = response.content.decode()
    assert "63.00 hours a week, more than 60" in page
    assert "worth a conversation" in page


def test_a_reader_of_the_audit_cannot_write_it(cast, client_as):
    rows = [row(name="Lunch", category="operations", hours="2")]
    response = client_as("north_lead").post(edit_url(cast), audit_post(rows))
    assert response.status_code == 403
    assert not saved(cast).exists()


def test_another_schools_principal_does_not_find_it(cast, client_as):
    rows = [row(name="Lunch", category="operations", hours="2")]
    for person in ("principal_south_1", "outsider"):
        response = client_as(person).post(edit_url(cast), audit_post(rows))
        assert response.status_code == 404
    assert not saved(cast).exists()


def test_the_school_page_shows_the_audit_to_its_network_lead(cast, client_as):
    f.PrincipalTaskFactory(school=cast.north_1, name="Fire drill log", hours_per_week=D("1.25"))
    page = client_as("north_lead").get(reverse("workload:tasks_school", args=[cast.north_1.pk]))
    text = page.content.decode()
    assert "Fire drill log" in text and "1.25" in text
    assert "Change the audit" not in text  # the network lead reads; the principal writes


def test_the_cabinet_keeps_the_starter_list(cast, client_as):
    rows = [row(name="Attendance review", category="student_services", hours="1.5")]
    url = reverse("workload:tasks_starter_edit")
    assert client_as("department_lead").post(url, audit_post(rows)).status_code == 403
    assert client_as("superintendent").post(url, audit_post(rows)).status_code == 302
    starters = PrincipalTask.objects.filter(district=cast.district, school__isnull=True)
    assert [t.name for t in starters] == ["Attendance review"]
    page = client_as("principal_north_1").get(reverse("workload:tasks_starter"))
    assert "Attendance review" in page.content.decode()
