"""The plan editor's pages, through the test client: for each, the editor can, a reader of
the plan cannot write (403, nothing changed), one who may not see it gets 404; bad input is
answered next to its field with nothing saved; a second editor of the same goal is shown
the difference."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.strategy.models import (
    ActionStatement,
    BudgetLine,
    Goal,
    Initiative,
    LogEntry,
    Milestone,
    Participation,
    Plan,
)
from tests import factories as f


@pytest.fixture
def plan(cast):
    return f.PlanFactory(district=cast.district, title="Rising together")


@pytest.fixture
def goal(plan, cast):
    return f.GoalFactory(plan=plan, code="G1", title="Readers", owner_department=cast.department)


@pytest.fixture
def initiative(plan, cast, goal):
    """Owned by the department, at North One, led by North One's principal, ending mid-2027."""
    initiative = f.InitiativeFactory(
        plan=plan,
        code="I1",
        name="Literacy coaching",
        owner_department=cast.department,
        lead=cast["principal_north_1"].people.get(),
        ends_on=dt.date(2027, 6, 30),
    )
    initiative.goals.add(goal)
    Participation.objects.create(initiative=initiative, school=cast.north_1)
    return initiative


NO_TARGETS = {
    "targets-TOTAL_FORMS": "0",
    "targets-INITIAL_FORMS": "0",
    "targets-MIN_NUM_FORMS": "0",
    "targets-MAX_NUM_FORMS": "1000",
}


def goal_post(**more) -> dict:
    return {
        "code": "G2",
        "title": "Every student attends",
        "priority": "2",
        "baseline_value": "0.20",
        "baseline_on": "2024-06-30",
        "target_value": "0.10",
        "target_on": "2028-06-30",
        "learning_agendas": ["student"],
        "areas_of_action": ["learning"],
        **NO_TARGETS,
        **more,
    }


def post_as(client_as, person, url, data=None):
    return client_as(person).post(url, data or {})


# ----- The plan's settings -----------------------------------------------------------------
def test_the_superintendent_starts_the_plan_and_then_edits_it(cast, client_as):
    url = reverse("strategy:plan_edit")
    data = {"title": "Rising together", "vision": "Every child known", "mission": "Teach"}
    data |= {"on_track_share": "0.9", "at_risk_share": "0.7", "school_initiative_limit": "4"}
    assert post_as(client_as, "superintendent", url, data).status_code == 302
    plan = Plan.objects.get(district=cast.district)
    response = post_as(client_as, "superintendent", url, data | {"vision": "All", "version": 1})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.vision, plan.version) == ("All", 2)


def test_plan_shares_out_of_order_are_refused_next_to_the_field(cast, client_as, plan):
    data = {"title": "X", "on_track_share": "0.5", "at_risk_share": "0.8", "version": "1"}
    data |= {"school_initiative_limit": "4"}
    response = post_as(client_as, "superintendent", reverse("strategy:plan_edit"), data)
    assert response.status_code == 400
    assert "The at-risk share must not be above the on-track share" in response.text
    assert Plan.objects.get(pk=plan.pk).title == "Rising together"


@pytest.mark.parametrize(("person", "status"), [("department_lead", 403), ("family", 404)])
def test_only_the_cabinet_changes_the_plan(cast, client_as, plan, person, status):
    url = reverse("strategy:plan_edit")
    response = post_as(client_as, person, url, {"title": "Mine now", "version": "1"})
    assert response.status_code == status
    assert Plan.objects.get(pk=plan.pk).title == "Rising together"


# ----- Goals -------------------------------------------------------------------------------
def test_a_superintendent_writes_a_goal_with_a_group_target(cast, client_as, plan):
    targets = {**NO_TARGETS, "targets-TOTAL_FORMS": "1"}
    targets |= {"targets-0-group": "english_learner:Y", "targets-0-target_value": "0.15"}
    url = reverse("strategy:goal_new")
    response = post_as(client_as, "superintendent", url, goal_post(**targets, is_equity="on"))
    goal = Goal.objects.get(plan=plan, code="G2")
    assert response.status_code == 302
    assert response.url == reverse("strategy:goal_detail", args=[goal.pk])
    assert goal.learning_agendas == ["student"]
    assert goal.group_targets.get().target_value == Decimal("0.15")


