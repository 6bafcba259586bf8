"""Reads of the patterns of needs: counts by category, network and month, the rising
categories, similar needs of several schools, time to answer, and need issues.

The counts are district-wide figures every member of the district's staff reads; for
anyone but the cabinet they are anonymised (no titles, no schools, small network counts
hidden by the equity spec's privacy rule, see ``analytics.voice.patterns``). Similar needs
are shown by name only to those who read needs across schools, and only among the needs
each of them may read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, QuerySet
from django.utils import timezone

from districtwise.analytics.voice.patterns import (
    RISING_RULE,
    rising_categories,
    suppress_small,
    window_counts,
)
from districtwise.analytics.voice.similarity import NeedText, similar_groups
from districtwise.analytics.voice.timing import AnsweredNeed, AnswerTiming, answer_timings
from districtwise.core.roles import CABINET
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Network
from districtwise.voice import access
from districtwise.voice.models import URGENCY_RANK, Need, NeedCategory, NeedIssue, Urgency
from districtwise.voice.rules import OPEN_STATES, is_overdue, target_days

MONTHS = 12
ANSWERED_STATES = ("answered", "closed")
NOT_ROUTED = "Not routed yet (the cabinet)"


@dataclass(frozen=True)
class Tally:
    """One bar: its label and count (None: hidden for privacy)."""

    label: str
    count: int | None


@dataclass(frozen=True)
class RisingRow:
    category: str
    label: str
    recent: int
    prior_mean: float
    ratio: float | None


@dataclass(frozen=True)
class NeedGroup:
    """Similar open needs of several schools, of one category."""

    category: str
    needs: list[Need]  # the first GROUP_SHOWN of the group, oldest first
    linkable: list[int]  # those the user may link to an issue (at most GROUP_LINKED)
    total: int  # needs in the group
    schools: int  # schools in the group

    @property
    def more(self) -> int:
        """Needs of the group not listed on the page."""
        return self.total - len(self.needs)


@dataclass(frozen=True)
class TimingRow:
    department: str
    urgency: str
    target_days: int
    timing: AnswerTiming


@dataclass(frozen=True)
class DepartmentTiming:
    department: str
    answered: int
    within_target: int
    overdue_open: int

    @property
    def share_within_target(self) -> float:
        return self.within_target / self.answered if self.answered else 0.0

    @property
    def share_percent(self) -> int:
        return round(100 * self.share_within_target)


@dataclass
class PatternsView:
    identified: bool  # the cabinet: counts shown as they are
    minimum_display_n: int
    since: dt.date
    by_category: list[Tally]
    by_network: list[Tally]
    by_month: list[Tally]
    rising: list[RisingRow]
    rising_rule: str
    timing: list[TimingRow]
    departments: list[DepartmentTiming]
    groups: list[NeedGroup] | None = None  # None: the user sees no needs by name
    total: int = 0
    hidden_networks: int = field(default=0)


def _month_starts(today: dt.date) -> list[dt.date]:
    """The first days of the last ``MONTHS`` months, oldest first, this month last."""
    starts = []
    year, month = today.year, today.month
    for _ in range(MONTHS):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _since(now: dt.datetime) -> dt.datetime:
    first = _month_starts(timezone.localtime(now).date())[0]
    return timezone.make_aware(dt.datetime.combine(first, dt.time.min))


def patterns_view(*, user, district, now: dt.datetime | None = None) -> PatternsView:
    """Everything the patterns page shows ``user`` (a reader of patterns) at ``now``."""
    from districtwise.equity.selectors import district_audit_settings

    now = now or timezone.now()
    scope = scope_for(user, district)
    identified = scope.has_any(CABINET)
    minimum = district_audit_settings(district=district).minimum_display_n
    since = _since(now)
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in Need.objects.filter(
            district=district, raised_at__gte=since, raised_at__lte=now
        ).values("category", "school__network_id", "raised_at")
    ]
    networks = _by_network(district, rows, identified=identified, minimum=minimum)
    timing, departments = answer_timing(user=user, district=district, now=now)
    return PatternsView(
        identified=identified,
        minimum_display_n=minimum,
        since=timezone.localtime(since).date(),
        by_category=_by_category(rows),
        by_network=networks,
        by_month=_by_month(rows, now),
        rising=rising_needs(user=user, district=district, now=now),
        rising_rule=RISING_RULE,
        timing=timing,
        departments=departments,
        groups=similar_need_groups(user=user, district=district)
        if access.reads_needs_across_schools(scope)
        else None,
        total=len(rows),
        hidden_networks=sum(1 for n in networks if n.count is None),
    )


def _by_category(rows: list[dict]) -> list[Tally]:
    counts = {value: 0 for value in NeedCategory.values}
    for row in rows:
        counts[row["category"]] += 1
    return [Tally(NeedCategory(c).label, n) for c, n in counts.items()]


def _by_month(rows: list[dict], now: dt.datetime) -> list[Tally]:
    starts = _month_starts(timezone.localtime(now).date())
    counts = {start: 0 for start in starts}
    for row in rows:
        day = timezone.localtime(row["raised_at"]).date()
        counts[dt.date(day.year, day.month, 1)] += 1
    return [Tally(start.strftime("%b %Y"), n) for start, n in counts.items()]


def _by_network(district, rows: list[dict], *, identified: bool, minimum: int) -> list[Tally]:
    """Needs per network. For readers other than the cabinet, a network of a single
    school would name the school: it is hidden as a small cell is."""
    networks = list(Network.objects.filter(district=district).annotate(schools_n=Count("schools")))
    counts: dict[Any, int] = {n.pk: 0 for n in networks}
    for row in rows:
        key = row["school__network_id"]
        counts[key] = counts.get(key, 0) + 1
    names: dict[int | None, str] = {n.pk: n.name for n in networks}
    names[None] = "Schools outside a network"
    if not counts.get(None):
        counts.pop(None, None)
    if identified:
        return [Tally(names[k], v) for k, v in counts.items()]
    single = {n.pk for n in networks if n.schools_n < 2} | {None}
    guarded = {k: (0 if k in single else v) for k, v in counts.items()}
    shown = suppress_small(guarded, minimum=minimum)
    return [Tally(names[k], shown[k]) for k in counts]  # type: ignore[index]


def rising_needs(*, user, district, now: dt.datetime | None = None) -> list[RisingRow]:
    """The district's rising categories (rule: ``analytics.voice.patterns``), for readers
    of patterns; counts only."""
    if not access.may_read_patterns(scope_for(user, district)):
        return []
    now = now or timezone.now()
    start = now - dt.timedelta(days=28 * 4)
    raised = Need.objects.filter(
        district=district, raised_at__gt=start, raised_at__lte=now
    ).values_list("category", "raised_at")
    ages = [(c, (now - at).total_seconds() / 86400) for c, at in raised]
    return [
        RisingRow(r.category, NeedCategory(r.category).label, r.recent, r.prior_mean, r.ratio)
        for r in rising_categories(window_counts(ages))
    ]


# The page lists the largest groups first and the oldest needs of each; a group of
# hundreds is a district-wide issue whose first needs say enough to open it.
GROUPS_SHOWN, GROUP_SHOWN, GROUP_LINKED = 20, 12, 50


# What the grouping reads of each open need (no model instances: there may be thousands).
NEED_TEXT_FIELDS = (
    "pk",
    "category",
    "school_id",
    "title",
    "description",
    "department_id",
    "raised_at",
)


def similar_need_groups(*, user, district) -> list[NeedGroup]:
    """Groups of similar open needs from more than one school, not yet linked to an
    issue, among the needs the user reads. Only the needs listed are loaded whole."""
    rows = (
        access.visible_needs(user, district)
        .filter(state__in=OPEN_STATES, issue__isnull=True)
        .values_list(*NEED_TEXT_FIELDS)
    )
    texts: list[NeedText] = []
    facts: dict[int, tuple[dt.datetime, int, int | None]] = {}
    for pk, category, school_id, title, description, department_id, raised_at in rows:
        texts.append(NeedText(pk, category, school_id, title, description))
        facts[pk] = (raised_at, school_id, department_id)
    groups = []
    for found in similar_groups(texts)[:GROUPS_SHOWN]:
        keys = cast(list[int], found)  # the keys given are the needs' primary keys
        oldest_first = sorted(keys, key=lambda k: (facts[k][0], k))
        shown = oldest_first[:GROUP_SHOWN]
        loaded = Need.objects.select_related("school", "department").in_bulk(shown)
        linkable = [k for k in oldest_first if access.links_department(user, district, facts[k][2])]
        groups.append(
            NeedGroup(
                loaded[shown[0]].category,
                [loaded[k] for k in shown],
                linkable[:GROUP_LINKED],
                len(keys),
                len({facts[k][1] for k in keys}),
            )
        )
    return groups


def answer_timing(
    *, user, district, now: dt.datetime | None = None
) -> tuple[list[TimingRow], list[DepartmentTiming]]:
    """Days from raised to answered per department and urgency over the last twelve
    months, against the targets, and per department the share within target and the open
    needs past due. Figures only: no school or title."""
    now = now or timezone.now()
    targets = {u: target_days(district, u) for u in Urgency.values}
    answered = Need.objects.filter(
        district=district,
        state__in=ANSWERED_STATES,
        answered_at__isnull=False,
        raised_at__gte=_since(now),
    ).values_list("department__name", "urgency", "raised_at", "answered_at")
    timings = answer_timings(
        AnsweredNeed(
            (dept or NOT_ROUTED, urgency),
            (answered_at - raised_at).total_seconds() / 86400,  # type: ignore[operator]
            targets[urgency],
        )
        for dept, urgency, raised_at, answered_at in answered
    )
    rows = sorted(
        (TimingRow(t.group[0], t.group[1], targets[t.group[1]], t) for t in timings),  # type: ignore[index]
        key=lambda r: (r.department, URGENCY_RANK[r.urgency]),
    )
    return rows, _per_department(district, rows, now)


def _per_department(district, rows: list[TimingRow], now: dt.datetime) -> list[DepartmentTiming]:
    overdue: dict[str, int] = {}
    open_needs = Need.objects.filter(district=district, state__in=OPEN_STATES).values_list(
        "department__name", "state", "due_at"
    )
    for dept, state, due in open_needs:
        if is_overdue(state=state, due=due, now=now):
            overdue[dept or NOT_ROUTED] = overdue.get(dept or NOT_ROUTED, 0) + 1
    names = sorted({r.department for r in rows} | set(overdue))
    return [
        DepartmentTiming(
            name,
            sum(r.timing.answered for r in rows if r.department == name),
            sum(r.timing.within_target for r in rows if r.department == name),
            overdue.get(name, 0),
        )
        for name in names
    ]


# ---- need issues ----
def issue_list(*, user, district) -> QuerySet[NeedIssue]:
    """The issues the user reads, newest first, with how many needs each links."""
    return (
        access.visible_issues(user, district)
        .select_related("department")
        .annotate(needs_n=Count("needs"))
        .order_by("-created_at")
    )


def issue_needs(*, user, district, issue: NeedIssue) -> tuple[list[Need], int]:
    """The issue's needs the user reads (oldest first), and how many others it links."""
    linked = issue.needs.all()
    shown = list(
        linked.filter(pk__in=access.visible_needs(user, district).values("pk"))
        .select_related("school", "department")
        .order_by("raised_at")
    )
    return shown, linked.count() - len(shown)


def linkable_needs(*, user, district, issue: NeedIssue | None = None) -> list[Need]:
    """Open needs the user may link to ``issue`` (or to a new issue): not linked to any
    issue yet; for a department lead, those routed to their department. Any category may
    be linked (a policy conflict can sit behind an instruction need); the issue's first."""
    found = (
        access.visible_needs(user, district)
        .filter(state__in=OPEN_STATES, issue__isnull=True)
        .select_related("school", "department")
        .order_by("category", "-raised_at")
    )
    needs = [n for n in found if access.links_need(user, district, n)]
    if issue is not None:  # the issue's own category first
        needs.sort(key=lambda n: n.category != issue.category)
    return needs
