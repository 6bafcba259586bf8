"""A need followed to its answer in a real headless Chromium, every page scanned by
axe-core: North One's principal raises a need in the real form (warned first about a
name in it), the department lead finds it in the queue, acknowledges and answers it, the
principal sees every step and the answer and reopens it with a reason; the routes page
and the needs list are scanned too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


@pytest.fixture
def routed(cast: Cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    f.NeedRouteFactory(district=cast.district, category="instruction", department=cast.department)


def test_a_principal_follows_a_need_to_its_answer_and_reopens_it(
    page: Page, live_server, cast: Cast, routed
):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/voice/needs/raise/", timeout=30_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a need")
    assert_accessible(page)

    page.get_by_label("Title").fill("Readers for grade 3")
    page.get_by_label("What is happening").fill("Maria Lopez and her class share one set.")
    page.get_by_label("Category").select_option("instruction")
    page.get_by_label("Soon: needs an answer within days").check()
    page.get_by_label("Students affected").fill("72")
    page.get_by_role("button", name="Raise the need").click()
    expect(page.get_by_role("heading", name="Check for students' names")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Readers for grade 3")
    assert_accessible(page)

    page.get_by_label("What is happening").fill("Three classes share one set of readers.")
    page.get_by_role("button", name="Raise the need").click()
    expect(
        page.get_by_text("Your need was raised and sent to Teaching and Learning.")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Readers for grade 3")
    need_url = page.url
    assert_accessible(page)

    page.goto("/voice/needs/")
    expect(page.get_by_role("link", name="Readers for grade 3")).to_be_visible()
    assert_accessible(page)

    login_with_cookie(page.context, cast["department_lead"], live_server.url)
    page.goto("/voice/needs/queue/")
    assert_accessible(page)
    page.get_by_role("link", name="Readers for grade 3").click()
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text("The need is now acknowledged.")).to_be_visible()
    page.get_by_role("button", name="Answer").click()
    expect(page.get_by_text("Write the answer the school will read.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("The answer the school will read").fill("A second set ships on Monday.")
    page.get_by_role("button", name="Answer").click()
    expect(page.get_by_text("The need is now answered.")).to_be_visible()

    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto(need_url)
    answer = page.get_by_role("region", name="The district's answer")
    expect(answer).to_contain_text("A second set ships on Monday.")
    steps = page.locator(".usa-process-list__heading")
    expect(steps).to_have_text(["Raised", "Acknowledged", "Answered"])
    expect(page.get_by_text("by Department Lead Testperson").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why the need is reopened").fill("The set covers one class only.")
    page.get_by_role("button", name="Reopen").click()
    expect(page.get_by_text("The need is now raised.")).to_be_visible()
    expect(steps).to_have_text(["Raised", "Acknowledged", "Answered", "Reopened"])
    expect(page.get_by_text("The set covers one class only.")).to_be_visible()
    assert_accessible(page)


def test_the_routes_page_is_accessible_to_the_cabinet_and_its_readers(
    page: Page, live_server, cast: Cast, routed
):
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    page.goto("/voice/needs/routes/", timeout=30_000)
    expect(page.get_by_label("Instruction")).to_have_value(str(cast.department.pk))
    assert_accessible(page)
    page.goto("/voice/")
    assert_accessible(page)
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/voice/needs/routes/")
    expect(page.get_by_role("cell", name="Teaching and Learning")).to_be_visible()
    assert_accessible(page)
