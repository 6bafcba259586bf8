"""The demo district's voice and guidance: routes and response targets, about six months
of needs from most schools, a network's principal meetings with a consultancy dilemma,
versioned guidance and a few notifications for the demo log-ins.

Planted, for the tests and the tour to find (``PLANTED``):
- ``rising``: "students and families" needs climb sharply in the last four weeks, from
  many schools (merged bus stops left families without a workable way to school), while
  every other category stays at or below its usual rate;
- ``overdue``: open needs past their due time, all routed to Teaching and Learning (the
  demo department lead's queue), so that queue shows overdue first;
- ``duplicates``: five near-identical needs from five schools about one stop on the ring
  road; four are linked to one need issue, the fifth is left for a lead to link;
- the guidance "Telling families about transport changes" has two versions; the second
  was prompted by those needs and by a meeting's agenda item (see ``voice_guidance``).

Dates count back from the day of the build ("today", local midnight), so the rising
weeks are the last four whenever the demo is built. Deterministic from the seed and that day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from districtwise.core.models import Membership, Notification
from districtwise.core.roles import Role
from districtwise.demo.voice_content import (
    ANSWERS,
    CABINET_COMMENT,
    DECLINES,
    DISTRICT_COMMENTS,
    DUPLICATES,
    ISSUE,
    NEEDS,
    REOPEN_NOTE,
    ROUTES,
    SCHOOL_COMMENTS,
    SURGE,
    SURGE_ANSWERS,
    TARGETS,
)
from districtwise.demo.voice_meetings import follow_up_raised_at
from districtwise.organization.models import Department, District, Person, School
from districtwise.voice.models import (
    GuidanceDocument,
    Need,
    NeedComment,
    NeedEvent,
    NeedIssue,
    NeedRoute,
    NeedState,
    PrincipalMeeting,
    ResponseTarget,
)
from districtwise.voice.models import NeedCategory as C
from districtwise.voice.models import Urgency as U
from districtwise.voice.rules import OPEN_STATES, allowed_moves, due_at

S = NeedState
PLANTED = {
    "rising": C.STUDENTS_FAMILIES,
    "overdue_department": "teaching-and-learning",
    "duplicates": len(DUPLICATES),
    "linked_to_issue": len(DUPLICATES) - 1,
}
VOICE_NOTIFICATIONS = [
    Notification.Kind.NEED_ACKNOWLEDGED,
    Notification.Kind.NEED_ANSWERED,
    Notification.Kind.NEED_UPDATED,
    Notification.Kind.GUIDANCE_TO_ACKNOWLEDGE,
    Notification.Kind.AGENDA_PUBLISHED,
]
WINDOW_DAYS, WINDOWS = 28, 6  # six four-week windows: about five and a half months
# Needs per four-week window by category, before a little jitter; the last window's
# "students and families" count is SURGE_COUNT instead (the planted rise).
USUAL: dict[str, int] = {
    C.STAFFING: 8,
    C.SAFETY: 4,
    C.FACILITIES: 10,
    C.STUDENTS_FAMILIES: 4,
    C.INSTRUCTION: 9,
    C.BUDGET: 4,
    C.POLICY_CONFLICT: 3,
    C.OTHER: 3,
}
SURGE_COUNT = 30
URGENCIES = ([U.ROUTINE] * 7) + ([U.SOON] * 8) + ([U.URGENT] * 4)
# The near-duplicates' states, in the order they were raised: all still open.
DUPLICATE_STATES = [S.ACKNOWLEDGED, S.IN_PROGRESS, S.ACKNOWLEDGED, S.RAISED, S.RAISED]


@dataclass
class NeedPlan:
    """One need to create, with its school, text and when it was raised."""

    school: School
    raised_by: Person
    category: str
    urgency: str
    title: str
    description: str
    raised_at: dt.datetime
    kind: str = "usual"  # usual, surge, duplicate, follow_up
    students: int | None = None


@dataclass
class DemoVoice:
    """What the later steps (meetings, guidance, notifications) build on."""

    anchor: dt.datetime
    duplicates: list[Need] = field(default_factory=list)
    follow_up: Need | None = None
    issue: NeedIssue | None = None


def anchor_of(day: dt.date) -> dt.datetime:
    """Local midnight at the start of ``day``, in UTC: every demo date counts back from it
    in elapsed time, as ``rules.due_at`` counts (so a clock change never shifts a due time)."""
    local = dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_current_timezone())
    return local.astimezone(dt.UTC)


def voice_build(*, district: District, seed: int, today: dt.date | None = None) -> DemoVoice:
    """Build the demo's voice and guidance (see the module's docstring)."""
    from districtwise.demo.voice_guidance import guidance_build
    from districtwise.demo.voice_meetings import meetings_build

    rng = random.Random(seed * 31 + 8)
    anchor = anchor_of(today or timezone.localdate())
    departments = _routes(district)
    built = DemoVoice(anchor=anchor)
    cast = _Cast.of(district)
    plans = _plans(cast, anchor, rng)
    _create_needs(district, cast, plans, departments, built, rng)
    built.issue = _issue(district, built, departments, cast)
    meetings = meetings_build(district=district, cast=cast, built=built, rng=rng)
    guidance_build(district=district, cast=cast, built=built, meetings=meetings)
    _notifications(district, cast, built)
    return built


def voice_remove(district: District) -> None:
    """Remove the district's voice data, which protects its schools, people and departments,
    and the notifications about it."""
    Notification.objects.filter(district=district, kind__in=VOICE_NOTIFICATIONS).delete()
    PrincipalMeeting.objects.filter(district=district).delete()
    GuidanceDocument.objects.filter(district=district).delete()
    Need.objects.filter(district=district).delete()
    NeedIssue.objects.filter(district=district).delete()
    NeedRoute.objects.filter(district=district).delete()
    ResponseTarget.objects.filter(district=district).delete()


def _routes(district: District) -> dict[str, Department]:
    """The routing rules and targets; returns the department of each category."""
    by_code = {d.code: d for d in Department.objects.filter(district=district)}
    routes = [
        NeedRoute(district=district, category=category, department=by_code[code])
        for category, code in ROUTES.items()
        if code in by_code
    ]
    NeedRoute.objects.bulk_create(routes)
    ResponseTarget.objects.bulk_create(
        ResponseTarget(district=district, urgency=urgency, answer_within_days=days)
        for urgency, days in TARGETS.items()
    )
    return {route.category: route.department for route in routes}


@dataclass
class _Cast:
    """The people the demo's voice needs: the schools' leaders and the demo log-ins."""

    schools: list[School]
    leaders: dict[int, list[Person]]  # school id -> principal first, then assistants
    logins: dict[str, Person]

    @classmethod
    def of(cls, district: District) -> _Cast:
        schools = list(School.objects.filter(district=district).order_by("code"))
        leaders: dict[int, list[Person]] = {s.pk: [] for s in schools}
        memberships = (
            Membership.objects.filter(
                district=district, role__in=[Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL]
            )
            .select_related("person__user")
            .order_by("school__code", "-role", "person__staff_id", "pk")
        )
        for membership in memberships:
            if membership.school_id in leaders:
                leaders[membership.school_id].append(membership.person)
        users = get_user_model().objects.filter(people__district=district)
        logins = {
            person.user.username: person  # type: ignore[union-attr]
            for person in Person.objects.filter(district=district, user__in=users)
            .select_related("user", "school", "department")
            .order_by("pk")
        }
        return cls(schools=[s for s in schools if leaders[s.pk]], leaders=leaders, logins=logins)

    def user(self, username: str):
        person = self.logins.get(username)
        return person.user if person else None

    def school_of(self, username: str) -> School | None:
        person = self.logins.get(username)
        return person.school if person else None

    def network_schools(self) -> list[School]:
        """The schools of the network lead log-in's network (the first network)."""
        home = self.school_of("principal")
        network_id = home.network_id if home else self.schools[0].network_id
        return [s for s in self.schools if s.network_id == network_id]


