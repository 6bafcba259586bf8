"""The pages of delivery logs, teacher groups and the teaching roster: who may do what,
and what a user sees after doing it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from districtwise.supports.models import DeliveryLog, TeacherAssignment, TeacherGroup
from tests.supports.logs_fixtures import north_1

pytestmark = pytest.mark.django_db


def url(name: str, cast, *args) -> str:
    return reverse(f"supports:{name}", args=[cast.north_1.pk, *args])


def log_post(n, **changes) -> dict:
    data = {
        "support": n.plc.pk,
        "delivered_on": "2025-10-20",
        "minutes": "45",
        "delivered_by": "",
        "teachers": [n.ada.pk, n.ben.pk],
        "notes": "Unit 3",
    }
    return data | changes


# --- logging -------------------------------------------------------------------------------


def test_a_coach_logs_a_plc_and_sees_it_in_the_list(cast, client_as):
    n = north_1(cast)
    client = client_as("coach_north_1")
    response = client.post(url("log_create", cast), log_post(n))
    assert response.status_code == 302
    log = DeliveryLog.objects.get(notes="Unit 3")
    assert set(log.teachers.all()) == {n.ada, n.ben}
    page = client.get(url("school_logs", cast)).content.decode()
    assert "2025-10-20" in page and "Unit 3" in page


def test_the_group_prefills_its_members_and_support(cast, client_as):
    n = north_1(cast)
    page = client_as("coach_north_1").get(
        url("log_create", cast), {"group": n.group.pk, "on": "2025-10-20"}
    )
    form = page.context["form"]
    assert set(form.initial["teachers"]) == {n.ada.pk, n.ben.pk}
    assert form.initial["support"] == n.plc.pk
    # The roster of that day: the mid-year hire is not on it yet.
    assert set(form.fields["teachers"].queryset) == {n.ada, n.ben}


def test_the_form_defaults_to_today_and_the_person_logging(cast, client_as):
    north_1(cast)
    form = client_as("coach_north_1").get(url("log_create", cast)).context["form"]
    assert form.initial["delivered_on"] == timezone.localdate()
    assert form.initial["delivered_by"] == cast["coach_north_1"].people.get().pk


def test_a_refused_log_names_the_field_and_saves_nothing(cast, client_as):
    n = north_1(cast)
    before = DeliveryLog.objects.count()
    response = client_as("principal_north_1").post(
        url("log_create", cast), log_post(n, teachers=[n.cy.pk])
    )
    assert response.status_code == 400
    assert "starts teaching at" in response.context["form"].errors["teachers"][0]
    assert DeliveryLog.objects.count() == before


def test_a_network_lead_reads_the_logs_but_may_not_log(cast, client_as):
    n = north_1(cast)
    client = client_as("north_lead")
    assert client.get(url("school_logs", cast)).status_code == 200
    before = DeliveryLog.objects.count()
    assert client.post(url("log_create", cast), log_post(n)).status_code == 403
    assert client.post(url("log_delete", cast, n.log.pk)).status_code == 403
    assert DeliveryLog.objects.count() == before


def test_another_schools_principal_gets_404_everywhere(cast, client_as):
    n = north_1(cast)
    client = client_as("principal_north_2")
    assert client.get(url("school_logs", cast)).status_code == 404
    assert client.post(url("log_create", cast), log_post(n)).status_code == 404
    assert client.post(url("log_edit", cast, n.log.pk), log_post(n)).status_code == 404
    assert client.post(url("school_groups", cast), {"name": "x"}).status_code == 404


def test_the_list_filters_by_support_month_and_teacher(cast, client_as):
    n = north_1(cast)
    client = client_as("principal_north_1")
    for day, teachers in (("2025-10-20", [n.ada.pk]), ("2025-11-03", [n.ben.pk])):
        client.post(url("log_create", cast), log_post(n, delivered_on=day, teachers=teachers))
    by_month = client.get(url("school_logs", cast), {"month": "2025-11"}).context["logs"]
    assert [log.delivered_on for log in by_month] == [dt.date(2025, 11, 3)]
    by_teacher = client.get(url("school_logs", cast), {"teacher": n.ada.pk}).context["logs"]
    assert {log.delivered_on for log in by_teacher} == {dt.date(2025, 10, 20), dt.date(2025, 10, 6)}
    by_support = client.get(url("school_logs", cast), {"support": n.observation.pk})
    assert list(by_support.context["logs"]) == []


def test_a_coach_corrects_and_deletes_a_log(cast, client_as):
    n = north_1(cast)
    client = client_as("coach_north_1")
    edited = client.post(url("log_edit", cast, n.log.pk), log_post(n, minutes="60"))
    assert edited.status_code == 302
    n.log.refresh_from_db()
    assert n.log.minutes == 60
    assert client.post(url("log_delete", cast, n.log.pk)).status_code == 302
    assert not DeliveryLog.objects.filter(pk=n.log.pk).exists()


def test_the_import_page_shows_the_problems_line_by_line(cast, client_as):
    north_1(cast)
    sheet = f"support,school,date,minutes,teachers\nnope,{cast.north_1.code},2025-10-13,45,LT-ADA\n"
    before = DeliveryLog.objects.count()
    response = client_as("coach_north_1").post(url("log_import", cast), {"sheet": sheet})
    assert response.status_code == 400
    assert [(p.line, p.column) for p in response.context["problems"]] == [(2, "support")]
    assert DeliveryLog.objects.count() == before


def test_the_import_page_imports_a_good_file(cast, client_as):
    north_1(cast)
    sheet = (
        f"support,school,date,minutes,teachers\nlogs-plc,{cast.north_1.code},2025-10-13,45,LT-ADA\n"
    )
    response = client_as("coach_north_1").post(url("log_import", cast), {"sheet": sheet})
    assert response.status_code == 302
    assert DeliveryLog.objects.filter(delivered_on=dt.date(2025, 10, 13), source="csv").count() == 1


# --- teacher groups ------------------------------------------------------------------------


def test_a_coach_adds_and_removes_a_group(cast, client_as):
    n = north_1(cast)
    client = client_as("coach_north_1")
    data = {"name": "Grade 4 team", "support": n.plc.pk, "members": [n.ben.pk, n.cy.pk]}
    assert client.post(url("school_groups", cast), data).status_code == 302
    group = TeacherGroup.objects.get(name="Grade 4 team")
    assert set(group.members.all()) == {n.ben, n.cy}
    assert client.post(url("group_delete", cast, group.pk)).status_code == 302
    assert not TeacherGroup.objects.filter(pk=group.pk).exists()


def test_a_network_lead_may_not_add_or_remove_a_group(cast, client_as):
    n = north_1(cast)
    client = client_as("north_lead")
    data = {"name": "Grade 4 team", "members": [n.ben.pk]}
    assert client.post(url("school_groups", cast), data).status_code == 403
    assert client.post(url("group_delete", cast, n.group.pk)).status_code == 403
    assert TeacherGroup.objects.filter(pk=n.group.pk).exists()


# --- the roster ----------------------------------------------------------------------------


def test_the_roster_lists_since_until_experience_and_source(cast, client_as):
    north_1(cast)
    page = client_as("north_lead").get(url("school_roster", cast)).content.decode()
    assert "Ada Teacher" in page and "2026-01-12" in page and "Files" in page


def test_a_principal_adds_a_mid_year_hire(cast, client_as):
    north_1(cast)
    data = {"given_name": "Dee", "family_name": "New", "starts_on": "2026-02-02"}
    data |= {"years_experience": "0", "subject": "Science", "grade_low": "03", "grade_high": "05"}
    response = client_as("principal_north_1").post(url("roster_add", cast), data)
    assert response.status_code == 302
    row = TeacherAssignment.objects.get(teacher__given_name="Dee")
    assert (row.school, row.starts_on, row.source, row.school_year) == (
        cast.north_1,
        dt.date(2026, 2, 2),
        "entered",
        2026,
    )


def test_a_teacher_of_another_school_is_added_as_a_second_assignment(cast, client_as):
    north_1(cast)
    other = TeacherAssignment.objects.create(
        district=cast.district,
        teacher=north_1(cast).ada,
        school=cast.north_2,
        school_year=2026,
        starts_on=dt.date(2025, 8, 18),
    )
    data = {"existing": other.teacher.pk, "starts_on": "2025-09-01", "years_experience": "5"}
    # Ada is already on north_1's roster that day: refused, naming the field.
    response = client_as("principal_north_1").post(url("roster_add", cast), data)
    assert response.status_code == 400
    assert "already on the roster" in response.context["form"].errors["existing"][0]


def test_a_hire_outside_any_school_year_is_refused(cast, client_as):
    north_1(cast)
    data = {
        "given_name": "Dee",
        "family_name": "New",
        "starts_on": "2026-07-20",
        "years_experience": "0",
    }
    response = client_as("principal_north_1").post(url("roster_add", cast), data)
    assert response.status_code == 400
    assert "no school year" in response.context["form"].errors["starts_on"][0]


def test_a_principal_ends_an_assignment_and_the_history_keeps_it(cast, client_as):
    from districtwise.core.models import AuditEntry

    n = north_1(cast)
    data = {"subject": "Math", "grade_low": "03", "grade_high": "03", "ends_on": "2026-03-31"}
    response = client_as("principal_north_1").post(url("assignment_edit", cast, n.ada_row.pk), data)
    assert response.status_code == 302
    n.ada_row.refresh_from_db()
    assert n.ada_row.ends_on == dt.date(2026, 3, 31) and n.ada_row.subject == "Math"
    audit = AuditEntry.objects.get(object_id=str(n.ada_row.pk), action="update")
    assert audit.changes["ends_on"] == [None, "2026-03-31"]


def test_an_end_before_the_start_is_refused(cast, client_as):
    n = north_1(cast)
    data = {"ends_on": "2025-01-01"}
    response = client_as("principal_north_1").post(url("assignment_edit", cast, n.ada_row.pk), data)
    assert response.status_code == 400
    n.ada_row.refresh_from_db()
    assert n.ada_row.ends_on is None


def test_a_coach_reads_the_roster_but_may_not_change_it(cast, client_as):
    n = north_1(cast)
    client = client_as("coach_north_1")
    assert client.get(url("school_roster", cast)).status_code == 200
    data = {
        "given_name": "Dee",
        "family_name": "New",
        "starts_on": "2026-02-02",
        "years_experience": "0",
    }
    assert client.post(url("roster_add", cast), data).status_code == 403
    assert (
        client.post(
            url("assignment_edit", cast, n.ada_row.pk), {"ends_on": "2026-03-31"}
        ).status_code
        == 403
    )
    assert not TeacherAssignment.objects.filter(teacher__given_name="Dee").exists()


def test_an_outsider_gets_404_on_the_roster(cast, client_as):
    n = north_1(cast)
    client = client_as("outsider")
    assert client.get(url("school_roster", cast)).status_code == 404
    assert client.post(url("assignment_edit", cast, n.ada_row.pk), {}).status_code == 404


def test_the_edit_form_offers_the_roster_of_the_logs_day(cast, client_as):
    n = north_1(cast)
    form = client_as("coach_north_1").get(url("log_edit", cast, n.log.pk)).context["form"]
    # 2025-10-06: before the mid-year hire started.
    assert set(form.fields["teachers"].queryset) == {n.ada, n.ben}
    assert form.initial["teachers"] == [n.ada.pk]
