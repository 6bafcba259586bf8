"""The demo district's delivery logs: a school year of supports, from its first week to the
demo's reference date, with three gaps planted for coverage to find.

Every school gets weekly PLCs per grade team (a teacher group each, a member now and then
absent), coaching twice a month for its new teachers (fewer than two years), a monthly
observation of every teacher with feedback a few days later, onboarding twice a month for
first-year teachers, and one day of training on the core materials in September. Then:

- ``no_coaching``: at the first school (by code) with new teachers, they get no coaching.
- ``plc_every_other_week``: at the next school, the PLCs meet every other week.
- ``never_observed``: at the school after that, its first ``UNOBSERVED_TEACHERS`` teachers
  (by staff id) are never observed.

Deterministic (a fixed reference date and seed), written with bulk inserts.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from districtwise.organization.models import District, Person, School, SchoolYear
from districtwise.supports.models import (
    DeliveryLog,
    LogAttendee,
    Support,
    TeacherAssignment,
    TeacherGroup,
)

REFERENCE_DATE = dt.date(2026, 3, 31)
PLANTED_GAPS = ("no_coaching", "plc_every_other_week", "never_observed")
UNOBSERVED_TEACHERS = 3
GROUP_SIZE = 5
NEW_TEACHER_YEARS = 2


@dataclass
class SupportLogs:
    """What the demo wrote: the school (code) of each planted gap, the teachers (staff ids)
    never observed, and how many logs."""

    gaps: dict[str, str] = field(default_factory=dict)
    unobserved: list[str] = field(default_factory=list)
    logs: int = 0


@dataclass
class _School:
    school: School
    teachers: list[TeacherAssignment]
    coach: Person | None
    leader: Person | None


def _weekdays(start: dt.date, end: dt.date, weekday: int, every: int = 1) -> list[dt.date]:
    first = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    days, on = [], first
    while on <= end:
        days.append(on)
        on += dt.timedelta(weeks=every)
    return days


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, on = [], start.replace(day=1)
    while on <= end:
        months.append(on)
        on = (on + dt.timedelta(days=32)).replace(day=1)
    return months


def _school_day(month: dt.date, day: int, start: dt.date, end: dt.date) -> dt.date | None:
    on = month.replace(day=day)
    if on.weekday() > 4:  # a weekend day: the Monday after
        on += dt.timedelta(days=7 - on.weekday())
    return on if start <= on <= end else None


class _Writer:
    """Collects logs and their attendees, then writes them in a few bulk inserts."""

    def __init__(self, district: District):
        self.district = district
        self.logs: list[tuple] = []
        self.attendees: list[list[int]] = []

    def add(self, support, school, on, minutes, by, teachers, notes="", feedback_on=None):
        self.logs.append(
            (support.pk, school.pk, on, minutes, by.pk if by else None, notes, feedback_on)
        )
        self.attendees.append(teachers)

    def save(self) -> int:
        """Insert the logs, then their attendees, each in one go (``_insert``): a model
        instance per row would cost the demo build half a minute."""
        ops, now = connection.ops, timezone.now()
        stamp = ops.adapt_datetimefield_value(now)
        day = ops.adapt_datefield_value
        demo = DeliveryLog.Source.DEMO
        rows = [
            (self.district.pk, s, sc, day(on), m, by, notes, day(fb), demo, stamp, stamp)
            for s, sc, on, m, by, notes, fb in self.logs
        ]
        first = DeliveryLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        _insert(DeliveryLog, DELIVERY_LOG_COLUMNS, rows)
        # Keys are handed out in the order of the rows: this build is the only writer of
        # the district's demo logs, inside one transaction.
        pks = list(
            DeliveryLog.objects.filter(district=self.district, pk__gt=first)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        assert len(pks) == len(rows)
        pairs = [(pk, t) for pk, ts in zip(pks, self.attendees, strict=True) for t in ts]
        _insert(LogAttendee, ("log_id", "teacher_id"), pairs)
        return len(rows)


DELIVERY_LOG_COLUMNS = (
    "district_id",
    "support_id",
    "school_id",
    "delivered_on",
    "minutes",
    "delivered_by_id",
    "notes",
    "feedback_on",
    "source",
    "created_at",
    "updated_at",
)


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert ``rows`` into ``model``'s table: a ``COPY`` on PostgreSQL, where an
    ``executemany`` took the default demo's build ten seconds of round trips to the
    server; an ``executemany`` on SQLite, which runs in our own process."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (our own table and columns)
        cursor.executemany(insert, rows)


def _schools(district: District, school_year: int) -> list[_School]:
    rows = TeacherAssignment.objects.filter(district=district, school_year=school_year)
    by_school: dict[int, list[TeacherAssignment]] = {}
    for row in rows.select_related("teacher").order_by("teacher__staff_id"):
        by_school.setdefault(row.school_id, []).append(row)
    staff = Person.objects.filter(district=district, school__isnull=False).order_by("pk")
    coaches = {p.school_id: p for p in reversed(staff.filter(title="Instructional coach"))}
    leaders = {p.school_id: p for p in reversed(staff.filter(title="Principal"))}
    return [
        _School(s, by_school[s.pk], coaches.get(s.pk), leaders.get(s.pk))
        for s in School.objects.filter(district=district).order_by("code")
        if s.pk in by_school
    ]


def _plant(schools: list[_School]) -> tuple[dict[str, str], list[str]]:
    with_new = [
        s for s in schools if any(t.years_experience < NEW_TEACHER_YEARS for t in s.teachers)
    ]
    first = with_new[0] if with_new else schools[0]
    rest = [s for s in schools if s is not first]
    chosen = [first, *rest[:2]]
    gaps = {gap: s.school.code for gap, s in zip(PLANTED_GAPS, chosen, strict=False)}
    unobserved = [t.teacher.staff_id for t in chosen[-1].teachers[:UNOBSERVED_TEACHERS]]
    return gaps, unobserved


def _teams(district: District, s: _School, plc: Support) -> list[tuple[TeacherGroup, list[int]]]:
    """The school's grade teams, ``GROUP_SIZE`` teachers each, as teacher groups."""
    ids = [t.teacher_id for t in s.teachers]
    chunks = [ids[i : i + GROUP_SIZE] for i in range(0, len(ids), GROUP_SIZE)]
    groups = TeacherGroup.objects.bulk_create(
        [
            TeacherGroup(district=district, school=s.school, support=plc, name=f"Team {n + 1}")
            for n in range(len(chunks))
        ]
    )
    Through = TeacherGroup.members.through
    Through.objects.bulk_create(
        [
            Through(teachergroup_id=g.pk, person_id=t)
            for g, chunk in zip(groups, chunks, strict=True)
            for t in chunk
        ]
    )
    return list(zip(groups, chunks, strict=True))


