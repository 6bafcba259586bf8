"""`make bench`: the pages of partners and partnerships in a large district. Asserts
nothing about time.

A district of 150 schools in 15 networks with 80 partner organisations (2 contacts each)
and 320 partnerships (3 to 8 schools each, 2 committed services, 2 reviews), with about
two years of deliveries (12 per service and school: some 42,000 rows), is stored in
a throwaway SQLite database. Each page is requested as the person who uses it (median and
p95 ms); the health of one partnership, the renewal reminder and the sync of a partner's
schools are timed as computations.

    .venv/bin/python benchmarks/bench_community_partners.py [--repeats 10]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from harness import bench_member, build_timed, django_in, run_bench, time_pages

SCHOOLS, NETWORKS, PARTNERS, PARTNERSHIPS, DELIVERIES_PER_SCHOOL = 150, 15, 80, 320, 24
KINDS = ["nonprofit", "health", "higher_education", "business", "cultural", "faith"]
CATEGORIES = ["tutoring", "mental_health", "food", "health", "enrichment", "family_support"]


def big_district() -> dict:
    """The district of the module docstring; returns the users and objects timed."""
    from districtwise.community import models as c
    from districtwise.core.roles import Role
    from districtwise.organization.models import District, Network, Partner, School

    rng = random.Random(9)
    today = dt.date.today()
    district = District.objects.create(code="bench", name="Bench district")
    networks = [
        Network.objects.create(district=district, code=f"N{i}", name=f"Network {i}")
        for i in range(NETWORKS)
    ]
    schools = School.objects.bulk_create(
        School(
            district=district,
            network=networks[i % NETWORKS],
            code=f"S{i:03}",
            name=f"School {i}",
            level="elementary",
            grade_low="KG",
            grade_high="05",
        )
        for i in range(SCHOOLS)
    )
    partners = Partner.objects.bulk_create(
        Partner(district=district, name=f"Partner {i}", kind=KINDS[i % len(KINDS)])
        for i in range(PARTNERS)
    )
    c.PartnerContact.objects.bulk_create(
        c.PartnerContact(partner=p, name=f"Contact {n} of {p.name}", is_primary=n == 0)
        for p in partners
        for n in range(2)
    )
    users: dict = {}

    def member(name: str, role: str, **scope):
        return bench_member(users, district, name, role, **scope)

    member("superintendent", Role.SUPERINTENDENT)
    member("network_lead", Role.NETWORK_LEAD, network=networks[0])
    member("principal", Role.PRINCIPAL, school=schools[0])
    member("partner", Role.PARTNER, partner=partners[0])
    logger = users["partner"]
    deliveries = []
    for i in range(PARTNERSHIPS):
        starts = today - dt.timedelta(days=rng.randint(200, 700))
        partnership = c.Partnership.objects.create(
            district=district,
            partner=partners[i % PARTNERS],
            title=f"Partnership {i}",
            shared_goals="Bench goals.",
            starts_on=starts,
            ends_on=today + dt.timedelta(days=rng.randint(-30, 700)),
            status="active",
        )
        served = rng.sample(schools, rng.randint(3, 8))
        if i % PARTNERS == 0:
            served = [schools[0], *served]
        partnership.schools.set(served)
        for n in range(2):
            service = c.PartnerService.objects.create(
                partnership=partnership,
                category=CATEGORIES[(i + n) % len(CATEGORIES)],
                name=f"Service {n} of {i}",
                committed_reach=rng.randint(50, 400),
                committed_sessions=rng.randint(20, 200),
            )
            for school in served:
                for _ in range(DELIVERIES_PER_SCHOOL // 2):
                    deliveries.append(
                        c.ServiceDelivery(
                            service=service,
                            school=school,
                            delivered_on=today - dt.timedelta(days=rng.randint(1, 700)),
                            what="Bench session",
                            students_reached=rng.randint(0, 25),
                            families_reached=rng.randint(0, 8),
                            sessions=rng.randint(1, 3),
                            logged_by=logger,
                        )
                    )
        for side in ("district", "partner"):
            c.PartnershipReview.objects.create(
                partnership=partnership,
                side=side,
                period="Fall",
                rating=rng.choice(["on_track", "some_concerns", "off_track"]),
                written_on=today,
            )
    c.ServiceDelivery.objects.bulk_create(deliveries, batch_size=5000)
    for partner in partners:
        partner.schools.set(School.objects.filter(partnerships__partner=partner).distinct())
    users["district"] = district
    users["partnership"] = c.Partnership.objects.filter(partner=partners[0]).first()
    users["partner_org"] = partners[0]
    users["deliveries"] = len(deliveries)
    return users


def timed(what, repeats: int) -> str:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        what()
        times.append((time.perf_counter() - began) * 1000)
    return f"{statistics.median(times):.0f} ms (max {max(times):.0f} ms)"


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.db import transaction
    from django.urls import reverse

    from districtwise.community.models import Partnership
    from districtwise.community.selectors.partners import partnership_health
    from districtwise.community.services.partners import (
        partner_schools_sync,
        partnership_renewals_remind,
    )

    built = build_timed(big_district, more=lambda b: f" ({b['deliveries']:,} deliveries)")
    one = built["partnership"]
    pages = [
        ("Partners directory (superintendent)", "superintendent", reverse("community:partners")),
        (
            "A partner (superintendent)",
            "superintendent",
            reverse("community:partner", args=[built["partner_org"].pk]),
        ),
        (
            "Partnerships, first page (superintendent)",
            "superintendent",
            reverse("community:partnerships"),
        ),
        (
            "Partnerships ending soon (superintendent)",
            "superintendent",
            reverse("community:partnerships") + "?expiring=1",
        ),
        (
            "Partnerships of a network (network lead)",
            "network_lead",
            reverse("community:partnerships"),
        ),
        (
            "Partnership health, first page (superintendent)",
            "superintendent",
            reverse("community:partnership_health"),
        ),
        ("Partnership health (partner)", "partner", reverse("community:partnership_health")),
        (
            "A partnership with its health (superintendent)",
            "superintendent",
            reverse("community:partnership", args=[one.pk]),
        ),
        (
            "A partnership with its health (partner)",
            "partner",
            reverse("community:partnership", args=[one.pk]),
        ),
        ("Log a delivery (partner)", "partner", reverse("community:delivery_new", args=[one.pk])),
    ]
    rows = time_pages(built, pages, repeats)
    user, district = built["superintendent"], built["district"]
    rows.append(
        (
            "Health of one partnership (selector)",
            timed(
                lambda: partnership_health(user=user, district=district, partnership=one), repeats
            ),
        )
    )
    rows.append(
        (
            "Sync a partner's schools",
            timed(lambda: partner_schools_sync(partner=built["partner_org"]), repeats),
        )
    )

    def remind_then_undo() -> None:
        with transaction.atomic():
            partnership_renewals_remind(district=district)
            transaction.set_rollback(True)

    due = Partnership.objects.filter(
        district=district,
        ends_on__gte=dt.date.today(),
        ends_on__lte=dt.date.today() + dt.timedelta(days=90),
    ).count()
    rows.append((f"Renewal reminders ({due} due, rolled back)", timed(remind_then_undo, 3)))
    return rows


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="partners",
        title="Partners and partnerships: pages in a large district",
        column="Page or computation",
        footer=(
            f"District: {SCHOOLS} schools, {NETWORKS} networks, {PARTNERS} partners, "
            f"{PARTNERSHIPS} partnerships with 2 services each."
        ),
    )
