"""Family surveys in a real headless Chromium, scanned by axe-core: a family opens its
school's link with a Spanish browser and reads Spanish, switches to English and answers;
sending the same visit's form again is refused; staff read the results, build a survey's
texts and record an engagement event. Every page is scanned, the family page in both
languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from districtwise.community.models import Response
from tests import factories as f
from tests.browser.conftest import TIMEOUT_MS, assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def as_user(page: Page, cast: Cast, name: str, live_server, path: str) -> None:
    login_with_cookie(page.context, cast[name], live_server.url)
    page.goto(path, timeout=30_000)


def family_page(browser: Browser, live_server):
    """A fresh browser that prefers Spanish, as a family's phone might."""
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.broken_assets = []  # type: ignore[attr-defined]
    return context, page


def test_a_spanish_speaking_family_answers_once_in_english(browser, live_server, cast):
    survey = f.open_survey(cast.district)
    link = survey.links.get(school=cast.south_1)
    context, page = family_page(browser, live_server)
    try:
        page.goto(f"/community/s/{link.key}/")
        expect(page.get_by_role("heading", name="¿Cómo va nuestra escuela?")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.get_by_role("button", name="Enviar mis respuestas")).to_be_visible()
        assert_accessible(page)

        page.get_by_role("link", name="English").click()
        expect(page.get_by_role("heading", name="How is our school doing?")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert_accessible(page)

        # Sending without the required answer: the error shows in English, nothing saved.
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_text("Some answers need a look")).to_be_visible()
        assert_accessible(page)

        page.get_by_text("4", exact=True).click()
        page.get_by_text("E-mail", exact=True).click()
        page.get_by_label(re.compile("What one thing should the school do next")).fill(
            "<b>More evening meetings</b>"
        )
        page.get_by_text("A parent or guardian", exact=True).click()
        sent = {
            name: page.locator(f"input[name={name}]").first.input_value()
            for name in ("ticket", "lang", "csrfmiddlewaretoken")
        }
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
        assert_accessible(page)
        assert Response.objects.filter(survey=survey, language="en").count() == 1

        # The same visit's form sent again (as a double submit or a resend would): refused.
        again = page.request.post(
            f"/community/s/{link.key}/",
            form={**sent, "group": "parent"},
            headers={"Referer": f"{live_server.url}/community/s/{link.key}/"},
        )
        assert again.status == 409
        assert "Your answers from this visit were already received." in again.text()
        assert Response.objects.filter(survey=survey).count() == 1
    finally:
        context.close()


def test_staff_read_results_and_build_texts_and_events(page: Page, live_server, cast):
    survey = f.open_survey(cast.district)
    f.survey_responses(survey, cast.north_1, 14, scale=4, text="Later pick-up times, please")
    f.survey_responses(survey, cast.north_2, 4, scale=2, language="es")
    as_user(page, cast, "superintendent", live_server, "/community/surveys/")
    expect(page.get_by_role("heading", name="Family and community surveys")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Results of Family survey").click()
    expect(page.get_by_role("heading", name="Results of Family survey")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Answers to question 1"))).to_be_visible()
    schools = page.get_by_role("table", name="Responses by school")
    expect(schools.get_by_role("row", name=re.compile("North Two Middle"))).to_contain_text(
        "hidden"
    )
    assert_accessible(page)
    page.get_by_label("School", exact=True).select_option(label="North One Elementary")
    page.get_by_role("button", name="Show these results").click()
    expect(page.get_by_text("Later pick-up times, please").first).to_be_visible()

    page.goto(f"/community/surveys/{survey.pk}/")
    expect(page.get_by_role("heading", name="Family survey")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Español texts").click()
    expect(page.get_by_text("Every text is there in Español.")).to_be_visible()
    assert_accessible(page)
    f.SchoolFactory(district=cast.district, name="Late Start Elementary")
    page.goto(f"/community/surveys/{survey.pk}/links/")
    expect(page.get_by_label("Link of South One High")).to_have_value(re.compile("/community/s/"))
    expect(
        page.get_by_text("1 school opened since the survey opened has no link yet.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Give the new school its link").click()
    expect(page.get_by_text("1 school link added.")).to_be_visible()
    expect(page.get_by_label("Link of Late Start Elementary")).to_have_value(
        re.compile("/community/s/")
    )
    assert_accessible(page)
    page.goto(f"/community/surveys/{survey.pk}/edit/")
    assert_accessible(page)

    page.goto("/community/surveys/new/")
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_text("Give the survey a title.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Title")).fill("Transport survey")
    page.get_by_text("Español", exact=True).click()
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_role("heading", name="Transport survey")).to_be_visible()
    follow_link(page, "Add a question")
    assert_accessible(page)
    page.get_by_text("One choice out of several", exact=True).click()
    page.get_by_label("Question (English)").fill("How does your child get to school?")
    page.get_by_label("Choices (English), one a line").fill("Bus\nWalk\nCar")
    page.get_by_role("button", name="Add the question").click()
    page.get_by_role("link", name="Edit question 1").click()
    expect(page.get_by_role("heading", name="Edit a question")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Open the survey to families").click()
    expect(page.get_by_text(re.compile("cannot open while texts are missing"))).to_be_visible()
    assert_accessible(page)

    page.goto("/community/events/")
    page.get_by_role("link", name="Record an event").click()
    page.get_by_label(re.compile(r"^What\b")).fill("Family literacy night")
    page.get_by_label("School", exact=True).select_option(label="North One Elementary")
    page.get_by_label(re.compile(r"^Date")).fill("2026-03-12")
    page.get_by_label(re.compile(r"^Attendance")).fill("45")
    page.get_by_text("Spanish", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_role("row", name=re.compile("Family literacy night"))).to_contain_text("45")
    assert_accessible(page)
    page.get_by_role("link", name="Edit Family literacy night").click()
    expect(page.get_by_role("heading", name="Edit Family literacy night")).to_be_visible()
    assert_accessible(page)
    page.goto("/community/")
    assert_accessible(page)