def test_a_department_lead_adds_goals_for_their_own_department_only(cast, client_as, plan):
    url = reverse("strategy:goal_new")
    response = post_as(client_as, "department_lead", url, goal_post())
    assert response.status_code == 400  # the owner is theirs to give, and must be given
    assert not Goal.objects.filter(plan=plan).exists()
    mine = goal_post(owner_department=cast.department.pk)
    assert post_as(client_as, "department_lead", url, mine).status_code == 302
    other = f.DepartmentFactory(district=cast.district)
    theirs = goal_post(code="G3", owner_department=other.pk)
    assert post_as(client_as, "department_lead", url, theirs).status_code == 400
    assert list(Goal.objects.values_list("code", flat=True)) == ["G2"]


@pytest.mark.parametrize(("person", "status"), [("principal_north_1", 403), ("partner", 404)])
def test_readers_and_others_add_no_goal(cast, client_as, plan, person, status):
    response = post_as(client_as, person, reverse("strategy:goal_new"), goal_post())
    assert response.status_code == status
    assert not Goal.objects.exists()


def test_a_target_without_a_baseline_date_is_answered_next_to_it(cast, client_as, plan):
    url = reverse("strategy:goal_new")
    response = post_as(client_as, "superintendent", url, goal_post(baseline_on=""))
    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    page = response.text
    error_at = page.index("A target needs a baseline date")
    assert page.index('for="id_baseline_on"') < error_at < page.index('name="baseline_on"')
    assert not Goal.objects.exists()


def test_an_unknown_area_of_action_is_named(cast, client_as, plan):
    url = reverse("strategy:goal_new")
    response = post_as(client_as, "superintendent", url, goal_post(areas_of_action=["sport"]))
    assert response.status_code == 400
    assert "“sport” is not an area of action" in response.text


def test_the_owner_edits_a_goal(cast, client_as, goal):
    url = reverse("strategy:goal_edit", args=[goal.pk])
    page = client_as("department_lead").get(url)
    assert 'name="version" value="1"' in page.text
    data = goal_post(code="G1", owner_department=cast.department.pk, version="1")
    assert post_as(client_as, "department_lead", url, data).status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Every student attends", 2)


@pytest.mark.parametrize(("person", "status"), [("principal_north_1", 403), ("outsider", 404)])
def test_readers_and_outsiders_do_not_edit_a_goal(cast, client_as, goal, person, status):
    url = reverse("strategy:goal_edit", args=[goal.pk])
    data = goal_post(code="G1", version="1")
    assert post_as(client_as, person, url, data).status_code == status
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Readers", 1)


def test_the_second_editor_of_a_goal_is_shown_the_difference(cast, client, goal):
    url = reverse("strategy:goal_edit", args=[goal.pk])
    base = goal_post(code="G1", title="Readers", owner_department=cast.department.pk)
    client.force_login(cast["department_lead"])
    assert client.post(url, base | {"version": "1"}).status_code == 302
    # Both open the form at version 2; the department lead saves a new target first.
    assert client.post(url, base | {"target_value": "0.05", "version": "2"}).status_code == 302
    client.force_login(cast["superintendent"])
    response = client.post(url, base | {"target_value": "0.08", "version": "2"})
    assert response.status_code == 400
    rows = response.context["conflict"].differing
    assert [(r.label, r.typed, r.stored, r.changed_by) for r in rows] == [
        ("Target", "0.08", "0.05", "department_lead")
    ]
    assert "Someone changed this since you opened it" in response.text
    assert 'name="version" value="3"' in response.text  # sending again applies it, knowingly
    assert reverse("strategy:goal_detail", args=[goal.pk]) in response.text  # or keep theirs
    goal.refresh_from_db()
    assert goal.target_value == Decimal("0.05")
    again = client.post(url, base | {"target_value": "0.08", "version": "3"})
    assert again.status_code == 302
    goal.refresh_from_db()
    assert (goal.target_value, goal.version) == (Decimal("0.08"), 4)


