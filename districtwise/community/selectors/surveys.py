"""Reads of family feedback: the surveys a user may read, what a survey still lacks in
each language, its results as suppressed aggregates, the public page's wording, and the
engagement events with their totals.

Results are aggregates only. Every count under the district's minimum display n is
hidden (``suppress_small``: with a second cell hidden when only one would be, so a total
cannot give it away), and so is every figure drawn from fewer responses than that. Text
answers go to the survey's builders only, and only from at least that many responses.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from districtwise.analytics.voice.patterns import suppress_small
from districtwise.community import access
from districtwise.community.models import (
    Answer,
    EngagementEvent,
    EventLanguage,
    Question,
    QuestionText,
    RespondentGroup,
    Response,
    Survey,
    SurveyLanguage,
    SurveyLink,
)
from districtwise.community.models.surveys import SCALE_POINTS, ticket_cutoff
from districtwise.core.scopes import scope_for
from districtwise.equity.selectors import district_audit_settings
from districtwise.organization.models import School

ENGLISH = SurveyLanguage.ENGLISH.value
# Text answers listed on the page per question; the export holds all of them.
TEXT_ANSWERS_SHOWN = 100


# ----- building --------------------------------------------------------------------------
def missing_texts(survey: Survey) -> dict[str, list[str]]:
    """Per language offered, what families would not read in it: the title, a
    question's text, its choices (as many as in English) or its scale's ends."""
    questions = list(survey.questions.prefetch_related("texts"))
    heads = {t.language: t for t in survey.texts.all()}
    missing: dict[str, list[str]] = {}
    for language in survey.languages:
        lacks = [] if heads.get(language) and heads[language].title else ["the survey's title"]
        for number, question in enumerate(questions, start=1):
            lacks.extend(_question_lacks(question, language, number))
        if lacks:
            missing[language] = lacks
    return missing


def _question_lacks(question: Question, language: str, number: int) -> list[str]:
    texts = {t.language: t for t in question.texts.all()}
    mine, english = texts.get(language), texts.get(ENGLISH)
    if mine is None or not mine.text:
        return [f"question {number}'s text"]
    if question.kind == Question.Kind.CHOICE:
        wanted = len(english.choices) if english else 0
        if len(mine.choices) != wanted or not wanted:
            return [f"question {number}'s choices ({len(mine.choices)} of {wanted})"]
    if question.kind == Question.Kind.SCALE and not (mine.scale_low and mine.scale_high):
        return [f"question {number}'s scale labels"]
    return []


def survey_list(*, user, district) -> list[Survey]:
    """The surveys the user reads, newest first, each with ``answered``: the responses
    the user may count (at their schools; district-wide for builders and partners)."""
    scope = scope_for(user, district)
    schools = access.survey_schools(scope)
    counted = Q() if not schools else Q(responses__school_id__in=schools)
    found = access.visible_surveys(user, district).annotate(
        answered=Count("responses", filter=counted)
    )
    return list(found)


def survey_questions(survey: Survey) -> list[dict]:
    """The survey's questions in order with their English wording (for the builder)."""
    found = survey.questions.prefetch_related("texts")
    rows = []
    for question in found:
        english = next((t for t in question.texts.all() if t.language == ENGLISH), None)
        rows.append({"question": question, "english": english})
    return rows


def translation_rows(survey: Survey, language: str) -> list[dict]:
    """Per question: its English wording beside its wording in ``language``."""
    rows = []
    for row in survey_questions(survey):
        question = row["question"]
        mine = next((t for t in question.texts.all() if t.language == language), None)
        rows.append({**row, "mine": mine})
    return rows


def survey_links(*, user, district, survey: Survey) -> QuerySet[SurveyLink]:
    """The public links the user may hand out, by school name."""
    return access.visible_links(user, district, survey).order_by("school__name")


def schools_without_link_count(*, user, district, survey: Survey) -> int:
    """How many schools of the district have no link to the survey (schools opened after
    it opened); 0 for anyone who does not build surveys, who cannot give them one."""
    if not access.builds_surveys(scope_for(user, district)):
        return 0
    return (
        School.objects.filter(district=district)
        .exclude(pk__in=survey.links.values("school_id"))
        .count()
    )


# ----- the public page -------------------------------------------------------------------
def public_link(key: str) -> SurveyLink | None:
    """The link with ``key`` of a survey that was opened (a draft's link answers 404)."""
    return (
        SurveyLink.objects.select_related("survey", "school")
        .exclude(survey__status=Survey.Status.DRAFT)
        .filter(key=key)
        .first()
    )


