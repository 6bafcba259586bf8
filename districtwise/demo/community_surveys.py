"""The demo district's family feedback: one open family survey in English and Spanish
with a link for every school and a few hundred anonymous responses, and a handful of
engagement events.

Planted, for the tests and the tour to find (``PLANTED``):
- ``survey``: the survey's title; it is open and every text exists in both languages;
- ``small_school``: one school (the last by name that no demo log-in leads) answers
  fewer times than the minimum display n, so its results show as hidden;
- about a quarter of the answers are in Spanish, and every school but the small one has
  at least ``PLANTED["least_responses"]`` responses.

Nothing here protects a school or a person: the district's removal deletes it all.
Deterministic from the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from districtwise.community.models import (
    Answer,
    Question,
    RespondentGroup,
    Response,
    Survey,
)
from districtwise.community.services import surveys as services
from districtwise.community.services import surveys_events as event_services
from districtwise.community.services.surveys import Wording
from districtwise.core.models import Membership
from districtwise.organization.models import District, School

SURVEY_TITLE = "Family voice survey"
SMALL_SCHOOL_RESPONSES = 4
LEAST_RESPONSES = 15
PLANTED: dict[str, object] = {
    "survey": SURVEY_TITLE,
    "small_school_responses": SMALL_SCHOOL_RESPONSES,
    "least_responses": LEAST_RESPONSES,
}

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Tell us about your school",
        "intro": "Five short questions. It takes about three minutes.",
        "questions": [
            ("scale", "I feel welcome when I visit the school.", "Not at all", "Completely"),
            ("scale", "The school tells me how my child is doing.", "Never", "Often"),
            (
                "choice",
                "What would help you most?",
                [
                    "Evening meetings",
                    "Childcare at events",
                    "Interpreters",
                    "Rides to school events",
                ],
            ),
            (
                "choice",
                "How do you prefer to hear from the school?",
                ["Text message", "E-mail", "Phone call", "Paper note"],
            ),
            ("text", "What is one thing the school should start doing?"),
        ],
    },
    "es": {
        "title": "Cuéntenos sobre su escuela",
        "intro": "Cinco preguntas cortas. Toma unos tres minutos.",
        "questions": [
            ("scale", "Me siento bienvenido cuando visito la escuela.", "Para nada", "Totalmente"),
            ("scale", "La escuela me informa cómo le va a mi hijo.", "Nunca", "A menudo"),
            (
                "choice",
                "¿Qué le ayudaría más?",
                [
                    "Reuniones por la tarde",
                    "Cuidado de niños",
                    "Intérpretes",
                    "Transporte a los eventos",
                ],
            ),
            (
                "choice",
                "¿Cómo prefiere recibir noticias?",
                ["Mensaje de texto", "Correo", "Llamada", "Nota en papel"],
            ),
            ("text", "¿Qué debería empezar a hacer la escuela?"),
        ],
    },
}
# What families wrote, in our own words (a few, reused).
WRITTEN = {
    "en": [
        "More events after work hours.",
        "A coffee morning for new families.",
        "Send the newsletter by text.",
        "Homework help in the library after school.",
    ],
    "es": [
        "Más reuniones en español.",
        "Un taller para padres sobre tareas.",
        "Avisos por mensaje de texto.",
        "Actividades los sábados.",
    ],
}
EVENTS = [
    ("Family literacy night", 62, ["en", "es"]),
    ("Back-to-school picnic", 140, ["en", "es", "vi"]),
    ("Parent workshop: reading at home", 28, ["es"]),
    ("Community listening session", 45, ["en", "es", "so"]),
    ("Kindergarten welcome morning", 36, ["en"]),
]
GROUPS = [RespondentGroup.PARENT] * 7 + [
    RespondentGroup.STUDENT,
    RespondentGroup.COMMUNITY,
    RespondentGroup.STAFF,
    RespondentGroup.UNSAID,
]


@dataclass
class DemoSurveys:
    survey: Survey
    small_school: School
    responses: int
    events: int


def _wording(row) -> Wording:
    kind, text, *rest = row
    if kind == "scale":
        return Wording(text=text, scale_low=rest[0], scale_high=rest[1])
    if kind == "choice":
        return Wording(text=text, choices=rest[0])
    return Wording(text=text)


def _builder(district: District):
    """The demo's superintendent login (the survey's builder), if there is one."""
    return (
        get_user_model()
        .objects.filter(username="superintendent", people__district=district)
        .first()
    )


def _small_school(district: District, schools: list[School]) -> School:
    led = set(
        Membership.objects.filter(
            district=district, school__isnull=False, person__user__isnull=False
        ).values_list("school_id", flat=True)
    )
    unled = [s for s in schools if s.pk not in led]
    return (unled or schools)[-1]


def _survey(district: District, actor) -> Survey:
    survey = services.survey_create(
        actor=actor,
        district=district,
        title=SURVEY_TITLE,
        purpose="How welcome families feel, how the school keeps them informed, and what "
        "would help them take part.",
        languages=["en", "es"],
        shared_with_partners=True,
    )
    questions = [
        services.question_add(
            actor=actor,
            survey=survey,
            kind=row[0],
            required=row[0] == "scale",
            wording=_wording(row),
        )
        for row in TEXTS["en"]["questions"]
    ]
    for lang, words in TEXTS.items():
        services.survey_translate(
            actor=actor,
            survey=survey,
            language=lang,
            title=words["title"],
            intro=words["intro"],
            wordings={
                q.pk: _wording(row) for q, row in zip(questions, words["questions"], strict=True)
            },
        )
    return services.survey_open(actor=actor, survey=survey)


def _respond(survey: Survey, school: School, count: int, rng: random.Random, now) -> int:
    """``count`` responses at ``school``, the school's mood drawn once (so schools differ)."""
    link = survey.links.get(school=school)
    questions = list(survey.questions.all())
    mood = rng.choice([2, 3, 3, 4, 4])
    responses = []
    for i in range(count):
        language = "es" if rng.random() < 0.25 else "en"
        responses.append(
            Response(
                survey=survey,
                link=link,
                school=school,
                language=language,
                group=rng.choice(GROUPS),
                submitted_at=now - dt.timedelta(hours=rng.randint(1, 24 * 20), minutes=i),
            )
        )
    Response.objects.bulk_create(responses)
    answers = []
    for response in responses:
        for question in questions:
            answers.extend(_answer(response, question, mood, rng))
    Answer.objects.bulk_create(answers)
    return count


