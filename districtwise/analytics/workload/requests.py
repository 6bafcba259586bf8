"""Data requests sent to schools: matching field lines to the vocabulary, finding the
requests that ask the same schools for the same fields, proposing consolidated requests,
and counting the hours schools spend on them before and after consolidation.

No Django here: the web layer passes plain facts (``RequestFacts``) and gets plain
answers. Time is counted in minutes of school staff per school year:

    minutes = sum of minutes per field * schools asked * occurrences per school year

Occurrences per school year follow a 36-week, 10-month, 3-term school year: a weekly
request is answered 36 times, a monthly one 10, a termly one 3, a yearly or one-off
request once.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

OCCURRENCES_PER_YEAR = {"weekly": 36, "monthly": 10, "termly": 3, "yearly": 1, "once": 1}
# Most frequent first: the cadence a consolidated request keeps is the most frequent one.
CADENCE_ORDER = ("weekly", "monthly", "termly", "yearly", "once")
# Days between occurrences, to find when two requests fall due close together.
STEP_DAYS = {"weekly": 7, "monthly": 30, "termly": 91, "yearly": 365}
# A line not matched to the vocabulary has no estimate of its own; count it at this.
UNMATCHED_MINUTES = 10
# Two requests overlap when they fall due within this many days of each other.
WINDOW_DAYS = 31


def normalised(text: str) -> str:
    """A field name as compared: lower case, words only ("E.L. status" -> "e l status")."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def vocabulary_index(names: Mapping[Hashable, Iterable[str]]) -> dict[str, Hashable]:
    """Every name and synonym of each field (normalised) -> the field's key."""
    index: dict[str, Hashable] = {}
    for key, words in names.items():
        for word in words:
            if normalised(word):
                index.setdefault(normalised(word), key)
    return index


def match_line(text: str, index: Mapping[str, Hashable]) -> Hashable | None:
    """The field a line asks for, or None when no name or synonym matches it exactly."""
    return index.get(normalised(text))


@dataclass(frozen=True)
class RequestFacts:
    """What the computations need to know of one request."""

    id: int
    team: str  # the requesting department
    fields: frozenset[Hashable]  # canonical fields (vocabulary keys)
    school_ids: frozenset[int]
    frequency: str
    due_on: dt.date
    unmatched: int = 0  # lines not (yet) matched to the vocabulary


def occurrence_dates(request: RequestFacts, *, horizon_days: int = 365) -> list[dt.date]:
    """The due dates of a request over a school year from its first due date."""
    step = STEP_DAYS.get(request.frequency)
    if step is None:
        return [request.due_on]
    return [request.due_on + dt.timedelta(days=d) for d in range(0, horizon_days, step)]


def fall_due_together(a: RequestFacts, b: RequestFacts, window_days: int = WINDOW_DAYS) -> bool:
    """Some due date of one is within ``window_days`` of some due date of the other."""
    dates_b = occurrence_dates(b)  # in order
    for x in occurrence_dates(a):
        n = bisect.bisect_left(dates_b, x)  # the nearest dates of b are at n - 1 and n
        if any(abs((x - y).days) <= window_days for y in dates_b[max(n - 1, 0) : n + 1]):
            return True
    return False


def overlapping(a: RequestFacts, b: RequestFacts, window_days: int = WINDOW_DAYS) -> bool:
    """Different teams ask some of the same schools for some of the same fields, due close
    together."""
    return (
        a.team != b.team
        and bool(a.fields & b.fields)
        and bool(a.school_ids & b.school_ids)
        and fall_due_together(a, b, window_days)
    )


@dataclass(frozen=True)
class Proposal:
    """A group of requests to merge into one, and what the one request asks."""

    request_ids: tuple[int, ...]
    teams: tuple[str, ...]
    shared_fields: frozenset[Hashable]  # asked by two or more of the group
    fields: frozenset[Hashable]  # the union: what the consolidated request asks
    dropped_held: frozenset[Hashable]  # held by the district already: not asked at all
    common_school_ids: frozenset[int]  # schools asked by two or more of the group
    school_ids: frozenset[int]  # every school of the group: the merged request goes to all
    due_on: dt.date  # the earliest
    frequency: str  # the most frequent


def _groups(requests: list[RequestFacts], window_days: int) -> list[list[RequestFacts]]:
    """Connected groups of overlapping requests (A overlaps B, B overlaps C: one group)."""
    parent = {r.id: r.id for r in requests}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, a in enumerate(requests):
        for b in requests[n + 1 :]:
            if overlapping(a, b, window_days):
                parent[root(a.id)] = root(b.id)
    groups: dict[int, list[RequestFacts]] = defaultdict(list)
    for r in requests:
        groups[root(r.id)].append(r)
    return [g for g in groups.values() if len(g) > 1]


