"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page of the shell.

Each case opens one page as one of the named people (the states a person meets: empty
and filled, before and after a form is sent with a mistake) and scans it as it stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from playwright.sync_api import Page, Response

from districtwise.core.audit import audit_record
from tests.browser.conftest import (
    assert_accessible,
    axe_violations,
    login_through_form,
    login_with_cookie,
)
from tests.conftest import Cast

pytestmark = pytest.mark.browser

SECTION_SLUGS = [
    "data",
    "equity",
    "strategy",
    "supports",
    "workload",
    "improvement",
    "voice",
    "community",
    "leadership",
]


def person_pk(cast: Cast, name: str) -> int:
    return cast[name].people.get(district=cast.district).pk  # type: ignore[attr-defined]


def submit(page: Page, button: str) -> Response | None:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    return navigation.value


def visit(path: Callable[[Cast], str] | str) -> Callable[[Page, Cast], Response | None]:
    def open_page(page: Page, cast: Cast) -> Response | None:
        return page.goto(path(cast) if callable(path) else path)

    return open_page


def rich_network(cast: Cast):
    """The matrix network of tests/improvement with something on each of its pages: a
    diagram, a change idea, a p-chart measure with twelve weeks of values, a cycle at
    its Study stage and a learning-log entry."""
    import datetime as dt

    from districtwise.improvement.models import (
        DiagramVersion,
        Driver,
        IdeaPlacement,
        LearningEntry,
    )
    from tests import factories as f
    from tests.improvement.matrix import matrix_network

    network = matrix_network(cast)
    if network.measures.exists():
        return network
    team = network.teams.get()
    idea = f.ChangeIdeaFactory(network=network, title="Weekly grade checks")
    version = DiagramVersion.objects.create(network=network, number=1)
    primary = Driver.objects.create(version=version, kind="primary", text="Students know")
    secondary = Driver.objects.create(
        version=version, kind="secondary", parent=primary, text="Grades are seen weekly"
    )
    IdeaPlacement.objects.create(driver=secondary, idea=idea)
    measure = f.MeasureFactory(network=network, name="Courses passed", chart="p", unit="%")
    for week in range(12):
        on = dt.date(2025, 9, 1) + dt.timedelta(weeks=week)
        passed = 30 if week < 6 else 40
        measure.values.create(
            team=team, period_start=on, value=passed / 50, numerator=passed, denominator=50
        )
    f.CycleFactory(team=team, change_idea=idea, stage="study", title="Grade checks, cycle 1")
    LearningEntry.objects.create(network=network, written_on=dt.date(2025, 10, 1), text="Seen")
    return network


def improvement(name: str, of: str = "network") -> Callable[[Page, Cast], Response | None]:
    """An improvement page of the rich network (``of``: network, team, measure or cycle)."""

    def path(cast: Cast) -> str:
        from django.urls import reverse

        network = rich_network(cast)
        target = {
            "network": network,
            "team": network.teams.first(),
            "measure": network.measures.first(),
            "cycle": network.teams.first().cycles.first(),
        }[of]
        return reverse(f"improvement:{name}", args=[target.pk])

    return visit(path)


def school_edit_with_blank_name(page: Page, cast: Cast) -> Response | None:
    page.goto(f"/schools/{cast.north_1.pk}/edit/")
    page.locator("#id_name").fill("")
    response = submit(page, "Save")
    assert page.locator("#id_name-error").inner_text() == "This field is required."
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert page.get_by_role("heading", name="Nothing was saved").is_visible()
    return response


def school_edit_with_grades_reversed(page: Page, cast: Cast) -> Response | None:
    page.goto(f"/schools/{cast.north_1.pk}/edit/")
    page.locator("#id_grade_low").select_option("05")
    page.locator("#id_grade_high").select_option("KG")
    response = submit(page, "Save")
    assert "must not be below" in page.locator("#id_grade_high-error").inner_text()
    return response


