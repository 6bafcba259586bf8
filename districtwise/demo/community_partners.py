"""The demo district's partners and partnerships: eight organisations of varied kinds with
contacts, partnerships covering some schools with services in several categories, about
four months of deliveries (counts only), reviews by both sides and outcome indicators.

Planted, for the needs part, the tests and the tour to find (``PLANTED``):
- ``no_mental_health_network``: no partner delivers mental-health services at any school of
  the first network (the demo principal's network, which the demo network lead leads;
  the health centre works only in the other networks);
- ``duplicate_tutoring``: two partners (the youth alliance and the university's tutoring
  corps) both deliver tutoring at the same two schools;
- ``ending_soon``: one agreement ends within 60 days (the credit union's), so it is flagged
  for renewal and ``districtwise community remind-renewals`` tells its lead;
- ``demo_partner``: the demo ``partner`` log-in's organisation (Riverbend Youth Alliance)
  has one partnership, over the schools it served when the district was built.

Dates count back from the day of the build. Deterministic from the seed and that day.
All names are made up.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from districtwise.community.models import (
    PartnerContact,
    PartnerService,
    Partnership,
    PartnershipReview,
    ServiceDelivery,
)
from districtwise.community.services import partners as services
from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.organization.models import District, Network, Partner, Person, School

DEMO_PARTNER = "Riverbend Youth Alliance (demo)"
ENDING_SOON = "Money smarts for teens"
YOUTH_PARTNERSHIP = "After-school homework and clubs"
PLANTED: dict[str, object] = {
    "no_mental_health_network": "first",  # the demo principal's network
    "duplicate_tutoring": ("Riverbend Youth Alliance (demo)", "Valley State Tutoring Corps"),
    "ending_soon_title": ENDING_SOON,
    "ending_within_days": 60,
    "demo_partner_partnership": YOUTH_PARTNERSHIP,
}

# name, kind, description, contacts (name, title)
PARTNERS = [
    (
        "Riverbend Community Health Center",
        "health",
        "A community clinic running counselling and school-based health services.",
        [("Marisol Ortega", "School services director"), ("Dev Patel", "Clinical lead")],
    ),
    (
        "Valley State Tutoring Corps",
        "higher_education",
        "The university's education students tutoring in local schools.",
        [("Helen Brooks", "Programme coordinator")],
    ),
    (
        "Harbor Credit Union",
        "business",
        "A local credit union teaching money skills to teenagers.",
        [("Sam Whitfield", "Community relations")],
    ),
    (
        "Riverbend Museum of Art and Science",
        "cultural",
        "Museum educators bringing hands-on workshops to classrooms.",
        [("Ines Duarte", "Head of learning")],
    ),
    (
        "First Street Congregations Food Network",
        "faith",
        "Congregations packing weekend food bags for families.",
        [("Rev. Thomas Greene", "Coordinator"), ("Alma Reyes", "Volunteer lead")],
    ),
    (
        "County Family Services",
        "government",
        "The county's family support and attendance outreach workers.",
        [("Priya Nair", "Family support manager")],
    ),
    (
        "Riverbend Community Foundation",
        "philanthropy",
        "A local foundation funding mentoring for young people.",
        [("George Lin", "Programme officer")],
    ),
]
YOUTH_CONTACTS = [("Keisha Monroe", "Programme director")]


@dataclass(frozen=True)
class ServicePlan:
    category: str
    name: str
    reaches: str
    reach: int  # per school served, over the agreement
    sessions: int  # per school served, over the agreement


@dataclass(frozen=True)
class PartnershipPlan:
    partner: str
    title: str
    shared_goals: str
    services: tuple[ServicePlan, ...]
    months: int  # agreement length from its start


@dataclass
class _Places:
    schools: list[School]
    first_network: list[School]
    others: list[School]
    youth_schools: list[School]
    tutoring_pair: list[School]


def _first_network(district: District) -> Network | None:
    """The demo principal's network (the needs part's "first network"), else the demo
    network lead's, else the first by code."""
    principal = (
        Membership.objects.filter(
            district=district, role=Role.PRINCIPAL, person__user__username="principal"
        )
        .select_related("school__network")
        .first()
    )
    if principal is not None and principal.school is not None and principal.school.network:
        return principal.school.network
    lead = (
        Membership.objects.filter(
            district=district, role=Role.NETWORK_LEAD, person__user__username="network_lead"
        )
        .select_related("network")
        .first()
    )
    if lead is not None and lead.network is not None:
        return lead.network
    return Network.objects.filter(district=district).order_by("code").first()


def _places(district: District, youth: Partner) -> _Places:
    schools = list(School.objects.filter(district=district).order_by("code"))
    network = _first_network(district)
    first = [s for s in schools if network is not None and s.network_id == network.pk]
    others = [s for s in schools if s not in first]
    youth_schools = sorted(youth.schools.all(), key=lambda s: s.code) or schools[-3:]
    pair = (youth_schools + [s for s in schools if s not in youth_schools])[:2]
    return _Places(schools, first, others, youth_schools, pair)


