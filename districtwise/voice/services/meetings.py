"""Writes of principal meetings: convening one, its agenda (items added, proposed,
accepted or declined, reordered, published), its minutes, and the follow-ups it decides.

Every change is one transaction with an audit-history row. A change the rules refuse
raises a ``ValidationError`` naming the field and saying what is wrong; nothing is saved.
Who may make each change is checked by ``voice.access`` before a service is called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.core.models import Membership, Notification
from districtwise.core.notifications import notify
from districtwise.core.roles import SCHOOL_LEADERS
from districtwise.organization.models import Person, School
from districtwise.voice.models import AgendaItem, FollowUp, MeetingParticipant, PrincipalMeeting
from districtwise.voice.services.needs import need_raise

Item = AgendaItem


# ----- the meeting -----------------------------------------------------------------------
def _check_meeting(*, district, network, title: str, participants: Iterable[Person]) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Give the meeting a title, e.g. 'North network principals, March'."
    if network is not None and network.district_id != district.pk:
        errors["network"] = "That network belongs to another district."
    strangers = [p.full_name for p in participants if p.district_id != district.pk]
    if strangers:
        errors["participants"] = (
            f"{', '.join(strangers)} work in another district and cannot take part."
        )
    if errors:
        raise ValidationError(errors)


def _set_participants(meeting: PrincipalMeeting, participants: Iterable[Person]) -> None:
    wanted = {person.pk for person in participants}
    meeting.participations.exclude(person__in=wanted).delete()
    present = set(meeting.participations.values_list("person_id", flat=True))
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, person_id=pk) for pk in sorted(wanted - present)
    )


@transaction.atomic
def meeting_convene(
    *,
    actor,
    district,
    convened_by: Person,
    network,
    title: str,
    starts_at: dt.datetime,
    location: str = "",
    participants: Iterable[Person] = (),
) -> PrincipalMeeting:
    """Convene a principal meeting (district-wide when ``network`` is None) with its
    participants. Its agenda starts as an unpublished draft."""
    participants = list(participants)
    _check_meeting(district=district, network=network, title=title, participants=participants)
    meeting = PrincipalMeeting.objects.create(
        district=district,
        network=network,
        title=title.strip(),
        starts_at=starts_at,
        location=location.strip(),
        convened_by=convened_by,
    )
    _set_participants(meeting, participants)
    audit_created(actor=actor, district=district, obj=meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: PrincipalMeeting,
    title: str,
    starts_at: dt.datetime,
    location: str = "",
    participants: Iterable[Person] = (),
) -> PrincipalMeeting:
    """Change a meeting's title, time, place and participants."""
    participants = list(participants)
    _check_meeting(
        district=meeting.district,
        network=meeting.network,
        title=title,
        participants=participants,
    )
    before = snapshot(meeting) | {"participants": _participant_names(meeting)}
    meeting.title, meeting.starts_at = title.strip(), starts_at
    meeting.location = location.strip()
    meeting.save()
    _set_participants(meeting, participants)
    after = snapshot(meeting) | {"participants": _participant_names(meeting)}
    _audit_update(actor, meeting.district, meeting, before, after)
    return meeting


def _participant_names(meeting: PrincipalMeeting) -> list[str]:
    return sorted(str(p.person) for p in meeting.participations.select_related("person"))


def _audit_update(actor, district, obj, before: dict, after: dict) -> None:
    audit_record(
        actor=actor,
        district=district,
        action="update",
        obj=obj,
        changes=changed_fields(before, after),
    )


# ----- the agenda ------------------------------------------------------------------------
def _check_item(*, title: str, direction: str, minutes_taken: int | None = None) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Give the item a title: what is to be talked about."
    if direction not in Item.Direction.values:
        errors["direction"] = "Say whether principals inform the district or the district presents."
    if minutes_taken is not None and not 1 <= minutes_taken <= 480:
        errors["minutes_taken"] = "Give the time for the item in minutes, from 1 to 480."
    if errors:
        raise ValidationError(errors)


def _next_position(meeting: PrincipalMeeting) -> int:
    accepted = meeting.agenda_items.filter(status=Item.Status.ACCEPTED)
    return (accepted.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    meeting: PrincipalMeeting,
    proposed_by: Person,
    title: str,
    direction: str,
    description: str = "",
    minutes_taken: int | None = None,
) -> AgendaItem:
    """Put an item straight on the agenda, after the items already there."""
    _check_item(title=title, direction=direction, minutes_taken=minutes_taken)
    item = Item.objects.create(
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        direction=direction,
        status=Item.Status.ACCEPTED,
        proposed_by=proposed_by,
        position=_next_position(meeting),
        minutes_taken=minutes_taken,
    )
    audit_created(actor=actor, district=meeting.district, obj=item)
    return item


