"""Reads of needs: the lists a school or network follows, the department queues (overdue
first), one need's whole story, the routing rules, and the rows of the CSV exports.

Every selector takes the user and starts from ``access.visible_needs``: nobody reads a
need through here that they could not open.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone

from districtwise.core.roles import CABINET
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Department, Person
from districtwise.voice import access
from districtwise.voice.models import (
    URGENCY_RANK,
    Need,
    NeedCategory,
    NeedRoute,
    NeedState,
    ResponseTarget,
    Urgency,
)
from districtwise.voice.rules import DEFAULT_TARGET_DAYS, OPEN_STATES, is_overdue

S = NeedState
# The filter values of the lists: every state, plus "open" (still waiting for the district).
OPEN = "open"
STATE_FILTERS = [(OPEN, "Waiting for the district"), *S.choices]


@dataclass(frozen=True)
class NeedRow:
    """A need as a list shows it, with whether it is overdue now."""

    need: Need
    overdue: bool

    @property
    def urgency_label(self) -> str:
        """The urgency's name without its explanation ("Urgent")."""
        return urgency_word(self.need.urgency)


def urgency_word(urgency: str) -> str:
    return str(Urgency(urgency).label).split(":")[0]


def _rows(needs, now: dt.datetime) -> list[NeedRow]:
    return [NeedRow(n, is_overdue(state=n.state, due=n.due_at, now=now)) for n in needs]


def _filtered(needs: QuerySet[Need], state: str = "", category: str = "") -> QuerySet[Need]:
    if state == OPEN:
        needs = needs.filter(state__in=OPEN_STATES)
    elif state in S.values:
        needs = needs.filter(state=state)
    if category in NeedCategory.values:
        needs = needs.filter(category=category)
    return needs


def need_list(*, user, district, state: str = "", category: str = "") -> list[NeedRow]:
    """The needs the user follows (their schools', their network's, or all for the
    cabinet), newest first, filtered by state ("open" for all still waiting) and category."""
    return _rows(_followed(user, district, state, category), timezone.now())


def need_list_page(
    *, user, district, page: str | None, per_page: int, state: str = "", category: str = ""
) -> Page:
    """One page of ``need_list``: only that page's needs are read from the database."""
    found = Paginator(_followed(user, district, state, category), per_page).get_page(page)
    found.object_list = _rows(found.object_list, timezone.now())  # type: ignore[assignment]
    return found


def _followed(user, district, state: str, category: str) -> QuerySet[Need]:
    needs = _filtered(access.visible_needs(user, district), state, category)
    return needs.select_related("school", "department").order_by("-raised_at", "-pk")


def queue_departments(*, user, district) -> list[Department]:
    """The departments whose queues the user works: their own, or every one for the
    cabinet."""
    ids = access.queue_department_ids(scope_for(user, district), district)
    return list(Department.objects.filter(district=district, pk__in=ids).order_by("name"))


def queue_order(row: NeedRow) -> tuple:
    """Overdue first, then the most urgent, then the earliest due."""
    return (not row.overdue, -URGENCY_RANK[row.need.urgency], row.need.due_at, row.need.pk)


@dataclass(frozen=True)
class Queue:
    rows: list[NeedRow]
    counts: list[tuple[str, int]]  # (state label, how many), every state
    overdue: int


def department_queue(
    *, user, district, departments: list[Department], state: str = OPEN, category: str = ""
) -> Queue:
    """The needs routed to ``departments`` (those the user works), overdue first, then by
    urgency and due time; with the count of the departments' needs in each state."""
    allowed = {d.pk for d in queue_departments(user=user, district=district)}
    chosen = [d.pk for d in departments if d.pk in allowed]
    needs = access.visible_needs(user, district).filter(department__in=chosen)
    counted = Counter(needs.values_list("state", flat=True))
    shown = _filtered(needs, state, category).select_related("school", "department")
    rows = sorted(_rows(shown, timezone.now()), key=queue_order)
    return Queue(
        rows=rows,
        counts=[(label, counted.get(value, 0)) for value, label in S.choices],
        overdue=sum(1 for row in rows if row.overdue),
    )


def unrouted_needs(*, user, district) -> list[NeedRow]:
    """Needs no route covered, still with no department: the cabinet routes them by hand.
    Empty for everyone else."""
    if not scope_for(user, district).has_any(CABINET):
        return []
    needs = access.visible_needs(user, district).filter(department__isnull=True)
    needs = needs.select_related("school")
    return sorted(_rows(needs, timezone.now()), key=queue_order)


@dataclass(frozen=True)
class RouteRow:
    category: str
    label: str
    department: Department | None


@dataclass(frozen=True)
class TargetRow:
    urgency: str
    label: str
    days: int | None  # the district's own target, None when it uses the default
    default_days: int


def route_rows(*, user, district) -> list[RouteRow]:
    """Every category with the department the district routes it to (None: nobody)."""
    routes = {
        r.category: r.department
        for r in NeedRoute.objects.filter(district=district).select_related("department")
    }
    return [RouteRow(value, label, routes.get(value)) for value, label in NeedCategory.choices]


def target_rows(*, user, district) -> list[TargetRow]:
    """Every urgency with the district's days to answer (None: the default applies)."""
    own = dict(
        ResponseTarget.objects.filter(district=district).values_list(
            "urgency", "answer_within_days"
        )
    )
    return [
        TargetRow(value, label, own.get(value), DEFAULT_TARGET_DAYS[value])
        for value, label in Urgency.choices
    ]


def need_story(need: Need):
    """A need's timeline (every step, who and when) and its comments, oldest first; each
    carries ``who``: the name of the person who acted, as the district knows them."""
    events = list(need.events.all())
    comments = list(need.comments.all())
    user_ids = {e.actor_id for e in events} | {c.author_id for c in comments}
    known = [pk for pk in user_ids if pk is not None]
    people = Person.objects.filter(district_id=need.district_id, user_id__in=known)
    names = {p.user_id: p.full_name for p in people}
    for event in events:
        event.who = names.get(event.actor_id, "the district")  # type: ignore[attr-defined]
    for comment in comments:
        comment.who = names.get(comment.author_id, "someone no longer here")  # type: ignore[attr-defined]
    return events, comments


EXPORT_HEADER = [
    "Need",
    "School",
    "Category",
    "Urgency",
    "Students affected",
    "State",
    "Department",
    "Raised",
    "Due",
    "Overdue",
    "Answered",
]


def export_rows(rows: list[NeedRow]) -> list[list[object]]:
    """The rows of a list or a queue as the CSV carries them (numbers, never names)."""
    return [
        [
            row.need.title,
            row.need.school.name,
            row.need.get_category_display(),
            row.urgency_label,
            row.need.students_affected,
            row.need.get_state_display(),
            row.need.department.name if row.need.department else "Not routed",
            timezone.localtime(row.need.raised_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(row.need.due_at).strftime("%Y-%m-%d %H:%M"),
            "yes" if row.overdue else "no",
            timezone.localtime(row.need.answered_at).strftime("%Y-%m-%d %H:%M")
            if row.need.answered_at
            else "",
        ]
        for row in rows
    ]