def _asked_twice(sets: list[frozenset]) -> frozenset:
    seen: set = set()
    twice: set = set()
    for items in sets:
        twice |= seen & items
        seen |= items
    return frozenset(twice)


def propose(
    requests: Iterable[RequestFacts],
    *,
    held: frozenset[Hashable] = frozenset(),
    window_days: int = WINDOW_DAYS,
) -> list[Proposal]:
    """The consolidated requests to propose: one per group of overlapping requests, in
    order of their earliest request id."""
    proposals = []
    for group in _groups(sorted(requests, key=lambda r: r.id), window_days):
        group.sort(key=lambda r: r.id)
        union = frozenset().union(*(r.fields for r in group))
        proposals.append(
            Proposal(
                request_ids=tuple(r.id for r in group),
                teams=tuple(sorted({r.team for r in group})),
                shared_fields=_asked_twice([r.fields for r in group]),
                fields=union - held,
                dropped_held=union & held,
                common_school_ids=_asked_twice([r.school_ids for r in group]),
                school_ids=frozenset().union(*(r.school_ids for r in group)),
                due_on=min(r.due_on for r in group),
                frequency=min((r.frequency for r in group), key=CADENCE_ORDER.index),
            )
        )
    return sorted(proposals, key=lambda p: p.request_ids)


def yearly_minutes(
    request: RequestFacts,
    minutes: Mapping[Any, int],
    *,
    held: frozenset[Hashable] = frozenset(),
) -> int:
    """School-staff minutes a request costs in a school year, without the ``held`` fields."""
    per_school = sum(minutes[f] for f in request.fields - held)
    per_school += UNMATCHED_MINUTES * request.unmatched
    return per_school * len(request.school_ids) * OCCURRENCES_PER_YEAR[request.frequency]


@dataclass
class Saving:
    """Hours a year of one original request (or one department, or the district)."""

    before: Decimal = Decimal(0)  # as the request was sent
    after: Decimal = Decimal(0)  # its share of what schools answer now
    held_removed: Decimal = Decimal(0)  # of the saving: fields the district already holds
    merged_ids: list[int] = field(default_factory=list)

    @property
    def saved(self) -> Decimal:
        return self.before - self.after


def _hours(minutes: int | Decimal) -> Decimal:
    return Decimal(minutes) / 60


def _originals(request_id: int, merged_from: Mapping[int, list[int]]) -> list[int]:
    """The original requests a (possibly consolidated) request stands for."""
    sources = merged_from.get(request_id)
    if not sources:
        return [request_id]
    return [o for s in sources for o in _originals(s, merged_from)]


def hours_saved(
    requests: Iterable[RequestFacts],
    *,
    minutes: Mapping[Any, int],
    held: frozenset[Hashable],
    merged_from: Mapping[int, list[int]],
    active_ids: frozenset[int],
) -> dict[int, Saving]:
    """Hours a year per original request, before and after.

    ``merged_from`` maps a consolidated request to the requests merged into it;
    ``active_ids`` are the requests schools answer now. Before: each original as sent
    (held fields included). After: what schools answer now without held fields, a
    consolidated request's hours shared among its originals in proportion to their
    before. ``held_removed`` is the part of the saving due to held fields alone.
    """
    by_id = {r.id: r for r in requests}
    originals = [r for r in by_id.values() if r.id not in merged_from]
    savings = {
        r.id: Saving(
            before=_hours(yearly_minutes(r, minutes)),
            held_removed=_hours(yearly_minutes(r, minutes) - yearly_minutes(r, minutes, held=held)),
        )
        for r in originals
    }
    for active in active_ids:
        after = _hours(yearly_minutes(by_id[active], minutes, held=held))
        sources = _originals(active, merged_from)
        total = sum((savings[o].before for o in sources), Decimal(0))
        for o in sources:
            share = savings[o].before / total if total else Decimal(1) / len(sources)
            savings[o].after += after * share
            if len(sources) > 1:
                savings[o].merged_ids.append(active)
    return savings


def totals(savings: Iterable[Saving]) -> Saving:
    """The sum of several savings (a department's, the district's)."""
    total = Saving()
    for s in savings:
        total.before += s.before
        total.after += s.after
        total.held_removed += s.held_removed
    return total
