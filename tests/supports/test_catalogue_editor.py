"""The catalogue editor: the cabinet and the owner department add, edit and retire
supports; each field's mistake is named; every change is audited and shown."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.supports.models import Support
from districtwise.supports.services import catalogue
from tests import factories as f

pytestmark = pytest.mark.django_db


def form_data(cast, **changes):
    data = {
        "code": "reading-pd",
        "name": "Reading workshop",
        "kind": "other",
        "owner_department": cast.department.pk,
        "audience": "all",
        "new_teacher_years": 2,
        "min_occurrences": 1,
        "period": "month",
        "min_minutes": 60,
        "delivered_by": ["coach"],
        "protocol": "",
        "adaptable": "The day.",
    }
    data.update(changes)
    return data


def support_of(cast, **values):
    return f.SupportFactory(district=cast.district, owner_department=cast.department, **values)


def test_the_department_lead_adds_a_support_and_it_is_audited(cast, client_as):
    response = client_as("department_lead").post(reverse("supports:support_new"), form_data(cast))
    support = Support.objects.get(district=cast.district, code="reading-pd")
    assert response.status_code == 302
    assert support.delivered_by == ["coach"] and support.min_minutes == 60
    entry = AuditEntry.objects.get(object_type="supports.support", object_id=str(support.pk))
    assert entry.action == "create" and entry.actor == cast["department_lead"]


def test_a_principal_may_read_but_not_add(cast, client_as):
    client = client_as("principal_north_1")
    assert client.get(reverse("supports:overview")).status_code == 200
    response = client.post(reverse("supports:support_new"), form_data(cast))
    assert response.status_code == 403
    assert not Support.objects.filter(code="reading-pd").exists()


def test_a_department_lead_cannot_give_a_support_to_another_department(cast, client_as):
    other = f.DepartmentFactory(district=cast.district, name="Finance")
    data = form_data(cast, owner_department=other.pk)
    response = client_as("department_lead").post(reverse("supports:support_new"), data)
    assert response.status_code == 400
    assert not Support.objects.filter(code="reading-pd").exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"audience": "subject", "audience_subject": ""}, "audience_subject", "Name the subject"),
        ({"audience": "grade_span", "audience_grade_low": "03"}, "audience_grade_low", "both"),
        (
            {"audience": "grade_span", "audience_grade_low": "05", "audience_grade_high": "02"},
            "audience_grade_high",
            "swap them",
        ),
        ({"audience": "tier"}, "audience_tier", "tier"),
        ({"min_occurrences": 0}, "min_occurrences", "at least once"),
        ({"delivered_by": ["janitor"]}, "delivered_by", "“janitor” is not a staff role"),
    ],
)
def test_each_mistake_is_named_on_its_field_and_nothing_is_saved(
    cast, client_as, changes, field, words
):
    data = form_data(cast, **changes)
    response = client_as("superintendent").post(reverse("supports:support_new"), data)
    assert response.status_code == 400
    assert any(words in e for e in response.context["form"].errors[field])
    assert not Support.objects.filter(code="reading-pd").exists()


def test_a_code_already_in_the_district_is_refused(cast, client_as):
    support_of(cast, code="reading-pd")
    response = client_as("superintendent").post(reverse("supports:support_new"), form_data(cast))
    assert response.status_code == 400
    assert "already has a support" in response.context["form"].errors["code"][0]


def test_the_same_code_in_another_district_is_fine(cast):
    f.SupportFactory(district=cast.other_district, code="reading-pd")
    data = form_data(cast, owner_department=cast.department, delivered_by=[])
    support = catalogue.support_create(
        actor=cast["superintendent"], district=cast.district, data=data
    )
    assert support.code == "reading-pd"


def test_an_edit_is_audited_before_and_after_and_shown_on_the_page(cast, client_as):
    support = support_of(cast, code="reading-pd", name="Reading workshop", min_minutes=45)
    client = client_as("department_lead")
    data = form_data(cast, min_minutes=60)
    assert client.post(reverse("supports:support_edit", args=[support.pk]), data).status_code == 302
    entry = AuditEntry.objects.get(object_id=str(support.pk), action="update")
    assert entry.changes["min_minutes"] == [45, 60]
    page = client.get(reverse("supports:support_detail", args=[support.pk])).content.decode()
    assert "minutes each" in page and "department_lead" in page


def test_a_reader_cannot_edit(cast, client_as):
    support = support_of(cast, min_minutes=45)
    url = reverse("supports:support_edit", args=[support.pk])
    assert client_as("north_lead").post(url, form_data(cast)).status_code == 403
    support.refresh_from_db()
    assert support.min_minutes == 45


def test_an_outsider_gets_not_found(cast, client_as):
    support = support_of(cast)
    assert (
        client_as("outsider").get(reverse("supports:support_edit", args=[support.pk])).status_code
        == 404
    )
    url = reverse("supports:support_retire", args=[support.pk])
    assert client_as("outsider").post(url, {"active": "0"}).status_code == 404


def test_retiring_keeps_the_support_and_its_history(cast, client_as):
    support = support_of(cast)
    client = client_as("superintendent")
    client.post(reverse("supports:support_retire", args=[support.pk]), {"active": "0"})
    support.refresh_from_db()
    assert support.is_active is False
    detail = reverse("supports:support_detail", args=[support.pk])
    overview = client.get(reverse("supports:overview")).content.decode()
    # Out of the catalogue, listed below it among the retired ones for whoever restores it.
    assert overview.count(detail) == 1 and "Retired supports" in overview
    page = client.get(detail).content.decode()
    assert "retired" in page
    entry = AuditEntry.objects.get(object_id=str(support.pk), action="update")
    assert entry.changes == {"is_active": [True, False]}
    client.post(reverse("supports:support_retire", args=[support.pk]), {"active": "1"})
    support.refresh_from_db()
    assert support.is_active is True


def test_a_reader_cannot_retire(cast, client_as):
    support = support_of(cast)
    url = reverse("supports:support_retire", args=[support.pk])
    assert client_as("principal_north_1").post(url, {"active": "0"}).status_code == 403
    support.refresh_from_db()
    assert support.is_active


def test_the_service_refuses_bad_input_itself(cast):
    data = form_data(cast, owner_department=cast.department, audience="tier")
    with pytest.raises(ValidationError) as refused:
        catalogue.support_create(actor=cast["superintendent"], district=cast.district, data=data)
    assert "audience_tier" in refused.value.message_dict