def public_wording(
    survey: Survey, language: str
) -> tuple[dict, list[tuple[Question, QuestionText]]]:
    """The survey's title and introduction and each question's wording in ``language``
    (English where a text is missing, which an open survey never lacks)."""
    heads = {t.language: t for t in survey.texts.all()}
    head = heads.get(language) or heads.get(ENGLISH)
    rows = []
    for question in survey.questions.prefetch_related("texts"):
        texts = {t.language: t for t in question.texts.all()}
        rows.append((question, texts.get(language) or texts[ENGLISH]))
    return {
        "title": head.title if head else survey.title,
        "intro": head.intro if head else "",
    }, rows


def ticket_state(*, link: SurveyLink, key: str, now: dt.datetime) -> str:
    """What the ticket ``key`` of ``link`` allows: "unused" (an answer may spend it),
    "spent" (this visit's answer was received) or "expired" (too old, or unknown)."""
    found = link.tickets.filter(key=key).first() if key else None
    if found is None:
        return "expired"
    if found.used_at is not None:
        return "spent"
    return "unused" if found.created_at >= ticket_cutoff(now) else "expired"


# ----- results ---------------------------------------------------------------------------
@dataclass
class Figure:
    """One count of a breakdown (None when hidden) and its share of the answers."""

    label: str
    count: int | None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass
class QuestionResult:
    number: int
    question: Question
    wording: str
    answered: int
    shown: bool  # False: fewer answers than the minimum display n
    figures: list[Figure] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)
    more_texts: int = 0
    chart: str = ""  # the SVG the page draws (set by the view)

    @property
    def caption(self) -> str:
        return f"Answers to question {self.number}"


@dataclass
class SurveyResults:
    survey: Survey
    minimum: int
    responses: int
    shown: bool
    questions: list[QuestionResult]
    by_school: list[Figure]
    by_group: list[Figure]
    by_language: list[Figure]
    texts_shown: bool
    totals_only: bool


def _suppressed(counts: Mapping[Any, int], labels: Mapping[Any, str], minimum: int):
    """``counts`` as figures with small cells hidden (complementary); a zero is shown as
    zero (no one to protect)."""
    nonzero = {key: n for key, n in counts.items() if n}
    shown = suppress_small(nonzero, minimum=minimum)
    return [Figure(labels[key], shown.get(key, 0) if counts.get(key) else 0) for key in labels]


def result_responses(
    *,
    user,
    district,
    survey: Survey,
    school: int | None = None,
    group: str = "",
    language: str = "",
) -> QuerySet[Response]:
    """The survey's responses the user may count, narrowed by the filters; a school the
    user may not read narrows to nothing."""
    schools = access.survey_schools(scope_for(user, district))
    found = Response.objects.filter(survey=survey)
    if schools:
        found = found.filter(school_id__in=schools)
    if school is not None:
        found = (
            found.filter(school_id=school) if schools is None or school in schools else found.none()
        )
    if group:
        found = found.filter(group=group)
    if language:
        found = found.filter(language=language)
    return found


def result_schools(*, user, district) -> QuerySet[School]:
    """The schools the user may pick in the results' school filter (none: totals only)."""
    schools = access.survey_schools(scope_for(user, district))
    found = School.objects.filter(district=district).order_by("name")
    return found if schools is None else found.filter(pk__in=schools)


def survey_results(
    *,
    user,
    district,
    survey: Survey,
    school: int | None = None,
    group: str = "",
    language: str = "",
) -> SurveyResults:
    """The survey's results for the user, narrowed by the filters, suppressed (see the
    module's rules)."""
    scope = scope_for(user, district)
    minimum = district_audit_settings(district=district).minimum_display_n
    totals_only = access.reads_totals_only(scope)
    if totals_only:
        school = None
    found = result_responses(
        user=user, district=district, survey=survey, school=school, group=group, language=language
    )
    # One pass over the responses gives the total and all three breakdowns.
    rows = found.values("school_id", "group", "language").annotate(n=Count("id"))
    cells: list[dict[str, Any]] = [dict(row) for row in rows.order_by()]
    responses = sum(cell["n"] for cell in cells)
    shown = responses >= minimum
    texts_shown = shown and access.builds_surveys(scope)
    narrowed = found if (school or group or language or access.survey_schools(scope)) else None
    questions = _question_results(survey, narrowed, minimum, shown, texts_shown)
    named = School.objects.filter(pk__in={c["school_id"] for c in cells}).order_by("name")
    schools = dict(named.values_list("pk", "name"))
    return SurveyResults(
        survey=survey,
        minimum=minimum,
        responses=responses,
        shown=shown,
        questions=questions,
        by_school=[] if totals_only else _breakdown(cells, "school_id", schools, minimum),
        by_group=_breakdown(cells, "group", dict(RespondentGroup.choices), minimum),
        by_language=_breakdown(cells, "language", dict(SurveyLanguage.choices), minimum),
        texts_shown=texts_shown,
        totals_only=totals_only,
    )


