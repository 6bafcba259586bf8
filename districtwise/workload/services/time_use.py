"""Writing principals' time use: a week from the week view, a day's totals, the goals.

Each save replaces what it covers, in one transaction, and refuses the whole of it on any
problem (nothing half saved): the week view replaces the week's timed entries, the quick
daily entry replaces the day's totals. Every entry created or removed is in the audit log
with who entered it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.analytics.workload.time_use import (
    MINUTES_IN_A_DAY,
    Stretch,
    overfull_days,
    overlaps,
)
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.workload.access import PrincipalAtSchool, person_of
from districtwise.workload.models import Category, TimeEntry, TimeGoal


def clock(minute: int) -> str:
    """Minutes after midnight as a reader writes them: 570 -> "09:30"."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def day_name(day: dt.date) -> str:
    """A day as messages name it: "Monday 2 March 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def stretch_of(entry: TimeEntry) -> Stretch:
    """The analytics view of a stored entry."""
    if entry.starts_at is None or entry.ends_at is None:
        return Stretch(on=entry.on, category=entry.category, minutes=entry.minutes)
    starts = entry.starts_at.hour * 60 + entry.starts_at.minute
    return Stretch.timed(entry.on, starts, starts + entry.minutes, entry.category)


def stretch_problems(stretches: Iterable[Stretch], *, kept: Iterable[Stretch] = ()) -> list[str]:
    """What is wrong with a log, each problem naming its day and times; ``kept`` are the
    entries the save leaves in place (they count towards a day's 24 hours)."""
    stretches = list(stretches)
    today = timezone.localdate()
    problems = [
        f"{day_name(s.on)}: {clock(s.starts or 0)} to {clock(s.ends or 0)} ends before it starts."
        for s in stretches
        if s.starts is not None and s.ends is not None and s.ends <= s.starts
    ]
    future = sorted({s.on for s in stretches if s.on > today})
    problems += [f"{day_name(d)} is in the future: log time once it is spent." for d in future]
    labels = dict(Category.choices)
    for o in overlaps(stretches):
        a, b = o.first, o.second
        problems.append(
            f"{day_name(a.on)}: {clock(a.starts or 0)}-{clock(a.ends or 0)} "
            f"({labels.get(a.category, a.category)}) overlaps {clock(b.starts or 0)}-"
            f"{clock(b.ends or 0)} ({labels.get(b.category, b.category)})."
        )
    for day, minutes in overfull_days([*stretches, *kept]):
        problems.append(
            f"{day_name(day)} adds up to {minutes / 60:g} hours; a day holds at most "
            f"{MINUTES_IN_A_DAY // 60}."
        )
    return problems


def _entered_by(actor, district):
    person = person_of(actor, district)
    if person is None:
        raise ValidationError("Only a member of the district's staff logs time.")
    return person


def _replace(actor, district, old: Iterable[TimeEntry], new: Iterable[TimeEntry]) -> int:
    for entry in old:
        audit_record(
            actor=actor,
            district=district,
            action="delete",
            obj=entry,
            changes={k: [v, None] for k, v in snapshot(entry).items()},
        )
        entry.delete()
    created = 0
    for entry in new:
        entry.save()
        audit_created(actor=actor, district=district, obj=entry)
        created += 1
    return created


def _entry(district, principal: PrincipalAtSchool, entered_by, s: Stretch) -> TimeEntry:
    starts = ends = None
    if s.starts is not None and s.ends is not None:
        starts = dt.time(s.starts // 60, s.starts % 60)
        ends = dt.time(s.ends // 60, s.ends % 60) if s.ends < MINUTES_IN_A_DAY else dt.time(23, 59)
    return TimeEntry(
        district=district,
        principal=principal.person,
        school=principal.school,
        on=s.on,
        starts_at=starts,
        ends_at=ends,
        minutes=s.minutes,
        category=s.category,
        entered_by=entered_by,
    )


def time_week_save(
    *, actor, district, principal: PrincipalAtSchool, week_start: dt.date, stretches: list[Stretch]
) -> int:
    """Replace the principal's timed entries of the week starting ``week_start`` (a
    Monday) with ``stretches``; returns how many entries the week now has. Raises
    ValidationError naming each problem; nothing is saved then."""
    week_end = week_start + dt.timedelta(days=6)
    outside = [s for s in stretches if not week_start <= s.on <= week_end]
    if outside:
        raise ValidationError(f"{day_name(outside[0].on)} is not in the week being saved.")
    entries = TimeEntry.objects.filter(
        principal=principal.person, school=principal.school, on__range=(week_start, week_end)
    )
    totals = [stretch_of(e) for e in entries if not e.is_timed]
    problems = stretch_problems(stretches, kept=totals)
    if problems:
        raise ValidationError(problems)
    entered_by = _entered_by(actor, district)
    with transaction.atomic():
        new = [_entry(district, principal, entered_by, s) for s in stretches]
        return _replace(actor, district, [e for e in entries if e.is_timed], new)


def time_day_save(
    *, actor, district, principal: PrincipalAtSchool, on: dt.date, minutes: Mapping[str, int]
) -> int:
    """Replace the principal's daily totals of ``on`` with ``minutes`` per category (the
    quick daily entry); returns how many totals were stored. Timed entries of the day stay
    and count towards its 24 hours."""
    unknown = sorted(set(minutes) - set(Category.values))
    if unknown:
        raise ValidationError(f"Unknown categories: {', '.join(unknown)}.")
    if any(m < 0 for m in minutes.values()):
        raise ValidationError("Minutes cannot be negative.")
    if on > timezone.localdate():
        raise ValidationError(f"{day_name(on)} is in the future: log time once it is spent.")
    stretches = [Stretch(on=on, category=c, minutes=m) for c, m in minutes.items() if m > 0]
    entries = TimeEntry.objects.filter(principal=principal.person, school=principal.school, on=on)
    timed = [stretch_of(e) for e in entries if e.is_timed]
    problems = stretch_problems(stretches, kept=timed)
    if problems:
        raise ValidationError(problems)
    entered_by = _entered_by(actor, district)
    with transaction.atomic():
        new = [_entry(district, principal, entered_by, s) for s in stretches]
        return _replace(actor, district, [e for e in entries if not e.is_timed], new)


def time_goal_set(*, actor, district, principal=None, share: Decimal) -> TimeGoal:
    """Set the district's goal for the instructional share of principals' time (no
    ``principal``: the cabinet's) or one principal's own (their supervisor's)."""
    if not Decimal(0) <= share <= Decimal(1):
        raise ValidationError("The goal is a share between 0 % and 100 %.")
    set_by = _entered_by(actor, district)
    with transaction.atomic():
        goal = TimeGoal.objects.filter(district=district, principal=principal).first()
        if goal is None:
            goal = TimeGoal.objects.create(
                district=district, principal=principal, share=share, set_by=set_by
            )
            audit_created(actor=actor, district=district, obj=goal)
            return goal
        before = snapshot(goal)
        goal.share, goal.set_by = share, set_by
        goal.save()
        changes = changed_fields(before, snapshot(goal))
        audit_record(actor=actor, district=district, action="update", obj=goal, changes=changes)
        return goal
