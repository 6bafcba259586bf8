"""The fixed words of the public family survey page in each language it speaks, and how
the page picks its language: the one asked for with ``?lang=``, else the browser's first
preference (Accept-Language) among the survey's languages, else English."""

from __future__ import annotations

from collections.abc import Sequence

ENGLISH = "en"

CHROME: dict[str, dict] = {
    "en": {
        "language_name": "English",
        "switch": "Read this page in",
        "school": "School",
        "required": "Please answer this question.",
        "invalid": "Please choose one of the options.",
        "too_long": "Please keep this answer under 2,000 characters.",
        "group": "You are answering as",
        "groups": {
            "parent": "A parent or guardian",
            "student": "A student",
            "community": "A community member",
            "staff": "A member of staff",
            "unsaid": "I prefer not to say",
        },
        "optional": "optional",
        "submit": "Send my answers",
        "errors_heading": "Some answers need a look",
        "errors_text": "Nothing was sent yet. Please check the questions marked below.",
        "thanks_heading": "Thank you",
        "thanks_text": "Your answers were received. They are read only together with others.",
        "used_heading": "Already answered",
        "used_text": "Your answers from this visit were already received.",
        "expired_heading": "This form has expired",
        "expired_text": (
            "It was open too long to be sent. To answer, open the survey's link again."
        ),
        "closed_heading": "This survey is closed",
        "closed_text": "The survey no longer takes answers. Thank you for your interest.",
        "anonymous": "We never ask for your name or e-mail.",
        "skip": "Skip to main content",
        "footer": "A survey of your school district",
    },
    "es": {
        "language_name": "Español",
        "switch": "Leer esta página en",
        "school": "Escuela",
        "required": "Por favor, responda esta pregunta.",
        "invalid": "Por favor, elija una de las opciones.",
        "too_long": "Por favor, escriba menos de 2.000 caracteres.",
        "group": "Usted responde como",
        "groups": {
            "parent": "Madre, padre o tutor",
            "student": "Estudiante",
            "community": "Miembro de la comunidad",
            "staff": "Personal de la escuela",
            "unsaid": "Prefiero no decirlo",
        },
        "optional": "opcional",
        "submit": "Enviar mis respuestas",
        "errors_heading": "Algunas respuestas necesitan revisión",
        "errors_text": "Todavía no se envió nada. Revise las preguntas marcadas abajo.",
        "thanks_heading": "Gracias",
        "thanks_text": "Recibimos sus respuestas. Solo se leen junto con las de otras personas.",
        "used_heading": "Ya respondida",
        "used_text": "Ya recibimos sus respuestas de esta visita.",
        "expired_heading": "Este formulario venció",
        "expired_text": (
            "Estuvo abierto demasiado tiempo para enviarlo. "
            "Para responder, abra de nuevo el enlace de la encuesta."
        ),
        "closed_heading": "Esta encuesta está cerrada",
        "closed_text": "La encuesta ya no recibe respuestas. Gracias por su interés.",
        "anonymous": "Nunca le pedimos su nombre ni su correo electrónico.",
        "skip": "Saltar al contenido principal",
        "footer": "Una encuesta de su distrito escolar",
    },
}


def preferred_languages(header: str) -> list[str]:
    """The primary language subtags of an Accept-Language header, most preferred first
    (RFC 9110 §12.5.4: q-values, default 1; q=0 means "not acceptable")."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary and quality > 0:
            ranked.append((-quality, position, primary))
    return [primary for _, _, primary in sorted(ranked)]


def page_language(*, asked: str | None, header: str, offered: Sequence[str]) -> str:
    """The language the family page speaks: ``asked`` when offered, else the browser's
    best offered preference, else English."""
    if asked in offered and asked in CHROME:
        return asked
    for code in preferred_languages(header):
        if code in offered and code in CHROME:
            return code
    return ENGLISH
