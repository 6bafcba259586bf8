"""The authorization matrix: every URL of the project, for every named person of the suite.

The list of URLs comes from the URL configuration itself, so a view added without a row
here fails ``test_every_url_is_in_the_matrix``. Each row says, per person, what a GET
answers: 200 (may see), 403 (may see but not change), 404 (may not see: same as absent),
302 (sent to log in), 405 (method not allowed). POST rows check the write side.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_matrix import (
    DISTRICT_WIDE,
    EVERYONE_SIGNED_IN,
    MEMBERS,
    NORTH_1_SEERS,
    NORTH_SEERS,
    PEOPLE,
    Row,
    expect,
)
from tests.community.matrix import ROWS as COMMUNITY_ROWS
from tests.improvement.matrix import ROWS as IMPROVEMENT_ROWS
from tests.leadership.matrix import ROWS as LEADERSHIP_ROWS
from tests.supports.matrix import ROWS as SUPPORTS_ROWS
from tests.voice.matrix import ROWS as VOICE_ROWS
from tests.workload.matrix import ROWS as WORKLOAD_ROWS

EDITORS = {"superintendent", "sysadmin"}

DATA_ROLES = {"data_steward", "sysadmin"}
AUDIT_READERS = EVERYONE_SIGNED_IN - {"family"}  # the outsider: their own district
PLAN_READERS = EVERYONE_SIGNED_IN - {"family", "partner"}


def import_job(cast):
    """A finished import of the cast's district, with its job and a version."""
    from districtwise.data.models import DatasetVersion, ImportBatch, Job

    batch, _ = ImportBatch.objects.get_or_create(
        district=cast.district, source_name="matrix.zip", defaults={"status": "live"}
    )
    Job.objects.get_or_create(district=cast.district, batch=batch, defaults={"status": "succeeded"})
    DatasetVersion.objects.get_or_create(district=cast.district, batch=batch, school_year=2026)
    return batch


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Audits and board reports are files: written under a folder of the test's own."""
    settings.DATA_DIR = tmp_path / "var"


REPORT_OWNER = "principal_north_1"


def board_report(cast):
    """A finished board report of the cast's district, drawn for ``REPORT_OWNER``."""
    from districtwise.core.scopes import scope_for
    from districtwise.data.models import Job
    from districtwise.equity import access, services
    from districtwise.equity.models import BoardReport
    from tests.equity.conftest import YEAR, figure, store_run

    owner = cast[REPORT_OWNER]
    run = store_run(cast.district, [figure("district", cast.district.code, "all", "all", 5, 50)])
    job = Job.objects.create(
        kind="report", district=cast.district, created_by=owner, status="succeeded"
    )
    report = BoardReport.objects.create(
        district=cast.district,
        requested_by=owner,
        job=job,
        audit_run=run,
        school_year=YEAR,
        scope_key=access.scope_key(scope_for(owner, cast.district)),
    )
    path = services.reports_dir(cast.district) / f"{report.key.hex}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 matrix")
    report.path = str(path)
    report.save()
    return report


def plan_goal(cast):
    """A goal of the cast's district plan."""
    from tests import factories as f

    plan = f.PlanFactory(district=cast.district)
    return f.GoalFactory(plan=plan)


def north_1_initiative(cast):
    """An initiative of the cast's district running at North One only."""
    from districtwise.strategy.models import Participation
    from tests import factories as f

    initiative = f.InitiativeFactory(plan=f.PlanFactory(district=cast.district))
    Participation.objects.create(initiative=initiative, school=cast.north_1)
    return initiative


# ---- area: progress ----
PLAN_CABINET = {"superintendent", "sysadmin"}
INDICATOR_EDITORS = PLAN_CABINET | {"department_lead"}


def owned_indicator(cast):
    """A hand-entered indicator measuring a goal owned by the cast's department."""
    from tests import factories as f

    indicator = f.IndicatorFactory(district=cast.district, source_note="State report card")
    plan = f.PlanFactory(district=cast.district)
    f.GoalFactory(plan=plan, indicator=indicator, owner_department=cast.department)
    return indicator


def cabinet_review(cast):
    """A recorded cabinet review of the cast's district plan."""
    import datetime as dt

    from districtwise.strategy.models import CabinetReview
    from tests import factories as f

    plan = f.PlanFactory(district=cast.district)
    return CabinetReview.objects.create(plan=plan, held_on=dt.date(2026, 3, 2), notes="Matrix")