@pytest.mark.parametrize(
    ("person", "status"),
    [("department_lead", 302), ("north_lead", 403), ("outsider", 404)],
)
def test_removing_a_goal(cast, client_as, goal, person, status):
    url = reverse("strategy:goal_delete", args=[goal.pk])
    assert post_as(client_as, person, url, {"version": "1"}).status_code == status
    assert Goal.objects.filter(pk=goal.pk).exists() == (status != 302)


# ----- The theory of action ----------------------------------------------------------------
def test_the_cabinet_writes_and_orders_the_theory_of_action(cast, client_as, goal):
    client = client_as("superintendent")
    url = reverse("strategy:theory")
    for words in ("coaches work in every school", "families read at home"):
        data = {"if_clause": words, "then_clause": "readers grow", "goals": [goal.pk]}
        assert client.post(url, data).status_code == 302
    first, second = ActionStatement.objects.order_by("position")
    move = reverse("strategy:statement_move", args=[second.pk])
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert list(ActionStatement.objects.order_by("position")) == [second, first]
    edit = reverse("strategy:statement_edit", args=[first.pk])
    edited = {"if_clause": "coaches visit weekly", "then_clause": "teaching improves"}
    assert client.post(edit, edited).status_code == 302
    assert client.post(reverse("strategy:statement_delete", args=[second.pk])).status_code == 302
    assert [s.if_clause for s in ActionStatement.objects.all()] == ["coaches visit weekly"]
    page = client.get(url)
    assert "coaches visit weekly" in page.text


@pytest.mark.parametrize(
    ("person", "status"), [("department_lead", 403), ("principal_south_1", 403), ("family", 404)]
)
def test_readers_do_not_change_the_theory_of_action(cast, client_as, plan, person, status):
    statement = ActionStatement.objects.create(plan=plan, if_clause="a", then_clause="b")
    client = client_as(person)
    new = {"if_clause": "c", "then_clause": "d"}
    assert client.post(reverse("strategy:theory"), new).status_code == status
    assert (
        client.post(reverse("strategy:statement_edit", args=[statement.pk]), new).status_code
        == status
    )
    assert (
        client.post(reverse("strategy:statement_delete", args=[statement.pk])).status_code == status
    )
    assert (
        client.post(reverse("strategy:statement_move", args=[statement.pk])).status_code == status
    )
    assert [s.if_clause for s in ActionStatement.objects.all()] == ["a"]


def test_another_districts_statement_is_not_found(cast, client_as, plan):
    statement = ActionStatement.objects.create(plan=plan, if_clause="a", then_clause="b")
    url = reverse("strategy:statement_edit", args=[statement.pk])
    assert client_as("outsider").get(url).status_code == 404


# ----- Initiatives -------------------------------------------------------------------------
def initiative_post(cast, goal, **more) -> dict:
    return {
        "code": "I2",
        "name": "Attendance teams",
        "owner_department": cast.department.pk,
        "status": "active",
        "starts_on": "2025-08-01",
        "ends_on": "2027-06-30",
        "goals": [goal.pk],
        "pathways": ["family_engagement", "data_use"],
        "schools": [cast.north_1.pk, cast.north_2.pk],
        **more,
    }


def test_a_department_lead_adds_an_initiative_in_two_schools(cast, client_as, goal):
    url = reverse("strategy:initiative_new")
    response = post_as(client_as, "department_lead", url, initiative_post(cast, goal))
    assert response.status_code == 302
    initiative = Initiative.objects.get(code="I2")
    assert list(initiative.goals.all()) == [goal]
    assert initiative.participations.count() == 2


@pytest.mark.parametrize(("person", "status"), [("north_lead", 403), ("family", 404)])
def test_readers_and_others_add_no_initiative(cast, client_as, goal, person, status):
    url = reverse("strategy:initiative_new")
    assert post_as(client_as, person, url, initiative_post(cast, goal)).status_code == status
    assert not Initiative.objects.exists()


def test_an_unknown_pathway_and_a_duplicate_code_are_answered(cast, client_as, initiative, goal):
    data = initiative_post(cast, goal, code="i1", pathways=["magic"])
    response = post_as(client_as, "superintendent", reverse("strategy:initiative_new"), data)
    assert response.status_code == 400
    assert "“magic” is not a pathway" in response.text
    data["pathways"] = ["coaching"]
    response = post_as(client_as, "superintendent", reverse("strategy:initiative_new"), data)
    assert "Another initiative of the plan already has the code i1." in response.text
    assert Initiative.objects.count() == 1