def support_logs_build(*, district: District, seed: int = 6) -> SupportLogs:
    """Write the demo's delivery logs of the school year holding ``REFERENCE_DATE``, from
    the first week of school to that date, with the planted gaps of the module docstring."""
    year = SchoolYear.objects.filter(
        district=district, starts_on__lte=REFERENCE_DATE, ends_on__gte=REFERENCE_DATE
    ).first()
    supports = {s.code: s for s in Support.objects.filter(district=district)}
    schools = _schools(district, year.year) if year else []
    if year is None or not schools or not {"plc", "coaching", "observation"} <= set(supports):
        return SupportLogs()
    start = first_school_day(year)
    gaps, unobserved = _plant(schools)
    rng = random.Random(seed)
    writer = _Writer(district)
    for s in schools:
        _plcs(writer, rng, district, s, supports["plc"], start, every=_every(s, gaps))
        if s.school.code != gaps.get("no_coaching"):
            _coaching(writer, rng, s, supports["coaching"], start)
        skip = set(unobserved) if s.school.code == gaps.get("never_observed") else set()
        _observations(writer, rng, s, supports["observation"], start, skip)
        if "onboarding" in supports:
            _onboarding(writer, s, supports["onboarding"], start)
        if "hqim" in supports:
            _materials_day(writer, s, supports["hqim"], start)
    with transaction.atomic():
        written = writer.save()
    return SupportLogs(gaps, unobserved, written)