def network_edit_with_blank_name(page: Page, cast: Cast) -> Response | None:
    page.goto(f"/networks/{cast.north.pk}/edit/")
    page.locator("#id_name").fill("")
    response = submit(page, "Save")
    assert page.locator("#id_name-error").is_visible()
    return response


def with_history(path: Callable[[Cast], str]) -> Callable[[Page, Cast], Response | None]:
    """Record changes to a school and a network first, so the page shows a history."""

    def open_page(page: Page, cast: Cast) -> Response | None:
        actor = cast["superintendent"]
        for obj, field, before, after in [
            (cast.north_1, "name", "North One School", "North One Elementary"),
            (cast.north_1, "title_i", None, False),
            (cast.north, "description", "", "The schools north of the river"),
        ]:
            audit_record(
                actor=actor,
                district=cast.district,
                action="update",
                obj=obj,
                changes={field: [before, after]},
            )
        response = page.goto(path(cast))
        assert page.get_by_text("North One School → North One Elementary").count() == 1
        return response

    return open_page


def token_created(page: Page, cast: Cast) -> Response | None:
    page.goto("/account/tokens/")
    page.get_by_label("What the token is for").fill("nightly roster sync")
    response = submit(page, "Create token")
    assert page.locator("#new-token").inner_text().strip()
    assert page.get_by_role("rowheader", name="nightly roster sync").is_visible()
    return response


def token_created_blank(page: Page, cast: Cast) -> Response | None:
    page.goto("/account/tokens/")
    response = submit(page, "Create token")
    assert page.locator(".usa-error-message").count() == 1
    return response


def token_revoked(page: Page, cast: Cast) -> Response | None:
    token_created(page, cast)
    response = submit(page, "Revoke nightly roster sync")
    assert page.get_by_text("is revoked and no longer works").is_visible()
    return response


def login_failed(page: Page, cast: Cast) -> Response | None:
    page.goto("/login/")
    page.get_by_label("User name").fill("superintendent")
    page.get_by_label("Password").fill("wrong")
    return submit(page, "Log in")


def login_throttled(page: Page, cast: Cast) -> Response | None:
    response = None
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 1):
        response = login_failed(page, cast)
    assert page.get_by_role("heading", name="Too many failed attempts").is_visible()
    return response


@dataclass(frozen=True)
class Case:
    id: str
    user: str | None
    open: Callable[[Page, Cast], Response | None]
    status: int = 200