@pytest.mark.parametrize(
    ("person", "status"),
    [("department_lead", 302), ("principal_north_1", 403), ("principal_south_1", 404)],
)
def test_editing_an_initiative(cast, client_as, initiative, goal, person, status):
    url = reverse("strategy:initiative_edit", args=[initiative.pk])
    data = initiative_post(cast, goal, code="I1", version="1")
    assert post_as(client_as, person, url, data).status_code == status
    initiative.refresh_from_db()
    assert (initiative.name == "Attendance teams") == (status == 302)


def test_the_second_editor_of_an_initiative_sees_whose_schools_are_stored(
    cast, client, initiative, goal
):
    url = reverse("strategy:initiative_edit", args=[initiative.pk])
    client.force_login(cast["department_lead"])
    first = initiative_post(cast, goal, code="I1", version="1", schools=[cast.south_1.pk])
    assert client.post(url, first).status_code == 302
    client.force_login(cast["superintendent"])
    response = client.post(url, initiative_post(cast, goal, code="I1", version="1"))
    assert response.status_code == 400
    rows = {r.label: r for r in response.context["conflict"].rows}
    assert rows["Schools taking part"].stored == "South One High"
    assert rows["Schools taking part"].typed == "North One Elementary, North Two Middle"
    assert rows["Schools taking part"].changed_by == "department_lead"


# ----- Phases, budget lines, milestones ----------------------------------------------------
def test_a_budget_in_a_currency_format_is_refused_with_an_example(cast, client_as, initiative):
    url = reverse("strategy:initiative_budget", args=[initiative.pk])
    data = {"funding_source": "title_i", "school_year": "2026", "amount": "$1,200.50"}
    response = post_as(client_as, "department_lead", url, data)
    assert response.status_code == 400
    assert "is not a plain number: write the dollars like 1200.50" in response.text
    assert not BudgetLine.objects.exists()
    assert (
        post_as(client_as, "department_lead", url, data | {"amount": "1200.50"}).status_code == 302
    )
    assert BudgetLine.objects.get().amount == Decimal("1200.50")


def test_a_milestone_after_the_end_is_refused_and_one_before_kept(cast, client_as, initiative):
    url = reverse("strategy:initiative_milestones", args=[initiative.pk])
    late = {"title": "Celebrate", "due_on": "2027-07-15", "status": "planned"}
    response = post_as(client_as, "superintendent", url, late)
    assert response.status_code == 400
    assert "The milestone is due after the initiative ends (2027-06-30)" in response.text
    assert (
        post_as(client_as, "superintendent", url, late | {"due_on": "2027-06-01"}).status_code
        == 302
    )
    milestone = Milestone.objects.get()
    edit = reverse("strategy:milestone_edit", args=[initiative.pk, milestone.pk])
    done = late | {"due_on": "2027-06-01", "status": "done", "done_on": "2027-05-30"}
    assert post_as(client_as, "superintendent", edit, done).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2027, 5, 30)


def test_a_pilot_phase_places_its_schools(cast, client_as, initiative):
    url = reverse("strategy:initiative_phases", args=[initiative.pk])
    data = {"name": "Pilot", "schools": [cast.north_1.pk, cast.north_2.pk]}
    assert post_as(client_as, "department_lead", url, data).status_code == 302
    phases = {p.school.name: p.phase.name for p in initiative.participations.all()}
    assert phases == {"North One Elementary": "Pilot", "North Two Middle": "Pilot"}


PARTS = [
    ("phase", "phases", {"name": "Wider"}),
    (
        "budget_line",
        "budget_lines",
        {"funding_source": "general", "school_year": "2027", "amount": "5"},
    ),
    ("milestone", "milestones", {"title": "Mid", "due_on": "2026-01-01", "status": "planned"}),
]


