"""Redistribution: the principal proposes, the network lead or the cabinet agrees, the
new owner sees what is coming and marks it done; hours returned count only done ones."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.workload.models import TaskDecision
from tests import factories as f
from tests.access_matrix import person

pytestmark = pytest.mark.django_db


def central_staff(cast, **values):
    """Someone on the staff of the cast's department (no log-in)."""
    return f.PersonFactory(district=cast.district, department=cast.department, user=None, **values)


def north_1_task(cast, **values):
    return f.PrincipalTaskFactory(school=cast.north_1, name="Bus duty roster", **values)


def decide_url(task):
    return reverse("workload:tasks_decision", args=[task.pk])


def propose(client, task, **values):
    data = {"decision": "central", "starts_on": "2026-01-05", "note": ""} | values
    return client.post(decide_url(task), data)


# ---- proposing ----


def test_the_principal_proposes_moving_a_task_to_a_named_owner(cast, client_as):
    task = north_1_task(cast)
    owner = central_staff(cast, given_name="Rosa", family_name="Lind")
    client = client_as("principal_north_1")
    response = propose(client, task, new_department=cast.department.pk, new_owner=owner.pk)
    assert response.status_code == 302
    decision = TaskDecision.objects.get(task=task)
    assert (decision.decision, decision.status) == ("central", "proposed")
    assert decision.new_owner == owner and decision.proposed_by == cast["principal_north_1"]
    assert AuditEntry.objects.filter(object_type="workload.taskdecision", action="create").exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"decision": "central"}, "needs the department taking it"),
        ({"decision": "delegate"}, "new owner on the school&#x27;s staff"),
        ({"decision": "eliminate", "starts_on": ""}, "Give the date the change starts"),
        ({"decision": "keep", "new_department": "DEPT"}, "has no new owner"),
    ],
)
def test_a_proposal_without_what_it_needs_is_refused(cast, client_as, values, message):
    task = north_1_task(cast)
    if values.get("new_department") == "DEPT":
        values["new_department"] = cast.department.pk
    response = propose(client_as("principal_north_1"), task, **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TaskDecision.objects.filter(task=task).exists()


def test_a_task_is_not_delegated_to_someone_of_another_school(cast, client_as):
    task = north_1_task(cast)
    elsewhere = f.TeacherFactory(district=cast.district, school=cast.south_1)
    response = propose(
        client_as("principal_north_1"), task, decision="delegate", new_owner=elsewhere.pk
    )
    assert response.status_code == 400
    assert not TaskDecision.objects.filter(task=task).exists()


def test_a_moved_owner_must_be_of_the_department_taking_it(cast, client_as):
    task = north_1_task(cast)
    other = f.DepartmentFactory(district=cast.district, name="Operations")
    owner = central_staff(cast)
    client = client_as("principal_north_1")
    response = propose(client, task, new_department=other.pk, new_owner=owner.pk)
    assert response.status_code == 400
    assert "is not on the staff of Operations" in response.content.decode()


def test_readers_cannot_propose_and_others_do_not_find_the_task(cast, client_as):
    task = north_1_task(cast)
    for name in ("north_lead", "superintendent", "department_lead"):
        assert propose(client_as(name), task, new_department=cast.department.pk).status_code == 403
    for name in ("principal_south_1", "south_lead", "outsider"):
        assert propose(client_as(name), task, new_department=cast.department.pk).status_code == 404
    assert not TaskDecision.objects.filter(task=task).exists()


def test_changing_an_agreed_proposal_sends_it_back_for_agreement(cast, client_as):
    decision = f.TaskDecisionFactory(
        task=north_1_task(cast), new_department=cast.department, status="agreed"
    )
    propose(client_as("principal_north_1"), decision.task, decision="eliminate", new_department="")
    decision.refresh_from_db()
    assert (decision.decision, decision.status, decision.new_department) == (
        "eliminate",
        "proposed",
        None,
    )


# ---- agreeing and moving on ----


def agree(client, task):
    return client.post(reverse("workload:tasks_agree", args=[task.pk]))


def move_on(client, task, status):
    return client.post(reverse("workload:tasks_progress", args=[task.pk]), {"status": status})


def test_the_network_lead_agrees_the_principal_cannot(cast, client_as):
    decision = f.TaskDecisionFactory(task=north_1_task(cast), new_department=cast.department)
    assert agree(client_as("principal_north_1"), decision.task).status_code == 403
    assert agree(client_as("department_lead"), decision.task).status_code == 403
    assert agree(client_as("south_lead"), decision.task).status_code == 404
    assert agree(client_as("outsider"), decision.task).status_code == 404
    decision.refresh_from_db()
    assert decision.status == "proposed"
    assert agree(client_as("north_lead"), decision.task).status_code == 302
    decision.refresh_from_db()
    assert decision.status == "agreed" and decision.agreed_by == cast["north_lead"]


def test_a_proposed_decision_cannot_be_marked_done(cast, client_as):
    decision = f.TaskDecisionFactory(task=north_1_task(cast), new_department=cast.department)
    response = move_on(client_as("north_lead"), decision.task, "done")
    decision.refresh_from_db()
    assert decision.status == "proposed"
    follow = client_as("north_lead").get(response.url)
    assert "must be agreed first" in follow.content.decode()


def test_the_lead_of_the_new_department_takes_it_on(cast, client_as):
    decision = f.TaskDecisionFactory(
        task=north_1_task(cast), new_department=cast.department, status="agreed"
    )
    client = client_as("department_lead")
    page = client.get(reverse("workload:tasks_coming_to_me")).content.decode()
    assert "Bus duty roster" in page and "North One Elementary" in page
    assert move_on(client, decision.task, "done").status_code == 302
    decision.refresh_from_db()
    assert decision.status == "done"


def test_a_department_lead_does_not_take_on_another_departments_task(cast, client_as):
    other = f.DepartmentFactory(district=cast.district, name="Operations")
    decision = f.TaskDecisionFactory(task=north_1_task(cast), new_department=other, status="agreed")
    assert move_on(client_as("department_lead"), decision.task, "done").status_code == 403
    assert move_on(client_as("principal_north_1"), decision.task, "done").status_code == 403
    decision.refresh_from_db()
    assert decision.status == "agreed"


def test_a_named_owner_with_a_log_in_sees_it_coming_and_marks_it_done(cast, client_as):
    coach = person(cast, "coach_north_1")
    coach.school = cast.north_1
    coach.save()
    decision = f.TaskDecisionFactory(
        task=north_1_task(cast), decision="delegate", new_owner=coach, status="in_progress"
    )
    client = client_as("coach_north_1")
    assert "Bus duty roster" in client.get(reverse("workload:tasks_coming_to_me")).content.decode()
    assert client.get(reverse("workload:tasks_school", args=[cast.north_1.pk])).status_code == 404
    assert move_on(client, decision.task, "done").status_code == 302
    decision.refresh_from_db()
    assert decision.status == "done"


# ---- coming off principals' plates ----


def test_the_department_lead_sees_what_moves_to_their_department_and_its_owner(cast, client_as):
    owner = central_staff(cast, given_name="Rosa", family_name="Lind")
    other = f.DepartmentFactory(district=cast.district, name="Operations")
    f.TaskDecisionFactory(task=north_1_task(cast), new_department=cast.department, new_owner=owner)
    f.TaskDecisionFactory(
        task=f.PrincipalTaskFactory(school=cast.south_1, name="Boiler checks"), new_department=other
    )
    f.TaskDecisionFactory(
        task=f.PrincipalTaskFactory(school=cast.south_1, name="Hall duty"), decision="keep"
    )
    url = reverse("workload:tasks_coming_off") + f"?department={cast.department.pk}"
    page = client_as("department_lead").get(url).content.decode()
    assert "Bus duty roster" in page and "Rosa Lind" in page
    assert "Boiler checks" not in page  # filtered out: another department's
    assert "Hall duty" not in page  # kept: not coming off anybody's plate


def test_a_principal_sees_only_their_schools_tasks_coming_off(cast, client_as):
    f.TaskDecisionFactory(task=north_1_task(cast), new_department=cast.department)
    f.TaskDecisionFactory(task=f.PrincipalTaskFactory(school=cast.south_1, name="Boiler checks"))
    page = client_as("principal_north_1").get(reverse("workload:tasks_coming_off")).content.decode()
    assert "Bus duty roster" in page and "Boiler checks" not in page


# ---- hours returned ----


def weekly(school, hours: str):
    return f.PrincipalTaskFactory(school=school, hours=D(hours), hours_per_week=D(hours))


def hours_fixture(cast):
    """North One: 10 h undecided, 3 h moved (done), 2 h delegated (proposed).
    South One: 4 h eliminated (done). Returned 7, planned 2, audited 19."""
    weekly(cast.north_1, "10")
    f.TaskDecisionFactory(task=weekly(cast.north_1, "3"), status="done")
    f.TaskDecisionFactory(task=weekly(cast.north_1, "2"), decision="delegate", status="proposed")
    f.TaskDecisionFactory(task=weekly(cast.south_1, "4"), decision="eliminate", status="done")


def test_hours_returned_count_only_done_decisions(cast, client_as):
    hours_fixture(cast)
    page = client_as("superintendent").get(reverse("workload:tasks_hours_returned"))
    text = page.content.decode()
    assert "7.00 hours a week returned, 2.00 planned, of 19.00 audited" in text
    assert "<svg" in text and "Show as a table" in text


def test_the_csv_gives_each_level_by_hand(cast, client_as):
    hours_fixture(cast)
    body = client_as("superintendent").get(reverse("workload:tasks_hours_csv")).content.decode()
    rows = {(r["level"], r["name"]): r for r in csv.DictReader(io.StringIO(body))}
    north_1 = rows[("school", "North One Elementary")]
    assert (north_1["audited_hours_per_week"], north_1["returned_hours_per_week"]) == (
        "15.00",
        "3.00",
    )
    assert north_1["planned_hours_per_week"] == "2.00"
    assert rows[("network", cast.south_1.network.name)]["returned_hours_per_week"] == "4.00"
    assert rows[("district", cast.district.name)]["returned_hours_per_week"] == "7.00"
    principal = person(cast, "principal_north_1").full_name
    assert rows[("principal", principal)]["returned_hours_per_week"] == "3.00"


def test_a_principal_sees_their_school_and_the_district_total_only(cast, client_as):
    hours_fixture(cast)
    body = client_as("principal_north_1").get(reverse("workload:tasks_hours_csv")).content.decode()
    schools = [r["name"] for r in csv.DictReader(io.StringIO(body)) if r["level"] == "school"]
    assert schools == ["North One Elementary"]
    assert "7.00" in body  # the district's total, an aggregate


def test_after_agreeing_it_goes_back_to_a_page_of_this_site_only(cast, client_as):
    decision = f.TaskDecisionFactory(task=north_1_task(cast), new_department=cast.department)
    url = reverse("workload:tasks_agree", args=[decision.task.pk])
    response = client_as("north_lead").post(url, {"next": "https://elsewhere.example/"})
    assert response.url == reverse("workload:tasks_school", args=[cast.north_1.pk])
