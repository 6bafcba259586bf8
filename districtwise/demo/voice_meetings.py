"""The demo's principal meetings: the first network's meeting of a fortnight ago (an
agenda both ways, one item proposed by a principal, minutes, follow-ups, a consultancy
dilemma with feedback at every stage, a reflection and shared lessons) and its next
meeting, whose agenda is published and where a principal will bring a confidential dilemma."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from districtwise.demo.voice_content import MEETING_DAYS_AGO
from districtwise.voice.models import (
    PROTOCOL_ORDER,
    AgendaItem,
    Dilemma,
    DilemmaFeedback,
    FollowUp,
    MeetingParticipant,
    PrincipalMeeting,
    ProtocolStage,
)

IN, R = AgendaItem.Direction.INFORM, AgendaItem.Direction.RECEIVE
P = ProtocolStage
UPCOMING_IN_DAYS = 12

# (title, description, direction, minutes, notes); the first is proposed by a principal.
PAST_AGENDA = [
    (
        "What the merged bus stops mean for our families",
        "Principals bring what they have seen since the stops were merged.",
        IN,
        25,
        "Every school reported longer walks; three named the ring road stop. The network "
        "lead will collect the stops and take them to Operations.",
    ),
    (
        "Winter assessment window",
        "Teaching and Learning presents the dates and what changes from last year.",
        R,
        15,
        "The window opens after the make-up days; schools asked for the room plan early.",
    ),
    (
        "Friday cover across the network",
        "Principals compare how Friday absences are being covered.",
        IN,
        15,
        "Friday absences go uncovered in most schools; raise it to Human Resources as a need.",
    ),
    (
        "Draft grading guardrail",
        "The district presents the draft and what schools decide for themselves.",
        R,
        20,
        "Principals welcomed the room to set reassessment windows; asked for examples.",
    ),
    (
        "Consultancy: a dilemma from one of us",
        "One principal brings a dilemma under the consultancy protocol.",
        IN,
        45,
        "Held under the protocol; the presenter keeps the record.",
    ),
]
MINUTES = (
    "Attendance: the network's principals, the network lead.\n\n"
    "1. Bus stops: longer walks reported everywhere; the ring road stop is unsafe. Action: "
    "the network lead collects the stops for Operations.\n"
    "2. Assessment window: dates noted; room plans wanted by the end of the month.\n"
    "3. Friday cover: to be raised to Human Resources as a need from the network.\n"
    "4. Grading guardrail: broadly welcomed; examples of reassessment windows asked for.\n"
    "5. Consultancy: held; confidential to those present unless the presenter shares."
)
UPCOMING_AGENDA = [
    (
        "The revised stop plan",
        "Operations and Family Engagement present the revised stops and how families will be told.",
        R,
    ),
    (
        "Winter attendance: what we are seeing",
        "Principals bring their attendance since the stop change.",
        IN,
    ),
]
PROPOSED = (
    "Sharing cover between neighbouring schools",
    "Could neighbouring schools share a cover teacher on Fridays?",
    IN,
)
DILEMMA = {
    "title": "Protecting the reading intervention block",
    "context": (
        "We added a thirty-minute reading intervention block this year. In the last twenty "
        "school days it was cancelled nine times: assemblies, testing, a drill and cover "
        "for absent staff. Teachers are starting to treat it as optional."
    ),
    "question": (
        "How do I make the block hold without becoming the principal who says no to everything?"
    ),
    "tried": (
        "Put the block on the master calendar; asked the office not to book over it; "
        "covered it myself twice."
    ),
    "reflection": (
        "I heard that the block is protected only if I name what gives way instead. I will "
        "agree with the team which two things may move into the block, and no others."
    ),
    "lessons": (
        "District dates (testing windows, drills, trainings) land on protected blocks "
        "because the district cannot see them. A way for schools to mark protected time "
        "would let the central office plan around it."
    ),
}
FEEDBACK: dict[str, list[str]] = {
    P.PRESENTATION: [
        "Heard: the block exists on paper but loses to every other demand.",
    ],
    P.CLARIFYING: [
        "Who decides on the day whether the block is cancelled?",
        "Which of the nine cancellations came from the district rather than the school?",
    ],
    P.PROBING: [
        "What would it mean for you if the block were cancelled only once a month?",
        "What do the teachers think the block is for?",
    ],
    P.DISCUSSION: [
        "It sounds like the block has no owner besides the principal.",
        "Three of the cancellations were district dates; that is worth raising.",
        "Naming what may move into the block could make the rest easier to refuse.",
    ],
    P.REFLECTION: [
        "The presenter will test the two-exceptions rule for four weeks and report back.",
    ],
}
CONFIDENTIAL_DILEMMA = {
    "title": "A grade team that will not share planning",
    "context": (
        "One grade team plans separately and the gap between classes is widening; the "
        "team lead is respected and resists a common plan."
    ),
    "question": "How do I move the team to shared planning without losing its lead?",
    "tried": "Offered shared planning time; joined two team meetings.",
}


@dataclass
class DemoMeetings:
    past: PrincipalMeeting
    upcoming: PrincipalMeeting
    transport_item: AgendaItem
    dilemma: Dilemma


def meetings_build(*, district, cast, built, rng) -> DemoMeetings:
    """The first network's past and upcoming meetings, with their agendas and dilemmas."""
    lead = cast.logins["network_lead"]
    schools = cast.network_schools()
    principals = [cast.leaders[s.pk][0] for s in schools]
    people = [lead, *principals]
    ap = cast.logins.get("assistant_principal")
    if ap is not None and ap.school in schools:
        people.append(ap)
    anchor = built.anchor
    past = _meeting(district, lead, people, anchor, -MEETING_DAYS_AGO)
    past.minutes = MINUTES
    past.minutes_published_at = past.starts_at + dt.timedelta(days=1)
    past.save(update_fields=["minutes", "minutes_published_at"])
    home = cast.logins.get("principal") or principals[0]
    dept_lead = cast.logins.get("dept_lead") or lead
    proposers = [home, dept_lead, lead, dept_lead, lead]
    items = [
        AgendaItem(
            meeting=past,
            title=title,
            description=text,
            direction=direction,
            proposed_by=proposer,
            position=position,
            minutes_taken=minutes,
            notes=notes,
        )
        for position, ((title, text, direction, minutes, notes), proposer) in enumerate(
            zip(PAST_AGENDA, proposers, strict=True)
        )
    ]
    AgendaItem.objects.bulk_create(items)
    _follow_ups(past, items, lead, dept_lead, built)
    presenter = next((p for p in principals if p != home), home)
    dilemma = _dilemma(past, presenter, [p for p in people if p != presenter])
    upcoming = _upcoming(district, lead, people, principals, home, anchor)
    for meeting in (past, upcoming):
        _date_rows(meeting, anchor)
    return DemoMeetings(past=past, upcoming=upcoming, transport_item=items[0], dilemma=dilemma)