def with_parts(initiative):
    initiative.phases.create(name="Pilot")
    BudgetLine.objects.create(
        initiative=initiative, funding_source="title_i", school_year=2026, amount=100
    )
    Milestone.objects.create(initiative=initiative, title="Start", due_on=dt.date(2025, 9, 1))


@pytest.mark.parametrize(("name", "related", "data"), PARTS)
@pytest.mark.parametrize(
    ("person", "status"),
    [("department_lead", 302), ("coach_north_1", 403), ("south_lead", 404)],
)
def test_editing_and_removing_parts_of_an_initiative(
    cast, client_as, initiative, name, related, data, person, status
):
    with_parts(initiative)
    item = getattr(initiative, related).get()
    client = client_as(person)
    edit = reverse(f"strategy:{name}_edit", args=[initiative.pk, item.pk])
    assert client.post(edit, data).status_code == status
    assert (
        client.post(reverse(f"strategy:{name}_delete", args=[initiative.pk, item.pk])).status_code
        == status
    )
    assert getattr(initiative, related).exists() == (status != 302)
    changed = AuditEntry.objects.filter(object_type=item._meta.label_lower, action="update")
    deleted = AuditEntry.objects.filter(object_type=item._meta.label_lower, action="delete")
    assert (changed.count(), deleted.count()) == ((1, 1) if status == 302 else (0, 0))


def test_a_part_of_another_initiative_is_not_found(cast, client_as, initiative, plan):
    other = f.InitiativeFactory(plan=plan, owner_department=cast.department)
    with_parts(other)
    line = other.budget_lines.get()
    url = reverse("strategy:budget_line_edit", args=[initiative.pk, line.pk])
    assert client_as("department_lead").get(url).status_code == 404


# ----- The implementation log --------------------------------------------------------------
@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("principal_north_1", 302),  # the initiative's lead
        ("department_lead", 302),
        ("coach_north_1", 403),
        ("principal_south_1", 404),
    ],
)
def test_writing_in_the_log(cast, client_as, initiative, person, status):
    url = reverse("strategy:initiative_log", args=[initiative.pk])
    data = {"happened_on": "2025-10-02", "text": "First coaching cycle done"}
    assert post_as(client_as, person, url, data).status_code == status
    assert LogEntry.objects.filter(author=cast[person]).count() == (1 if status == 302 else 0)


# ----- The plan at a glance ----------------------------------------------------------------
def test_the_overview_shows_status_cost_and_schools(cast, client_as, initiative, goal):
    from districtwise.strategy.models import IndicatorValue

    indicator = f.IndicatorFactory(district=cast.district, name="Reading on grade level")
    goal.indicator = indicator
    goal.baseline_value, goal.baseline_on = Decimal("0.40"), dt.date(2024, 6, 30)
    goal.target_value, goal.target_on = Decimal("0.60"), dt.date(2026, 6, 30)
    goal.save()
    # Halfway through, the line expects 0.50; 0.49 is 90% of that progress: on track.
    IndicatorValue.objects.create(
        indicator=indicator, measured_on=dt.date(2025, 6, 30), value=Decimal("0.49")
    )
    BudgetLine.objects.create(
        initiative=initiative, funding_source="title_i", school_year=2026, amount=Decimal("1200.50")
    )
    BudgetLine.objects.create(
        initiative=initiative, funding_source="general", school_year=2027, amount=Decimal("800")
    )
    response = client_as("superintendent").get(reverse("strategy:overview"))
    glance = {g.goal.code: g for g in response.context["goals"]}
    assert glance["G1"].status.name == "On track"
    assert glance["G1"].initiative_count == 1
    row = response.context["initiatives"][0]
    assert (row.cost, row.school_count, row.goal_codes) == (Decimal("2000.50"), 1, ["G1"])
    assert "2,000.50" in response.text
    assert reverse("strategy:goal_edit", args=[goal.pk]) in response.text
    assert reverse("strategy:plan_edit") in response.text