def _actor(district: District):
    found = (
        Membership.objects.filter(district=district, role=Role.SUPERINTENDENT)
        .exclude(person__user__isnull=True)
        .select_related("person__user")
        .order_by("pk")
        .first()
    )
    return found.person.user if found else None


def _lead(district: District) -> Person | None:
    found = (
        Membership.objects.filter(district=district, role=Role.DEPARTMENT_LEAD)
        .exclude(person__user__isnull=True)
        .select_related("person")
        .order_by("person__user__username", "pk")
    )
    demo = found.filter(person__user__username="dept_lead").first() or found.first()
    return demo.person if demo else None


def _sample(rng: random.Random, schools: list[School], k: int) -> list[School]:
    return sorted(rng.sample(schools, min(k, len(schools))), key=lambda s: s.code)


def _s(category, name, reaches, reach, sessions) -> ServicePlan:
    return ServicePlan(category, name, reaches, reach, sessions)


PLANS = {
    "health": PartnershipPlan(
        "Riverbend Community Health Center",
        "Counselling and health in schools",
        "Students get counselling and basic health care without missing a day of school.",
        (
            _s("mental_health", "School counselling", "students", 160, 30),
            _s("health", "Nurse drop-in", "students", 300, 30),
        ),
        24,
    ),
    "tutoring": PartnershipPlan(
        "Valley State Tutoring Corps",
        "Tutoring corps",
        "Students a grade behind in reading or maths catch up within the year.",
        (
            _s("tutoring", "Small-group tutoring", "students", 160, 30),
            _s("college_career", "College visits", "students", 200, 20),
        ),
        22,
    ),
    "youth": PartnershipPlan(
        DEMO_PARTNER,
        YOUTH_PARTNERSHIP,
        "Every student has a safe, busy afternoon with homework help at hand.",
        (
            _s("tutoring", "Homework club", "students", 150, 30),
            _s("enrichment", "Clubs: robotics, art and sport", "students", 150, 30),
        ),
        20,
    ),
    "credit": PartnershipPlan(
        "Harbor Credit Union",
        ENDING_SOON,
        "Teenagers leave school able to budget, save and avoid costly debt.",
        (_s("college_career", "Money workshops", "students", 200, 24),),
        0,  # ends within 60 days: set apart below
    ),
    "museum": PartnershipPlan(
        "Riverbend Museum of Art and Science",
        "Museum in the classroom",
        "Every student takes part in hands-on science and art every year.",
        (_s("enrichment", "Hands-on workshops", "students", 300, 24),),
        24,
    ),
    "food": PartnershipPlan(
        "First Street Congregations Food Network",
        "Weekend food bags",
        "No student goes hungry over the weekend.",
        (_s("food", "Weekend food bags", "families", 160, 30),),
        24,
    ),
    "county": PartnershipPlan(
        "County Family Services",
        "Family support and attendance outreach",
        "Families facing hardship get help before attendance slips.",
        (
            _s("family_support", "Family support visits", "families", 160, 30),
            _s("attendance", "Attendance outreach", "students", 200, 30),
        ),
        24,
    ),
    "foundation": PartnershipPlan(
        "Riverbend Community Foundation",
        "Mentors for ninth graders",
        "Every ninth grader who wants one has a trusted adult mentor.",
        (_s("mentoring", "Mentoring matches", "students", 150, 24),),
        18,
    ),
}


def _where(key: str, places: _Places, rng: random.Random) -> list[School]:
    """The schools of each partnership (the plants: see the module docstring)."""
    everyone = places.schools
    if key == "health":
        return _sample(rng, places.others, 6)  # never the first network
    if key == "tutoring":
        rest = [s for s in everyone if s not in places.tutoring_pair]
        return sorted(places.tutoring_pair + _sample(rng, rest, 2), key=lambda s: s.code)
    if key == "youth":
        return sorted(set(places.youth_schools) | set(places.tutoring_pair), key=lambda s: s.code)
    sizes = {"credit": 4, "museum": 8, "food": 6, "county": 6, "foundation": 3}
    return _sample(rng, everyone, sizes[key])


def partners_build(*, district: District, seed: int, today: dt.date | None = None) -> dict:
    """Build the demo's partners and partnerships (see the module's docstring). Returns
    the partnerships by key."""
    rng = random.Random(seed * 37 + 9)
    today = today or timezone.localdate()
    actor = _actor(district)
    youth = Partner.objects.filter(district=district, name=DEMO_PARTNER).first()
    if youth is None:
        youth = services.partner_create(
            actor=actor, district=district, name=DEMO_PARTNER, kind="nonprofit"
        )
    places = _places(district, youth)
    partners = {DEMO_PARTNER: youth}
    for name, kind, description, _contacts in PARTNERS:
        partners[name] = services.partner_create(
            actor=actor, district=district, name=name, kind=kind, description=description
        )
    for name, contacts in [(p[0], p[3]) for p in PARTNERS] + [(DEMO_PARTNER, YOUTH_CONTACTS)]:
        for n, (contact, title) in enumerate(contacts):
            PartnerContact.objects.create(
                partner=partners[name],
                name=contact,
                title=title,
                email=f"{contact.split()[-1].lower()}@example.org",
                is_primary=n == 0,
            )
    built = {}
    lead = _lead(district)
    for key, plan in PLANS.items():
        built[key] = _partnership(
            district, actor, partners[plan.partner], plan, key, places, rng, today, lead
        )
    _link_outcomes(district, list(built.values()))
    _deliveries(built, rng, today)
    _reviews(built, actor, today)
    return built