@transaction.atomic
def agenda_item_propose(
    *,
    actor,
    meeting: PrincipalMeeting,
    proposed_by: Person,
    title: str,
    direction: str,
    description: str = "",
) -> AgendaItem:
    """A participant proposes an item; it waits for the convener to accept or decline it."""
    _check_item(title=title, direction=direction)
    item = Item.objects.create(
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        direction=direction,
        status=Item.Status.PROPOSED,
        proposed_by=proposed_by,
        position=0,
    )
    audit_created(actor=actor, district=meeting.district, obj=item)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor,
    item: AgendaItem,
    title: str,
    direction: str,
    description: str = "",
    minutes_taken: int | None = None,
) -> AgendaItem:
    """Change an item's title, direction, description and time."""
    _check_item(title=title, direction=direction, minutes_taken=minutes_taken)
    before = snapshot(item)
    item.title, item.direction = title.strip(), direction
    item.description, item.minutes_taken = description.strip(), minutes_taken
    item.save()
    _audit_update(actor, item.meeting.district, item, before, snapshot(item))
    return item


def _renumber(meeting: PrincipalMeeting, ordered: list[AgendaItem]) -> None:
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position", "updated_at"])


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, up: bool) -> AgendaItem:
    """Move an accepted item one place up or down the agenda (the others close ranks)."""
    if item.status != Item.Status.ACCEPTED:
        raise ValidationError({"position": "Only items on the agenda have a place in it."})
    ordered = list(item.meeting.agenda_items.filter(status=Item.Status.ACCEPTED))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    before = item.position
    _renumber(item.meeting, ordered)
    item.refresh_from_db()
    audit_record(
        actor=actor,
        district=item.meeting.district,
        action="update",
        obj=item,
        changes={"position": [before, item.position]} if before != item.position else {},
    )
    return item


@transaction.atomic
def agenda_item_remove(*, actor, item: AgendaItem) -> None:
    """Take an item off the agenda; the others close ranks. Its follow-ups stay."""
    meeting = item.meeting
    audit_record(
        actor=actor,
        district=meeting.district,
        action="delete",
        obj=item,
        changes={k: [v, None] for k, v in snapshot(item).items() if v not in (None, "")},
    )
    item.delete()
    _renumber(meeting, list(meeting.agenda_items.filter(status=Item.Status.ACCEPTED)))


@transaction.atomic
def agenda_proposal_decide(*, actor, item: AgendaItem, accept: bool) -> AgendaItem:
    """Accept a proposed item (it joins the end of the agenda) or decline it."""
    item = Item.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if item.status != Item.Status.PROPOSED:
        raise ValidationError(
            {"status": f"'{item.title}' was already decided: {item.get_status_display()}."}
        )
    before = snapshot(item)
    if accept:
        item.status, item.position = Item.Status.ACCEPTED, _next_position(item.meeting)
    else:
        item.status = Item.Status.DECLINED
    item.save()
    _audit_update(actor, item.meeting.district, item, before, snapshot(item))
    return item


@transaction.atomic
def agenda_publish(*, actor, meeting: PrincipalMeeting) -> list[Notification]:
    """Publish the agenda and tell every participant (each once; not the one publishing).
    Publishing again after a change tells them it was updated."""
    meeting = PrincipalMeeting.objects.select_for_update().get(pk=meeting.pk)
    now = timezone.now()
    if meeting.starts_at <= now:
        when = timezone.localtime(meeting.starts_at).strftime("%B %-d, %Y at %-I:%M %p")
        raise ValidationError(
            {"agenda": f"The meeting began on {when}: its agenda can no longer be published."}
        )
    if not meeting.agenda_items.filter(status=Item.Status.ACCEPTED).exists():
        raise ValidationError({"agenda": "Put at least one item on the agenda first."})
    again = meeting.agenda_published_at is not None
    before = snapshot(meeting)
    meeting.agenda_published_at = now
    meeting.save(update_fields=["agenda_published_at", "updated_at"])
    _audit_update(actor, meeting.district, meeting, before, snapshot(meeting))
    users = [p.person.user for p in meeting.participations.select_related("person__user")]
    return notify(
        district=meeting.district,
        users=[user for user in users if user is not None and user.pk != actor.pk],
        kind=Notification.Kind.AGENDA_PUBLISHED,
        title=f"{'Updated agenda' if again else 'Agenda'}: {meeting.title}",
        url=reverse("voice:meeting", args=[meeting.pk]),
    )


