"""Reads of partners and partnerships: the directory, the filtered list of partnerships,
and each partnership's health (delivered against committed, reach per school, reviews,
outcomes). Each takes the user and returns only what they may see (``access``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from districtwise.community import access
from districtwise.community.models import (
    PartnerService,
    Partnership,
    PartnershipReview,
    ServiceDelivery,
)
from districtwise.community.services.partners import RENEWAL_DAYS
from districtwise.organization.models import Partner

PAGE_SIZE = 50


def partner_list(*, user, district, kind: str = "") -> QuerySet[Partner]:
    """The partner organisations the user may see, with their contacts and partnerships."""
    found = access.visible_partners(user, district)
    if kind:
        found = found.filter(kind=kind)
    # Count only the partnerships the user may see (a school's staff see those at their
    # schools, not the partner's work elsewhere).
    visible = access.visible_partnerships(user, district).values("pk")
    found = found.annotate(
        partnership_count=Count("partnerships", filter=Q(partnerships__in=visible), distinct=True)
    )
    return found.order_by("name", "pk").prefetch_related("contacts")


def partner_partnerships(*, user, district, partner: Partner) -> QuerySet[Partnership]:
    """The partner's partnerships that the user may see."""
    return access.visible_partnerships(user, district).filter(partner=partner)


def ends_soon(partnership: Partnership, today: dt.date | None = None) -> bool:
    """The agreement of a partnership that is not ended ends within ``RENEWAL_DAYS``."""
    today = today or timezone.localdate()
    return (
        partnership.status != Partnership.Status.ENDED
        and today <= partnership.ends_on <= today + dt.timedelta(days=RENEWAL_DAYS)
    )


def partnership_list(
    *,
    user,
    district,
    kind: str = "",
    school: int | None = None,
    status: str = "",
    expiring: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Partnership]:
    """The partnerships the user may see, filtered by partner kind, school served,
    status and agreements ending within ``RENEWAL_DAYS``; soonest ending first."""
    today = today or timezone.localdate()
    found = access.visible_partnerships(user, district)
    if kind:
        found = found.filter(partner__kind=kind)
    if school:
        found = found.filter(schools__id=school)
    if status:
        found = found.filter(status=status)
    if expiring:
        found = found.exclude(status=Partnership.Status.ENDED).filter(
            ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=RENEWAL_DAYS)
        )
    return (
        found.select_related("partner")
        .prefetch_related("schools")
        .order_by("ends_on", "title", "pk")
        .distinct()
    )


# ----- health ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ServiceHealth:
    """One committed service: what was delivered against what was committed."""

    service: PartnerService
    sessions: int
    students: int
    families: int

    @property
    def reach(self) -> int:
        """Reach in the unit the service commits to (students or families)."""
        return (
            self.families
            if self.service.reaches == PartnerService.Reach.FAMILIES
            else self.students
        )

    @property
    def sessions_share(self) -> Decimal | None:
        return _share(self.sessions, self.service.committed_sessions)

    @property
    def reach_share(self) -> Decimal | None:
        return _share(self.reach, self.service.committed_reach)


def _share(done: int, committed: int) -> Decimal | None:
    """``done`` as a percentage of ``committed`` (None when nothing was committed)."""
    if not committed:
        return None
    return (Decimal(done) * 100 / Decimal(committed)).quantize(Decimal("1"))


@dataclass(frozen=True)
class SchoolReach:
    school: str
    sessions: int
    students: int
    families: int


@dataclass
class PartnershipHealth:
    """A partnership's health: per service, per school, the latest review of each side."""

    partnership: Partnership
    services: list[ServiceHealth]
    schools: list[SchoolReach]
    reviews: list[PartnershipReview] = field(default_factory=list)

    @property
    def latest_district_review(self) -> PartnershipReview | None:
        return next((r for r in self.reviews if r.side == PartnershipReview.Side.DISTRICT), None)

    @property
    def latest_partner_review(self) -> PartnershipReview | None:
        return next((r for r in self.reviews if r.side == PartnershipReview.Side.PARTNER), None)

    @property
    def sessions(self) -> int:
        return sum(s.sessions for s in self.services)

    @property
    def committed_sessions(self) -> int:
        return sum(s.service.committed_sessions for s in self.services)

    @property
    def sessions_share(self) -> Decimal | None:
        return _share(self.sessions, self.committed_sessions)

    @property
    def reach(self) -> int:
        return sum(s.reach for s in self.services)

    @property
    def committed_reach(self) -> int:
        return sum(s.service.committed_reach for s in self.services)

    @property
    def reach_share(self) -> Decimal | None:
        return _share(self.reach, self.committed_reach)


