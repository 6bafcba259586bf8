"""Team members: staff, and students and family members who get a sign-in and see only
their networks (districtwise.improvement.services.networks_members)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry, Membership
from districtwise.core.roles import Role
from districtwise.improvement import access
from districtwise.improvement.models import TeamMember
from districtwise.improvement.services import networks_members as services
from tests import factories as f
from tests.access_matrix import person
from tests.improvement.matrix import matrix_network, matrix_team


def test_a_staff_member_joins_a_team_and_it_is_audited(cast):
    team = matrix_team(cast)
    member = services.member_add(
        actor=cast["north_lead"],
        team=team,
        person=person(cast, "principal_north_1"),
        kind="staff",
        role_on_team=" data lead ",
    )
    assert (member.kind, member.role_on_team) == ("staff", "data lead")
    assert AuditEntry.objects.filter(object_type="improvement.teammember", action="create").exists()


def test_the_same_person_twice_on_a_team_is_refused(cast):
    team = matrix_team(cast)
    with pytest.raises(ValidationError) as refused:
        services.member_add(
            actor=cast["north_lead"], team=team, person=person(cast, "coach_north_1"), kind="staff"
        )
    assert refused.value.message_dict["person"] == [
        "Coach North 1 Testperson is already on North One Elementary's team."
    ]
    assert team.members.count() == 2


def test_staff_and_family_members_keep_to_their_kind(cast):
    team = matrix_team(cast)
    f.TeamFactory(network=team.network, school=cast.north_2)
    second = team.network.teams.get(school=cast.north_2)
    with pytest.raises(ValidationError, match="is a family or student member, not staff"):
        services.member_add(
            actor=cast["north_lead"], team=second, person=person(cast, "family"), kind="staff"
        )
    with pytest.raises(ValidationError, match="does not hold the family and student role"):
        services.member_add(
            actor=cast["north_lead"],
            team=second,
            person=person(cast, "coach_north_1"),
            kind="family",
        )
    assert not second.members.exists()


def test_a_person_of_another_district_is_refused(cast):
    stranger = f.PersonFactory(district=cast.other_district)
    with pytest.raises(ValidationError, match="belongs to another district"):
        services.member_add(
            actor=cast["north_lead"], team=matrix_team(cast), person=stranger, kind="staff"
        )


def test_a_new_student_gets_a_person_a_family_role_and_a_sign_in_without_password(cast):
    team = matrix_team(cast)
    member = services.member_invite(
        actor=cast["north_lead"],
        team=team,
        kind="student",
        given_name="Ana",
        family_name="Ruiz Díaz",
        role_on_team="student voice",
    )
    student = member.person
    assert student.user.username == "ana.ruiz.diaz"
    assert not student.user.has_usable_password()
    assert list(Membership.objects.filter(person=student).values_list("role", flat=True)) == [
        Role.FAMILY_MEMBER
    ]
    assert list(access.visible_networks(student.user, cast.district)) == [team.network]
    again = services.member_invite(
        actor=cast["north_lead"],
        team=team,
        kind="family",
        given_name="Ana",
        family_name="Ruiz Diaz",
    )
    assert again.person.user.username == "ana.ruiz.diaz2"


def test_a_new_member_without_names_is_refused_and_nothing_is_made(cast):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()
    with pytest.raises(ValidationError) as refused:
        services.member_invite(
            actor=cast["north_lead"],
            team=matrix_team(cast),
            kind="family",
            given_name=" ",
            family_name="",
        )
    assert set(refused.value.message_dict) == {"given_name", "family_name"}
    assert get_user_model().objects.count() == users


def test_the_one_time_link_sets_a_password_signs_in_and_then_stops_working(client, cast):
    member = services.member_invite(
        actor=cast["north_lead"],
        team=matrix_team(cast),
        kind="family",
        given_name="Lea",
        family_name="Moreau",
    )
    link = services.sign_in_link(actor=cast["north_lead"], member=member)
    opened = client.get(link)
    assert opened.status_code == 302  # to the same page without the token in the address
    page = client.get(opened.url)
    assert b"Choose the password you will sign in with" in page.content
    password = "a quiet heron at dawn"
    done = client.post(opened.url, {"new_password1": password, "new_password2": password})
    assert done.url == reverse("improvement:overview")
    overview = client.get(done.url)
    assert b"Matrix network" in overview.content
    client.logout()
    assert b"no longer works" in client.get(link, follow=True).content
    assert client.login(username="lea.moreau", password=password)


def test_staff_get_no_sign_in_link(cast):
    staff = matrix_team(cast).members.get(kind="staff")
    with pytest.raises(ValidationError, match="signs in as staff"):
        services.sign_in_link(actor=cast["north_lead"], member=staff)


def test_changing_a_role_and_removing_a_member_are_audited(cast):
    member = matrix_team(cast).members.get(kind="family")
    services.member_update(actor=cast["north_lead"], member=member, role_on_team="parent voice")
    member.refresh_from_db()
    assert member.role_on_team == "parent voice"
    services.member_remove(actor=cast["north_lead"], member=member)
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    actions = AuditEntry.objects.filter(object_type="improvement.teammember")
    assert sorted(actions.values_list("action", flat=True)) == ["delete", "update"]
    # The family member's sign-in stays; they simply see no network any more.
    assert list(access.visible_networks(cast["family"], cast.district)) == []


# ----- what a family member of a team sees -----------------------------------------------
OTHER_SECTIONS = [
    "strategy:overview",
    "strategy:progress",
    "supports:overview",
    "supports:coverage",
    "supports:log_schools",
    "workload:overview",
    "workload:tasks",
    "equity:overview",
    "equity:findings",
]


def test_a_family_member_opens_their_network_and_team_and_nothing_else(client_as, cast):
    network = matrix_network(cast)
    other = f.ImprovementNetworkFactory(district=cast.district, name="South attendance")
    other_team = f.TeamFactory(network=other, school=cast.south_1)
    client = client_as("family")
    assert client.get(reverse("improvement:network", args=[network.pk])).status_code == 200
    team_page = client.get(reverse("improvement:team", args=[network.teams.get().pk]))
    assert team_page.status_code == 200
    assert b"Family Testperson" in team_page.content
    assert b"Add a staff member" not in team_page.content
    assert client.get(reverse("improvement:network", args=[other.pk])).status_code == 404
    assert client.get(reverse("improvement:team", args=[other_team.pk])).status_code == 404
    for name in OTHER_SECTIONS:
        assert client.get(reverse(name)).status_code == 404, name
    schools = client.get(reverse("organization:school_list")).content
    assert b"North One Elementary" not in schools
    assert b"South One High" not in schools