def _raising_schools(cast: _Cast) -> list[School]:
    """Most schools raise needs: every eighth school (never a log-in's) raises none."""
    keep = {cast.school_of("principal"), cast.school_of("assistant_principal")}
    return [s for i, s in enumerate(cast.schools) if i % 8 != 7 or s in keep]


def _moment(rng: random.Random, start: dt.datetime, days: int) -> dt.datetime:
    """A weekday school-hours moment in the ``days`` from ``start``."""
    weekdays = [d for d in range(days) if (start + dt.timedelta(days=d)).weekday() < 5]
    day = rng.choice(weekdays)
    return start + dt.timedelta(days=day, hours=rng.randint(7, 15), minutes=rng.randint(0, 59))


def _plans(cast: _Cast, anchor: dt.datetime, rng: random.Random) -> list[NeedPlan]:
    """Every need to create, oldest window first; the planted ones included."""
    schools = _raising_schools(cast)
    home = cast.school_of("principal")
    plans: list[NeedPlan] = []
    for window in reversed(range(WINDOWS)):
        start = anchor - dt.timedelta(days=WINDOW_DAYS * (window + 1))
        for category, usual in USUAL.items():
            # Never above the usual rate in the last window: only the planted category rises.
            count = usual + rng.choice([0, 1] if window else [-1, 0])
            texts, kind = NEEDS[category], "usual"
            if window == 0 and category == C.STUDENTS_FAMILIES:
                count, texts, kind = SURGE_COUNT - len(DUPLICATES), SURGE, "surge"
            if window == 0 and category == C.STAFFING:
                count -= 1  # the meeting's follow-up need is one of them
            offset = rng.randrange(len(texts))
            spread = rng.sample(schools, len(schools))
            for n in range(count):
                school = spread[n % len(spread)] if kind == "surge" else rng.choice(schools)
                if home is not None and len(plans) % 20 == 0:
                    school = home
                title, text = texts[(offset + n) % len(texts)]
                plans.append(
                    _plan(cast, school, category, title, text, _moment(rng, start, 28), rng, kind)
                )
    plans += _duplicate_plans(cast, schools, anchor, rng)
    plans.append(_follow_up_plan(cast, anchor, rng))
    return sorted(plans, key=lambda p: p.raised_at)


