"""Writes of family feedback: building a survey (its questions and their texts in every
language offered), opening and closing it, a family's answer through a public link, and
engagement events.

Staff changes are one transaction each with an audit-history row. A change the rules
refuse raises a ``ValidationError`` naming the field and saying what is wrong; nothing is
saved. Who may make each change is checked by ``community.access`` before a service is
called. A family's answer is anonymous and is not an audit event (it changes no shared
record); its one-time ticket is what keeps one visit to one answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from districtwise.community.models import (
    Answer,
    Question,
    QuestionText,
    RespondentGroup,
    Response,
    ResponseTicket,
    Survey,
    SurveyLanguage,
    SurveyLink,
    SurveyText,
)
from districtwise.community.models.surveys import (
    SCALE_POINTS,
    TEXT_ANSWER_MAX,
    ticket_cutoff,
)
from districtwise.community.selectors.surveys import missing_texts
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import School

ENGLISH = SurveyLanguage.ENGLISH.value


@dataclass(frozen=True)
class Wording:
    """A question's text in one language: the question, its choices, its scale's ends."""

    text: str
    choices: Sequence[str] = ()
    scale_low: str = ""
    scale_high: str = ""


def _audit_change(actor, district, obj, before: dict, after: dict) -> None:
    """An update of ``obj``: what changed (the status says opened or closed)."""
    changes = changed_fields(before, after)
    if changes:
        audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)


def _check_languages(languages: Sequence[str]) -> list[str]:
    known = set(SurveyLanguage.values)
    strange = [code for code in languages if code not in known]
    if strange:
        raise ValidationError({"languages": f"Unknown language codes: {', '.join(strange)}."})
    # English is always offered: the staff build in it and the results are read in it.
    return [code for code in SurveyLanguage.values if code == ENGLISH or code in languages]


def _require_draft(survey: Survey, what: str) -> None:
    if not survey.is_draft:
        raise ValidationError(
            f"{what} only while the survey is a draft; this one is {survey.get_status_display()}."
        )


# ----- the survey ------------------------------------------------------------------------
@transaction.atomic
def survey_create(
    *,
    actor,
    district,
    title: str,
    purpose: str = "",
    languages: Sequence[str] = (ENGLISH,),
    shared_with_partners: bool = False,
) -> Survey:
    """Start a survey as a draft; its English title for families is ``title`` until a
    translator words it otherwise."""
    if not title.strip():
        raise ValidationError({"title": "Give the survey a title, e.g. 'Family survey, spring'."})
    survey = Survey.objects.create(
        district=district,
        title=title.strip(),
        purpose=purpose.strip(),
        languages=_check_languages(languages),
        shared_with_partners=shared_with_partners,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    SurveyText.objects.create(survey=survey, language=ENGLISH, title=survey.title)
    audit_created(actor=actor, district=district, obj=survey)
    return survey


@transaction.atomic
def survey_update(
    *,
    actor,
    survey: Survey,
    title: str,
    purpose: str = "",
    languages: Sequence[str] = (ENGLISH,),
    shared_with_partners: bool = False,
) -> Survey:
    """Change a survey's name, purpose, sharing and (while a draft) its languages."""
    if not title.strip():
        raise ValidationError({"title": "Give the survey a title."})
    wanted = _check_languages(languages)
    if wanted != survey.languages and not survey.is_draft:
        raise ValidationError(
            {"languages": "The languages offered change only while the survey is a draft."}
        )
    before = snapshot(survey)
    survey.title, survey.purpose = title.strip(), purpose.strip()
    survey.languages, survey.shared_with_partners = wanted, shared_with_partners
    survey.save()
    _audit_change(actor, survey.district, survey, before, snapshot(survey))
    return survey


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> Survey:
    """Open a draft survey to families: refused while it has no question or any language
    offered lacks a text; gives every school of the district its public link."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey, "A survey is opened")
    if not survey.questions.exists():
        raise ValidationError("Add at least one question before opening the survey.")
    missing = missing_texts(survey)
    if missing:
        listed = "; ".join(
            f"{SurveyLanguage(code).label}: {', '.join(items)}" for code, items in missing.items()
        )
        raise ValidationError(f"The survey cannot open while texts are missing. {listed}.")
    before = snapshot(survey)
    survey.status, survey.opened_at = Survey.Status.OPEN, timezone.now()
    survey.save()
    links_ensure(survey=survey)
    _audit_change(actor, survey.district, survey, before, snapshot(survey))
    return survey


def links_ensure(*, survey: Survey) -> int:
    """Give every school of the survey's district a link; return how many were made (a
    link made at the same moment by another request is not made twice)."""
    before = survey.links.count()
    have = set(survey.links.values_list("school_id", flat=True))
    schools = School.objects.filter(district_id=survey.district_id).exclude(pk__in=have)
    SurveyLink.objects.bulk_create(
        (SurveyLink(survey=survey, school=s) for s in schools), ignore_conflicts=True
    )
    return survey.links.count() - before


@transaction.atomic
def links_add(*, actor, survey: Survey) -> int:
    """Give the schools opened since the survey opened their links (refused unless it is
    open); return how many links were made. Recorded in the survey's history."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError(
            f"Links are added only while the survey is open; this one is "
            f"{survey.get_status_display().lower()}."
        )
    before = survey.links.count()
    made = links_ensure(survey=survey)
    if made:
        audit_record(
            actor=actor,
            district=survey.district,
            action="update",
            obj=survey,
            changes={"school links": [before, before + made]},
        )
    return made


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    """Close an open survey: its links then say so and take no more answers."""
    if not survey.is_open:
        raise ValidationError(
            f"Only an open survey closes; this one is {survey.get_status_display()}."
        )
    before = snapshot(survey)
    survey.status, survey.closed_at = Survey.Status.CLOSED, timezone.now()
    survey.save()
    _audit_change(actor, survey.district, survey, before, snapshot(survey))
    return survey


