"""The public family page: no login, the browser's language (or the one switched to), one
answer per visit (a one-time ticket), text stored as typed, a closed survey says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from districtwise.community.models import Answer, Response, ResponseTicket
from districtwise.community.models.surveys import TICKET_DAYS
from districtwise.community.services import surveys as services
from districtwise.community.survey_chrome import page_language, preferred_languages
from tests import factories as f

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def survey(cast):
    return f.open_survey(cast.district)


@pytest.fixture
def url(cast, survey):
    return reverse("community:survey_answer", args=[survey.links.get(school=cast.south_1).key])


@pytest.fixture
def family():
    return Client(enforce_csrf_checks=True)


def visit(client: Client, url: str, **headers):
    page = client.get(url, **headers)
    assert page.status_code == 200
    return page


def answers(page, *, scale: str = "4", text: str = "") -> dict:
    """The visit's form filled in: a scale answer, the second choice, the group parent."""
    form = page.context["form"]
    scale_q, choice_q, text_q = (q.pk for q, _ in form.rows)
    return {
        "ticket": form.initial["ticket"],
        "lang": form.initial["lang"],
        f"q{scale_q}": scale,
        f"q{choice_q}": "1",
        f"q{text_q}": text,
        "group": "parent",
    }


def post(client: Client, url: str, data: dict):
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(url, data)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", "es"),
        ("fr-FR, es;q=0.5, en;q=0.4", "es"),
        ("en-US,en;q=0.9,es;q=0.8", "en"),
        ("es;q=0, en;q=0.3", "en"),
        ("de-DE", "en"),
        ("", "en"),
        ("es;q=nonsense, en", "en"),
    ],
)
def test_the_page_speaks_the_browsers_best_offered_language(header, expected):
    assert page_language(asked=None, header=header, offered=["en", "es"]) == expected


def test_a_language_asked_for_wins_over_the_browser_but_only_if_offered():
    assert page_language(asked="en", header="es", offered=["en", "es"]) == "en"
    assert page_language(asked="es", header="en", offered=["en"]) == "en"
    assert preferred_languages("en;q=0.2, es-MX") == ["es", "en"]


