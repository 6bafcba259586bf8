"""Reading principals' time use, each view cut to what its reader may see.

- ``principal_summary``: one principal's weeks and months, named: for the principal, an
  assistant principal of their school and their supervisor (``access`` gives 404 else).
- ``network_comparison``: the principals of a network over the last four weeks, named for
  their supervisor, anonymous ("Principal A", ...) for a peer, whose own row says "you".
- ``district_aggregates``: pooled shares per network and for the district, with no names;
  a network with fewer than ``MIN_PRINCIPALS`` principals who logged time is not shown,
  because its figure would be one or two people's own time.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from districtwise.analytics.workload.time_use import (
    MONTH,
    WEEK,
    Period,
    period_start,
    periods,
    pooled,
    trend_per_period,
)
from districtwise.core.roles import Role
from districtwise.core.scopes import scope_for
from districtwise.workload import access
from districtwise.workload.access import PrincipalAtSchool
from districtwise.workload.models import DEFAULT_INSTRUCTIONAL_GOAL, TimeEntry, TimeGoal
from districtwise.workload.services.time_use import stretch_of

MIN_PRINCIPALS = 3
COMPARISON_WEEKS = 4
SUMMARY_WEEKS = 12


def district_goal(district) -> Decimal:
    """The district's goal for the instructional share (50 % until the cabinet sets it)."""
    goal = TimeGoal.objects.filter(district=district, principal__isnull=True).first()
    return goal.share if goal else DEFAULT_INSTRUCTIONAL_GOAL


def goal_for(district, person) -> Decimal:
    """A principal's goal: their own if their supervisor set one, else the district's."""
    own = TimeGoal.objects.filter(district=district, principal=person).first()
    return own.share if own else district_goal(district)


def week_entries(row: PrincipalAtSchool, week_start: dt.date) -> list[TimeEntry]:
    """The principal's entries at their school in the week starting ``week_start``.
    (Callers have the row from ``access.get_principal_for_time``.)"""
    return list(
        TimeEntry.objects.filter(
            principal=row.person,
            school=row.school,
            on__range=(week_start, week_start + dt.timedelta(days=6)),
        )
    )


@dataclass
class PrincipalSummary:
    row: PrincipalAtSchool
    goal: Decimal
    weeks: list[Period]  # consecutive weeks, empty ones included (no share, not 0 %)
    months: list[Period]
    trend: Decimal | None  # share points per week


def _consecutive_weeks(found: list[Period], last: dt.date, count: int) -> list[Period]:
    by_start = {p.starts_on: p for p in found}
    first = last - dt.timedelta(weeks=count - 1)
    return [
        by_start.get(first + dt.timedelta(weeks=i), Period(first + dt.timedelta(weeks=i)))
        for i in range(count)
    ]


def principal_summary(*, user, district, pk: int, weeks: int = SUMMARY_WEEKS) -> PrincipalSummary:
    """The principal's last ``weeks`` weeks (up to this one) and the months they touch:
    minutes per category, the instructional share and its trend against the goal."""
    row = access.get_principal_for_time(user, district, pk)
    this_week = period_start(timezone.localdate(), WEEK)
    since = this_week - dt.timedelta(weeks=weeks - 1)
    entries = TimeEntry.objects.filter(principal=row.person, school=row.school, on__gte=since)
    stretches = [stretch_of(e) for e in entries]
    series = _consecutive_weeks(periods(stretches, WEEK), this_week, weeks)
    return PrincipalSummary(
        row=row,
        goal=goal_for(district, row.person),
        weeks=series,
        months=periods(stretches, MONTH),
        trend=trend_per_period(series),
    )


@dataclass
class ComparisonRow:
    label: str  # the principal's name for the supervisor; "Principal A" for a peer
    school: str  # empty for a peer
    period: Period
    goal: Decimal
    is_you: bool = False
    pk: int | None = None  # for the supervisor's link to the principal's summary


@dataclass
class NetworkComparison:
    network: str
    named: bool
    rows: list[ComparisonRow]
    since: dt.date


