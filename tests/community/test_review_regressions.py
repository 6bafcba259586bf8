"""Regressions found in review of the partners, needs and stakeholder pages (issue 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "param"),
    [
        ("community:partnerships", "school"),
        ("community:partnership_health", "school"),
        ("community:stakeholder_grid", "goal"),
    ],
)
def test_an_id_written_with_a_superscript_digit_is_ignored_not_a_server_error(
    client_as, page, param
):
    # "²".isdigit() is true but int("²") fails: the filter must not take it for an id.
    response = client_as("superintendent").get(reverse(page), {param: "²"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("page", "param"),
    [
        ("community:needs", "school"),
        ("community:needs", "network"),
        ("community:needs_map", "network"),
    ],
)
def test_an_id_too_large_for_the_database_is_ignored_not_a_server_error(client_as, page, param):
    # SQLite cannot bind an integer past 64 bits: the filter must not reach the query.
    response = client_as("superintendent").get(reverse(page), {param: "9" * 20})
    assert response.status_code == 200


BIG = "9" * 20


def _partnership_at_south_one(cast):
    from tests import factories as f

    partnership = f.PartnershipFactory(district=cast.district, partner=cast.partner)
    partnership.schools.set([cast.south_1])
    return partnership, f.PartnerServiceFactory(partnership=partnership)


@pytest.mark.parametrize("field", ["committed_reach", "committed_sessions"])
def test_a_committed_count_too_large_to_store_is_refused_at_its_field(client_as, cast, field):
    from districtwise.community.models import PartnerService

    partnership, _ = _partnership_at_south_one(cast)
    data = {"category": "tutoring", "name": "Reading club", "reaches": "students"}
    data.update({"committed_reach": "40", "committed_sessions": "20", field: BIG})
    url = reverse("community:service_new", args=[partnership.pk])

    response = client_as("superintendent").post(url, data)

    assert response.status_code == 400
    assert "A count of at most 1,000,000" in str(response.context["form"].errors[field])
    assert not PartnerService.objects.filter(name="Reading club").exists()


@pytest.mark.parametrize("field", ["students_reached", "families_reached", "sessions"])
def test_a_delivered_count_too_large_to_store_is_refused_at_its_field(client_as, cast, field):
    from districtwise.community.models import ServiceDelivery

    partnership, service = _partnership_at_south_one(cast)
    data = {"service": service.pk, "school": cast.south_1.pk, "delivered_on": "2026-01-05"}
    data.update({"what": "Reading club", "students_reached": "12", "families_reached": "3"})
    data.update({"sessions": "1", field: BIG})
    url = reverse("community:delivery_new", args=[partnership.pk])

    response = client_as("partner").post(url, data)

    assert response.status_code == 400
    assert "A count of at most 1,000,000" in str(response.context["form"].errors[field])
    assert not ServiceDelivery.objects.exists()


def test_a_website_longer_than_its_column_is_refused_at_its_field(client_as):
    from districtwise.organization.models import Partner

    website = "https://example.org/" + "a" * 230
    data = {"name": "Reading Friends", "kind": "nonprofit", "website": website}

    response = client_as("superintendent").post(reverse("community:partner_new"), data)

    assert response.status_code == 400
    assert "at most 200 characters" in str(response.context["form"].errors["website"])
    assert not Partner.objects.filter(name="Reading Friends").exists()


def test_an_email_longer_than_its_column_is_refused_at_its_field(client_as, cast):
    from districtwise.community.models import PartnerContact

    email = "a" * 250 + "@example.org"
    url = reverse("community:contact_new", args=[cast.partner.pk])

    response = client_as("superintendent").post(url, {"name": "Sam Reader", "email": email})

    assert response.status_code == 400
    assert "at most 254 characters" in str(response.context["form"].errors["email"])
    assert not PartnerContact.objects.filter(name="Sam Reader").exists()


def test_an_unknown_kind_or_status_in_the_partnership_filters_is_no_filter(client_as, cast):
    from tests.community.matrix import matrix_partnership

    matrix_partnership(cast)
    client = client_as("superintendent")
    for url in (
        reverse("community:partnerships") + "?kind=x%26page%3D9&status=y%26z",
        reverse("community:partners") + "?kind=x%26page%3D9",
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert "x&amp;page=9" not in page.content.decode()
    listed = client.get(reverse("community:partnerships") + "?status=bogus").content.decode()
    assert "Matrix partnership" in listed
