"""Principal meetings: an agenda that runs both ways, minutes, follow-ups, and dilemmas.

A *meeting* of principals (district-wide or one network's) has *participants* and an
*agenda*. Each item either informs the district (principals bring what they see) or is
received (the district presents). Principals propose items; the convener accepts them.
Decisions become *follow-ups* with an owner: a task, or a need raised to the district.

A *dilemma* is a principal's real problem brought to a meeting under a consultancy
protocol; peers give *feedback* stage by stage while the presenter listens. Dilemmas are
confidential to the meeting's participants unless the presenter shares its lessons.
"""

from __future__ import annotations

from django.db import models

from districtwise.core.base import BaseModel


class PrincipalMeeting(BaseModel):
    """A meeting of principals, district-wide (no network) or of one network."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="principal_meetings"
    )
    network = models.ForeignKey(
        "organization.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="principal_meetings",
        help_text="Leave empty for a district-wide meeting.",
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    convened_by = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="meetings_convened"
    )
    participants = models.ManyToManyField(
        "organization.Person", through="MeetingParticipant", related_name="principal_meetings"
    )
    # The agenda is a draft until published; publishing tells the participants.
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class MeetingParticipant(BaseModel):
    meeting = models.ForeignKey(
        PrincipalMeeting, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="meeting_participations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_participation")
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"


class AgendaItem(BaseModel):
    """One item of a meeting's agenda."""

    class Direction(models.TextChoices):
        INFORM = "inform", "Inform the district: principals bring information"
        RECEIVE = "receive", "Receive: the district presents"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "On the agenda"
        DECLINED = "declined", "Not taken this time"

    meeting = models.ForeignKey(
        PrincipalMeeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.ACCEPTED)
    proposed_by = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="agenda_items_proposed"
    )
    position = models.PositiveSmallIntegerField(default=0)
    minutes_taken = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True, help_text="What was said and decided on this item.")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class FollowUp(BaseModel):
    """Something a meeting decided, with an owner: a task, or a need raised to the district."""

    class Kind(models.TextChoices):
        TASK = "task", "Task"
        NEED = "need", "Need raised to the district"

    meeting = models.ForeignKey(
        PrincipalMeeting, on_delete=models.CASCADE, related_name="follow_ups"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.TASK)
    description = models.TextField()
    owner = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="follow_ups"
    )
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    need = models.ForeignKey(
        "voice.Need", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class ProtocolStage(models.TextChoices):
    """The consultancy protocol, in order."""

    PRESENTATION = "presentation", "Presentation of the dilemma"
    CLARIFYING = "clarifying", "Clarifying questions"
    PROBING = "probing", "Probing questions"
    DISCUSSION = "discussion", "Discussion among peers (the presenter listens)"
    REFLECTION = "reflection", "The presenter's reflection"


PROTOCOL_ORDER: tuple[str, ...] = tuple(ProtocolStage.values)


class Dilemma(BaseModel):
    """A principal's dilemma, brought to a meeting for structured help from peers."""

    meeting = models.ForeignKey(PrincipalMeeting, on_delete=models.CASCADE, related_name="dilemmas")
    presenter = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="dilemmas"
    )
    title = models.CharField(max_length=200)
    context = models.TextField(help_text="The situation, without student names.")
    question = models.TextField(help_text="The question the presenter wants help with.")
    tried = models.TextField(blank=True, help_text="What the presenter has tried so far.")
    # Where the protocol stands: empty before it starts; "done" once the reflection is kept.
    stage = models.CharField(max_length=12, blank=True)
    reflection = models.TextField(blank=True)
    lessons = models.TextField(blank=True, help_text="What the district could learn from it.")
    # Confidential until the presenter shares the lessons with the district.
    shared_at = models.DateTimeField(null=True, blank=True)
    # What the district did with the shared lessons: tasks on the meeting's follow-ups.
    tasks = models.ManyToManyField(FollowUp, blank=True, related_name="lesson_dilemmas")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class DilemmaFeedback(BaseModel):
    """A peer's question or feedback at one stage of the protocol."""

    dilemma = models.ForeignKey(Dilemma, on_delete=models.CASCADE, related_name="feedback")
    stage = models.CharField(max_length=12, choices=ProtocolStage.choices)
    author = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="dilemma_feedback"
    )
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.body[:40]}"