# ---- end area: progress ----
# --- allocation: need-weighted allocation scenarios ---
ALLOCATION_READERS = DISTRICT_WIDE | {
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
}
CABINET = {"superintendent", "sysadmin"}


def allocation_scenario(cast, *, adopted: bool):
    """A scenario of the cast's district: adopted (seen by school leaders) or a draft."""
    from django.utils import timezone

    from districtwise.strategy.models import AllocationScenario

    found, _ = AllocationScenario.objects.get_or_create(
        district=cast.district,
        name="Matrix adopted" if adopted else "Matrix draft",
        defaults={
            "school_year": 2026,
            "pool": "1000.00",
            "adopted_at": timezone.now() if adopted else None,
        },
    )
    return found


# --- end allocation ---


MATRIX: dict[str, Row] = {
    "home": (lambda c: reverse("home"), expect(EVERYONE_SIGNED_IN)),
    "login": (
        lambda c: reverse("login"),
        {**{p: 302 for p in PEOPLE}, "anonymous": 200},
    ),
    "logout": (lambda c: reverse("logout"), {p: 405 for p in PEOPLE}),
    "district_switch": (lambda c: reverse("district_switch"), {p: 405 for p in PEOPLE}),
    # The section page of a section the family member may not open says who uses it;
    # everyone who may open it is sent on to it.
    "section": (
        lambda c: reverse("section", args=["equity"]),
        {**expect({"family"}), **{p: 302 for p in EVERYONE_SIGNED_IN - {"family"}}},
    ),
    "token_list": (lambda c: reverse("token_list"), expect(EVERYONE_SIGNED_IN)),
    "token_revoke": (lambda c: reverse("token_revoke", args=[1]), {p: 405 for p in PEOPLE}),
    "organization:school_list": (
        lambda c: reverse("organization:school_list"),
        expect(EVERYONE_SIGNED_IN),
    ),
    "organization:school_detail": (
        lambda c: reverse("organization:school_detail", args=[c.north_1.pk]),
        expect(NORTH_1_SEERS),
    ),
    "organization:school_edit": (
        lambda c: reverse("organization:school_edit", args=[c.north_1.pk]),
        expect(EDITORS, forbidden=NORTH_1_SEERS - EDITORS),
    ),
    "organization:network_list": (
        lambda c: reverse("organization:network_list"),
        expect(EVERYONE_SIGNED_IN),
    ),
    "organization:network_detail": (
        lambda c: reverse("organization:network_detail", args=[c.north.pk]),
        expect(NORTH_SEERS),
    ),
    "organization:network_edit": (
        lambda c: reverse("organization:network_edit", args=[c.north.pk]),
        expect(EDITORS | {"north_lead"}, forbidden=NORTH_SEERS - EDITORS - {"north_lead"}),
    ),
    "organization:department_list": (
        lambda c: reverse("organization:department_list"),
        expect(EVERYONE_SIGNED_IN),
    ),
    "organization:department_detail": (
        lambda c: reverse("organization:department_detail", args=[c.department.pk]),
        expect(MEMBERS),
    ),
    "organization:person_list": (
        lambda c: reverse("organization:person_list"),
        expect(EVERYONE_SIGNED_IN),
    ),
    "organization:person_detail": (
        lambda c: reverse(
            "organization:person_detail",
            args=[c["principal_north_1"].people.get().pk],
        ),
        expect(NORTH_1_SEERS),
    ),
    "data:overview": (lambda c: reverse("data:overview"), expect(DATA_ROLES)),
    "data:upload": (lambda c: reverse("data:upload"), expect(DATA_ROLES)),
    "data:job_detail": (
        lambda c: reverse("data:job_detail", args=[import_job(c).job.pk]),
        expect(DATA_ROLES),
    ),
    "data:job_progress": (
        lambda c: reverse("data:job_progress", args=[import_job(c).job.pk]),
        expect(DATA_ROLES),
    ),
    "data:job_cancel": (
        lambda c: reverse("data:job_cancel", args=[import_job(c).job.pk]),
        {p: 405 for p in PEOPLE},
    ),
    "data:batch_detail": (
        lambda c: reverse("data:batch_detail", args=[import_job(c).pk]),
        expect(DATA_ROLES),
    ),
    "data:batch_report": (
        lambda c: reverse("data:batch_report", args=[import_job(c).pk]),
        expect(DATA_ROLES),
    ),
    "data:version_restore": (
        lambda c: reverse("data:version_restore", args=[import_job(c).versions.get().pk]),
        {p: 405 for p in PEOPLE},
    ),
    # The equity audit: everyone but family members (in their own district); with no audit
    # computed, an export has no year to give (tests/equity/test_pages.py checks them with an
    # audit).
    "equity:overview": (lambda c: reverse("equity:overview"), expect(AUDIT_READERS)),
    "equity:findings": (lambda c: reverse("equity:findings"), expect(AUDIT_READERS)),
    "equity:settings": (lambda c: reverse("equity:settings"), expect(AUDIT_READERS)),
    "equity:dimension": (
        lambda c: reverse("equity:dimension", args=["discipline"]),
        expect(AUDIT_READERS),
    ),
    "equity:export": (lambda c: reverse("equity:export", args=["csv"]), expect(set())),
    # A board report is seen and downloaded by the person who asked for it, nobody else:
    # not their superiors, not a colleague of the same school (tests/equity/test_reports.py).
    "equity:report_request": (
        lambda c: reverse("equity:report_request"),
        {p: 405 for p in PEOPLE},
    ),
    "equity:report_detail": (
        lambda c: reverse("equity:report_detail", args=[board_report(c).pk]),
        expect({REPORT_OWNER}),
    ),
    "equity:report_progress": (
        lambda c: reverse("equity:report_progress", args=[board_report(c).pk]),
        expect({REPORT_OWNER}),
    ),
    "equity:report_cancel": (
        lambda c: reverse("equity:report_cancel", args=[board_report(c).pk]),
        {p: 405 for p in PEOPLE},
    ),
    "equity:report_download": (
        lambda c: reverse("equity:report_download", args=[board_report(c).pk]),
        expect({REPORT_OWNER}),
    ),
    # Strategy and coherence: the plan is read by everyone but partners and family members
    # (the outsider reads their own district's); tests/strategy holds the write side.
    "strategy:overview": (lambda c: reverse("strategy:overview"), expect(PLAN_READERS)),
    "strategy:goal_detail": (
        lambda c: reverse("strategy:goal_detail", args=[plan_goal(c).pk]),
        expect(PLAN_READERS - {"outsider"}),
    ),
    # An initiative running at North One: seen by district-wide roles and North One's own.
    "strategy:initiative_detail": (
        lambda c: reverse("strategy:initiative_detail", args=[north_1_initiative(c).pk]),
        expect(NORTH_1_SEERS),
    ),
    # coherence: the coherence view, read by every reader of the plan (an initiative at North
    # One gives it something to show); the page writes nothing.
    "strategy:coherence": (
        lambda c: (north_1_initiative(c), reverse("strategy:coherence"))[1],
        expect(PLAN_READERS),
    ),
    # end coherence
    # ---- area: progress ----
    # Progress, indicators and reviews are read by every reader of the plan; indicators are
    # added by the cabinet and department leads, changed and fed by the cabinet and the lead
    # of the department owning a goal they measure (tests/strategy/test_progress_*.py).
    "strategy:progress": (lambda c: reverse("strategy:progress"), expect(PLAN_READERS)),
    "strategy:progress_export": (
        lambda c: reverse("strategy:progress_export"),
        expect(PLAN_READERS),
    ),
    "strategy:goal_progress": (
        lambda c: reverse("strategy:goal_progress", args=[plan_goal(c).pk]),
        expect(PLAN_READERS - {"outsider"}),
    ),
    "strategy:indicator_list": (
        lambda c: reverse("strategy:indicator_list"),
        expect(PLAN_READERS),
    ),
    "strategy:indicator_create": (
        lambda c: reverse("strategy:indicator_create"),
        expect(INDICATOR_EDITORS, forbidden=PLAN_READERS - INDICATOR_EDITORS),
    ),
    "strategy:indicator_detail": (
        lambda c: reverse("strategy:indicator_detail", args=[owned_indicator(c).pk]),
        expect(PLAN_READERS - {"outsider"}),
    ),
    "strategy:indicator_edit": (
        lambda c: reverse("strategy:indicator_edit", args=[owned_indicator(c).pk]),
        expect(INDICATOR_EDITORS, forbidden=PLAN_READERS - INDICATOR_EDITORS - {"outsider"}),
    ),
    "strategy:indicator_figures": (
        lambda c: reverse("strategy:indicator_figures", args=[owned_indicator(c).pk]),
        expect(INDICATOR_EDITORS, forbidden=PLAN_READERS - INDICATOR_EDITORS - {"outsider"}),
    ),
    "strategy:review_list": (lambda c: reverse("strategy:review_list"), expect(PLAN_READERS)),
    "strategy:review_detail": (
        lambda c: reverse("strategy:review_detail", args=[cabinet_review(c).pk]),
        expect(PLAN_READERS - {"outsider"}),
    ),
    # ---- end area: progress ----
    # exports: the plan as a download; the outsider's own district has no plan (404).
    "strategy:plan_export": (
        lambda c: (plan_goal(c), reverse("strategy:plan_export", args=["xlsx"]))[1],
        expect(PLAN_READERS - {"outsider"}),
    ),
    # end exports
    # --- allocation: the cabinet writes scenarios, district-wide roles read them, network
    # leads and principals read the adopted one (tests/strategy/test_allocation_pages.py).
    "strategy:allocation_list": (
        lambda c: reverse("strategy:allocation_list"),
        expect(ALLOCATION_READERS | {"outsider"}),
    ),
    "strategy:allocation_create": (
        lambda c: reverse("strategy:allocation_create"),
        expect(CABINET, forbidden=ALLOCATION_READERS - CABINET | {"outsider"}),
    ),
    "strategy:allocation_compare": (
        lambda c: (
            reverse("strategy:allocation_compare")
            + f"?scenario={allocation_scenario(c, adopted=True).pk}"
            + f"&scenario={allocation_scenario(c, adopted=False).pk}"
        ),
        expect(DISTRICT_WIDE),
    ),
    "strategy:allocation_detail": (
        lambda c: reverse(
            "strategy:allocation_detail", args=[allocation_scenario(c, adopted=True).pk]
        ),
        expect(ALLOCATION_READERS),
    ),
    "strategy:allocation_edit": (
        lambda c: reverse(
            "strategy:allocation_edit", args=[allocation_scenario(c, adopted=False).pk]
        ),
        expect(CABINET, forbidden=DISTRICT_WIDE - CABINET),
    ),
    "strategy:allocation_copy": (
        lambda c: reverse(
            "strategy:allocation_copy", args=[allocation_scenario(c, adopted=True).pk]
        ),
        {p: 405 for p in PEOPLE},
    ),
    "strategy:allocation_adopt": (
        lambda c: reverse(
            "strategy:allocation_adopt", args=[allocation_scenario(c, adopted=False).pk]
        ),
        {p: 405 for p in PEOPLE},
    ),
    "strategy:allocation_export": (
        lambda c: reverse(
            "strategy:allocation_export", args=[allocation_scenario(c, adopted=True).pk, "csv"]
        ),
        expect(ALLOCATION_READERS),
    ),
    # --- end allocation ---
    # tiers: the support tiers are read by readers of the plan, each school by those who see
    # it; the cabinet changes the rules, the superintendent alone overrides a school's tier.
    "strategy:tiers": (lambda c: reverse("strategy:tiers"), expect(PLAN_READERS)),
    "strategy:tiers_refresh": (
        lambda c: reverse("strategy:tiers_refresh"),
        {p: 405 for p in PEOPLE},
    ),
    "strategy:tier_rules": (lambda c: reverse("strategy:tier_rules"), expect(PLAN_READERS)),
    "strategy:tier_school": (
        lambda c: reverse("strategy:tier_school", args=[c.north_1.pk]),
        expect(NORTH_1_SEERS),
    ),
    "strategy:tier_override": (
        lambda c: reverse("strategy:tier_override", args=[c.north_1.pk]),
        expect({"superintendent"}, forbidden=NORTH_1_SEERS - {"superintendent"}),
    ),
    "organization:audit_feed": (
        lambda c: reverse("organization:audit_feed"),
        expect({"superintendent", "sysadmin"}),
    ),
}
# --- area: plan (the plan editor) ---
# The cabinet writes the plan's settings and theory of action; the department lead writes the
# goals and initiatives their department owns (the rows' objects are owned by it); readers
# of the plan get 403, those who may not see the object 404. The outsider reads their own
# district's plan, so its district-wide editing pages answer them 403.
PLAN_WRITERS = EDITORS | {"department_lead"}


