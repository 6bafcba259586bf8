"""Patterns of needs in a real headless Chromium, scanned by axe-core: the superintendent
sees the rising category on the home page and follows it to the patterns; a department
lead links similar needs of two schools to one issue from the patterns page and answers
them together; a principal reads the anonymised patterns."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from districtwise.voice.models import Need
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.voice.patterns_support import need

pytestmark = pytest.mark.browser


def _needs(cast: Cast) -> None:
    now = timezone.now()
    for days in (1, 4, 9, 15, 22):
        need(cast, "north_2", category="safety", days_ago=days, now=now, title=f"Gate {days}")
    need(
        cast,
        "north_1",
        category="students_families",
        title="Bus route change strands families",
        description="Since the new bus routes started, families have no stop near them.",
    )
    need(
        cast,
        "south_1",
        category="students_families",
        title="Families stranded by new bus routes",
        description="The bus route changes left several families without a stop.",
    )


def test_the_superintendent_follows_a_rising_category_to_the_patterns(
    page: Page, live_server, cast: Cast
):
    _needs(cast)
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    page.goto("/", timeout=30_000)
    panel = page.get_by_role("region", name="Needs rising across schools")
    expect(panel.get_by_text("Safety")).to_be_visible()
    assert_accessible(page)
    panel.get_by_role("link", name="Patterns of needs").click()
    expect(page.get_by_role("heading", name="Patterns of needs", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Needs by category")).to_be_visible()
    assert_accessible(page)


def test_a_department_lead_links_similar_needs_and_answers_them_together(
    page: Page, live_server, cast: Cast
):
    _needs(cast)
    login_with_cookie(page.context, cast["department_lead"], live_server.url)
    page.goto("/voice/needs/patterns/", timeout=30_000)
    assert_accessible(page)
    page.get_by_role("link", name="Link these needs to one issue").click()
    expect(page.get_by_label("Bus route change strands families", exact=False)).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Open the issue").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()  # no title yet
    assert_accessible(page)
    page.get_by_label("Title").fill("New bus routes leave families without a stop")
    page.get_by_role("button", name="Open the issue").click()
    expect(
        page.get_by_role("heading", name="New bus routes leave families without a stop")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Answer").fill("Two stops are added on the east side from Monday.")
    page.get_by_role("button", name="Answer the linked needs").click()
    expect(page.get_by_text("The answer went to 2 linked need(s).")).to_be_visible()
    assert_accessible(page)
    answered = Need.objects.filter(category="students_families")
    assert set(answered.values_list("state", flat=True)) == {"answered"}
    page.goto("/voice/needs/issues/")
    expect(
        page.get_by_role("link", name="New bus routes leave families without a stop")
    ).to_be_visible()
    assert_accessible(page)


def test_a_principal_reads_the_patterns_without_school_names(page: Page, live_server, cast: Cast):
    _needs(cast)
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/voice/needs/patterns/", timeout=30_000)
    expect(page.get_by_text("These figures are anonymised")).to_be_visible()
    expect(page.get_by_text("South One High")).to_have_count(0)
    expect(page.get_by_text("Families stranded by new bus routes")).to_have_count(0)
    assert_accessible(page)