def first_school_day(year: SchoolYear) -> dt.date:
    """The first day of teaching of the demo's school year (its calendar year starts on
    1 July; teachers start in the third week of August)."""
    return max(year.starts_on, dt.date(year.year - 1, 8, 18))


def logged_period(*, district: District) -> tuple[dt.date, dt.date] | None:
    """The days the demo's delivery logs cover: the first school day to ``REFERENCE_DATE``."""
    year = SchoolYear.objects.filter(
        district=district, starts_on__lte=REFERENCE_DATE, ends_on__gte=REFERENCE_DATE
    ).first()
    return (first_school_day(year), REFERENCE_DATE) if year else None


def planted_gaps(*, district: District) -> SupportLogs:
    """Where ``support_logs_build`` planted its gaps in ``district`` (worked out again the
    same way, from the roster), for the tests and the demo's guide."""
    year = SchoolYear.objects.filter(
        district=district, starts_on__lte=REFERENCE_DATE, ends_on__gte=REFERENCE_DATE
    ).first()
    schools = _schools(district, year.year) if year else []
    if not schools:
        return SupportLogs()
    gaps, unobserved = _plant(schools)
    return SupportLogs(gaps, unobserved)


def _every(s: _School, gaps: dict[str, str]) -> int:
    return 2 if s.school.code == gaps.get("plc_every_other_week") else 1


def _plcs(writer, rng, district, s: _School, plc, start, *, every: int) -> None:
    for n, (group, members) in enumerate(_teams(district, s, plc)):
        for on in _weekdays(start, REFERENCE_DATE, n % 5, every):
            present = [t for t in members if rng.random() > 0.02] or members[:1]
            minutes = rng.choice((45, 45, 50, 60))
            writer.add(plc, s.school, on, minutes, s.coach or s.leader, present, group.name)


def _coaching(writer, rng, s: _School, coaching, start) -> None:
    new = [t for t in s.teachers if t.years_experience < NEW_TEACHER_YEARS]
    for month in _months(start, REFERENCE_DATE):
        for t in new:
            for day in (6 + rng.randint(0, 3), 19 + rng.randint(0, 3)):
                on = _school_day(month, day, start, REFERENCE_DATE)
                if on:
                    writer.add(coaching, s.school, on, 40, s.coach, [t.teacher_id])


def _observations(writer, rng, s: _School, observation, start, skip: set[str]) -> None:
    for month in _months(start, REFERENCE_DATE):
        for t in s.teachers:
            if t.teacher.staff_id in skip:
                continue
            on = _school_day(month, rng.randint(8, 24), start, REFERENCE_DATE)
            if on:
                feedback = min(on + dt.timedelta(days=rng.randint(1, 4)), REFERENCE_DATE)
                by = s.leader or s.coach
                writer.add(observation, s.school, on, 30, by, [t.teacher_id], feedback_on=feedback)


def _onboarding(writer, s: _School, onboarding, start) -> None:
    first_year = [t.teacher_id for t in s.teachers if t.years_experience == 0]
    for month in _months(start, REFERENCE_DATE):
        for day in (4, 18):
            on = _school_day(month, day, start, REFERENCE_DATE)
            if on and first_year:
                writer.add(onboarding, s.school, on, 45, s.coach, first_year, "Mentor meeting")


def _materials_day(writer, s: _School, hqim, start) -> None:
    on = _school_day(dt.date(start.year, 9, 1), 12, start, REFERENCE_DATE)
    if on:
        everyone = [t.teacher_id for t in s.teachers]
        writer.add(hqim, s.school, on, 360, None, everyone, "Training day on the core materials")