def _date_rows(meeting: PrincipalMeeting, anchor: dt.datetime) -> None:
    """Creation times as if written live: the meeting convened five days before its agenda
    went out, the items in the days between, follow-ups the evening of the meeting."""
    assert meeting.agenda_published_at is not None
    convened = meeting.agenda_published_at - dt.timedelta(days=5)
    PrincipalMeeting.objects.filter(pk=meeting.pk).update(created_at=convened)
    for item in meeting.agenda_items.all():
        at = convened + dt.timedelta(days=1, hours=3 * item.position)
        AgendaItem.objects.filter(pk=item.pk).update(created_at=at)
    meeting.follow_ups.update(created_at=meeting.starts_at + dt.timedelta(hours=2))
    if meeting.starts_at > anchor:  # the coming meeting's dilemma, brought yesterday
        meeting.dilemmas.update(created_at=anchor - dt.timedelta(hours=14))


def meeting_start(anchor: dt.datetime, days: int) -> dt.datetime:
    """3:30 p.m. on the day ``days`` from ``anchor``; a weekend moves to the Friday before."""
    day = anchor + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day + dt.timedelta(hours=15, minutes=30)


def follow_up_raised_at(anchor: dt.datetime) -> dt.datetime:
    """When the past meeting's follow-up need was raised: 10 a.m. the next school day."""
    day = meeting_start(anchor, -MEETING_DAYS_AGO) - dt.timedelta(hours=15, minutes=30)
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day + dt.timedelta(hours=10)