def _plan(cast, school, category, title, text, at, rng, kind="usual", urgency="") -> NeedPlan:
    leaders = cast.leaders[school.pk]
    raised_by = leaders[0] if len(leaders) == 1 or rng.random() < 0.6 else rng.choice(leaders)
    if not urgency:
        urgency = rng.choice(URGENCIES)
        if category in (C.SAFETY, C.STUDENTS_FAMILIES) and rng.random() < 0.15:
            urgency = U.ALARM
    students = None if category in (C.BUDGET, C.STAFFING) else rng.choice([4, 12, 25, 40, 90])
    return NeedPlan(school, raised_by, category, urgency, title, text, at, kind, students)


def _duplicate_plans(cast, schools, anchor, rng) -> list[NeedPlan]:
    """The near-duplicates: five schools, the last twelve days, routine (due after today)."""
    chosen = sorted(rng.sample(schools, min(len(DUPLICATES), len(schools))), key=lambda s: s.code)
    return [
        _plan(
            cast,
            school,
            C.STUDENTS_FAMILIES,
            title,
            text,
            anchor - dt.timedelta(days=12 - 2 * i, hours=14 - i),
            rng,
            "duplicate",
            U.ROUTINE,
        )
        for i, (school, (title, text)) in enumerate(zip(chosen, DUPLICATES, strict=False))
    ]


def _follow_up_plan(cast, anchor, rng) -> NeedPlan:
    school = cast.network_schools()[-1]
    plan = _plan(
        cast,
        school,
        C.STAFFING,
        "Substitute cover for the network's Friday absences",
        "Agreed at the network meeting: Friday absences across our schools go uncovered. "
        "We ask Human Resources to add cover pool days for the network on Fridays.",
        follow_up_raised_at(anchor),
        rng,
        "follow_up",
        U.SOON,
    )
    plan.raised_by = cast.leaders[school.pk][0]  # its principal, who was at the meeting
    return plan


def _create_needs(district, cast, plans, departments, built, rng) -> None:
    """Create the needs in bulk with their events and comments, states and times
    consistent with the rules (due by the targets; overdue only where planted)."""
    history = _History(district, cast, departments, built.anchor, rng)
    needs = [history.need(plan, index) for index, plan in enumerate(plans)]
    Need.objects.bulk_create(needs, batch_size=500)
    for need in needs:  # created_at is the moment it was raised, as for a need raised live
        need.created_at = need.raised_at
    Need.objects.bulk_update(needs, ["created_at"], batch_size=500)
    NeedEvent.objects.bulk_create(history.events, batch_size=1000)
    comments = history.comments
    NeedComment.objects.bulk_create(comments, batch_size=500)
    for comment, at in zip(comments, history.comment_times, strict=True):
        comment.created_at = at
    NeedComment.objects.bulk_update(comments, ["created_at"], batch_size=500)
    built.duplicates = [n for n, p in zip(needs, plans, strict=True) if p.kind == "duplicate"]
    built.follow_up = next(n for n, p in zip(needs, plans, strict=True) if p.kind == "follow_up")