# ----- questions -------------------------------------------------------------------------
def _check_wording(kind: str, wording: Wording, *, language: str, needed: int | None) -> None:
    """Refuse a wording that cannot be asked: choices of a choice question (two or more,
    as many in every language), nothing else on other kinds."""
    errors: dict[str, str] = {}
    choices = [c.strip() for c in wording.choices if c.strip()]
    if kind == Question.Kind.CHOICE:
        if language == ENGLISH and len(choices) < 2:
            errors["choices"] = "A choice question needs at least two choices, one a line."
        elif needed is not None and choices and len(choices) != needed:
            errors["choices"] = (
                f"List {needed} choices, one a line, in the English order ({len(choices)} given)."
            )
    elif choices:
        errors["choices"] = "Only a choice question has choices; leave the list empty."
    if errors:
        raise ValidationError(errors)


def _save_wording(question: Question, language: str, wording: Wording) -> None:
    QuestionText.objects.update_or_create(
        question=question,
        language=language,
        defaults={
            "text": wording.text.strip(),
            "choices": [c.strip() for c in wording.choices if c.strip()],
            "scale_low": wording.scale_low.strip(),
            "scale_high": wording.scale_high.strip(),
        },
    )


@transaction.atomic
def question_add(*, actor, survey: Survey, kind: str, required: bool, wording: Wording) -> Question:
    """Add a question at the end of a draft survey, with its English wording."""
    _require_draft(survey, "Questions are added")
    if kind not in Question.Kind.values:
        raise ValidationError({"kind": "Choose a scale, a choice or a free-text question."})
    if not wording.text.strip():
        raise ValidationError({"text": "Write the question as families will read it."})
    _check_wording(kind, wording, language=ENGLISH, needed=None)
    last = survey.questions.aggregate(last=Max("order"))["last"] or 0
    question = Question.objects.create(survey=survey, order=last + 1, kind=kind, required=required)
    _save_wording(question, ENGLISH, wording)
    audit_created(actor=actor, district=survey.district, obj=question)
    return question


@transaction.atomic
def question_update(
    *, actor, question: Question, kind: str, required: bool, wording: Wording
) -> Question:
    """Change a draft survey's question and its English wording. Changing the kind
    clears the other languages' wording, which no longer fits."""
    _require_draft(question.survey, "Questions are changed")
    if not wording.text.strip():
        raise ValidationError({"text": "Write the question as families will read it."})
    _check_wording(kind, wording, language=ENGLISH, needed=None)
    before = snapshot(question) | {"english": english_text(question)}
    if kind != question.kind:
        question.texts.exclude(language=ENGLISH).delete()
    question.kind, question.required = kind, required
    question.save()
    _save_wording(question, ENGLISH, wording)
    after = snapshot(question) | {"english": english_text(question)}
    _audit_change(actor, question.survey.district, question, before, after)
    return question


def english_text(question: Question) -> str:
    found = question.texts.filter(language=ENGLISH).first()
    return found.text if found else ""


@transaction.atomic
def question_move(*, actor, question: Question, up: bool) -> None:
    """Swap a draft survey's question with the one before (``up``) or after it."""
    survey = question.survey
    _require_draft(survey, "Questions are reordered")
    ordered = list(survey.questions.all())
    at = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = at - 1 if up else at + 1
    if not 0 <= other < len(ordered):
        return
    ordered[at], ordered[other] = ordered[other], ordered[at]
    for number, each in enumerate(ordered, start=1):
        if each.order != number:
            Question.objects.filter(pk=each.pk).update(order=number)
    audit_record(
        actor=actor,
        district=survey.district,
        action="update",
        obj=survey,
        changes={"question order": [at + 1, other + 1]},
    )


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    """Remove a question from a draft survey."""
    survey = question.survey
    _require_draft(survey, "Questions are removed")
    audit_record(
        actor=actor,
        district=survey.district,
        action="delete",
        obj=question,
        changes={"english": [english_text(question), None]},
    )
    question.delete()


