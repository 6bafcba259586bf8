"""Editing a school: the owner can, a reader cannot write, an outsider gets 404; bad input
is refused inline with nothing saved; every change lands in the audit history."""

from __future__ import annotations

from django.urls import reverse

from districtwise.core.models import AuditEntry


def valid(cast, **changes) -> dict:
    data = {
        "name": cast.north_1.name,
        "network": cast.north.pk,
        "level": "elementary",
        "grade_low": "KG",
        "grade_high": "05",
        "title_i": "false",
    }
    return data | changes


def edit_url(cast) -> str:
    return reverse("organization:school_edit", args=[cast.north_1.pk])


def test_the_superintendent_changes_a_school_and_the_history_shows_before_and_after(
    client_as, cast
):
    client = client_as("superintendent")
    response = client.post(edit_url(cast), valid(cast, title_i="true", grade_high="06"))
    assert response.status_code == 302
    cast.north_1.refresh_from_db()
    assert cast.north_1.title_i is True
    entry = AuditEntry.objects.get(object_type="organization.school")
    assert entry.actor == cast["superintendent"]
    assert entry.changes == {"grade_high": ["05", "06"], "title_i": [False, True]}
    detail = client.get(reverse("organization:school_detail", args=[cast.north_1.pk]))
    assert "grade_high" in detail.content.decode()
    feed = client.get(reverse("organization:audit_feed")).content.decode()
    assert "North One Elementary" in feed


def test_saving_without_a_change_records_nothing(client_as, cast):
    client_as("superintendent").post(edit_url(cast), valid(cast))
    assert not AuditEntry.objects.filter(object_type="organization.school").exists()


def test_the_principal_can_read_but_not_change_their_school(client_as, cast):
    client = client_as("principal_north_1")
    assert client.get(edit_url(cast)).status_code == 403
    response = client.post(edit_url(cast), valid(cast, name="Taken Over"))
    assert response.status_code == 403
    cast.north_1.refresh_from_db()
    assert cast.north_1.name == "North One Elementary"
    page = client.get(reverse("organization:school_detail", args=[cast.north_1.pk]))
    assert "Edit school" not in page.content.decode()


def test_a_principal_of_another_school_gets_not_found(client_as, cast):
    client = client_as("principal_south_1")
    assert client.get(edit_url(cast)).status_code == 404
    assert client.post(edit_url(cast), valid(cast, name="X")).status_code == 404


def test_missing_and_invalid_fields_are_shown_inline_and_nothing_is_saved(client_as, cast):
    client = client_as("superintendent")
    response = client.post(edit_url(cast), valid(cast, name="", grade_low="08", grade_high="03"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in page
    assert "This field is required." in page
    assert "must not be below the lowest grade" in page
    assert 'aria-invalid="true"' in page
    cast.north_1.refresh_from_db()
    assert cast.north_1.name == "North One Elementary"
    assert cast.north_1.grade_low == "KG"
    assert not AuditEntry.objects.exists()


def test_a_network_of_another_district_cannot_be_chosen(client_as, cast):
    from tests.factories import NetworkFactory

    foreign = NetworkFactory(district=cast.other_district)
    response = client_as("superintendent").post(edit_url(cast), valid(cast, network=foreign.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    cast.north_1.refresh_from_db()
    assert cast.north_1.network == cast.north


def test_a_school_gets_its_place_on_the_needs_map(client_as, cast):
    client = client_as("superintendent")
    response = client.post(edit_url(cast), valid(cast, latitude="41.2565", longitude="-95.9345"))
    assert response.status_code == 302
    cast.north_1.refresh_from_db()
    assert (str(cast.north_1.latitude), str(cast.north_1.longitude)) == ("41.256500", "-95.934500")


def test_a_place_off_the_globe_or_half_given_is_refused_and_nothing_is_saved(client_as, cast):
    client = client_as("superintendent")
    page = client.post(edit_url(cast), valid(cast, latitude="95", longitude="-95.9")).content
    assert b"95 is not a latitude: it runs from -90 to 90." in page
    page = client.post(edit_url(cast), valid(cast, latitude="41.25")).content
    assert b"Give the longitude too, or leave both empty." in page
    cast.north_1.refresh_from_db()
    assert cast.north_1.latitude is None and cast.north_1.longitude is None