def owned_goal(cast):
    """A goal of the cast's plan owned by the department lead's department."""
    from tests import factories as f

    plan = f.PlanFactory(district=cast.district)
    return f.GoalFactory(plan=plan, owner_department=cast.department)


def owned_north_1_initiative(cast):
    """An initiative at North One owned by the department, led by North One's principal,
    with a phase, a budget line and a milestone."""
    import datetime as dt

    from districtwise.strategy.models import BudgetLine, Milestone

    initiative = north_1_initiative(cast)
    initiative.owner_department = cast.department
    initiative.lead = cast["principal_north_1"].people.get()
    initiative.save()
    initiative.phases.create(name="Pilot")
    BudgetLine.objects.create(
        initiative=initiative, funding_source="title_i", school_year=2026, amount=100
    )
    Milestone.objects.create(initiative=initiative, title="Start", due_on=dt.date(2026, 1, 1))
    return initiative


def statement(cast):
    from districtwise.strategy.models import ActionStatement

    plan = plan_goal(cast).plan
    return ActionStatement.objects.create(plan=plan, if_clause="we coach", then_clause="we grow")


def initiative_part(kind: str):
    def build(cast) -> str:
        initiative = owned_north_1_initiative(cast)
        item = getattr(initiative, kind).get()
        name = {"phases": "phase", "budget_lines": "budget_line", "milestones": "milestone"}[kind]
        return reverse(f"strategy:{name}_edit", args=[initiative.pk, item.pk])

    return build