def _answer(response: Response, question: Question, mood: int, rng: random.Random):
    if question.kind == Question.Kind.SCALE:
        value = min(5, max(1, mood + rng.choice([-1, 0, 0, 1])))
        yield Answer(response=response, question=question, scale_value=value)
    elif question.kind == Question.Kind.CHOICE:
        if rng.random() < 0.9:
            yield Answer(response=response, question=question, choice=rng.randrange(4))
    elif rng.random() < 0.3:
        yield Answer(
            response=response, question=question, text=rng.choice(WRITTEN[response.language])
        )


def _events(district: District, schools: list[School], rng: random.Random, actor) -> int:
    today = timezone.localdate()
    for number, (title, attendance, languages) in enumerate(EVENTS):
        event_services.event_record(
            actor=actor,
            district=district,
            title=title,
            school=rng.choice(schools) if number != 3 else None,
            place="The public library, main branch" if number == 3 else "",
            held_on=today - dt.timedelta(days=7 + 17 * number),
            attendance=attendance,
            languages=languages,
            notes="",
        )
    return len(EVENTS)


def surveys_build(*, district: District, seed: int) -> DemoSurveys:
    """Build the demo's family survey, its responses and engagement events (see the
    module's docstring)."""
    rng = random.Random(seed * 37 + 9)
    actor = _builder(district)
    schools = list(School.objects.filter(district=district).order_by("name", "pk"))
    survey = _survey(district, actor)
    small = _small_school(district, schools)
    now = timezone.now()
    total = 0
    for school in schools:
        if school.pk == small.pk:
            count = SMALL_SCHOOL_RESPONSES
        else:
            count = rng.randint(LEAST_RESPONSES, 40)
        total += _respond(survey, school, count, rng, now)
    events = _events(district, schools, rng, actor)
    return DemoSurveys(survey=survey, small_school=small, responses=total, events=events)