@transaction.atomic
def survey_translate(
    *,
    actor,
    survey: Survey,
    language: str,
    title: str,
    intro: str,
    wordings: Mapping[int, Wording],
) -> None:
    """Save the survey's texts in ``language`` (``wordings`` by question id). A choice
    question lists as many choices as in English, in the same order. While the survey is
    open no text may be emptied (families are reading it)."""
    if language not in survey.languages:
        raise ValidationError(f"The survey is not offered in {language}.")
    questions = {q.pk: q for q in survey.questions.prefetch_related("texts")}
    errors: dict[str, list[str]] = {}
    for pk, wording in wordings.items():
        question = questions.get(pk)
        if question is None:
            raise ValidationError("A question of another survey was sent; nothing was saved.")
        english = next((t for t in question.texts.all() if t.language == ENGLISH), None)
        needed = len(english.choices) if english and language != ENGLISH else None
        try:
            _check_wording(question.kind, wording, language=language, needed=needed)
        except ValidationError as refused:
            for message in refused.message_dict.get("choices", []):
                errors.setdefault(f"q{pk}_choices", []).append(message)
    if errors:
        raise ValidationError(errors)
    before = {f"texts ({language})": _texts_of(survey, language)}
    SurveyText.objects.update_or_create(
        survey=survey, language=language, defaults={"title": title.strip(), "intro": intro.strip()}
    )
    for pk, wording in wordings.items():
        _save_wording(questions[pk], language, wording)
    emptied = missing_texts(survey).get(language) if survey.is_open else None
    if emptied:
        raise ValidationError(
            f"An open survey's texts cannot be emptied (now missing: {', '.join(emptied)}); "
            "nothing was saved."
        )
    after = {f"texts ({language})": _texts_of(survey, language)}
    _audit_change(actor, survey.district, survey, before, after)


def _texts_of(survey: Survey, language: str) -> list[str]:
    found = QuestionText.objects.filter(question__survey=survey, language=language)
    head = SurveyText.objects.filter(survey=survey, language=language).first()
    lines = [f"{head.title} / {head.intro}"] if head else []
    return lines + [f"{t.text} {t.choices} {t.scale_low}-{t.scale_high}" for t in found]


# ----- a family's answer -----------------------------------------------------------------
def ticket_issue(*, link: SurveyLink) -> ResponseTicket:
    """A one-time ticket for one visit to a link's page."""
    return ResponseTicket.objects.create(link=link)


def tickets_clean(*, now: dt.datetime) -> int:
    """Delete the expired tickets (every visit to a public page issues one); return how
    many. A spent ticket is kept until it expires too, so that sending the same form again
    is still told it was received."""
    deleted, _ = ResponseTicket.objects.filter(created_at__lt=ticket_cutoff(now)).delete()
    return deleted


class TicketSpent(Exception):
    """The visit's ticket was used already, has expired or was never issued: nothing is
    saved."""


@transaction.atomic
def response_submit(
    *,
    link: SurveyLink,
    ticket: str,
    language: str,
    group: str,
    answers: Mapping[int, int | str | None],
) -> Response:
    """Save one anonymous response, spending the visit's ticket. ``answers`` maps each
    question id to a scale value, a choice's position or a text (None: not answered).
    Raises ``TicketSpent`` for a used or unknown ticket, ``ValidationError`` for an answer
    that does not fit; either way nothing is saved."""
    now = timezone.now()
    spent = ResponseTicket.objects.filter(
        link=link, key=ticket, used_at__isnull=True, created_at__gte=ticket_cutoff(now)
    ).update(used_at=now)
    if spent != 1:
        raise TicketSpent
    survey = link.survey
    if not survey.is_open or not link.active:
        raise ValidationError("The survey is closed.")
    if language not in survey.languages or group not in RespondentGroup.values:
        raise ValidationError("The answer's language or group is not one offered.")
    response = Response.objects.create(
        survey=survey,
        link=link,
        school_id=link.school_id,
        language=language,
        group=group,
        submitted_at=timezone.now(),
    )
    Answer.objects.bulk_create(_answers(response, survey, answers))
    return response


def _answers(response: Response, survey: Survey, given: Mapping[int, int | str | None]):
    questions = {q.pk: q for q in survey.questions.prefetch_related("texts")}
    for pk, value in given.items():
        question = questions.get(pk)
        if question is None:
            raise ValidationError("An answer to a question of another survey was sent.")
        if value in (None, ""):
            continue
        if question.kind == Question.Kind.SCALE:
            if value not in SCALE_POINTS:
                raise ValidationError("A scale answer is a whole number from 1 to 5.")
            yield Answer(response=response, question=question, scale_value=value)
        elif question.kind == Question.Kind.CHOICE:
            english = next(t for t in question.texts.all() if t.language == ENGLISH)
            if not isinstance(value, int) or not 0 <= value < len(english.choices):
                raise ValidationError("A choice answer names one of the question's choices.")
            yield Answer(response=response, question=question, choice=value)
        else:
            if len(str(value)) > TEXT_ANSWER_MAX:
                raise ValidationError(f"A text answer has at most {TEXT_ANSWER_MAX} characters.")
            # Stored exactly as typed, as text; every page escapes it when showing it.
            yield Answer(response=response, question=question, text=str(value))