def _recent_periods(district, since: dt.date) -> dict[tuple[int, int], Period]:
    """Each (principal, school)'s minutes per category since ``since``, pooled."""
    found: dict[tuple[int, int], Period] = defaultdict(lambda: Period(since))
    entries = TimeEntry.objects.filter(district=district, on__gte=since).only(
        "principal_id", "school_id", "category", "minutes"
    )
    for e in entries:
        period = found[(e.principal_id, e.school_id)]
        period.minutes[e.category] = period.minutes.get(e.category, 0) + e.minutes
    return found


def _since() -> dt.date:
    return period_start(timezone.localdate(), WEEK) - dt.timedelta(weeks=COMPARISON_WEEKS - 1)


def network_comparison(*, user, district) -> list[NetworkComparison]:
    """The networks the user supervises (named) or leads a school in (anonymous)."""
    scope = scope_for(user, district)
    me = access.person_of(user, district)
    principals = access.current_principals(district)
    since = _since()
    recent = _recent_periods(district, since)
    own_networks = {
        r.school.network_id
        for r in principals
        if r.school.pk in scope.schools_where({Role.PRINCIPAL})
    }
    shown = []
    for network in sorted({r.school.network for r in principals if r.school.network}, key=str):
        named = Role.NETWORK_LEAD in scope.roles and network.pk in scope.network_ids
        if not named and network.pk not in own_networks:
            continue
        members = [r for r in principals if r.school.network_id == network.pk]
        rows = [_comparison_row(district, r, recent, me, named) for r in members]
        if not named:  # peers compare only with principals who logged, and never so few
            rows = [r for r in rows if r.period.total]  # that a figure is one person's
            rows = rows if len(rows) >= MIN_PRINCIPALS else []
        shown.append(NetworkComparison(str(network), named, _ordered(rows, named), since))
    return shown


def _comparison_row(district, r, recent, me, named: bool) -> ComparisonRow:
    period = recent.get((r.person.pk, r.school.pk), Period(_since()))
    is_you = me is not None and r.person.pk == me.pk
    return ComparisonRow(
        label=r.person.full_name if named else "",
        school=r.school.name if named else "",
        period=period,
        goal=goal_for(district, r.person) if named or is_you else district_goal(district),
        is_you=is_you,
        pk=r.person.pk if named or is_you else None,
    )


def _ordered(rows: list[ComparisonRow], named: bool) -> list[ComparisonRow]:
    """Named rows by name; anonymous rows by share (highest first), then lettered, so the
    letters follow the figures and say nothing of who is who."""
    if named:
        return sorted(rows, key=lambda r: r.label)
    rows = sorted(rows, key=lambda r: -(r.period.instructional_share or Decimal(-1)))
    letters = iter(string.ascii_uppercase)
    for r in rows:
        r.label = "You" if r.is_you else f"Principal {next(letters, '?')}"
    return rows


@dataclass
class AggregateRow:
    name: str
    principals: int  # who logged time in the period
    period: Period | None  # None: too few principals to show


def district_aggregates(*, user, district) -> tuple[list[AggregateRow], AggregateRow, Decimal]:
    """Pooled shares per network and for the district over the last four weeks, without
    names, and the district's goal. (Any reader of the workload section may see these.)"""
    since = _since()
    recent = _recent_periods(district, since)
    by_network: dict[str, list[Period]] = defaultdict(list)
    for r in access.current_principals(district):
        period = recent.get((r.person.pk, r.school.pk))
        if period is not None and period.total:
            by_network[str(r.school.network or "No network")].append(period)
    rows = [_aggregate(name, found) for name, found in sorted(by_network.items())]
    everyone = [p for found in by_network.values() for p in found]
    return rows, _aggregate("District", everyone), district_goal(district)


def _aggregate(name: str, found: list[Period]) -> AggregateRow:
    shown = pooled(found) if len(found) >= MIN_PRINCIPALS else None
    return AggregateRow(name=name, principals=len(found), period=shown)