def test_a_spanish_browser_reads_the_survey_in_spanish(family, url):
    page = visit(family, url, HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert "¿Cómo va nuestra escuela?" in html and "Enviar mis respuestas" in html
    assert 'href="?lang=en"' in html and ">English</a>" in html
    # the page's frame speaks it too: the skip link and the footer
    assert ">Saltar al contenido principal</a>" in html and "Skip to main content" not in html
    assert "Una encuesta de su distrito escolar" in html


def test_switching_to_english_changes_the_page_and_its_lang(family, url):
    page = visit(family, url + "?lang=en", HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "How is our school doing?" in html and "Send my answers" in html
    assert 'lang="es" hreflang="es" href="?lang=es">Español</a>' in html


def test_one_visit_answers_once_and_the_second_post_saves_nothing(family, url, survey):
    page = visit(family, url)
    data = answers(page)
    first = post(family, url, dict(data))
    assert first.status_code == 200 and b"Your answers were received" in first.content
    assert Response.objects.filter(survey=survey).count() == 1
    second = post(family, url, dict(data))
    assert second.status_code == 409
    assert b"Your answers from this visit were already received." in second.content
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(response__survey=survey).count() == 2


def test_the_refusal_speaks_the_pages_language(family, url, survey):
    page = visit(family, url, HTTP_ACCEPT_LANGUAGE="es")
    data = answers(page)
    post(family, url, dict(data))
    again = post(family, url, dict(data))
    assert "Ya recibimos sus respuestas de esta visita." in again.content.decode()
    assert Response.objects.get(survey=survey).language == "es"


def age(ticket: str, days: int) -> None:
    issued = timezone.now() - dt.timedelta(days=days, minutes=1)
    ResponseTicket.objects.filter(key=ticket).update(created_at=issued)


def test_a_form_left_open_too_long_is_refused_as_expired(family, url, survey):
    old = answers(visit(family, url))
    age(old["ticket"], TICKET_DAYS)
    refused = post(family, url, dict(old))  # no clean-up ran: refused all the same
    assert refused.status_code == 409
    assert b"This form has expired" in refused.content
    assert b"open the survey&#x27;s link again" in refused.content
    assert not Response.objects.filter(survey=survey).exists()
    fresh = answers(visit(family, url))
    age(fresh["ticket"], TICKET_DAYS - 1)
    assert post(family, url, dict(fresh)).status_code == 200
    assert Response.objects.filter(survey=survey).count() == 1


def test_the_daily_clean_up_deletes_expired_tickets_only(family, url, survey):
    spent = answers(visit(family, url))
    post(family, url, dict(spent))
    fresh = answers(visit(family, url))
    old = answers(visit(family, url))
    age(old["ticket"], TICKET_DAYS)
    assert services.tickets_clean(now=timezone.now()) == 1
    kept = set(ResponseTicket.objects.values_list("key", flat=True))
    assert kept == {spent["ticket"], fresh["ticket"]}
    # A spent ticket is still told apart from an expired one.
    again = post(family, url, dict(spent))
    assert b"Your answers from this visit were already received." in again.content
    gone = post(family, url, dict(old))
    assert b"This form has expired" in gone.content
    assert Response.objects.filter(survey=survey).count() == 1


def test_an_unknown_ticket_is_refused(family, url, survey):
    data = answers(visit(family, url))
    data["ticket"] = "made-up"
    assert post(family, url, data).status_code == 409
    assert not Response.objects.filter(survey=survey).exists()


def test_a_ticket_of_another_schools_link_is_refused(cast, family, url, survey):
    other = reverse("community:survey_answer", args=[survey.links.get(school=cast.north_1).key])
    data = answers(visit(family, other))
    assert post(family, url, data).status_code == 409
    assert not Response.objects.filter(survey=survey).exists()


def test_a_missing_required_answer_is_shown_in_spanish_and_the_visit_may_try_again(
    family, url, survey
):
    page = visit(family, url, HTTP_ACCEPT_LANGUAGE="es")
    data = answers(page)
    scale = next(k for k in data if k.startswith("q"))
    data[scale] = ""
    refused = post(family, url, dict(data))
    assert refused.status_code == 400
    assert "Por favor, responda esta pregunta." in refused.content.decode()
    assert not Response.objects.filter(survey=survey).exists()
    data[scale] = "5"
    assert post(family, url, dict(data)).status_code == 200
    assert Response.objects.filter(survey=survey).count() == 1


def test_script_in_a_text_answer_is_stored_as_typed(family, url, survey):
    data = answers(visit(family, url), text=SCRIPT)
    assert post(family, url, data).status_code == 200
    assert Answer.objects.get(response__survey=survey, question__kind="text").text == SCRIPT


def test_a_text_answer_over_two_thousand_characters_is_refused(family, url, survey):
    data = answers(visit(family, url), text="x" * 2001)
    refused = post(family, url, data)
    assert refused.status_code == 400
    assert b"under 2,000 characters" in refused.content
    assert not Response.objects.filter(survey=survey).exists()


def test_a_closed_survey_says_so_and_takes_no_answer(family, url, survey):
    data = answers(visit(family, url))
    services.survey_close(actor=None, survey=survey)
    page = visit(family, url)
    assert b"This survey is closed" in page.content and b'<form method="post"' not in page.content
    assert post(family, url, data).status_code == 200
    assert not Response.objects.filter(survey=survey).exists()


def test_a_drafts_link_and_a_made_up_link_are_not_found(cast, family):
    draft = f.SurveyFactory(district=cast.district)
    services.links_ensure(survey=draft)
    draft_url = reverse("community:survey_answer", args=[draft.links.first().key])
    assert family.get(draft_url).status_code == 404
    assert family.get(reverse("community:survey_answer", args=["nope"])).status_code == 404


def test_each_visit_gets_its_own_ticket(family, url):
    first = visit(family, url).context["form"].initial["ticket"]
    second = visit(family, url).context["form"].initial["ticket"]
    assert first != second
    assert ResponseTicket.objects.filter(key__in=[first, second], used_at__isnull=True).count() == 2


def test_the_form_needs_its_csrf_token(family, url, survey):
    data = answers(visit(family, url))
    assert family.post(url, data).status_code == 403
    assert not Response.objects.filter(survey=survey).exists()
