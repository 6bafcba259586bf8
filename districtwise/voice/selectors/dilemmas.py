"""Reads of consultancy dilemmas: a dilemma's page (its protocol as a stepper, the peers'
feedback grouped by stage for those in the room), the dilemmas of a meeting, and the
lessons principals share with the district.

Outside the room a shared dilemma shows its title, question, context and lessons only:
never the peers' feedback, nor who gave it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from districtwise.voice import access
from districtwise.voice.models import (
    PROTOCOL_ORDER,
    Dilemma,
    DilemmaFeedback,
    FollowUp,
    PrincipalMeeting,
    ProtocolStage,
)
from districtwise.voice.services.dilemmas import (
    FEEDBACK_STAGES,
    NOT_STARTED,
    STEPS,
    next_stage,
    stage_label,
)

# What each stage asks of the room, shown under its heading.
STAGE_GUIDE = {
    ProtocolStage.PRESENTATION: "The presenter sets out the context, the question and what "
    "they have tried. Peers listen.",
    ProtocolStage.CLARIFYING: "Peers ask short questions of fact the presenter can answer "
    "briefly. Record the questions here.",
    ProtocolStage.PROBING: "Peers ask open questions that help the presenter think the "
    "dilemma through; no advice yet.",
    ProtocolStage.DISCUSSION: "Peers talk among themselves about the dilemma while the "
    "presenter listens and takes notes, without speaking.",
    ProtocolStage.REFLECTION: "The presenter says what they heard and what they will take from it.",
}


@dataclass
class StageSection:
    stage: str
    label: str
    state: str  # "done", "current" or "to come"
    guide: str
    feedback: list[DilemmaFeedback] = field(default_factory=list)
    takes_feedback: bool = False


@dataclass
class DilemmaPage:
    dilemma: Dilemma
    in_room: bool
    presents: bool
    may_advance: bool
    stage_label: str
    next_stage: str | None
    next_label: str
    sections: list[StageSection]
    may_post: bool  # the user may record feedback now
    presenter_listens: bool  # the discussion is on and the user presents


def _state(stage: str, current: str) -> str:
    at, now = STEPS.index(stage), STEPS.index(current)
    if at < now:
        return "done"
    return "current" if at == now else "to come"


def _sections(dilemma: Dilemma, in_room: bool) -> list[StageSection]:
    by_stage: dict[str, list[DilemmaFeedback]] = {stage: [] for stage in PROTOCOL_ORDER}
    if in_room:  # outside the room the feedback is never read, not even counted
        for item in dilemma.feedback.select_related("author"):
            by_stage.setdefault(item.stage, []).append(item)
    return [
        StageSection(
            stage=stage,
            label=ProtocolStage(stage).label,
            state=_state(stage, dilemma.stage or NOT_STARTED),
            guide=STAGE_GUIDE[ProtocolStage(stage)],
            feedback=by_stage[stage],
            takes_feedback=stage in FEEDBACK_STAGES,
        )
        for stage in PROTOCOL_ORDER
    ]


def dilemma_page(*, user, dilemma: Dilemma) -> DilemmaPage:
    """What ``user`` sees of ``dilemma`` (already known visible to them): the protocol and,
    in the room, the feedback per stage; outside it, only what the presenter shared."""
    district = dilemma.meeting.district
    in_room = access.in_dilemma_room(user, district, dilemma)
    presents = access.presents(user, district, dilemma)
    upcoming = next_stage(dilemma.stage)
    listening = presents and dilemma.stage == ProtocolStage.DISCUSSION
    return DilemmaPage(
        dilemma=dilemma,
        in_room=in_room,
        presents=presents,
        may_advance=in_room and access.advances_protocol(user, district, dilemma),
        stage_label=stage_label(dilemma.stage),
        next_stage=upcoming,
        next_label=stage_label(upcoming) if upcoming is not None else "",
        sections=_sections(dilemma, in_room),
        may_post=in_room and dilemma.stage in FEEDBACK_STAGES and not listening,
        presenter_listens=listening,
    )


def dilemmas_for_meeting(*, user, meeting: PrincipalMeeting) -> QuerySet[Dilemma]:
    """The dilemmas of ``meeting`` the user may read: all of them in the room, the shared
    ones outside it."""
    visible = access.visible_dilemmas(user, meeting.district)
    return visible.filter(meeting=meeting).select_related("presenter").order_by("created_at")


@dataclass
class Lesson:
    dilemma: Dilemma
    tasks: list[FollowUp]


def shared_lessons(*, user, district, text: str = "") -> list[Lesson]:
    """The lessons principals shared with the district that the user may read, newest first;
    ``text`` narrows them to those whose title, question, context or lessons contain it."""
    shared = access.visible_dilemmas(user, district).filter(shared_at__isnull=False)
    text = (text or "").strip()
    if text:
        shared = shared.filter(
            Q(title__icontains=text)
            | Q(question__icontains=text)
            | Q(context__icontains=text)
            | Q(lessons__icontains=text)
        )
    shared = shared.select_related("meeting", "presenter__school").prefetch_related("tasks__owner")
    return [
        Lesson(dilemma=dilemma, tasks=list(dilemma.tasks.all()))
        for dilemma in shared.order_by("-shared_at", "-pk")
    ]