def _meeting(district, lead, people, anchor, days) -> PrincipalMeeting:
    starts = meeting_start(anchor, days)
    network = lead.memberships.filter(role="network_lead").first().network
    meeting = PrincipalMeeting.objects.create(
        district=district,
        network=network,
        title=f"{network.name} principals, {starts:%B} {starts.day}",
        starts_at=starts,
        location="Network office, room 2",
        convened_by=lead,
        # A week ahead for the past meeting; two days ago for the coming one.
        agenda_published_at=starts - dt.timedelta(days=7)
        if days < 0
        else anchor - dt.timedelta(days=2, hours=-9),
    )
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, person=person) for person in people
    )
    return meeting


def _follow_ups(meeting, items, lead, dept_lead, built) -> None:
    day = meeting.starts_at.date()
    follow_up = built.follow_up
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                meeting=meeting,
                agenda_item=items[0],
                description="Collect the stops where children walk without a sidewalk "
                "and take them to Operations.",
                owner=lead,
                due_on=day + dt.timedelta(days=7),
                done_at=meeting.starts_at + dt.timedelta(days=5),
            ),
            FollowUp(
                meeting=meeting,
                agenda_item=items[2],
                kind=FollowUp.Kind.NEED,
                description="Raise Friday cover for the network's schools with Human Resources.",
                owner=follow_up.raised_by,
                due_on=day + dt.timedelta(days=3),
                done_at=follow_up.raised_at,
                need=follow_up,
            ),
            FollowUp(
                meeting=meeting,
                agenda_item=items[3],
                description="Send principals three examples of reassessment windows.",
                owner=dept_lead,
                due_on=built.anchor.date() + dt.timedelta(days=10),
            ),
        ]
    )


def _dilemma(meeting, presenter, peers) -> Dilemma:
    """The protocol run through to the end, with feedback at every stage, lessons shared."""
    start = meeting.starts_at + dt.timedelta(minutes=75)
    dilemma = Dilemma.objects.create(
        meeting=meeting,
        presenter=presenter,
        stage="done",
        shared_at=meeting.starts_at + dt.timedelta(days=3),
        **DILEMMA,
    )
    feedback = []
    for stage in PROTOCOL_ORDER:
        for n, body in enumerate(FEEDBACK[stage]):
            feedback.append(
                DilemmaFeedback(
                    dilemma=dilemma, stage=stage, author=peers[n % len(peers)], body=body
                )
            )
    DilemmaFeedback.objects.bulk_create(feedback)
    for n, row in enumerate(feedback):  # in the protocol's order, as they were written
        row.created_at = start + dt.timedelta(minutes=2 * n)
    DilemmaFeedback.objects.bulk_update(feedback, ["created_at"])
    Dilemma.objects.filter(pk=dilemma.pk).update(created_at=start - dt.timedelta(days=6))
    return dilemma


def _upcoming(district, lead, people, principals, home, anchor) -> PrincipalMeeting:
    meeting = _meeting(district, lead, people, anchor, UPCOMING_IN_DAYS)
    proposer = next((p for p in principals if p != home), home)
    AgendaItem.objects.bulk_create(
        [
            *(
                AgendaItem(
                    meeting=meeting,
                    title=title,
                    description=text,
                    direction=direction,
                    proposed_by=lead if direction == R else home,
                    position=position,
                )
                for position, (title, text, direction) in enumerate(UPCOMING_AGENDA)
            ),
            AgendaItem(
                meeting=meeting,
                title=PROPOSED[0],
                description=PROPOSED[1],
                direction=PROPOSED[2],
                status=AgendaItem.Status.PROPOSED,
                proposed_by=proposer,
                position=len(UPCOMING_AGENDA),
            ),
        ]
    )
    Dilemma.objects.create(meeting=meeting, presenter=home, **CONFIDENTIAL_DILEMMA)
    return meeting