def with_plan(name: str):
    def build(cast) -> str:
        from tests import factories as f

        f.PlanFactory(district=cast.district)
        return reverse(name)

    return build


INITIATIVE_WRITE = expect(PLAN_WRITERS, forbidden=NORTH_1_SEERS - PLAN_WRITERS)
GOAL_WRITE = expect(PLAN_WRITERS, forbidden=PLAN_READERS - PLAN_WRITERS - {"outsider"})
POST_ONLY = {p: 405 for p in PEOPLE}
MATRIX.update(
    {
        "strategy:plan_edit": (
            with_plan("strategy:plan_edit"),
            expect(EDITORS, forbidden=PLAN_READERS - EDITORS),
        ),
        "strategy:goal_new": (
            with_plan("strategy:goal_new"),
            expect(PLAN_WRITERS, forbidden=PLAN_READERS - PLAN_WRITERS),
        ),
        "strategy:goal_edit": (
            lambda c: reverse("strategy:goal_edit", args=[owned_goal(c).pk]),
            GOAL_WRITE,
        ),
        "strategy:goal_delete": (
            lambda c: reverse("strategy:goal_delete", args=[owned_goal(c).pk]),
            GOAL_WRITE,
        ),
        "strategy:theory": (with_plan("strategy:theory"), expect(PLAN_READERS)),
        "strategy:statement_edit": (
            lambda c: reverse("strategy:statement_edit", args=[statement(c).pk]),
            expect(EDITORS, forbidden=PLAN_READERS - EDITORS - {"outsider"}),
        ),
        "strategy:statement_delete": (
            lambda c: reverse("strategy:statement_delete", args=[statement(c).pk]),
            POST_ONLY,
        ),
        "strategy:statement_move": (
            lambda c: reverse("strategy:statement_move", args=[statement(c).pk]),
            POST_ONLY,
        ),
        "strategy:initiative_new": (
            with_plan("strategy:initiative_new"),
            expect(PLAN_WRITERS, forbidden=PLAN_READERS - PLAN_WRITERS),
        ),
        **{
            f"strategy:{name}": (
                lambda c, name=name: reverse(
                    f"strategy:{name}", args=[owned_north_1_initiative(c).pk]
                ),
                INITIATIVE_WRITE,
            )
            for name in (
                "initiative_edit",
                "initiative_phases",
                "initiative_budget",
                "initiative_milestones",
            )
        },
        "strategy:phase_edit": (initiative_part("phases"), INITIATIVE_WRITE),
        "strategy:budget_line_edit": (initiative_part("budget_lines"), INITIATIVE_WRITE),
        "strategy:milestone_edit": (initiative_part("milestones"), INITIATIVE_WRITE),
        "strategy:phase_delete": (
            lambda c: reverse("strategy:phase_delete", args=[1, 1]),
            POST_ONLY,
        ),
        "strategy:budget_line_delete": (
            lambda c: reverse("strategy:budget_line_delete", args=[1, 1]),
            POST_ONLY,
        ),
        "strategy:milestone_delete": (
            lambda c: reverse("strategy:milestone_delete", args=[1, 1]),
            POST_ONLY,
        ),
        # The log: its editors and the initiative's lead (North One's principal) write in it.
        "strategy:initiative_log": (
            lambda c: reverse("strategy:initiative_log", args=[owned_north_1_initiative(c).pk]),
            expect(
                PLAN_WRITERS | {"principal_north_1"},
                forbidden=NORTH_1_SEERS - PLAN_WRITERS - {"principal_north_1"},
            ),
        ),
    }
)
# --- end area: plan ---
MATRIX.update(SUPPORTS_ROWS)
MATRIX.update(WORKLOAD_ROWS)
MATRIX.update(IMPROVEMENT_ROWS)
MATRIX.update(VOICE_ROWS)
MATRIX.update(COMMUNITY_ROWS)
MATRIX.update(LEADERSHIP_ROWS)
# ---- notifications ----
NOTIFICATION_OWNER = "principal_north_1"