def _breakdown(cells: list[dict], name: str, labels: dict, minimum: int) -> list[Figure]:
    counts: Counter = Counter()
    for cell in cells:
        counts[cell[name]] += cell["n"]
    return _suppressed(counts, labels, minimum)


def _question_results(survey, narrowed, minimum: int, shown: bool, texts_shown: bool):
    """Per question its figures. ``narrowed``: the responses counted, or None for all of
    the survey's (then the answers are read through their questions, which is faster)."""
    if narrowed is None:
        answers = Answer.objects.filter(question__survey=survey)
    else:
        answers = Answer.objects.filter(response__in=narrowed)
    cells = (
        answers.values("question_id", "scale_value", "choice").annotate(n=Count("id")).order_by()
    )
    # A text answer is stored only when something was written: its cell counts them.
    tally: dict[int, Counter] = {}
    for cell in cells:
        key = cell["scale_value"] if cell["scale_value"] is not None else cell["choice"]
        tally.setdefault(cell["question_id"], Counter())[key] += cell["n"]
    results = []
    for number, row in enumerate(survey_questions(survey), start=1):
        question, english = row["question"], row["english"]
        counts = tally.get(question.pk, Counter())
        if question.kind == Question.Kind.TEXT:
            written = sum(counts.values())
            result = _text_result(number, question, english, answers, written, minimum, texts_shown)
        else:
            result = _count_result(number, question, english, counts, minimum, shown)
        results.append(result)
    return results


def _count_result(number, question, english, counts: Counter, minimum: int, shown: bool):
    answered = sum(counts.values())
    result = QuestionResult(
        number, question, english.text if english else "", answered, shown and answered >= minimum
    )
    if question.kind == Question.Kind.SCALE:
        low, high = (english.scale_low, english.scale_high) if english else ("", "")
        labels = {p: _scale_label(p, low, high) for p in SCALE_POINTS}
        if answered:
            result.mean = sum(p * n for p, n in counts.items()) / answered
    else:
        choices = english.choices if english else []
        labels = dict(enumerate(choices))
    if result.shown:
        result.figures = _suppressed(dict(counts), labels, minimum)
    else:
        result.mean = None
    return result


def _scale_label(point: int, low: str, high: str) -> str:
    if point == SCALE_POINTS[0] and low:
        return f"{point} ({low})"
    if point == SCALE_POINTS[-1] and high:
        return f"{point} ({high})"
    return str(point)


def _text_result(number, question, english, answers, answered: int, minimum, texts_shown):
    written = answers.filter(question=question).exclude(text="")
    result = QuestionResult(
        number,
        question,
        english.text if english else "",
        answered,
        texts_shown and answered >= minimum,
    )
    if result.shown:
        result.texts = list(
            written.order_by("-id").values_list("text", flat=True)[:TEXT_ANSWERS_SHOWN]
        )
        result.more_texts = max(0, answered - TEXT_ANSWERS_SHOWN)
    return result


def all_text_answers(*, found: QuerySet[Response], question: Question) -> list[str]:
    """Every text answer to ``question`` among ``found`` (for the builders' export)."""
    answers = Answer.objects.filter(response__in=found, question=question).exclude(text="")
    return list(answers.order_by("id").values_list("text", flat=True))


# ----- engagement events -----------------------------------------------------------------
@dataclass
class EventTotals:
    events: int
    attendance: int
    by_school: list[dict]
    by_language: list[dict]


def event_list(*, user, district) -> QuerySet[EngagementEvent]:
    """The district's engagement events, newest first (for the district's staff)."""
    if not scope_for(user, district).has_any(access.EVENT_READERS):
        return EngagementEvent.objects.none()
    return EngagementEvent.objects.filter(district=district).select_related("school")


def event_totals(events: QuerySet[EngagementEvent]) -> EventTotals:
    """Events and attendance per school (and elsewhere) and per language offered."""
    totals = events.aggregate(n=Count("id"), people=Sum("attendance"))
    per_school = events.values("school__name").annotate(n=Count("id"), people=Sum("attendance"))
    by_school = sorted(
        (
            {
                "place": row["school__name"] or "Elsewhere than a school",
                "events": row["n"],
                "attendance": row["people"] or 0,
            }
            for row in per_school.order_by()
        ),
        key=lambda row: row["place"],
    )
    languages: Counter = Counter()
    people: Counter = Counter()
    for codes, attendance in events.values_list("languages", "attendance"):
        for code in codes:
            languages[code] += 1
            people[code] += attendance
    labels = dict(EventLanguage.choices)
    by_language = [
        {"language": labels.get(code, code), "events": languages[code], "attendance": people[code]}
        for code in EventLanguage.values
        if languages[code]
    ]
    return EventTotals(totals["n"], totals["people"] or 0, by_school, by_language)
