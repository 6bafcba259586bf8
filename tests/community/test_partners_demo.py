"""The demo's partners builder on the hand-built cast: its planted facts hold (no
mental-health service in the first network, two partners tutoring at the same two
schools, an agreement ending within 60 days, the demo partner's partnership), and the same
seed and day build the same deliveries."""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.community.models import PartnerService, Partnership, ServiceDelivery
from districtwise.community.selectors.partners import ends_soon
from districtwise.demo.community_partners import (
    DEMO_PARTNER,
    PLANTED,
    partners_build,
    partners_remove,
)
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def built(cast):
    youth = f.PartnerFactory(district=cast.district, name=DEMO_PARTNER, kind="nonprofit")
    youth.schools.set([cast.north_2, cast.south_1])
    return partners_build(district=cast.district, seed=7, today=TODAY)


def schools_served(service: PartnerService) -> set:
    return set(service.schools.all()) or set(service.partnership.schools.all())


def test_no_partner_serves_mental_health_in_the_first_network(cast, built):
    mental = PartnerService.objects.filter(
        partnership__district=cast.district, category="mental_health"
    )
    assert mental.exists()
    north = {cast.north_1, cast.north_2}
    assert all(not (schools_served(s) & north) for s in mental)
    assert not ServiceDelivery.objects.filter(
        service__category="mental_health", school__network=cast.north
    ).exists()


def test_two_partners_tutor_at_the_same_two_schools(cast, built):
    tutors: dict = {}
    for service in PartnerService.objects.filter(
        category="tutoring", partnership__district=cast.district
    ):
        for school in schools_served(service):
            tutors.setdefault(school, set()).add(service.partnership.partner.name)
    doubled = {school for school, names in tutors.items() if len(names) >= 2}
    assert doubled == {cast.north_2, cast.south_1}
    assert all(tutors[s] == set(PLANTED["duplicate_tutoring"]) for s in doubled)


def test_one_agreement_ends_within_sixty_days(cast, built):
    soon = [
        p
        for p in Partnership.objects.filter(district=cast.district)
        if p.ends_on <= TODAY + dt.timedelta(days=60)
    ]
    assert [p.title for p in soon] == [PLANTED["ending_soon_title"]]
    assert ends_soon(soon[0], TODAY)


def test_the_demo_partner_has_its_partnership_and_varied_kinds_exist(cast, built):
    youth = Partnership.objects.get(district=cast.district, partner__name=DEMO_PARTNER)
    assert youth.title == PLANTED["demo_partner_partnership"]
    assert set(youth.partner.schools.all()) == {cast.north_2, cast.south_1}
    kinds = set(cast.district.partners.exclude(kind="").values_list("kind", flat=True))
    assert len(kinds) >= 6
    assert youth.reviews.count() == 2
    assert ServiceDelivery.objects.filter(service__partnership=youth).exists()
    assert not ServiceDelivery.objects.filter(delivered_on__gt=TODAY).exists()


def fingerprint(district) -> list[tuple]:
    return sorted(
        ServiceDelivery.objects.filter(service__partnership__district=district).values_list(
            "service__partnership__title",
            "school__name",
            "delivered_on",
            "students_reached",
            "sessions",
        )
    )


def test_the_same_seed_and_day_build_the_same_deliveries(cast, built):
    first = fingerprint(cast.district)
    partners_remove(cast.district)
    cast.district.partners.exclude(name__in=[DEMO_PARTNER, cast.partner.name]).delete()
    partners_build(district=cast.district, seed=7, today=TODAY)
    assert fingerprint(cast.district) == first and first


def test_the_first_network_is_the_demo_principals(cast):
    """With a demo ``principal`` log-in at South One, the South network has no
    mental-health service (as the needs part plants its unmet needs there)."""
    person = f.PersonFactory(district=cast.district, user__username="principal")
    f.MembershipFactory(person=person, role="principal", school=cast.south_1)
    youth = f.PartnerFactory(district=cast.district, name=DEMO_PARTNER, kind="nonprofit")
    youth.schools.set([cast.north_2])
    partners_build(district=cast.district, seed=3, today=TODAY)
    mental = PartnerService.objects.filter(
        partnership__district=cast.district, category="mental_health"
    )
    assert all(cast.south_1 not in schools_served(s) for s in mental)
    assert any(schools_served(s) for s in mental)