def own_notification(cast):
    """A notification of ``NOTIFICATION_OWNER`` in the cast's district, leading home."""
    from districtwise.core.models import Notification

    return Notification.objects.create(
        district=cast.district,
        user=cast[NOTIFICATION_OWNER],
        kind=Notification.Kind.AGENDA_PUBLISHED,
        title="Matrix agenda published",
        url="/",
    )


MATRIX.update(
    {
        "notifications": (lambda c: reverse("notifications"), expect(EVERYONE_SIGNED_IN)),
        # the recipient is sent on to the notification's page; to everyone else it is absent
        "notification_open": (
            lambda c: reverse("notification_open", args=[own_notification(c).pk]),
            {**expect(set()), NOTIFICATION_OWNER: 302},
        ),
        "notifications_mark_read": (
            lambda c: reverse("notifications_mark_read"),
            {p: 405 for p in PEOPLE},
        ),
        "notification_settings": (
            lambda c: reverse("notification_settings"),
            expect(EVERYONE_SIGNED_IN),
        ),
    }
)
# ---- end notifications ----
# The Django administration: system administrators only; everyone else is sent to its log-in.
ADMIN_ROW = {**{p: 302 for p in PEOPLE}, "sysadmin": 200}


def _walk(patterns, prefix: str = "") -> list[str]:
    names: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names += _walk(pattern.url_patterns, space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(prefix + pattern.name)
        elif isinstance(pattern, URLPattern):
            names.append(prefix + str(pattern.pattern))
    return names


def project_url_names() -> list[str]:
    """Every named URL of the project, outside the Django admin and the token API (whose
    own matrix is in tests/api)."""
    return sorted(
        n for n in set(_walk(get_resolver().url_patterns)) if not n.startswith(("admin:", "api"))
    )


def test_every_url_is_in_the_matrix():
    missing = [name for name in project_url_names() if name not in MATRIX]
    assert missing == [], f"Views with no row in the authorization matrix: {missing}"


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_get_answers_as_the_matrix_says(client, cast, url_name):
    """One URL, its objects built once, asked for by every person in turn; the whole row
    is compared, so a failure names every person who got the wrong answer."""
    build, statuses = MATRIX[url_name]
    url = build(cast)
    answers = {}
    for person in PEOPLE:
        client.logout()
        if person != "anonymous":
            client.force_login(cast[person])
        answers[person] = client.get(url).status_code
    wrong = {p: (answers[p], statuses[p]) for p in PEOPLE if answers[p] != statuses[p]}
    assert wrong == {}, f"GET {url_name}: person -> (answered, expected)"


@pytest.mark.parametrize("person", PEOPLE)
def test_admin_is_for_system_administrators_only(client, cast, person):
    if person != "anonymous":
        client.force_login(cast[person])
    assert client.get(reverse("admin:index")).status_code == ADMIN_ROW[person]


SCHOOL_EDIT_POST = {**expect(EDITORS, forbidden=NORTH_1_SEERS - EDITORS)}
SCHOOL_EDIT_POST.update({p: 302 for p in EDITORS})


@pytest.mark.parametrize("person", PEOPLE)
def test_school_edit_post_as_the_matrix_says(client, cast, person):
    if person != "anonymous":
        client.force_login(cast[person])
    data = {"name": "Renamed", "network": cast.north.pk, "level": "elementary"}
    data |= {"grade_low": "KG", "grade_high": "05", "title_i": "true"}
    response = client.post(reverse("organization:school_edit", args=[cast.north_1.pk]), data)
    assert response.status_code == SCHOOL_EDIT_POST[person]
    cast.north_1.refresh_from_db()
    assert (cast.north_1.name == "Renamed") == (person in EDITORS)


NETWORK_WRITERS = EDITORS | {"north_lead"}
NETWORK_EDIT_POST = expect(NETWORK_WRITERS, forbidden=NORTH_SEERS - NETWORK_WRITERS)
NETWORK_EDIT_POST.update({p: 302 for p in NETWORK_WRITERS})


@pytest.mark.parametrize("person", PEOPLE)
def test_network_edit_post_as_the_matrix_says(client, cast, person):
    if person != "anonymous":
        client.force_login(cast[person])
    url = reverse("organization:network_edit", args=[cast.north.pk])
    response = client.post(url, {"name": "North Renamed", "description": ""})
    assert response.status_code == NETWORK_EDIT_POST[person]
    cast.north.refresh_from_db()
    assert (cast.north.name == "North Renamed") == (person in NETWORK_WRITERS)


@pytest.mark.parametrize("person", sorted(EVERYONE_SIGNED_IN))
def test_another_districts_school_is_not_found_for_everyone(client, cast, person):
    client.force_login(cast[person])
    other = cast.other_school if person != "outsider" else cast.north_1
    for name in ("organization:school_detail", "organization:school_edit"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404


DATA_POST = {**expect(set()), **{p: 302 for p in DATA_ROLES}}


@pytest.mark.parametrize("person", PEOPLE)
def test_data_writes_as_the_matrix_says(client, cast, person):
    """Restoring a version and cancelling a job: data roles only; others as if absent."""
    if person != "anonymous":
        client.force_login(cast[person])
    batch = import_job(cast)
    version = batch.versions.get()
    for url in (
        reverse("data:version_restore", args=[version.pk]),
        reverse("data:job_cancel", args=[batch.job.pk]),
    ):
        assert client.post(url).status_code == DATA_POST[person], url


REPORT_REQUEST_POST = {**expect(set()), **{p: 302 for p in AUDIT_READERS - {"outsider"}}}


@pytest.mark.parametrize("person", PEOPLE)
def test_asking_for_a_board_report_as_the_matrix_says(client, cast, person):
    """Every reader of the audit may ask for their own board report; family members and an
    outsider (whose district has no audit) find nothing to ask for."""
    from districtwise.data.models import Job
    from tests.equity.conftest import YEAR, figure, store_run

    store_run(cast.district, [figure("district", cast.district.code, "all", "all", 5, 50)])
    if person != "anonymous":
        client.force_login(cast[person])
    response = client.post(reverse("equity:report_request"), {"year": YEAR})
    assert response.status_code == REPORT_REQUEST_POST[person]
    queued = Job.objects.filter(kind="report", created_by__username=person)
    assert queued.count() == (1 if response.status_code == 302 and person != "anonymous" else 0)


REPORT_CANCEL_POST = {**expect(set()), REPORT_OWNER: 302}


@pytest.mark.parametrize("person", PEOPLE)
def test_cancelling_a_board_report_as_the_matrix_says(client, cast, person):
    report = board_report(cast)
    report.job.status = "queued"
    report.job.save()
    if person != "anonymous":
        client.force_login(cast[person])
    response = client.post(reverse("equity:report_cancel", args=[report.pk]))
    assert response.status_code == REPORT_CANCEL_POST[person]
    report.job.refresh_from_db()
    assert (report.job.status == "cancelled") == (person == REPORT_OWNER)


# --- allocation: adopting a scenario is the cabinet's; readers 403; the rest 404 ---
ADOPT_POST = {**expect(set(), forbidden=DISTRICT_WIDE - CABINET), **{p: 302 for p in CABINET}}


@pytest.mark.parametrize("person", PEOPLE)
def test_adopting_an_allocation_as_the_matrix_says(client, cast, person):
    from tests.strategy.allocation_fixtures import allocation_audit, new_scenario

    allocation_audit(cast)
    scenario = new_scenario(cast)
    if person != "anonymous":
        client.force_login(cast[person])
    response = client.post(reverse("strategy:allocation_adopt", args=[scenario.pk]))
    assert response.status_code == ADOPT_POST[person]
    scenario.refresh_from_db()
    assert scenario.is_adopted == (person in CABINET)


# --- end allocation ---