def _partnership(district, actor, partner, plan, key, places, rng, today, lead) -> Partnership:
    starts = today - dt.timedelta(days=120 + rng.randint(0, 90))
    ends = starts + dt.timedelta(days=30 * plan.months)
    if key == "credit":
        ends = today + dt.timedelta(days=45)
    schools = _where(key, places, rng)
    partnership = services.partnership_create(
        actor=actor,
        district=district,
        partner=partner,
        title=plan.title,
        status=Partnership.Status.ACTIVE,
        shared_goals=plan.shared_goals,
        district_role="Opens its schools, shares rooms and schedules, names a contact per school.",
        partner_role="Runs the service and reports what it delivered each month, as counts.",
        district_commitments="A room, a contact per school, and a review each term.",
        partner_commitments="The sessions and reach below, over the agreement.",
        starts_on=starts,
        ends_on=ends,
        data_sharing="Counts of students and families reached; no names or student records.",
        schools=schools,
        district_lead=lead if key in {"credit", "youth", "food"} else None,
    )
    for service in plan.services:
        services.service_create(
            actor=actor,
            partnership=partnership,
            category=service.category,
            name=service.name,
            reaches=service.reaches,
            committed_reach=service.reach * max(1, len(schools)),
            committed_sessions=service.sessions * max(1, len(schools)),
        )
    return partnership


def _link_outcomes(district: District, partnerships: list[Partnership]) -> None:
    from districtwise.strategy.models import Goal

    goals = list(Goal.objects.filter(plan__district=district).order_by("priority", "code")[:3])
    for n, partnership in enumerate(partnerships):
        if not goals:
            return
        goal = goals[n % len(goals)]
        partnership.goals.add(goal)
        if goal.indicator_id:
            partnership.outcome_indicators.add(goal.indicator_id)


def _deliveries(built: dict[str, Partnership], rng: random.Random, today: dt.date) -> None:
    """About every two weeks over the last four months, at each school of each service.
    The youth alliance's and the credit union's fall behind their commitments."""
    rows = []
    for key, partnership in built.items():
        pace = {"youth": 0.5, "credit": 0.4}.get(key, 1.0)
        schools = list(partnership.schools.all())
        logged_by = _logger(partnership)
        for service in partnership.services.all():
            for school in schools:
                for week in range(16, 0, -2):
                    if rng.random() > pace:
                        continue
                    on = today - dt.timedelta(days=7 * week + rng.randint(0, 4))
                    families = service.reaches == PartnerService.Reach.FAMILIES
                    rows.append(
                        ServiceDelivery(
                            service=service,
                            school=school,
                            delivered_on=max(on, partnership.starts_on),
                            what=service.name,
                            students_reached=0 if families else rng.randint(6, 22),
                            families_reached=rng.randint(4, 15) if families else rng.randint(0, 3),
                            sessions=rng.randint(1, 2),
                            logged_by=logged_by,
                        )
                    )
    ServiceDelivery.objects.bulk_create(rows, batch_size=2000)


def _logger(partnership: Partnership):
    """The partner's login when it has one, else the district lead or the first manager."""
    member = (
        Membership.objects.filter(partner=partnership.partner, role=Role.PARTNER)
        .exclude(person__user__isnull=True)
        .select_related("person__user")
        .first()
    )
    if member is not None:
        return member.person.user
    if partnership.district_lead and partnership.district_lead.user_id:
        return partnership.district_lead.user
    return _actor(partnership.district)


def _reviews(built: dict[str, Partnership], actor, today: dt.date) -> None:
    said = {
        "youth": (
            "some_concerns",
            "Homework club is busy at two schools.",
            "Start the clubs on time.",
        ),
        "credit": ("off_track", "Students liked the workshops.", "Half the sessions did not run."),
        "tutoring": ("on_track", "Tutors came every week.", "Share reading scores sooner."),
        "food": ("on_track", "Bags reached every family who asked.", "Add a second pick-up day."),
    }
    for key, (rating, well, change) in said.items():
        for side in (PartnershipReview.Side.DISTRICT, PartnershipReview.Side.PARTNER):
            services.review_write(
                actor=actor,
                partnership=built[key],
                side=side,
                period=f"{'Fall' if today.month >= 8 else 'Spring'} {today.year}",
                rating=rating if side == PartnershipReview.Side.DISTRICT else "on_track",
                went_well=well,
                to_change=change,
                today=today - dt.timedelta(days=14),
            )


def partners_remove(district: District) -> None:
    """Remove the district's partnerships (their services, deliveries and reviews go with
    them: deliveries protect schools and users, partnerships protect partners), then the
    partners' contacts."""
    Partnership.objects.filter(district=district).delete()
    PartnerContact.objects.filter(partner__district=district).delete()
