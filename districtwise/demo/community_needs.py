"""The demo district's school needs: most schools record needs in several categories, and
the needs map has gaps to find.

Planted, for the tests and the tour to find (``PLANTED``):
- ``unmet_category`` at ``unmet_schools`` schools of the first network (the demo
  principal's network): high-priority mental-health needs that no partnership meets (a
  school where a partnership already delivers mental-health help is passed over);
- needs matching services partners deliver where the partners' demo ran first, so the
  matrix shows met needs beside the gaps;
- a few resolved needs, so the list's "resolved" filter has something to show.
Schools without a location get one near the district's other schools (or near a made-up
centre), so the map view has every school on it.

Deterministic from the seed; works whether or not the partners' demo ran before it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from districtwise.analytics.community.needs_map import coverage
from districtwise.community.models import SchoolNeed, ServiceCategory
from districtwise.community.selectors.needs import service_rows
from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.organization.models import District, Network, School

C = ServiceCategory
UNMET_SCHOOLS = 4
PLANTED = {"unmet_category": C.MENTAL_HEALTH, "unmet_schools": UNMET_SCHOOLS, "network": "first"}
# Made-up centre for schools without a location (when no school of the district has one).
CENTRE = (41.20, -96.10)

# What schools write, by category: our own words, a few per category.
NEED_TEXT: dict[str, list[str]] = {
    C.MENTAL_HEALTH: [
        "More counselling hours: the waiting list for a session is three weeks long.",
        "A group for students coping with loss, led by a trained clinician.",
        "Support for students returning after a long absence for anxiety.",
    ],
    C.TUTORING: [
        "Small-group reading help for students a grade or more behind.",
        "Maths tutoring after school for the two middle grades.",
    ],
    C.FOOD: [
        "Weekend food bags for families who rely on school meals.",
        "A breakfast option for students who arrive early by bus.",
    ],
    C.HEALTH: [
        "Vision and hearing checks the nurse cannot fit in this term.",
        "Dental screening and follow-up for the youngest grades.",
    ],
    C.FAMILY_SUPPORT: [
        "Help for families with housing forms and benefits in their own language.",
        "Evening sessions for parents on reading with their children.",
    ],
    C.ENRICHMENT: [
        "After-school arts and music for students with nothing after three o'clock.",
        "A science club with visits from people who work in labs.",
    ],
    C.COLLEGE_CAREER: [
        "Help with college applications and aid forms for the final grade.",
        "Job shadowing days with local employers.",
    ],
    C.MENTORING: ["An adult mentor for students at risk of dropping out."],
    C.ATTENDANCE: ["Home visits for students missing more than one day in ten."],
}
ROUTINE = [c for c in NEED_TEXT if c != C.MENTAL_HEALTH]


@dataclass
class DemoNeeds:
    needs: int = 0
    unmet_schools: list[str] = field(default_factory=list)  # school codes
    placed: int = 0


def needs_build(*, district: District, seed: int, today: dt.date | None = None) -> DemoNeeds:
    """Build the demo's school needs (see the module's docstring)."""
    rng = random.Random(seed * 37 + 9)
    day = today or timezone.localdate()
    built = DemoNeeds()
    schools = list(School.objects.filter(district=district).order_by("code"))
    built.placed = _place_schools(schools, random.Random(seed * 41 + 3))
    covered = coverage(service_rows(district), day)
    recorder = _recorders(district)
    needs: list[SchoolNeed] = []
    first = _first_network(district, schools)
    planted = [
        s for s in schools if s.network_id == first and not covered.get((s.pk, C.MENTAL_HEALTH))
    ][:UNMET_SCHOOLS]
    built.unmet_schools = [s.code for s in planted]
    for index, school in enumerate(schools):
        by = recorder(school)
        if school in planted:
            needs.append(_need(district, school, C.MENTAL_HEALTH, by, rng, priority="high"))
        if index % 7 == 6 and school not in planted:
            continue  # most schools, not every one
        delivered = sorted({c for (s, c) in covered if s == school.pk} - {C.MENTAL_HEALTH})
        chosen = set(rng.sample(delivered, min(len(delivered), rng.randint(0, 2))))
        chosen |= set(rng.sample(ROUTINE, rng.randint(1, 3)))
        for category in sorted(chosen):
            needs.append(_need(district, school, category, by, rng))
    for need in needs[5::11]:
        if need.category != C.MENTAL_HEALTH:
            need.resolved_on = day - dt.timedelta(days=rng.randint(5, 90))
    SchoolNeed.objects.bulk_create(needs)
    built.needs = len(needs)
    return built


def needs_remove(district: District) -> None:
    """Remove the district's school needs (they protect the users who recorded them)."""
    SchoolNeed.objects.filter(district=district).delete()


def _need(district, school, category, by, rng: random.Random, *, priority: str = "") -> SchoolNeed:
    return SchoolNeed(
        district=district,
        school=school,
        category=category,
        description=rng.choice(NEED_TEXT[category]),
        priority=priority or rng.choice(["high", "medium", "medium", "low"]),
        students_affected=rng.choice([None, rng.randint(8, 160)]),
        recorded_by=by,
    )


def _first_network(district: District, schools: list[School]) -> int | None:
    """The demo principal's network, else the first network by code."""
    home = (
        Membership.objects.filter(
            district=district, role=Role.PRINCIPAL, person__user__username="principal"
        )
        .values_list("school__network_id", flat=True)
        .first()
    )
    if home:
        return home
    network = Network.objects.filter(district=district).order_by("code").first()
    return network.pk if network else (schools[0].network_id if schools else None)


def _recorders(district: District):
    """Who records a school's needs: its principal, else the superintendent's log-in."""
    principals: dict[int, int] = {}
    leading = (
        Membership.objects.filter(district=district, role=Role.PRINCIPAL, school__isnull=False)
        .exclude(person__user__isnull=True)
        .order_by("school_id", "pk")
        .values_list("school_id", "person__user_id")
    )
    for school_id, user_id in leading:
        principals.setdefault(school_id, user_id)
    fallback = (
        Membership.objects.filter(district=district, role=Role.SUPERINTENDENT)
        .exclude(person__user__isnull=True)
        .values_list("person__user_id", flat=True)
        .first()
    )
    users = get_user_model().objects.in_bulk([*principals.values(), fallback])

    def recorder(school: School):
        return users.get(principals.get(school.pk, fallback))

    return recorder


def _place_schools(schools: list[School], rng: random.Random) -> int:
    """Give a location to schools without one, near the others; returns how many."""
    placed = [s for s in schools if s.latitude is not None and s.longitude is not None]
    if placed:
        lat = sum(float(s.latitude or 0) for s in placed) / len(placed)
        lon = sum(float(s.longitude or 0) for s in placed) / len(placed)
    else:
        lat, lon = CENTRE
    missing = [s for s in schools if s not in placed]
    for school in missing:
        school.latitude = Decimal(f"{lat + rng.uniform(-0.08, 0.08):.6f}")
        school.longitude = Decimal(f"{lon + rng.uniform(-0.11, 0.11):.6f}")
    School.objects.bulk_update(missing, ["latitude", "longitude"])
    return len(missing)
