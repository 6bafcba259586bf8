"""The home page is made for each role and shows exactly what that role may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

SCHOOLS = ["North One Elementary", "North Two Middle", "South One High"]


@pytest.mark.parametrize(
    ("person", "visible"),
    [
        ("superintendent", SCHOOLS),
        ("data_steward", SCHOOLS),
        ("north_lead", ["North One Elementary", "North Two Middle"]),
        ("south_lead", ["South One High"]),
        ("principal_north_1", ["North One Elementary"]),
        ("coach_north_1", ["North One Elementary"]),
        ("partner", ["South One High"]),
        ("family", []),
    ],
)
def test_home_lists_only_the_schools_of_the_role(client_as, person, visible):
    page = client_as(person).get(reverse("home")).content.decode()
    for school in SCHOOLS:
        assert (school in page) == (school in visible), school
    assert "Lakeside" not in page


def test_home_charts_have_a_table_alternative(client_as):
    page = client_as("superintendent").get(reverse("home")).content.decode()
    assert 'role="img"' in page
    assert "Show as a table" in page
    assert "Schools by network" in page


def test_the_partner_is_told_they_see_aggregates_only(client_as):
    page = client_as("partner").get(reverse("home")).content.decode()
    assert "aggregates only" in page


def test_the_superintendent_sees_recent_changes(client_as, cast):
    client = client_as("superintendent")
    url = reverse("organization:network_edit", args=[cast.south.pk])
    client.post(url, {"name": "South Renamed", "description": "Schools south of the river"})
    page = client.get(reverse("home")).content.decode()
    assert "Recent changes" in page
    assert "South Renamed" in page


def test_a_person_in_two_districts_can_switch(client, cast):
    from districtwise.core.models import Membership
    from tests.factories import PersonFactory

    user = cast["superintendent"]
    person = PersonFactory(district=cast.other_district, user=user)
    Membership.objects.create(person=person, district=cast.other_district, role="superintendent")
    client.force_login(user)
    assert "Riverside" in client.get(reverse("home")).content.decode()
    switch = client.post(reverse("district_switch"), {"district": cast.other_district.pk})
    assert switch.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "Lakeside Elementary" in page
    assert "North One Elementary" not in page


def test_switching_to_a_district_one_is_not_in_is_not_found(client_as, cast):
    client = client_as("principal_north_1")
    response = client.post(reverse("district_switch"), {"district": cast.other_district.pk})
    assert response.status_code == 404


def test_a_section_one_may_not_open_says_who_uses_it(client_as):
    page = client_as("family").get(reverse("section", args=["leadership"]))
    assert page.status_code == 200
    assert b"Who uses this section" in page.content
    assert b"network leads supervise and develop principals" in page.content


def test_a_section_one_may_open_sends_one_on_to_it(client_as):
    answer = client_as("principal_north_1").get(reverse("section", args=["community"]))
    assert answer.status_code == 302
    assert answer["Location"] == reverse("community:overview")


def test_the_home_page_says_what_waits_in_partnerships_and_leadership(client_as, cast):
    import datetime as dt

    from django.utils import timezone

    from districtwise.leadership.models import KeyPosition
    from tests import factories as f

    today = timezone.localdate()
    f.PartnershipFactory(
        district=cast.district,
        partner=cast.partner,
        starts_on=today - dt.timedelta(days=300),
        ends_on=today + dt.timedelta(days=30),
    )
    KeyPosition.objects.create(
        district=cast.district, kind="principal", title="Principal, North One", school=cast.north_1
    )  # vacant: at risk
    superintendent = client_as("superintendent").get(reverse("home")).content.decode()
    assert "Waiting for your attention" in superintendent
    assert "1 partnership agreement ends within 90 days" in superintendent
    assert "1 key position at risk" in superintendent
    assert "not visited" not in superintendent  # supervises no network of their own
    north_lead = client_as("north_lead").get(reverse("home")).content.decode()
    assert "1 key position at risk" in north_lead  # North One is in the lead's network
    assert "2 principals not visited for more than 45 days" in north_lead
    assert "partnership agreement" not in north_lead  # does not manage partnerships
    assert "1 key position" not in client_as("south_lead").get(reverse("home")).content.decode()
    principal = client_as("principal_north_1").get(reverse("home")).content.decode()
    assert "Waiting for your attention" not in principal