# ----- minutes ---------------------------------------------------------------------------
@transaction.atomic
def minutes_save(
    *,
    actor,
    meeting: PrincipalMeeting,
    minutes: str,
    item_notes: Mapping[int, str],
    publish: bool = False,
) -> PrincipalMeeting:
    """Keep the minutes: the overall notes and each agenda item's. A draft reads to the
    meeting's runners only; publishing makes the minutes readable to all its readers."""
    items = {item.pk: item for item in meeting.agenda_items.filter(status=Item.Status.ACCEPTED)}
    strangers = set(item_notes) - set(items)
    if strangers:
        raise ValidationError({"minutes": "Notes were sent for items not on this agenda."})
    for pk, notes in item_notes.items():
        item = items[pk]
        if item.notes != notes.strip():
            before = snapshot(item)
            item.notes = notes.strip()
            item.save(update_fields=["notes", "updated_at"])
            _audit_update(actor, meeting.district, item, before, snapshot(item))
    before = snapshot(meeting)
    meeting.minutes = minutes.strip()
    if publish and meeting.minutes_published_at is None:
        meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes", "minutes_published_at", "updated_at"])
    _audit_update(actor, meeting.district, meeting, before, snapshot(meeting))
    return meeting


# ----- follow-ups --------------------------------------------------------------------------
def led_school(person: Person) -> School | None:
    """The school ``person`` leads now (as principal or assistant principal), if any."""
    today = timezone.localdate()
    membership = (
        Membership.objects.filter(person=person, role__in=SCHOOL_LEADERS, school__isnull=False)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("school")
        .order_by("pk")
        .first()
    )
    return membership.school if membership else None


@transaction.atomic
def follow_up_add(
    *,
    actor,
    item: AgendaItem,
    kind: str,
    owner: Person,
    description: str,
    due_on: dt.date | None = None,
    need: Mapping | None = None,
) -> FollowUp:
    """A follow-up of an agenda item: a task for ``owner`` by ``due_on``, or a need the
    owner's school raises to the district (``need`` holds its title, category, urgency
    and students affected), routed like any need and linked here."""
    meeting = item.meeting
    description = description.strip()
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = "Say what is to be done (or, for a need, what is needed)."
    if owner.district_id != meeting.district_id:
        errors["owner"] = f"{owner.full_name} works in another district: choose an owner here."
    school = led_school(owner) if kind == FollowUp.Kind.NEED else None
    if kind == FollowUp.Kind.NEED and "owner" not in errors and school is None:
        errors["owner"] = (
            f"{owner.full_name} leads no school: a need is raised by a principal or an "
            "assistant principal for their school."
        )
    # A need speaks for its school: only a school leader in the room raises one from here.
    in_room = meeting.participations.filter(person=owner).exists()
    if kind == FollowUp.Kind.NEED and "owner" not in errors and not in_room:
        errors["owner"] = (
            f"{owner.full_name} did not take part in this meeting: a need is raised from a "
            "meeting by one of its participants, for their own school."
        )
    if kind not in FollowUp.Kind.values:
        errors["kind"] = "Choose a task or a need raised to the district."
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp(
        meeting=meeting, agenda_item=item, kind=kind, description=description, owner=owner
    )
    if kind == FollowUp.Kind.NEED:
        follow_up.need = _raise_need(actor, meeting, school, owner, description, need or {})
        follow_up.due_on = timezone.localtime(follow_up.need.due_at).date()
    else:
        follow_up.due_on = due_on
    follow_up.save()
    audit_created(actor=actor, district=meeting.district, obj=follow_up)
    return follow_up


def _raise_need(actor, meeting, school, owner, description: str, need: Mapping):
    title = str(need.get("title") or "").strip()
    if not title:
        raise ValidationError({"need_title": "Give the need a short title the district reads."})
    return need_raise(
        actor=actor,
        district=meeting.district,
        school=school,
        raised_by=owner,
        title=title,
        description=description,
        category=need.get("category") or "",
        urgency=need.get("urgency") or "",
        students_affected=need.get("students_affected"),
    )


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp, done: bool = True) -> FollowUp:
    """Mark a task done (or not done after all). A need follows its own states instead."""
    if follow_up.kind != FollowUp.Kind.TASK:
        raise ValidationError(
            {"done_at": "A need is done when the district answers it: follow it on its page."}
        )
    before = snapshot(follow_up)
    follow_up.done_at = timezone.now() if done else None
    follow_up.save(update_fields=["done_at", "updated_at"])
    _audit_update(actor, follow_up.meeting.district, follow_up, before, snapshot(follow_up))
    return follow_up
