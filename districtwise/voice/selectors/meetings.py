"""Reads of principal meetings: the list a user may read, a meeting's agenda and minutes
as that user may see them, its follow-ups, and the people a form offers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from districtwise.core.models import Membership
from districtwise.core.roles import SCHOOL_LEADERS, Role
from districtwise.organization.models import Person
from districtwise.voice import access
from districtwise.voice.models import AgendaItem, FollowUp, PrincipalMeeting

Item = AgendaItem
NOT_STAFF = frozenset({Role.PARTNER, Role.FAMILY_MEMBER})


@dataclass
class MeetingList:
    upcoming: list[PrincipalMeeting]
    past: list[PrincipalMeeting]


def meeting_list(*, user, district) -> MeetingList:
    """The meetings the user may read: upcoming ones soonest first, past ones latest first."""
    now = timezone.now()
    meetings = (
        access.visible_meetings(user, district)
        .select_related("network", "convened_by")
        .annotate(participant_count=Count("participations", distinct=True))
    )
    return MeetingList(
        upcoming=list(meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")),
        past=list(meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")),
    )


@dataclass
class Agenda:
    """A meeting's agenda as one user sees it."""

    items: list[AgendaItem]
    proposals: list[AgendaItem]
    declined: list[AgendaItem]
    total_minutes: int
    # False when the agenda is a draft the user may not read yet.
    shown: bool
    minutes_shown: bool
    follow_ups: list[FollowUp] = field(default_factory=list)


def meeting_agenda(*, user, district, meeting: PrincipalMeeting) -> Agenda:
    """The agenda of ``meeting`` for ``user``: runners see everything, drafts included;
    the other readers see the agenda once published (or its minutes are), proposals
    then (and their own always), and the minutes and the items' notes once the minutes
    are published."""
    runs = access.runs_meeting(user, district, meeting)
    mine = access.person_ids(user, district)
    published = meeting.agenda_published_at or meeting.minutes_published_at
    shown = runs or published is not None
    every = list(meeting.agenda_items.select_related("proposed_by"))
    items = [i for i in every if i.status == Item.Status.ACCEPTED] if shown else []
    proposals = [
        i for i in every if i.status == Item.Status.PROPOSED and (shown or i.proposed_by_id in mine)
    ]
    declined = [
        i for i in every if i.status == Item.Status.DECLINED and (runs or i.proposed_by_id in mine)
    ]
    minutes_shown = runs or meeting.minutes_published_at is not None
    return Agenda(
        items=items,
        proposals=proposals,
        declined=declined,
        total_minutes=sum(i.minutes_taken or 0 for i in items),
        shown=shown,
        minutes_shown=minutes_shown,
        follow_ups=meeting_follow_ups(meeting=meeting) if shown else [],
    )


def meeting_follow_ups(*, meeting: PrincipalMeeting) -> list[FollowUp]:
    """The follow-ups a meeting decided, by due date, with their owner and need."""
    return list(meeting.follow_ups.select_related("owner", "need", "agenda_item"))


def open_tasks_of(*, user, district) -> QuerySet[FollowUp]:
    """The user's own follow-up tasks not done yet, soonest due first."""
    return (
        FollowUp.objects.filter(
            meeting__district=district,
            owner__in=access.person_ids(user, district),
            kind=FollowUp.Kind.TASK,
            done_at__isnull=True,
        )
        .select_related("meeting", "agenda_item")
        .order_by("due_on", "pk")
    )


def _active(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    today = timezone.localdate()
    return memberships.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def school_leader_choices(district) -> QuerySet[Person]:
    """Who may take part in a principal meeting: the district's principals and assistant
    principals, by name."""
    leading = _active(Membership.objects.filter(district=district, role__in=SCHOOL_LEADERS))
    return (
        Person.objects.filter(district=district, pk__in=leading.values("person"))
        .select_related("school", "department")
        .order_by("family_name", "given_name")
    )


def default_participants(district) -> dict[str, list[int]]:
    """Who is invited by default, by network id ("" for a district-wide meeting): the
    principals and assistant principals of the network's schools (or of all schools)."""
    leading = _active(
        Membership.objects.filter(district=district, role__in=SCHOOL_LEADERS, school__isnull=False)
    ).values_list("person_id", "school__network_id")
    defaults: dict[str, set[int]] = {"": set()}
    for person_id, network_id in leading:
        defaults[""].add(person_id)
        if network_id is not None:
            defaults.setdefault(str(network_id), set()).add(person_id)
    return {key: sorted(ids) for key, ids in defaults.items()}


def owner_choices(district, meeting: PrincipalMeeting) -> QuerySet[Person]:
    """Who may own a follow-up: the meeting's participants and the district's staff."""
    staff = _active(Membership.objects.filter(district=district)).exclude(role__in=NOT_STAFF)
    return (
        Person.objects.filter(district=district)
        .filter(Q(pk__in=staff.values("person")) | Q(meeting_participations__meeting=meeting))
        .distinct()
        .select_related("school", "department")
        .order_by("family_name", "given_name")
    )