COUNTS = {
    "n_sessions": Sum("sessions"),
    "n_students": Sum("students_reached"),
    "n_families": Sum("families_reached"),
}


def _service_totals(partnership_ids: list[int]) -> dict[int, Any]:
    rows = (
        ServiceDelivery.objects.filter(service__partnership_id__in=partnership_ids)
        .values("service_id")
        .annotate(**COUNTS)
    )
    return {row["service_id"]: row for row in rows}


def _health_of(partnership: Partnership, totals: dict[int, Any]) -> list[ServiceHealth]:
    return [
        ServiceHealth(
            service=service,
            sessions=(totals.get(service.pk) or {}).get("n_sessions") or 0,
            students=(totals.get(service.pk) or {}).get("n_students") or 0,
            families=(totals.get(service.pk) or {}).get("n_families") or 0,
        )
        for service in partnership.services.all()
    ]


def partnership_health(*, user, district, partnership: Partnership) -> PartnershipHealth:
    """The health of one partnership the user may see (``access`` has checked it)."""
    services = PartnerService.objects.filter(partnership=partnership).prefetch_related("schools")
    partnership = (
        Partnership.objects.filter(pk=partnership.pk)
        .prefetch_related(Prefetch("services", queryset=services))
        .get()
    )
    totals = _service_totals([partnership.pk])
    by_school: Any = (
        ServiceDelivery.objects.filter(service__partnership=partnership)
        .values("school__name")
        .annotate(**COUNTS)
        .order_by("school__name")
    )
    schools = [
        SchoolReach(
            school=row["school__name"],
            sessions=row["n_sessions"] or 0,
            students=row["n_students"] or 0,
            families=row["n_families"] or 0,
        )
        for row in by_school
    ]
    reviews = list(partnership.reviews.select_related("written_by"))
    return PartnershipHealth(partnership, _health_of(partnership, totals), schools, reviews)


def health_list(*, user, district, partnerships: QuerySet[Partnership]) -> list[PartnershipHealth]:
    """The health of each of ``partnerships`` (a page of ``partnership_list``), in a fixed
    number of queries however many there are."""
    found = list(
        partnerships.prefetch_related(
            "services",
            Prefetch("reviews", queryset=PartnershipReview.objects.order_by("-written_on", "-pk")),
        )
    )
    totals = _service_totals([p.pk for p in found])
    return [PartnershipHealth(p, _health_of(p, totals), [], list(p.reviews.all())) for p in found]


def recent_deliveries(*, user, district, partnership: Partnership, limit: int = 20):
    """The partnership's latest logged deliveries, newest first (``access`` has checked
    that the user reads the partnership)."""
    found = ServiceDelivery.objects.filter(service__partnership=partnership)
    return found.select_related("service", "school")[:limit]


@dataclass(frozen=True)
class Outcome:
    """An indicator the partnership means to move, with its latest figure."""

    name: str
    figure: str
    measured_on: dt.date | None


def partnership_outcomes(*, user, district, partnership: Partnership) -> list[Outcome]:
    """The partnership's outcome indicators with their latest figure for all students
    (as the strategy app reads it for the user: a figure hidden to them is no figure)."""
    from districtwise.strategy.charts.progress import show_figure
    from districtwise.strategy.selectors.progress import indicator_series

    outcomes = []
    for indicator in partnership.outcome_indicators.all():
        points = indicator_series(user=user, district=district, indicator=indicator)
        known = [p for p in points if p.value is not None]
        last = known[-1] if known else None
        outcomes.append(
            Outcome(
                name=indicator.name,
                figure=show_figure(last.value if last else None, indicator.unit),
                measured_on=last.on if last else None,
            )
        )
    return outcomes
