"""Reads of networks, their teams and members, and the people who may join them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from districtwise.core.roles import Role
from districtwise.improvement import access
from districtwise.improvement.models import ImprovementNetwork, Team, TeamMember
from districtwise.organization.models import Person, School

NOT_STAFF = (Role.FAMILY_MEMBER, Role.PARTNER)


def network_lists(*, user, district) -> tuple[list, list]:
    """The networks the user may read, as (open ones, archived ones), each by name, with
    their teams and schools."""
    networks = access.visible_networks(user, district).prefetch_related("teams__school")
    found = list(networks)
    return (
        [n for n in found if n.archived_at is None],
        [n for n in found if n.archived_at is not None],
    )


def network_teams(*, user, district, network: ImprovementNetwork) -> QuerySet[Team]:
    """The teams of a network the user reads (the caller fetched it through access.py),
    with their schools and members."""
    del user, district  # every reader of the network reads all its teams
    members = TeamMember.objects.select_related("person")
    kinds = TeamMember.Kind
    return (
        network.teams.select_related("school")
        .prefetch_related(Prefetch("members", queryset=members))
        .annotate(
            staff_count=Count("members", filter=Q(members__kind=kinds.STAFF)),
            student_count=Count("members", filter=Q(members__kind=kinds.STUDENT)),
            family_count=Count("members", filter=Q(members__kind=kinds.FAMILY)),
        )
    )


def team_members(*, user, district, team: Team) -> QuerySet[TeamMember]:
    """A team's members, by name (the caller fetched the team through access.py)."""
    del user, district
    return team.members.select_related("person", "person__school", "person__user")


@dataclass(frozen=True)
class PeriodProgress:
    """Where today falls in the network's period."""

    starts_on: dt.date
    ends_on: dt.date
    total_days: int
    days_done: int
    share: float  # 0..1
    state: str  # "before", "during" or "after"

    @property
    def percent(self) -> int:
        return round(self.share * 100)


def period_progress(network: ImprovementNetwork, today: dt.date) -> PeriodProgress:
    """How far through its period the network is on ``today``: the days gone out of the
    days of the period (both ends counted), 0 before it starts, all after it ends."""
    total = (network.ends_on - network.starts_on).days + 1
    done = min(max((today - network.starts_on).days + 1, 0), total)
    if today < network.starts_on:
        state = "before"
    elif today > network.ends_on:
        state = "after"
    else:
        state = "during"
    return PeriodProgress(network.starts_on, network.ends_on, total, done, done / total, state)


def _active_roles(district):
    from django.utils import timezone

    today = timezone.localdate()
    return Q(memberships__district=district) & (
        Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
    )


def family_people(district) -> QuerySet[Person]:
    """The district's people holding the family and student role (they sign in and see
    only the networks whose teams they are on)."""
    holding = Person.objects.filter(
        _active_roles(district), memberships__role=Role.FAMILY_MEMBER, district=district
    )
    return Person.objects.filter(pk__in=holding.values("pk")).order_by("family_name", "given_name")


def is_family_person(district, person: Person) -> bool:
    """Whether ``person`` holds the family and student role in ``district``."""
    return family_people(district).filter(pk=person.pk).exists()


def only_family_role(person: Person) -> bool:
    """Whether every role ``person`` holds is the family and student role (and there is at
    least one): their sign-in is theirs only through the improvement teams."""
    roles = set(person.memberships.values_list("role", flat=True))
    return roles == {Role.FAMILY_MEMBER}


def staff_people(district) -> QuerySet[Person]:
    """The district's staff: every person of the district but family and student members
    and partners' contacts."""
    others = Person.objects.filter(district=district, memberships__role__in=NOT_STAFF)
    return (
        Person.objects.filter(district=district)
        .exclude(pk__in=others.values("pk"))
        .select_related("school", "department")
        .order_by("family_name", "given_name")
    )


def lead_choices(district) -> QuerySet[Person]:
    """Who may lead a network: the district's staff with a sign-in."""
    return staff_people(district).filter(user__isnull=False)


def school_choices(district, network: ImprovementNetwork | None = None) -> QuerySet[School]:
    """The district's schools that are not yet members of ``network``."""
    schools = School.objects.filter(district=district).order_by("name")
    if network is not None:
        schools = schools.exclude(improvement_teams__network=network)
    return schools
