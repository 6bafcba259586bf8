"""A PDSA cycle in a real headless Chromium, scanned by axe-core on every page: North One's
coach starts a cycle, attaches a photo of student work, walks it Plan → Do → Study → Act,
is told a cycle cannot close without a decision, closes it with "adopt" and starts the
next cycle of the ramp from its next steps."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast
from tests.improvement.matrix import matrix_team
from tests.improvement.test_cycles_attachments import tiny_png

pytestmark = pytest.mark.browser


@pytest.fixture
def team(cast: Cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    team = matrix_team(cast)
    f.ChangeIdeaFactory(network=team.network, title="Weekly grade check")
    measure = f.MeasureFactory(network=team.network, name="Courses passed", unit="%")
    measure.values.create(team=team, period_start=dt.date(2025, 10, 13), value=64.0)
    measure.values.create(team=team, period_start=dt.date(2025, 10, 20), value=68.5)
    return team


def test_the_coach_takes_a_cycle_from_plan_to_adopt_and_starts_the_next(
    page: Page, live_server, cast: Cast, team
):
    login_with_cookie(page.context, cast["coach_north_1"], live_server.url)
    page.goto(f"/improvement/teams/{team.pk}/cycles/", timeout=30_000)
    expect(page.get_by_text("No cycles yet.")).to_be_visible()
    assert_accessible(page)

    follow_link(page, "Start a cycle")
    assert_accessible(page)
    page.get_by_label("Change idea to test").select_option(label="Weekly grade check")
    page.get_by_label("Name of the cycle").fill("Grade check 1")
    page.get_by_label("Question").fill("Will a weekly grade check catch failing students?")
    page.get_by_label("Prediction").fill("Half of the flagged students raise a grade.")
    page.get_by_label("Planned start").fill("2025-10-06")
    page.get_by_label("Planned end").fill("2025-10-24")
    page.get_by_role("button", name="Start the cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grade check 1")
    assert_accessible(page)

    page.get_by_label("File").set_input_files(
        {"name": "exit-ticket.png", "mimeType": "image/png", "buffer": tiny_png()}
    )
    page.get_by_label("Caption").fill("Exit ticket, names covered")
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_text("exit-ticket.png attached.")).to_be_visible()
    expect(page.get_by_role("img", name="Exit ticket, names covered")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Save and move on to Do").click()
    page.get_by_label("Started on").fill("2025-10-06")
    page.get_by_label("What happened").fill("Both advisors ran the check every Monday.")
    page.get_by_role("button", name="Save and move on to Study").click()
    expect(page.get_by_role("cell", name="68.5 %")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Results", exact=True).fill("9 of 14 flagged students raised a grade.")
    page.get_by_role("button", name="Save and move on to Act").click()

    page.get_by_role("button", name="Save and close the cycle").click()
    expect(page.get_by_text("a cycle cannot be closed without one")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Decision").select_option("adopt")
    page.get_by_label("Next steps").fill("Run it in every ninth-grade advisory.")
    page.get_by_role("button", name="Save and close the cycle").click()
    expect(page.get_by_text("Grade check 1 is closed with the decision: Adopt.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Start the next cycle").click()
    expect(page.get_by_label("What we will do")).to_have_value(
        "Run it in every ninth-grade advisory."
    )
    assert_accessible(page)
    page.get_by_label("Name of the cycle").fill("Grade check 2")
    page.get_by_label("Question").fill("Does it hold up in every advisory?")
    page.get_by_label("Prediction").fill("Most flagged students raise a grade.")
    page.get_by_label("Planned start").fill("2025-10-27")
    page.get_by_role("button", name="Start the cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grade check 2")
    expect(page.get_by_role("link", name="Grade check 1")).to_be_visible()

    page.get_by_role("link", name="PDSA cycles").click()
    expect(page.get_by_text("Ramp on “Weekly grade check”: 2 cycles")).to_be_visible()
    assert_accessible(page)
