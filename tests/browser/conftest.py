"""Fixtures for the pages tested in a real headless Chromium (Debian's, never downloaded).

One browser for the whole browser suite; a fresh context (cookies, storage) and page per test,
pointed at pytest-django's ``live_server``. Helpers log in through the real form or, where
the log-in itself is not what a test is about, by handing the browser a session cookie.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
# See STACK.md: the flags known to work as root on a closed network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    """Playwright for the browser tests only (package scope: the rest of a mixed run must
    not inherit its event loop)."""
    # Playwright's sync API keeps an event loop running in this thread; Django's ORM, which
    # the tests use to build their data, refuses to run beside one unless told it is safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as driver:
            yield driver
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make system).")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    # A page whose style sheet or script did not load would pass an accessibility scan for
    # the wrong reasons: remember every failed request for our own assets.
    page.broken_assets = []  # type: ignore[attr-defined]
    page.on(
        "response",
        lambda response: (
            page.broken_assets.append(f"{response.status} {response.url}")  # type: ignore[attr-defined]
            if response.status >= 400 and "/static/" in response.url
            else None
        ),
    )
    yield page
    page.close()


def login_through_form(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in the way a person does: open the log-in page, type, press the button."""
    page.goto("/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("domcontentloaded")


def login_with_cookie(context: BrowserContext, user, live_server_url: str) -> None:
    """Give the browser the session cookie of a user logged in by Django's test client."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.clear_cookies()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server_url}]
    )


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; return the serious and critical violations."""
    page.wait_for_load_state("load")  # a page still arriving would drop the injected script
    page.add_script_tag(path=str(AXE_SCRIPT))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html,
                                            summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return [v for v in found if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            lines.extend(f"        {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


def follow_link(page: Page, name: str) -> None:
    """Click the link ``name`` and wait for the page it opens, so that what comes next (an
    axe scan above all) reads the new page, not the one being left."""
    with page.expect_navigation():
        page.get_by_role("link", name=name).click()


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical WCAG 2.1 A/AA violation axe-core finds."""
    assert not page.broken_assets, f"assets failed to load: {page.broken_assets}"  # type: ignore[attr-defined]
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe_violations(violations)}"
