"""The stakeholder map's pages: who may change it (editor, reader, outsider), what bad input
answers, and typed text shown as text everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from districtwise.community.models import Engagement, StakeholderGroup, StakeholderPosition
from districtwise.community.services import stakeholders as services
from districtwise.core.models import AuditEntry
from tests import factories as f
from tests.community.matrix import matrix_plan_goal, matrix_stakeholder_group

pytestmark = pytest.mark.django_db
NEW_GROUP = {
    "name": "Riverside Teachers Association",
    "kind": "association",
    "interest": "5",
    "influence": "4",
    "description": "",
    "contact": "",
    "owner": "",
}


@pytest.mark.parametrize(
    ("person", "status", "saved"),
    [
        ("superintendent", 302, True),
        ("department_lead", 302, True),
        ("north_lead", 403, False),  # reads the map, may not change it
        ("principal_north_1", 404, False),
        ("partner", 404, False),
        ("data_steward", 404, False),
        ("outsider", 404, False),
    ],
)
def test_only_editors_add_a_group_readers_are_refused_others_find_nothing(
    client_as, cast, person, status, saved
):
    response = client_as(person).post(reverse("community:stakeholder_new"), NEW_GROUP)
    assert response.status_code == status
    found = StakeholderGroup.objects.filter(name=NEW_GROUP["name"])
    assert found.exists() == saved
    if saved:
        group = found.get()
        assert group.district == cast.district
        assert AuditEntry.objects.filter(
            object_type="community.stakeholdergroup", object_id=str(group.pk), action="create"
        ).exists()


@pytest.mark.parametrize("person", ["north_lead", "principal_south_1", "partner"])
def test_a_non_editor_cannot_record_a_position_or_log_an_engagement(client_as, cast, person):
    group = matrix_stakeholder_group(cast)
    positions, engagements = group.positions.count(), group.engagements.count()
    client = client_as(person)
    position = client.post(
        reverse("community:stakeholder_position", args=[group.pk]),
        {"priority": "Budget", "stance": "opposed", "as_of": "2026-01-01"},
    )
    engagement = client.post(
        reverse("community:stakeholder_engagement", args=[group.pk]),
        {"held_on": "2026-01-01", "kind": "call", "summary": "Called."},
    )
    expected = 403 if person == "north_lead" else 404
    assert (position.status_code, engagement.status_code) == (expected, expected)
    assert (group.positions.count(), group.engagements.count()) == (positions, engagements)


def test_another_districts_group_is_not_found(client_as, cast):
    theirs = f.StakeholderGroupFactory(district=cast.other_district, name="Lakeside board")
    client = client_as("superintendent")
    for name in ("stakeholder", "stakeholder_edit", "stakeholder_position"):
        assert client.get(reverse(f"community:{name}", args=[theirs.pk])).status_code == 404


def test_the_superintendent_adds_a_group_records_a_position_and_logs_an_engagement(client_as, cast):
    client = client_as("superintendent")
    goal = matrix_plan_goal(cast)
    response = client.post(reverse("community:stakeholder_new"), NEW_GROUP)
    group = StakeholderGroup.objects.get(name=NEW_GROUP["name"])
    assert response.url == reverse("community:stakeholder", args=[group.pk])
    client.post(
        reverse("community:stakeholder_position", args=[group.pk]),
        {"goal": goal.pk, "stance": "concerned", "as_of": "2026-02-01", "note": "Workload."},
    )
    client.post(
        reverse("community:stakeholder_engagement", args=[group.pk]),
        {"held_on": "2026-02-03", "kind": "meeting", "summary": "Met the officers."},
    )
    page = client.get(reverse("community:stakeholder", args=[group.pk])).content.decode()
    assert "now concerned" in page and "Met the officers." in page
    position = group.positions.get()
    assert position.recorded_by.user == cast["superintendent"]
    grid = client.get(reverse("community:stakeholder_grid") + f"?goal={goal.pk}")
    assert "Riverside Teachers Association" in grid.content.decode()
    assert "Manage closely" in grid.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("interest", "6", "Rate it from 1 (lowest) to 5 (highest): 6 is too high."),
        ("influence", "0", "Rate it from 1 (lowest) to 5 (highest): 0 is too low."),
        ("interest", "lots", "Rate it with a whole number from 1 to 5."),
        ("name", "   ", "Give the group a name."),
    ],
)
def test_a_bad_group_is_refused_with_a_message_at_the_field(client_as, cast, field, value, message):
    response = client_as("superintendent").post(
        reverse("community:stakeholder_new"), {**NEW_GROUP, field: value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors[field] == [message]
    assert not StakeholderGroup.objects.filter(district=cast.district).exists()


def test_editing_a_group_with_a_bad_rating_keeps_what_was_saved(client_as, cast):
    group = matrix_stakeholder_group(cast)
    response = client_as("superintendent").post(
        reverse("community:stakeholder_edit", args=[group.pk]),
        {**NEW_GROUP, "name": "Renamed board", "influence": "9"},
    )
    assert response.status_code == 400
    group.refresh_from_db()
    assert (group.name, group.influence) == ("Matrix board", 5)


def test_the_service_refuses_ratings_outside_one_to_five(cast):
    with pytest.raises(ValidationError) as refused:
        services.stakeholder_group_create(
            actor=cast["superintendent"],
            district=cast.district,
            name="Too keen",
            kind="media",
            interest=7,
            influence=3,
        )
    assert "interest" in refused.value.message_dict


def test_a_goal_of_another_district_is_refused(client_as, cast):
    group = matrix_stakeholder_group(cast)
    theirs = f.GoalFactory(plan=f.PlanFactory(district=cast.other_district))
    before = group.positions.count()
    response = client_as("superintendent").post(
        reverse("community:stakeholder_position", args=[group.pk]),
        {"goal": theirs.pk, "stance": "opposed", "as_of": "2026-01-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["goal"] == ["Choose a goal of this district's plan."]
    with pytest.raises(ValidationError) as refused:
        services.stakeholder_position_record(
            actor=cast["superintendent"],
            group=group,
            goal=theirs,
            stance="opposed",
            as_of=dt.date(2026, 1, 1),
        )
    assert refused.value.message_dict["goal"] == ["Choose a goal of this district's plan."]
    assert group.positions.count() == before


def test_a_position_names_a_goal_or_words_not_neither(client_as, cast):
    group = matrix_stakeholder_group(cast)
    response = client_as("superintendent").post(
        reverse("community:stakeholder_position", args=[group.pk]),
        {"stance": "opposed", "as_of": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "name the priority in words" in response.context["form"].errors["goal"][0]


def test_an_engagement_dated_after_today_is_refused_and_the_text_kept(client_as, cast):
    group = matrix_stakeholder_group(cast)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    before = group.engagements.count()
    response = client_as("superintendent").post(
        reverse("community:stakeholder_engagement", args=[group.pk]),
        {"held_on": tomorrow.isoformat(), "kind": "meeting", "summary": "Will meet them."},
    )
    assert response.status_code == 400
    [message] = response.context["form"].errors["held_on"]
    assert message.startswith("The date of the engagement is after today")
    assert "Will meet them." in response.content.decode()
    assert group.engagements.count() == before


def test_a_position_dated_after_today_is_refused(cast):
    group = matrix_stakeholder_group(cast)
    with pytest.raises(ValidationError) as refused:
        services.stakeholder_position_record(
            actor=cast["superintendent"],
            group=group,
            priority="Budget",
            stance="opposed",
            as_of=timezone.localdate() + dt.timedelta(days=3),
        )
    assert "as_of" in refused.value.message_dict


def test_a_keeper_of_another_district_is_refused(cast):
    outsider = cast["outsider"].people.get()
    with pytest.raises(ValidationError) as refused:
        services.stakeholder_group_create(
            actor=cast["superintendent"],
            district=cast.district,
            name="Board",
            kind="board",
            interest=5,
            influence=5,
            owner=outsider,
        )
    assert refused.value.message_dict["owner"] == ["Choose a person of this district."]


SCRIPT = '<script>alert("map")</script>'


def test_typed_text_is_shown_as_text_on_every_page(client_as, cast):
    goal = matrix_plan_goal(cast)
    group = f.StakeholderGroupFactory(
        district=cast.district, name=f"Group {SCRIPT}", description=SCRIPT, contact=SCRIPT
    )
    f.StakeholderPositionFactory(group=group, goal=goal, note=SCRIPT)
    f.StakeholderPositionFactory(group=group, priority=f"Words {SCRIPT}", note=SCRIPT)
    f.EngagementFactory(group=group, summary=SCRIPT, follow_up=SCRIPT)
    client = client_as("superintendent")
    for url in (
        reverse("community:stakeholders"),
        reverse("community:stakeholder_grid"),
        reverse("community:stakeholder", args=[group.pk]),
        reverse("community:stakeholder_priority", args=[goal.pk]),
        reverse("community:stakeholder_edit", args=[group.pk]),
    ):
        page = client.get(url).content.decode()
        assert SCRIPT not in page, url
        assert "&lt;script&gt;" in page, url


def test_the_list_filters_by_kind_and_stance(client_as, cast):
    board = f.StakeholderGroupFactory(district=cast.district, name="The board", kind="board")
    f.StakeholderGroupFactory(district=cast.district, name="The paper", kind="media")
    f.StakeholderPositionFactory(group=board, stance="champion")
    client = client_as("north_lead")
    by_kind = client.get(reverse("community:stakeholders"), {"kind": "media"})
    assert [g.name for g in by_kind.context["page"]] == ["The paper"]
    by_stance = client.get(reverse("community:stakeholders"), {"stance": "champion"})
    assert [g.name for g in by_stance.context["page"]] == ["The board"]
    assert "Add a group" not in by_stance.content.decode()  # a reader sees no editing


def test_positions_are_never_changed_only_added(cast):
    group = matrix_stakeholder_group(cast)
    first = group.positions.get()
    services.stakeholder_position_record(
        actor=cast["superintendent"],
        group=group,
        goal=first.goal,
        stance="opposed",
        as_of=timezone.localdate(),
    )
    first.refresh_from_db()
    assert first.stance == "supportive"
    assert StakeholderPosition.objects.filter(group=group).count() == 2
    assert Engagement.objects.filter(group=group).count() == 1


def test_department_staff_read_the_map_but_may_not_change_it(client, cast):
    from districtwise.core.roles import Role

    person = f.PersonFactory(district=cast.district, department=cast.department)
    f.MembershipFactory(person=person, role=Role.DEPARTMENT_STAFF, department=cast.department)
    group = matrix_stakeholder_group(cast)
    client.force_login(person.user)
    assert client.get(reverse("community:stakeholder_grid")).status_code == 200
    assert client.get(reverse("community:stakeholder", args=[group.pk])).status_code == 200
    assert client.get(reverse("community:stakeholder_new")).status_code == 403
    refused = client.post(reverse("community:stakeholder_new"), NEW_GROUP)
    assert refused.status_code == 403
    assert not StakeholderGroup.objects.filter(name=NEW_GROUP["name"]).exists()


def test_another_districts_goal_has_no_stances_page(client_as, cast):
    theirs = f.GoalFactory(plan=f.PlanFactory(district=cast.other_district))
    url = reverse("community:stakeholder_priority", args=[theirs.pk])
    assert client_as("superintendent").get(url).status_code == 404


def test_the_list_counts_each_groups_engagements_and_shows_the_latest(client_as, cast):
    group = matrix_stakeholder_group(cast)
    f.EngagementFactory(group=group, held_on=dt.date(2026, 4, 9))
    f.EngagementFactory(group=group, held_on=dt.date(2025, 11, 2))
    response = client_as("superintendent").get(reverse("community:stakeholders"))
    [listed] = [g for g in response.context["page"] if g.pk == group.pk]
    assert (listed.engagement_count, listed.last_engaged) == (3, dt.date(2026, 4, 9))


def test_the_quiet_filter_finds_groups_not_engaged_lately_or_never(client_as, cast):
    today = timezone.localdate()
    lately = f.StakeholderGroupFactory(district=cast.district, name="Engaged lately")
    f.EngagementFactory(group=lately, held_on=today - dt.timedelta(days=10))
    long_ago = f.StakeholderGroupFactory(district=cast.district, name="Engaged long ago")
    f.EngagementFactory(group=long_ago, held_on=today - dt.timedelta(days=91))
    f.StakeholderGroupFactory(district=cast.district, name="Never engaged")
    response = client_as("superintendent").get(reverse("community:stakeholders"), {"quiet": "1"})
    assert [g.name for g in response.context["page"]] == ["Engaged long ago", "Never engaged"]


def test_the_goal_page_weighs_each_stance_by_influence(client_as, cast):
    goal = matrix_plan_goal(cast)
    for name, influence, stance in (
        ("Board", 5, "opposed"),
        ("Parents", 2, "supportive"),
        ("Students", 1, "supportive"),
    ):
        group = f.StakeholderGroupFactory(district=cast.district, name=name, influence=influence)
        f.StakeholderPositionFactory(group=group, goal=goal, stance=stance)
    response = client_as("north_lead").get(
        reverse("community:stakeholder_priority", args=[goal.pk])
    )
    weights = {w.stance: (w.groups, w.influence) for w in response.context["weights"]}
    assert weights["opposed"] == (1, 5)
    assert weights["supportive"] == (2, 3)
    assert "Opposed: 5 (1 group)" in response.content.decode()  # the chart's description


def test_a_group_is_kept_by_district_staff_who_read_the_map_not_by_school_staff(cast):
    from districtwise.community.forms.stakeholders import map_keepers
    from districtwise.core.models import Membership

    keepers = {p.user.username for p in map_keepers(cast.district) if p.user}
    assert {"superintendent", "department_lead", "north_lead"} <= keepers
    assert not keepers & {"principal_north_1", "partner", "data_steward", "outsider"}
    Membership.objects.filter(person__user=cast["north_lead"]).update(
        ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert "north_lead" not in {p.user.username for p in map_keepers(cast.district) if p.user}