class _History:
    """Writes each need's states, times, events and comments from its plan."""

    def __init__(self, district, cast: _Cast, departments, anchor: dt.datetime, rng):
        self.district, self.cast, self.departments = district, cast, departments
        self.anchor, self.rng = anchor, rng
        self.events: list[NeedEvent] = []
        self.comments: list[NeedComment] = []
        self.comment_times: list[dt.datetime] = []
        self.overdue_code = PLANTED["overdue_department"]
        self.reopened = self.duplicates = 0
        self.answerer = None

    def need(self, plan: NeedPlan, index: int) -> Need:
        department = self.departments.get(plan.category)
        days = TARGETS[plan.urgency]
        need = Need(
            district=self.district,
            school=plan.school,
            raised_by=plan.raised_by,
            title=plan.title,
            description=plan.description,
            category=plan.category,
            urgency=plan.urgency,
            students_affected=plan.students,
            department=department,
            raised_at=plan.raised_at,
            due_at=due_at(plan.raised_at, days),
            state=S.RAISED,
        )
        self.answerer = self._answerer(need, index)
        where = department.name if department else "the cabinet (no route for it yet)"
        self._event(need, plan.raised_at, "", S.RAISED, f"Routed to {where}.", school=True)
        self._story(need, plan, index, days)
        self._comment(need, plan)
        return need

    def _story(self, need: Need, plan: NeedPlan, index: int, days: int) -> None:
        """Where the need stands today. Only the planted department leaves needs open past
        their due time; every other need due by tomorrow has had its answer."""
        due_by_tomorrow = need.due_at < self.anchor + dt.timedelta(days=1)
        ours = need.department is not None and need.department.code == self.overdue_code
        recent_due = need.due_at > self.anchor - dt.timedelta(days=40)
        if plan.kind == "duplicate":
            self._open(need, DUPLICATE_STATES[self.duplicates % len(DUPLICATE_STATES)])
            self.duplicates += 1
        elif due_by_tomorrow and ours and recent_due and index % 3 != 2:
            self._open(need, self.rng.choice([S.RAISED, S.ACKNOWLEDGED, S.IN_PROGRESS]))
        elif due_by_tomorrow or (
            self.anchor - need.raised_at > dt.timedelta(days=2) and self.rng.random() < 0.25
        ):
            self._settle(need, plan, days, ours)
        else:
            choices = [S.RAISED, S.ACKNOWLEDGED, S.ACKNOWLEDGED, S.IN_PROGRESS]
            self._open(need, self.rng.choice(choices))

    def _open(self, need: Need, state: str) -> None:
        """Leave ``need`` waiting for the district in ``state``."""
        if state == S.RAISED:
            return
        age = self.anchor - need.raised_at
        at = need.raised_at + min(age * 0.3, dt.timedelta(days=1))
        self._move(need, at, S.ACKNOWLEDGED)
        if state == S.IN_PROGRESS:
            self._move(need, at + (self.anchor - at) * 0.4, S.IN_PROGRESS)

    def _settle(self, need: Need, plan: NeedPlan, days: int, ours: bool) -> None:
        """Answer (or decline) ``need``; some answers are late, more in the slow department."""
        late = self.rng.random() < (0.35 if ours else 0.12)
        share = self.rng.uniform(1.05, 1.8) if late else self.rng.uniform(0.15, 0.95)
        end = min(
            need.raised_at + dt.timedelta(days=days) * share, self.anchor - dt.timedelta(hours=2)
        )
        span = end - need.raised_at
        self._move(need, need.raised_at + span * 0.3, S.ACKNOWLEDGED)
        if self.rng.random() < 0.5:
            self._move(need, need.raised_at + span * 0.6, S.IN_PROGRESS)
        if self.rng.random() < 0.08 and plan.kind == "usual":
            self._move(need, end, S.DECLINED, self.rng.choice(DECLINES))
            return
        self._move(need, end, S.ANSWERED, self._answer(plan))
        if self._reopens(need, plan, days):
            return
        if end + dt.timedelta(days=4) < self.anchor and self.rng.random() < 0.6:
            self._move(need, end + dt.timedelta(days=self.rng.uniform(1, 3)), S.CLOSED, school=True)

    def _reopens(self, need: Need, plan: NeedPlan, days: int) -> bool:
        """A few answered needs come back: reopened by the school, then answered again."""
        old = self.anchor - need.raised_at > dt.timedelta(days=3 * WINDOW_DAYS)
        home = need.school == self.cast.school_of("principal")
        if (
            self.reopened >= 3
            or not old
            or plan.kind != "usual"
            or (not home and self.reopened == 0)
        ):
            return False
        self.reopened += 1
        assert need.answered_at is not None
        back = need.answered_at + dt.timedelta(days=2)
        self._move(need, back, S.RAISED, REOPEN_NOTE, school=True)
        need.due_at, need.acknowledged_at = due_at(back, days), None
        self._move(need, back + dt.timedelta(hours=20), S.ACKNOWLEDGED)
        self._move(need, back + dt.timedelta(days=days * 0.5), S.ANSWERED, self._answer(plan))
        return True

    def _answer(self, plan: NeedPlan) -> str:
        texts = SURGE_ANSWERS if plan.kind == "surge" else ANSWERS[plan.category]
        return self.rng.choice(texts)

    def _move(self, need: Need, at, to_state: str, note: str = "", school=False) -> None:
        """Apply one move the rules allow, as ``need_move`` would, and record its event."""
        if to_state not in allowed_moves(need.state, department=not school, school=school):
            raise ValueError(f"The demo tried a move the rules refuse: {need.state} → {to_state}")
        if to_state == S.ACKNOWLEDGED and need.acknowledged_at is None:
            need.acknowledged_at = at
        if to_state == S.ANSWERED:
            need.answered_at, need.answer = at, note
        if to_state == S.DECLINED:
            need.answered_at, need.declined_reason = at, note
        if to_state == S.CLOSED:
            need.closed_at = at
        self._event(need, at, need.state, to_state, note, school=school)
        need.state = to_state

    def _event(self, need, at, from_state, to_state, note, *, school: bool) -> None:
        actor = need.raised_by.user if school else self.answerer
        self.events.append(
            NeedEvent(
                need=need,
                at=at,
                actor=actor,
                from_state=from_state,
                to_state=to_state,
                note=note,
            )
        )

    def _answerer(self, need: Need, index: int):
        """The demo's department log-ins answer for Teaching and Learning; others have none."""
        if need.department is None or need.department.code != self.overdue_code:
            return None
        return self.cast.user("dept_staff" if index % 3 == 0 else "dept_lead")

    def _comment(self, need: Need, plan: NeedPlan) -> None:
        """Comments both ways where the demo has log-ins to write them."""
        if need.acknowledged_at is None:
            return
        until = need.answered_at or self.anchor - dt.timedelta(hours=1)
        at = need.acknowledged_at + (until - need.acknowledged_at) * 0.5
        writers = []
        if need.raised_by.user is not None and self.rng.random() < 0.6:
            writers.append((need.raised_by.user, self.rng.choice(SCHOOL_COMMENTS)))
        if self.answerer is not None and self.rng.random() < 0.4:
            writers.append((self.answerer, self.rng.choice(DISTRICT_COMMENTS)))
        if plan.kind in ("surge", "duplicate") and self.rng.random() < 0.3:
            writers.append((self.cast.user("superintendent"), CABINET_COMMENT))
        for n, (author, body) in enumerate(writers):
            self.comments.append(NeedComment(need=need, author=author, body=body))
            self.comment_times.append(at + dt.timedelta(minutes=37 * n))


