"""What the home pages read: a role-shaped summary of what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from districtwise.core.roles import Role
from districtwise.core.scopes import scope_for
from districtwise.organization import selectors as org
from districtwise.organization.models import District, School


@dataclass
class Bar:
    label: str
    value: int
    share: float  # of the largest bar, 0..1, for drawing


@dataclass
class HomeSummary:
    roles: list[str]
    schools: list
    networks: list
    people_count: int
    title_i_count: int
    schools_by_level: list[Bar] = field(default_factory=list)
    schools_by_network: list[Bar] = field(default_factory=list)
    recent_changes: list = field(default_factory=list)
    aggregates_only: bool = False
    student_records: bool = False
    goal_standing: list[Bar] = field(default_factory=list)  # goals per status, for plan readers
    rising_needs: list | None = None  # the superintendent's: categories of needs rising now
    # What asks for the user's attention in community and leadership: (text, url) pairs.
    attention: list[tuple[str, str]] = field(default_factory=list)


def bars(rows: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _, value in rows), default=0) or 1
    return [Bar(label, value, value / top) for label, value in rows]


def home_summary(*, user, district: District) -> HomeSummary:
    """The figures and lists of the user's home page, all within their scope."""
    scope = scope_for(user, district)
    schools = list(org.school_list(user=user, district=district))
    networks = list(org.network_list(user=user, district=district))
    by_level = org.school_list(user=user, district=district).values("level").annotate(n=Count("id"))
    level_names = dict(School.Level.choices)
    per_network: dict[str, int] = {}
    for school in schools:
        key = school.network.name if school.network else "No network"
        per_network[key] = per_network.get(key, 0) + 1
    return HomeSummary(
        roles=sorted(Role(r).label for r in scope.roles),
        schools=schools,
        networks=networks,
        people_count=org.person_list(user=user, district=district).count(),
        title_i_count=sum(1 for s in schools if s.title_i),
        schools_by_level=bars(
            [(level_names.get(r["level"], r["level"]), r["n"]) for r in by_level.order_by("level")]
        ),
        schools_by_network=bars(sorted(per_network.items())),
        recent_changes=list(org.audit_feed(user=user, district=district)[:8]),
        aggregates_only=bool(scope.roles) and scope.roles <= {Role.PARTNER, Role.FAMILY_MEMBER},
        student_records=scope.student_records,
        goal_standing=goal_standing(user=user, district=district),
        rising_needs=rising_needs(user=user, district=district, scope=scope),
        attention=attention(user=user, district=district, scope=scope),
    )


def attention(*, user, district: District, scope) -> list[tuple[str, str]]:
    """What waits for the user in partnerships and leadership, each with where to act on
    it: agreements ending soon (for those who manage partnerships), key positions at risk
    (for those who read succession) and principals not visited for too long (for their
    supervisors). Only what the user may open, and only what is not zero."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from districtwise.community import access as community
    from districtwise.community.models import Partnership
    from districtwise.community.services.partners import RENEWAL_DAYS
    from districtwise.leadership import access as leadership
    from districtwise.leadership.models import VISIT_GAP_DAYS
    from districtwise.leadership.selectors.succession import position_rows
    from districtwise.leadership.selectors.supervision import caseload

    today = timezone.localdate()
    found: list[tuple[str, str]] = []
    if community.manages_partnerships(scope):
        ending = community.visible_partnerships(user, district).filter(
            ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=RENEWAL_DAYS)
        )
        n = ending.exclude(status=Partnership.Status.ENDED).count()
        if n:
            found.append(
                (
                    f"{n} partnership agreement{'s' if n != 1 else ''} "
                    f"end{'s' if n == 1 else ''} within {RENEWAL_DAYS} days",
                    reverse("community:partnerships") + "?expiring=1",
                )
            )
    if leadership.reads_all_succession(scope) or leadership.supervised_network_ids(scope):
        n = len(position_rows(user=user, district=district, today=today, at_risk=True))
        if n:
            found.append(
                (
                    f"{n} key position{'s' if n != 1 else ''} at risk: a departure is likely "
                    "and nobody is ready now",
                    reverse("leadership:succession") + "?at_risk=yes",
                )
            )
    if leadership.supervised_network_ids(scope):
        n = sum(1 for row in caseload(user=user, district=district, today=today) if row.overdue)
        if n:
            found.append(
                (
                    f"{n} principal{'s' if n != 1 else ''} not visited for more than "
                    f"{VISIT_GAP_DAYS} days",
                    reverse("leadership:caseload"),
                )
            )
    return found


def rising_needs(*, user, district: District, scope) -> list | None:
    """The categories of needs rising now, for the superintendent (None for others)."""
    if Role.SUPERINTENDENT not in scope.roles:
        return None
    from districtwise.voice.selectors.patterns import rising_needs as rising

    return rising(user=user, district=district)


def goal_standing(*, user, district: District) -> list[Bar]:
    """How many of the plan's goals are on track, at risk, off track or without data (none
    for users who do not read the plan, or before the district has goals)."""
    from districtwise.analytics.strategy.progress import STATUS_NAMES
    from districtwise.strategy.selectors.progress import goal_statuses

    statuses = goal_statuses(user=user, district=district)
    if not statuses:
        return []
    counts = {code: 0 for code in STATUS_NAMES}
    for status in statuses.values():
        counts[status.code] += 1
    return bars([(STATUS_NAMES[code], n) for code, n in counts.items()])
