"""Improvement networks in a real headless Chromium, scanned by axe-core: a network lead
convenes a network with two schools (the aim's sentence forming as they type), adds a
staff member through the searchable list and a family member, hands the family member
their one-time link, and the family member chooses a password and finds their network."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from districtwise.improvement.models import ImprovementNetwork
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def tick(page: Page, label: str) -> None:
    """Tick a USWDS checkbox or radio as a person does: by its label (the input itself is
    drawn by the label)."""
    page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def convene(page: Page) -> None:
    page.get_by_role("link", name="Convene a network").click()
    expect(page.get_by_role("heading", name="Convene an improvement network")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("Ninth grade on track")
    page.get_by_label("What will improve").fill("Ninth graders passing all their courses")
    page.get_by_label("By how much").fill("from 71% to 85%")
    page.get_by_label("By when").fill("2026-06-15")
    page.get_by_label("For whom").fill("ninth graders of the member schools")
    expect(page.locator("#aim-sentence")).to_have_text(
        "Ninth graders passing all their courses, from 71% to 85%, by June 15, 2026, "
        "for ninth graders of the member schools."
    )
    page.get_by_label("The network starts on").fill("2025-08-01")
    page.get_by_label("The network ends on").fill("2026-07-31")
    tick(page, "North One Elementary")
    tick(page, "North Two Middle")
    page.get_by_role("button", name="Convene the network").click()


def test_a_lead_convenes_a_network_and_a_family_member_joins_it(
    page: Page, live_server, cast: Cast, browser
):
    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    # The first pages of a fresh live server are slow on a busy machine.
    page.goto("/improvement/", timeout=30_000)
    assert_accessible(page)
    convene(page)
    expect(page.get_by_role("heading", name="Ninth grade on track")).to_be_visible()
    expect(page.locator("#aim-statement")).to_contain_text("by June 15, 2026")
    assert_accessible(page)
    network = ImprovementNetwork.objects.get(name="Ninth grade on track")
    assert [t.school.name for t in network.teams.all()] == [
        "North One Elementary",
        "North Two Middle",
    ]

    page.get_by_role("link", name="North One Elementary").click()
    expect(page.get_by_role("heading", name="North One Elementary team")).to_be_visible()
    assert_accessible(page)
    follow_link(page, "Add a staff member")
    assert_accessible(page)
    page.get_by_role("combobox", name="Staff member").fill("Coach North")
    page.get_by_role("option", name="Coach North 1 Testperson — North One Elementary").click()
    page.get_by_label("Role on the team").fill("data lead")
    page.get_by_role("button", name="Add to the team").click()
    expect(page.get_by_role("row", name="Coach North 1 Testperson")).to_contain_text("data lead")

    follow_link(page, "Add a student or family member")
    assert_accessible(page)
    tick(page, "Family member")
    page.get_by_label("Given name (new person)").fill("Rosa")
    page.get_by_label("Family name (new person)").fill("Quispe")
    page.get_by_role("button", name="Add to the team").click()
    expect(page.get_by_role("heading", name="Sign-in link for Rosa Quispe")).to_be_visible()
    assert_accessible(page)
    link = page.locator("#sign-in-link").inner_text()
    assert page.locator("#sign-in-username").inner_text() == "rosa.quispe"

    family = browser.new_context(base_url=live_server.url).new_page()
    family.goto(link)
    expect(family.get_by_role("heading", name="Welcome to your improvement team")).to_be_visible()
    assert_accessible_plain(family)
    family.locator("#id_new_password1").fill("a quiet heron at dawn")
    family.locator("#id_new_password2").fill("a quiet heron at dawn")
    family.get_by_role("button", name="Set my password and sign in").click()
    expect(family.get_by_text("Your password is set and you are signed in.")).to_be_visible()
    family.get_by_role("link", name="Ninth grade on track").click()
    expect(family.get_by_role("cell", name="Rosa Quispe (family member)")).to_be_visible()
    assert_accessible_plain(family)
    family.context.close()

    # The lead's other pages of the network, scanned too.
    team = network.teams.get(school__name="North One Elementary")
    member = team.members.get(person__given_name="Rosa")
    for path in (
        f"/improvement/{network.pk}/edit/",
        f"/improvement/{network.pk}/teams/add/",
        f"/improvement/teams/{team.pk}/remove/",
        f"/improvement/members/{member.pk}/edit/",
    ):
        page.goto(path)
        assert_accessible(page)


def assert_accessible_plain(page: Page) -> None:
    """The scan of ``assert_accessible`` for a page opened outside the ``page`` fixture."""
    page.broken_assets = []  # type: ignore[attr-defined]
    assert_accessible(page)
