"""Changes through the Django administration land in the audit history too."""

from __future__ import annotations

from django.urls import reverse

from districtwise.core.models import AuditEntry


def test_an_admin_change_is_audited_with_before_and_after(client_as, cast):
    client = client_as("sysadmin")
    url = reverse("admin:organization_network_change", args=[cast.north.pk])
    data = {"district": cast.district.pk, "code": "N", "name": "North (renamed)", "description": ""}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(object_type="organization.network")
    assert entry.action == "update"
    assert entry.actor == cast["sysadmin"]
    assert entry.changes == {"name": ["North Network", "North (renamed)"]}


def test_an_admin_delete_is_audited_with_what_was_there(client_as, cast):
    client = client_as("sysadmin")
    url = reverse("admin:organization_department_delete", args=[cast.department.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(object_type="organization.department")
    assert entry.action == "delete"
    assert entry.changes["name"] == ["Teaching and Learning", None]
    assert entry.district == cast.district
