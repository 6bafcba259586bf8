"""The demo district's principals' time use: ten weeks of logged days for most principals.

Each principal has a usual share of the school day on instructional leadership (about 42
to 62 %), the rest spread over operations, student services, compliance, family and
community, HR and budget in half-hour blocks, with a few days off. Facts planted for the
summaries to find (``PLANTED``):

- every principal of network ``N1`` spends only about a quarter to a third of the day on
  instructional leadership, so the network sits well below the district's 50 % goal;
- the principal of the first school (by code) outside ``N1`` starts at 30 % and gains
  four points every week: improving week over week.

A sixth of the principals log nothing, as in a real roll-out. The entries are generated
history (bulk-created, without an audit row each): nobody changed them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from districtwise.analytics.workload.time_use import period_start
from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.organization.models import District, Person
from districtwise.workload.access import PrincipalAtSchool, current_principals
from districtwise.workload.models import Category, TimeEntry

WEEKS = 10
DAY_STARTS, SLOTS, SLOT = 7 * 60, 19, 30  # 07:00 to 16:30 in half hours
PLANTED = {
    "network_below_goal": "N1",
    "improving_principal": "the principal of the first school, by code, outside N1",
    "improving_from": 0.30,
    "improving_per_week": 0.04,
}
OTHER_WEIGHTS = {
    Category.OPERATIONS: 30,
    Category.STUDENT_SERVICES: 20,
    Category.COMPLIANCE: 15,
    Category.FAMILY: 15,
    Category.HR: 10,
    Category.BUDGET: 10,
}


def improving_principal(district: District) -> PrincipalAtSchool | None:
    """The planted principal who improves week over week."""
    outside = [
        r
        for r in current_principals(district)
        if r.school.network and r.school.network.code != PLANTED["network_below_goal"]
    ]
    return min(outside, key=lambda r: r.school.code, default=None)


def workload_time_build(*, district: District, seed: int = 0) -> int:
    """Log ten weeks (ending last week) for most of the district's principals; returns
    how many entries were made."""
    rng = random.Random(seed)
    last_monday = period_start(timezone.localdate(), "week") - dt.timedelta(weeks=1)
    mondays = [last_monday - dt.timedelta(weeks=WEEKS - 1 - w) for w in range(WEEKS)]
    improving = improving_principal(district)
    assistants = _assistants(district)
    entries: list[TimeEntry] = []
    for i, row in enumerate(sorted(current_principals(district), key=lambda r: r.school.code)):
        if i % 6 == 5 and row != improving:
            continue
        usual = _usual_share(rng, row)
        for w, monday in enumerate(mondays):
            share = usual
            if improving is not None and row.person.pk == improving.person.pk:
                share = PLANTED["improving_from"] + PLANTED["improving_per_week"] * w  # type: ignore[operator]
            entries += _week(rng, row, monday, float(share), assistants.get(row.school.pk))
    TimeEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def _usual_share(rng: random.Random, row: PrincipalAtSchool) -> float:
    network = row.school.network.code if row.school.network else ""
    if network == PLANTED["network_below_goal"]:
        return rng.uniform(0.22, 0.34)
    return rng.uniform(0.42, 0.62)


def _assistants(district: District) -> dict[int, Person]:
    found = Membership.objects.filter(
        district=district, role=Role.ASSISTANT_PRINCIPAL, school__isnull=False
    ).select_related("person")
    return {m.school_id: m.person for m in found if m.school_id}


def _week(rng, row, monday: dt.date, share: float, assistant) -> list[TimeEntry]:
    """A week of days whose instructional half hours add up to ``share`` of the week."""
    days = [monday + dt.timedelta(days=d) for d in range(5)]
    instructional = round(share * SLOTS * len(days))
    per_day = [instructional // 5 + (1 if d < instructional % 5 else 0) for d in range(5)]
    out = []
    for d, day in enumerate(days):
        entered_by = assistant if assistant is not None and d == 4 else row.person
        out += _day(rng, row, day, per_day[d], entered_by)
    return out


def _day(rng, row, day: dt.date, instructional: int, entered_by) -> list[TimeEntry]:
    others = rng.choices(list(OTHER_WEIGHTS), weights=list(OTHER_WEIGHTS.values()), k=SLOTS)
    blocks = Counter(
        {Category.INSTRUCTIONAL: instructional, **Counter(others[: SLOTS - instructional])}
    )
    order = [c for c in blocks if blocks[c]]
    rng.shuffle(order)
    entries, start = [], DAY_STARTS
    for category in order:
        minutes = blocks[category] * SLOT
        entries.append(
            TimeEntry(
                district=row.school.district,
                principal=row.person,
                school=row.school,
                on=day,
                starts_at=dt.time(start // 60, start % 60),
                ends_at=dt.time((start + minutes) // 60, (start + minutes) % 60),
                minutes=minutes,
                category=category,
                entered_by=entered_by,
            )
        )
        start += minutes
    return entries