def _issue(district, built: DemoVoice, departments, cast: _Cast) -> NeedIssue | None:
    """One issue linking all but the last near-duplicate (yesterday, by the cabinet), not yet
    answered; each linked need records the link as a step of its own."""
    if not built.duplicates:
        return None
    title, summary = ISSUE
    linker = cast.user("superintendent")
    issue = NeedIssue.objects.create(
        district=district,
        title=title,
        category=C.STUDENTS_FAMILIES,
        department=departments[C.STUDENTS_FAMILIES],
        summary=summary,
        created_by=linker,
    )
    linked_at = built.anchor - dt.timedelta(days=1) + dt.timedelta(hours=9)
    NeedIssue.objects.filter(pk=issue.pk).update(created_at=linked_at)
    linked = built.duplicates[:-1]
    Need.objects.filter(pk__in=[n.pk for n in linked]).update(issue=issue)
    NeedEvent.objects.bulk_create(
        NeedEvent(
            need=need,
            at=linked_at,
            actor=linker,
            from_state=need.state,
            to_state=need.state,
            note=f"Linked to the issue: {title}.",
        )
        for need in linked
    )
    for need in linked:
        need.issue = issue
    return issue


def _link(name: str, pk: int, path: str) -> str:
    """The page of an object; its documented path while the part that serves it is unmerged."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return f"/voice/{path}/{pk}/"


# A notification to create: (log-in, kind, title, url, when, already read).
Notice = tuple[str, str, str, str, dt.datetime, bool]
K = Notification.Kind


def _notifications(district: District, cast: _Cast, built: DemoVoice) -> None:
    """A few notifications for the demo log-ins, so the bell is not empty; the older read."""
    rows = [
        *_need_notices(district, cast),
        *_guidance_notices(district, built),
        *_agenda_notices(district, built),
        *_overdue_notices(district),
    ]
    _notify_rows(district, cast, rows)


def _need_notices(district: District, cast: _Cast) -> list[Notice]:
    """The school leaders' log-ins: a need acknowledged, two answered (one already read)."""
    rows: list[Notice] = []
    for username in ("principal", "assistant_principal"):
        needs = Need.objects.filter(district=district, school=cast.school_of(username))
        needs = needs.order_by("-raised_at")
        seen = needs.filter(state=S.ACKNOWLEDGED).first()
        if seen is not None and seen.acknowledged_at is not None:
            link = _link("voice:need", seen.pk, "needs")
            title = f"{seen.title} was acknowledged"
            rows.append((username, K.NEED_ACKNOWLEDGED, title, link, seen.acknowledged_at, False))
        for n, answered in enumerate(needs.filter(state=S.ANSWERED)[:2]):
            link = _link("voice:need", answered.pk, "needs")
            title = f"{answered.title} was answered"
            at = answered.answered_at or answered.raised_at
            rows.append((username, K.NEED_ANSWERED, title, link, at, n > 0))
    return rows


