"""Writes of consultancy dilemmas: bringing one to a meeting, running its protocol stage
by stage, the peers' feedback, the presenter's record, sharing the lessons with the
district, and the district turning a shared lesson into a task.

Every change is one transaction with an audit-history row. A move the protocol does not
allow is refused with a ``ValidationError`` saying what the protocol expects; nothing is
saved.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.voice.models import (
    PROTOCOL_ORDER,
    Dilemma,
    DilemmaFeedback,
    FollowUp,
    ProtocolStage,
)

NOT_STARTED = ""
DONE = "done"
# The protocol from before it starts to after the reflection is kept.
STEPS: tuple[str, ...] = (NOT_STARTED, *PROTOCOL_ORDER, DONE)
# The stages at which peers put their questions and notes on record.
FEEDBACK_STAGES = frozenset(
    {ProtocolStage.CLARIFYING, ProtocolStage.PROBING, ProtocolStage.DISCUSSION}
)


def stage_label(stage: str) -> str:
    """What a step of the protocol is called on the page."""
    if stage == NOT_STARTED:
        return "Not started"
    if stage == DONE:
        return "Done"
    return ProtocolStage(stage).label


def next_stage(stage: str) -> str | None:
    """The step after ``stage``; None once the protocol is done."""
    at = STEPS.index(stage)
    return STEPS[at + 1] if at + 1 < len(STEPS) else None


def _required(**texts: str) -> dict[str, str]:
    """The texts stripped; a ValidationError naming each one left empty."""
    stripped = {name: (text or "").strip() for name, text in texts.items()}
    empty = {name: "Write this: it cannot be empty." for name, text in stripped.items() if not text}
    if empty:
        raise ValidationError(empty)
    return stripped


@transaction.atomic
def dilemma_bring(
    *, actor, meeting, presenter, title: str, context: str, question: str, tried: str = ""
) -> Dilemma:
    """Bring ``presenter``'s dilemma to ``meeting``; it is confidential to the meeting's
    participants and waits for the protocol to start."""
    texts = _required(title=title, context=context, question=question)
    dilemma = Dilemma(meeting=meeting, presenter=presenter, tried=(tried or "").strip(), **texts)
    dilemma.full_clean()
    dilemma.save()
    audit_created(actor=actor, district=meeting.district, obj=dilemma)
    return dilemma


def _update(actor, dilemma: Dilemma, before: dict) -> Dilemma:
    dilemma.full_clean()
    dilemma.save()
    audit_record(
        actor=actor,
        district=dilemma.meeting.district,
        action="update",
        obj=dilemma,
        changes=changed_fields(before, snapshot(dilemma)),
    )
    return dilemma


def _locked(dilemma: Dilemma) -> Dilemma:
    return (
        Dilemma.objects.select_for_update().select_related("meeting__district").get(pk=dilemma.pk)
    )


@transaction.atomic
def dilemma_advance(*, actor, dilemma: Dilemma, to_stage: str) -> Dilemma:
    """Move the protocol one step forward, to ``to_stage``. Any other step (back, or past a
    stage) is refused, so two people pressing "next" at once move it only once."""
    dilemma = _locked(dilemma)
    expected = next_stage(dilemma.stage)
    if expected is None:
        raise ValidationError({"stage": "The protocol is done: there is no stage after it."})
    if to_stage != expected:
        raise ValidationError(
            {
                "stage": (
                    f"The protocol is at “{stage_label(dilemma.stage)}”; it moves on only "
                    f"to “{stage_label(expected)}”, one stage at a time."
                )
            }
        )
    before = snapshot(dilemma)
    dilemma.stage = to_stage
    return _update(actor, dilemma, before)


@transaction.atomic
def dilemma_feedback_add(
    *, actor, dilemma: Dilemma, author, stage: str, body: str
) -> DilemmaFeedback:
    """A peer's question or note at ``stage``, which must be the protocol's current stage
    and one where peers speak. During the discussion the presenter listens."""
    dilemma = _locked(dilemma)
    if stage not in FEEDBACK_STAGES:
        raise ValidationError(
            {
                "stage": "Peers put questions and notes on record only during "
                "the clarifying questions, the probing questions and the "
                "discussion."
            }
        )
    if stage != dilemma.stage:
        raise ValidationError(
            {
                "stage": (
                    f"The protocol has moved on to “{stage_label(dilemma.stage)}”: your note "
                    f"for “{stage_label(stage)}” was not saved. It is kept in the box below."
                )
            }
        )
    if stage == ProtocolStage.DISCUSSION and author.pk == dilemma.presenter_id:
        raise ValidationError(
            {"body": "During the discussion the presenter listens: peers speak, you take notes."}
        )
    texts = _required(body=body)
    feedback = DilemmaFeedback(dilemma=dilemma, stage=stage, author=author, body=texts["body"])
    feedback.full_clean()
    feedback.save()
    audit_created(actor=actor, district=dilemma.meeting.district, obj=feedback)
    return feedback


@transaction.atomic
def dilemma_record_update(
    *, actor, dilemma: Dilemma, reflection: str | None = None, lessons: str
) -> Dilemma:
    """The presenter's record: the reflection (once the protocol reaches it) and the
    lessons for the district. A shared dilemma's district readers see the new lessons."""
    dilemma = _locked(dilemma)
    before = snapshot(dilemma)
    if reflection is not None:
        if dilemma.stage not in (ProtocolStage.REFLECTION, DONE) and reflection.strip():
            raise ValidationError(
                {
                    "reflection": "The reflection comes after the discussion: write it when the "
                    "protocol reaches the presenter's reflection."
                }
            )
        dilemma.reflection = reflection.strip()
    dilemma.lessons = (lessons or "").strip()
    if dilemma.shared_at is not None and not dilemma.lessons:
        raise ValidationError(
            {
                "lessons": "The lessons are shared with the district: stop sharing before you "
                "empty them."
            }
        )
    return _update(actor, dilemma, before)


@transaction.atomic
def dilemma_share(*, actor, dilemma: Dilemma, shared: bool) -> Dilemma:
    """Share the dilemma's lessons with the district (its title, question, context and
    lessons; never the peers' feedback) or stop sharing them."""
    dilemma = _locked(dilemma)
    if shared and not dilemma.lessons.strip():
        raise ValidationError(
            {"lessons": "Write the lessons for the district before you share them."}
        )
    if shared == (dilemma.shared_at is not None):
        return dilemma
    before = snapshot(dilemma)
    dilemma.shared_at = timezone.now() if shared else None
    return _update(actor, dilemma, before)


@transaction.atomic
def lesson_task_create(
    *, actor, dilemma: Dilemma, owner, description: str, due_on: dt.date | None = None
) -> FollowUp:
    """Act on a shared lesson: a task with an owner among the meeting's follow-ups, linked
    to the dilemma it came from."""
    dilemma = _locked(dilemma)
    if dilemma.shared_at is None:
        raise ValidationError("The presenter no longer shares this dilemma's lessons.")
    if owner.district_id != dilemma.meeting.district_id:
        raise ValidationError({"owner": "Choose an owner of this district."})
    texts = _required(description=description)
    task = FollowUp(
        meeting=dilemma.meeting,
        kind=FollowUp.Kind.TASK,
        owner=owner,
        due_on=due_on,
        description=texts["description"],
    )
    task.full_clean()
    task.save()
    dilemma.tasks.add(task)
    audit_created(actor=actor, district=dilemma.meeting.district, obj=task)
    return task