def test_the_overview_offers_no_edit_to_readers(cast, client_as, initiative, goal):
    response = client_as("principal_north_1").get(reverse("strategy:overview"))
    assert response.status_code == 200
    assert reverse("strategy:goal_edit", args=[goal.pk]) not in response.text
    assert reverse("strategy:initiative_edit", args=[initiative.pk]) not in response.text
    assert reverse("strategy:goal_new") not in response.text
    detail = client_as("principal_north_1").get(
        reverse("strategy:initiative_detail", args=[initiative.pk])
    )
    assert (
        reverse("strategy:initiative_log", args=[initiative.pk]) in detail.text
    )  # their lead role
    assert reverse("strategy:initiative_edit", args=[initiative.pk]) not in detail.text


# ----- The administration ------------------------------------------------------------------
def test_an_admin_change_to_a_goal_is_audited_and_raises_its_version(cast, client_as, goal):
    client = client_as("sysadmin")
    url = reverse("admin:strategy_goal_change", args=[goal.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {"plan": goal.plan.pk, "code": "G1", "title": "Renamed in admin", "priority": "3"}
    data |= {"learning_agendas": "[]", "areas_of_action": "[]", "version": "1"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Renamed in admin", 2)
    entry = AuditEntry.objects.get(object_type="strategy.goal", district=cast.district)
    assert entry.changes["title"] == ["Readers", "Renamed in admin"]
    assert entry.changes["version"] == [1, 2]


def test_the_admin_files_a_group_targets_history_under_its_district(cast, goal):
    from django.contrib import admin

    from districtwise.strategy.models import GoalGroupTarget, InitiativePhase

    target = GoalGroupTarget.objects.create(
        goal=goal, group_type="english_learner", group="Y", target_value=Decimal("0.5")
    )
    phase = InitiativePhase.objects.create(
        initiative=f.InitiativeFactory(plan=goal.plan), name="Pilot"
    )
    for obj in (target, phase, goal.plan):
        assert admin.site._registry[type(obj)].district_of(obj) == cast.district


def test_the_goal_page_names_agendas_and_areas_in_words(cast, client_as, goal):
    goal.learning_agendas, goal.areas_of_action = ["professional"], ["coherence"]
    goal.save()
    page = client_as("principal_north_1").get(reverse("strategy:goal_detail", args=[goal.pk]))
    assert "Professional learning" in page.text
    assert "Creating coherence" in page.text
    assert reverse("strategy:goal_edit", args=[goal.pk]) not in page.text


def test_leads_are_chosen_among_leaders_and_central_staff_not_every_teacher(cast, client_as, plan):
    teacher = f.PersonFactory(district=cast.district, school=cast.north_1, user=None)
    central = f.PersonFactory(district=cast.district, department=cast.department, user=None)
    form = client_as("superintendent").get(reverse("strategy:initiative_new")).context["form"]
    leads = set(form.fields["lead"].queryset)
    assert central in leads
    assert cast["principal_north_1"].people.get() in leads
    assert teacher not in leads


def test_the_goal_form_opens_with_its_group_targets(cast, client_as, goal):
    from districtwise.strategy.models import GoalGroupTarget

    GoalGroupTarget.objects.create(
        goal=goal, group_type="race_ethnicity", group="BL", target_value=Decimal("0.55")
    )
    page = client_as("superintendent").get(reverse("strategy:goal_edit", args=[goal.pk]))
    targets = page.context["targets"]
    assert targets.forms[0].initial["group"] == "race_ethnicity:BL"
    assert len(targets.forms) == 3  # the stored one and two empty rows
    assert '<option value="race_ethnicity:BL" selected>' in page.text


def test_two_cabinet_members_on_the_plan_the_second_is_shown_the_difference(cast, client, plan):
    url = reverse("strategy:plan_edit")
    base = {"title": "Rising together", "on_track_share": "0.9", "at_risk_share": "0.7"}
    base |= {"school_initiative_limit": "4"}
    client.force_login(cast["sysadmin"])
    assert (
        client.post(url, base | {"school_initiative_limit": "5", "version": "1"}).status_code == 302
    )
    client.force_login(cast["superintendent"])
    response = client.post(url, base | {"school_initiative_limit": "3", "version": "1"})
    assert response.status_code == 400
    [row] = response.context["conflict"].differing
    assert (row.typed, row.stored, row.changed_by) == ("3", "5", "sysadmin")
    plan.refresh_from_db()
    assert plan.school_initiative_limit == 5
