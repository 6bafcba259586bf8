"""The driver-diagram editor in a real headless Chromium, scanned by axe-core: a network
lead builds a small tree (two primary drivers, a secondary driver, a change idea under two
drivers), records the version, and reads the diagram drawn and in words."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from districtwise.improvement.models import DiagramVersion, IdeaPlacement
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.improvement.matrix import matrix_network

pytestmark = pytest.mark.browser


def test_a_lead_builds_records_and_reads_the_driver_diagram(page: Page, live_server, cast: Cast):
    network = matrix_network(cast)
    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    # A fresh live server on a busy machine can take longer than the default 10 s at first.
    page.goto(f"/improvement/{network.pk}/diagram/edit/", timeout=30_000)
    expect(page.get_by_role("heading", name="Edit the driver diagram")).to_be_visible()
    assert_accessible(page)

    for text in ("Students know where they stand", "Adults notice early"):
        page.get_by_label("New primary driver").fill(text)
        page.get_by_role("button", name="Add the primary driver").click()
        expect(page.get_by_role("heading", name=f"Primary driver: {text}")).to_be_visible()
    page.get_by_label("New secondary driver under “Students know where they stand”").fill(
        "Grades posted every week"
    )
    page.get_by_role(
        "button", name="Add the secondary driver under “Students know where they stand”"
    ).click()
    expect(page.get_by_text("Secondary driver: Grades posted every week")).to_be_visible()

    # A new idea under the secondary driver, then the same idea under the second primary.
    page.get_by_text("Place a change idea under “Grades posted every week”").click()
    page.get_by_label("A new change idea to place under “Grades posted every week”").fill(
        "Friday grade check"
    )
    page.get_by_role("button", name="Place the idea under “Grades posted every week”").click()
    expect(page.get_by_text("Friday grade check (not tested yet)")).to_be_visible()
    page.get_by_text("Place a change idea under “Adults notice early”").click()
    page.get_by_label(
        "A change idea of the network to place under “Adults notice early”"
    ).select_option(label="Friday grade check")
    page.get_by_role("button", name="Place the idea under “Adults notice early”").click()
    expect(page.get_by_text("Friday grade check (not tested yet)")).to_have_count(2)
    assert IdeaPlacement.objects.count() == 2
    assert_accessible(page)

    page.get_by_role("link", name="Record this version").click()
    expect(page.get_by_text("This is the network's first version")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What the network learned").fill("Weekly grades are what students lack.")
    page.get_by_role("button", name="Record version 1").click()
    expect(page.get_by_text("Version 1 recorded. Version 2 is open for editing.")).to_be_visible()
    assert DiagramVersion.objects.get(number=1).recorded_at is not None
    expect(
        page.get_by_role("img", name=f"Driver diagram of {network.name}, version 1")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Driver diagram").first.click()
    diagram = page.get_by_role("img", name=f"Driver diagram of {network.name}, version 2")
    expect(diagram).to_be_visible()
    expect(diagram.locator("text >> nth=0")).to_be_attached()
    words = page.locator(".dw-diagram-list")
    expect(words.get_by_text("Primary driver:")).to_have_count(2)
    expect(words.get_by_text("hangs under 2 drivers")).to_have_count(2)
    assert_accessible(page)
    # Printed, the page is the drawing alone.
    page.emulate_media(media="print")
    expect(diagram).to_be_visible()
    expect(words).to_be_hidden()
    expect(page.get_by_role("navigation", name="Capabilities")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Change ideas").first.click()
    expect(page.get_by_role("rowheader", name="Friday grade check")).to_be_visible()
    assert_accessible(page)