def _guidance_notices(district: District, built: DemoVoice) -> list[Notice]:
    """The new transport version to acknowledge (school leaders) and the grading guardrail
    (the coach, whom it also applies to)."""
    rows: list[Notice] = []
    published = built.anchor - dt.timedelta(days=7, hours=-10)
    asked = [
        ("Telling", ("principal", "assistant_principal"), "New version of {} to acknowledge"),
        ("Grading", ("coach",), "{} to acknowledge"),
    ]
    for start, usernames, wording in asked:
        document = GuidanceDocument.objects.filter(district=district, title__startswith=start)
        for found in document[:1]:
            link = _link("voice:guidance_document", found.pk, "guidance")
            for username in usernames:
                title = wording.format(found.title)
                rows.append((username, K.GUIDANCE_TO_ACKNOWLEDGE, title, link, published, False))
    return rows


def _agenda_notices(district: District, built: DemoVoice) -> list[Notice]:
    """The coming meeting's agenda, to the participants among the log-ins."""
    upcoming = PrincipalMeeting.objects.filter(district=district, starts_at__gt=built.anchor)
    meeting = upcoming.order_by("starts_at").first()
    if meeting is None or meeting.agenda_published_at is None:
        return []
    link = _link("voice:meeting", meeting.pk, "meetings")
    title = f"Agenda published: {meeting.title}"
    return [
        (username, K.AGENDA_PUBLISHED, title, link, meeting.agenda_published_at, False)
        for username in ("principal", "assistant_principal")
    ]


def _overdue_notices(district: District) -> list[Notice]:
    """The department lead's log-in follows the two longest-waiting needs of its queue."""
    waiting = Need.objects.filter(
        district=district,
        department__code=PLANTED["overdue_department"],
        state__in=OPEN_STATES,
    ).order_by("due_at")[:2]
    return [
        (
            "dept_lead",
            K.NEED_UPDATED,
            f"{need.title} is past its due time",
            _link("voice:need", need.pk, "needs"),
            need.due_at,
            False,
        )
        for need in waiting
    ]


def _notify_rows(district, cast: _Cast, rows) -> None:
    notifications, times = [], []
    for username, kind, title, url, at, read in rows:
        user = cast.user(username)
        if user is None:
            continue
        notifications.append(
            Notification(
                district=district,
                user=user,
                kind=kind,
                title=title[:300],
                url=url,
                read_at=at + dt.timedelta(hours=3) if read else None,
            )
        )
        times.append(at)
    Notification.objects.bulk_create(notifications)
    for notification, at in zip(notifications, times, strict=True):
        notification.created_at = at
    Notification.objects.bulk_update(notifications, ["created_at"])
