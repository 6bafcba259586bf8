"""Family and community feedback: surveys in the families' languages, and engagement events.

A *survey* is built by the district's staff: *questions* (a 1-to-5 scale, one choice out of
several, or free text), each with its text in every *language offered* (a translator
enters each language's text beside the English). Families answer without an account
through one *link* per school; each visit to the page issues a one-time *ticket*, so one
visit gives at most one *response*. Responses are anonymous: a school, the language
answered in and a respondent group, never a name or an address. Results are read only as
aggregates (see ``selectors.surveys``).

An *engagement event* records a meeting with families or the community: what, where,
when, how many came and in which languages it was offered.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel
from districtwise.organization.models import District, School

__all__ = [
    "Answer",
    "EngagementEvent",
    "EventLanguage",
    "Question",
    "QuestionText",
    "RespondentGroup",
    "Response",
    "ResponseTicket",
    "Survey",
    "SurveyLanguage",
    "SurveyLink",
    "SurveyText",
]

SCALE_POINTS = (1, 2, 3, 4, 5)
TEXT_ANSWER_MAX = 2000


class SurveyLanguage(models.TextChoices):
    """The languages a survey may be offered in; the public page's chrome speaks each."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class EventLanguage(models.TextChoices):
    """The languages an engagement event may be offered in (interpreters included)."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
    VIETNAMESE = "vi", "Vietnamese"
    CHINESE = "zh", "Chinese"
    ARABIC = "ar", "Arabic"
    SOMALI = "so", "Somali"
    HAITIAN_CREOLE = "ht", "Haitian Creole"
    ASL = "ase", "American Sign Language"


class RespondentGroup(models.TextChoices):
    PARENT = "parent", "Parent or guardian"
    STUDENT = "student", "Student"
    COMMUNITY = "community", "Community member"
    STAFF = "staff", "Staff"
    UNSAID = "unsaid", "Prefer not to say"


def new_key() -> str:
    """A random, unguessable key (about 190 bits) for links and tickets."""
    return secrets.token_urlsafe(24)


class Survey(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(max_length=200, help_text="The staff's name for the survey.")
    purpose = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Language codes of SurveyLanguage; English is always offered.
    languages = models.JSONField(default=list)
    shared_with_partners = models.BooleanField(
        default=False,
        help_text="Partners' logins read the district-wide totals (never text answers).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def language_names(self) -> list[str]:
        return [SurveyLanguage(code).label for code in self.languages]


class SurveyText(BaseModel):
    """The title and introduction families read, in one language."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=SurveyLanguage.choices)
    title = models.CharField(max_length=200, blank=True)
    intro = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "language"], name="one_survey_text")
        ]

    def __str__(self) -> str:
        return f"{self.survey} ({self.language})"


class Question(BaseModel):
    class Kind(models.TextChoices):
        SCALE = "scale", "Scale from 1 to 5"
        CHOICE = "choice", "One choice out of several"
        TEXT = "text", "Free text"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    required = models.BooleanField(default=False)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"Question {self.order} of {self.survey}"


class QuestionText(BaseModel):
    """A question's wording in one language. Choices are listed in the same order in every
    language: an answer keeps the choice's position, so languages add up together."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=SurveyLanguage.choices)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    scale_low = models.CharField(max_length=80, blank=True, help_text="What 1 means.")
    scale_high = models.CharField(max_length=80, blank=True, help_text="What 5 means.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "language"], name="one_question_text")
        ]

    def __str__(self) -> str:
        return f"{self.question} ({self.language})"


class SurveyLink(BaseModel):
    """The public link of one school for one survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="survey_links")
    key = models.CharField(max_length=64, unique=True, default=new_key)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "school"], name="one_link_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.survey} at {self.school}"


TICKET_DAYS = 14  # an answer form left open longer than this must be opened again


def ticket_cutoff(now: dt.datetime) -> dt.datetime:
    """Tickets issued before this moment have expired."""
    return now - dt.timedelta(days=TICKET_DAYS)


class ResponseTicket(BaseModel):
    """Issued with each visit to a link's page; a response spends it, so the same visit
    cannot answer twice."""

    link = models.ForeignKey(SurveyLink, on_delete=models.CASCADE, related_name="tickets")
    key = models.CharField(max_length=64, unique=True, default=new_key)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Ticket for {self.link}"


class Response(BaseModel):
    """One anonymous answer to a survey (no name, no e-mail, no address)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    link = models.ForeignKey(SurveyLink, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="survey_responses")
    language = models.CharField(max_length=8, choices=SurveyLanguage.choices)
    group = models.CharField(max_length=12, choices=RespondentGroup.choices)
    submitted_at = models.DateTimeField()

    class Meta:
        # The results count responses per school, group and language: from the index alone.
        indexes = [
            models.Index(
                fields=["survey", "school", "group", "language"], name="response_survey_school"
            )
        ]

    def __str__(self) -> str:
        return f"Response to {self.survey}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    # The position of the choice in the question's list (0 first).
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        # The results count answers per question and value: read from the index alone.
        indexes = [
            models.Index(fields=["question", "scale_value", "choice"], name="answer_question_value")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"


class EngagementEvent(BaseModel):
    """A meeting with families or the community, counted (never a list of who came)."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="engagement_events"
    )
    title = models.CharField(max_length=200)
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="engagement_events",
    )
    place = models.CharField(max_length=200, blank=True)
    held_on = models.DateField()
    attendance = models.PositiveIntegerField(default=0)
    languages = models.JSONField(default=list)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def language_names(self) -> list[str]:
        labels = dict(EventLanguage.choices)
        return [labels.get(code, code) for code in self.languages]