CASES = [
    Case("login", None, visit("/login/")),
    Case("login-failed", None, login_failed),
    Case("login-throttled", None, login_throttled, status=429),
    *[
        Case(f"home-{name}", name, visit("/"))
        for name in [
            "superintendent",
            "department_lead",
            "north_lead",
            "principal_north_1",
            "coach_north_1",
            "partner",
            "family",
            "data_steward",
            "sysadmin",
        ]
    ],
    Case("schools", "superintendent", visit("/schools/")),
    Case("schools-partner", "partner", visit("/schools/")),
    Case("school-detail", "superintendent", visit(lambda c: f"/schools/{c.north_1.pk}/")),
    Case(
        "school-detail-with-history",
        "superintendent",
        with_history(lambda c: f"/schools/{c.north_1.pk}/"),
    ),
    Case("school-detail-partner", "partner", visit(lambda c: f"/schools/{c.south_1.pk}/")),
    Case("school-edit", "superintendent", visit(lambda c: f"/schools/{c.north_1.pk}/edit/")),
    Case("school-edit-blank-name", "superintendent", school_edit_with_blank_name),
    Case("school-edit-grades-reversed", "superintendent", school_edit_with_grades_reversed),
    Case("networks", "superintendent", visit("/networks/")),
    Case("network-detail", "superintendent", visit(lambda c: f"/networks/{c.north.pk}/")),
    Case("network-detail-lead", "north_lead", visit(lambda c: f"/networks/{c.north.pk}/")),
    Case("network-edit", "north_lead", visit(lambda c: f"/networks/{c.north.pk}/edit/")),
    Case("network-edit-blank-name", "superintendent", network_edit_with_blank_name),
    Case("departments", "superintendent", visit("/departments/")),
    Case(
        "department-detail",
        "superintendent",
        visit(lambda c: f"/departments/{c.department.pk}/"),
    ),
    Case("people", "superintendent", visit("/people/")),
    Case("people-search-empty", "superintendent", visit("/people/?q=zzzz")),
    Case(
        "person-detail",
        "superintendent",
        visit(lambda c: f"/people/{person_pk(c, 'principal_north_1')}/"),
    ),
    Case("audit-feed-empty", "superintendent", visit("/audit/")),
    Case("audit-feed", "superintendent", with_history(lambda c: "/audit/")),
    Case("tokens", "principal_north_1", visit("/account/tokens/")),
    Case("tokens-created", "principal_north_1", token_created),
    Case("tokens-blank-name", "principal_north_1", token_created_blank),
    Case("tokens-revoked", "principal_north_1", token_revoked),
    *[Case(f"section-{slug}", "north_lead", visit(f"/sections/{slug}/")) for slug in SECTION_SLUGS],
    # Teacher supports and principal workload: the pages their own browser tests do not
    # reach by clicking (forms to start something, lists that may be empty).
    Case("supports-new", "superintendent", visit("/supports/catalogue/new/")),
    Case("supports-log-schools", "north_lead", visit("/supports/schools/")),
    Case(
        "supports-roster",
        "principal_north_1",
        visit(lambda c: f"/supports/schools/{c.north_1.pk}/roster/"),
    ),
    Case(
        "supports-roster-add",
        "principal_north_1",
        visit(lambda c: f"/supports/schools/{c.north_1.pk}/roster/add/"),
    ),
    Case(
        "supports-log-import",
        "coach_north_1",
        visit(lambda c: f"/supports/schools/{c.north_1.pk}/logs/import/"),
    ),
    Case(
        "supports-groups",
        "coach_north_1",
        visit(lambda c: f"/supports/schools/{c.north_1.pk}/groups/"),
    ),
    Case(
        "supports-school-logs",
        "north_lead",
        visit(lambda c: f"/supports/schools/{c.north_1.pk}/logs/"),
    ),
    Case("workload-overview", "principal_north_1", visit("/workload/")),
    Case("workload-tasks", "superintendent", visit("/workload/tasks/")),
    Case("workload-starter", "superintendent", visit("/workload/tasks/starter/edit/")),
    Case(
        "workload-audit-edit",
        "principal_north_1",
        visit(lambda c: f"/workload/tasks/schools/{c.north_1.pk}/edit/"),
    ),
    Case("workload-coming-to-me", "department_lead", visit("/workload/tasks/coming-to-me/")),
    Case("workload-time-goal", "superintendent", visit("/workload/time/goal/")),
    Case(
        "workload-time-week",
        "principal_north_1",
        visit(lambda c: f"/workload/time/{person_pk(c, 'principal_north_1')}/week/"),
    ),
    Case(
        "workload-time-day",
        "principal_north_1",
        visit(lambda c: f"/workload/time/{person_pk(c, 'principal_north_1')}/day/"),
    ),
    Case(
        "workload-time-summary",
        "north_lead",
        visit(lambda c: f"/workload/time/{person_pk(c, 'principal_north_1')}/"),
    ),
    Case("workload-request-new", "department_lead", visit("/workload/requests/new/")),
    Case("workload-overlaps", "data_steward", visit("/workload/requests/overlaps/")),
    Case("workload-request-hours", "data_steward", visit("/workload/requests/hours/")),
    Case("workload-field-new", "data_steward", visit("/workload/requests/fields/new/")),
    Case("improvement-overview", "family", visit("/improvement/")),
    Case("improvement-network", "family", improvement("network")),
    Case("improvement-network-edit", "north_lead", improvement("network_edit")),
    Case("improvement-teams-add", "north_lead", improvement("teams_add")),
    Case("improvement-team", "coach_north_1", improvement("team", of="team")),
    Case("improvement-member-add", "north_lead", improvement("member_add", of="team")),
    Case("improvement-member-invite", "north_lead", improvement("member_invite", of="team")),
    Case("improvement-diagram", "principal_north_1", improvement("diagram")),
    Case("improvement-diagram-edit", "north_lead", improvement("diagram_edit")),
    Case("improvement-diagram-versions", "family", improvement("diagram_versions")),
    Case("improvement-change-ideas", "north_lead", improvement("change_ideas")),
    Case("improvement-measures", "family", improvement("measures")),
    Case("improvement-measure", "coach_north_1", improvement("measure", of="measure")),
    Case("improvement-measure-edit", "north_lead", improvement("measure_edit", of="measure")),
    Case(
        "improvement-measure-upload", "coach_north_1", improvement("measure_upload", of="measure")
    ),
    Case("improvement-charts", "superintendent", improvement("charts")),
    Case("improvement-measure-chart", "family", improvement("measure_chart", of="measure")),
    Case("improvement-network-cycles", "family", improvement("network_cycles")),
    Case("improvement-team-cycles", "coach_north_1", improvement("team_cycles", of="team")),
    Case("improvement-cycle-study", "coach_north_1", improvement("cycle", of="cycle")),
    Case("improvement-learning", "north_lead", improvement("learning")),
    Case("improvement-learning-log", "family", improvement("learning_log")),
    Case("improvement-summary", "superintendent", improvement("learning_summary")),
    Case("not-found", "principal_north_1", visit("/schools/999999/"), status=404),
    Case(
        "not-found-other-school",
        "principal_north_1",
        visit(lambda c: f"/schools/{c.south_1.pk}/"),
        status=404,
    ),
    Case(
        "forbidden",
        "principal_north_1",
        visit(lambda c: f"/schools/{c.north_1.pk}/edit/"),
        status=403,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_page_has_no_serious_accessibility_violations(
    page: Page, live_server, cast: Cast, case: Case
):
    if case.user is not None:
        login_with_cookie(page.context, cast[case.user], live_server.url)

    response = case.open(page, cast)

    assert response is not None
    assert response.status == case.status, f"{page.url} answered {response.status}"
    if case.user is not None:
        assert not page.url.startswith(f"{live_server.url}/login/"), "not logged in"
    assert_accessible(page)


def test_home_through_the_real_form_is_accessible(page: Page, live_server, cast: Cast):
    """The cookie shortcut above must not hide anything the real log-in would show."""
    login_through_form(page, "superintendent")
    assert page.url == f"{live_server.url}/"
    assert_accessible(page)


def test_home_on_a_phone_is_accessible_with_the_menu_open(page: Page, live_server, cast: Cast):
    page.set_viewport_size({"width": 390, "height": 844})
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    page.goto("/")
    assert_accessible(page)

    page.get_by_role("button", name="Menu").click()
    account = page.get_by_role("navigation", name="Account")
    account.get_by_role("button", name="Log out superintendent").wait_for(state="visible")
    assert page.evaluate("document.activeElement.className") == "usa-nav__close"
    assert page.get_by_role("link", name="Schools").is_hidden(), "the page behind shows"
    assert_accessible(page)

    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.textContent") == "Menu"
    assert page.get_by_role("link", name="Schools").is_visible()


def test_the_scan_catches_what_it_should(page: Page):
    """A scan that never fails proves nothing: it must catch a planted violation."""
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Planted</title></head><body><main>'
        '<h1>Planted</h1><p style="color:#bbb;background:#fff">Faint text</p>'
        '<input id="unlabelled" type="text"></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(page)}
    assert {"color-contrast", "label"} <= found
