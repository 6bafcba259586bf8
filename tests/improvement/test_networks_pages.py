"""The write side of the network, team and member pages: a runner changes, a reader gets
403, an outsider 404, and bad input gets its message next to the field with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.improvement.models import ImprovementNetwork, Team, TeamMember
from tests import factories as f
from tests.improvement.matrix import matrix_network, matrix_team

RUNNER, READER, OUTSIDER = "north_lead", "principal_north_1", "outsider"
ANSWERS = {RUNNER: 302, READER: 403, OUTSIDER: 404}


def convene_form(cast, **changes) -> dict:
    form = {
        "name": "Attendance matters",
        "aim_what": "Students missing fewer days",
        "aim_how_much": "chronic absence from 18% to 12%",
        "aim_by_when": "2026-05-29",
        "aim_for_whom": "students of North One and North Two",
        "starts_on": "2025-08-15",
        "ends_on": "2026-06-30",
        "leads": [cast["south_lead"].people.get().pk],
        "schools": [cast.north_1.pk, cast.north_2.pk],
    }
    return form | changes


def test_a_network_lead_convenes_a_network(client_as, cast):
    response = client_as("north_lead").post(reverse("improvement:network_new"), convene_form(cast))
    network = ImprovementNetwork.objects.get(name="Attendance matters")
    assert response.url == reverse("improvement:network", args=[network.pk])
    assert {p.user.username for p in network.leads.all()} == {"north_lead", "south_lead"}
    assert network.teams.count() == 2
    page = client_as("north_lead").get(response.url).content.decode()
    assert (
        "Students missing fewer days, chronic absence from 18% to 12%, by May 29, 2026, for "
        "students of North One and North Two." in page
    )


@pytest.mark.parametrize("name", ["principal_north_1", "coach_north_1", "family", "outsider"])
def test_only_conveners_convene(client_as, cast, name):
    response = client_as(name).post(reverse("improvement:network_new"), convene_form(cast))
    assert response.status_code == 404
    assert not ImprovementNetwork.objects.filter(name="Attendance matters").exists()


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"aim_by_when": "2025-06-01"}, "is not after the network starts (August 15, 2025)"),
        ({"aim_by_when": "2026-08-01"}, "falls after the network ends (June 30, 2026)"),
        ({"ends_on": "2025-08-01"}, "The network must end after it starts (August 15, 2025)."),
        ({"aim_by_when": "next June"}, "Enter a valid date."),
    ],
)
def test_bad_dates_are_refused_next_to_their_field(client_as, cast, changes, field_message):
    response = client_as("north_lead").post(
        reverse("improvement:network_new"), convene_form(cast, **changes)
    )
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert b"Nothing was saved" in response.content
    assert not ImprovementNetwork.objects.filter(name="Attendance matters").exists()


def test_a_school_of_another_district_is_not_a_choice(client_as, cast):
    form = convene_form(cast, schools=[cast.north_1.pk, cast.other_school.pk])
    response = client_as("north_lead").post(reverse("improvement:network_new"), form)
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert not ImprovementNetwork.objects.filter(name="Attendance matters").exists()


def edit_form(network) -> dict:
    return {
        "name": "Renamed network",
        "aim_what": network.aim_what,
        "aim_how_much": network.aim_how_much,
        "aim_by_when": network.aim_by_when.isoformat(),
        "aim_for_whom": network.aim_for_whom,
        "starts_on": network.starts_on.isoformat(),
        "ends_on": network.ends_on.isoformat(),
        "leads": [p.pk for p in network.leads.all()],
    }


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_editing_a_network(client_as, cast, name):
    network = matrix_network(cast)
    url = reverse("improvement:network_edit", args=[network.pk])
    response = client_as(name).post(url, edit_form(network))
    assert response.status_code == ANSWERS[name]
    network.refresh_from_db()
    assert (network.name == "Renamed network") == (name == RUNNER)


def test_a_network_without_leads_is_refused(client_as, cast):
    network = matrix_network(cast)
    url = reverse("improvement:network_edit", args=[network.pk])
    response = client_as("superintendent").post(url, edit_form(network) | {"leads": []})
    assert response.status_code == 400
    assert b"A network needs at least one lead." in response.content
    assert network.leads.count() == 1


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_archiving_a_network(client_as, cast, name):
    network = matrix_network(cast)
    url = reverse("improvement:network_archive", args=[network.pk])
    response = client_as(name).post(url, {"archived": "yes"})
    assert response.status_code == ANSWERS[name]
    network.refresh_from_db()
    assert (network.archived_at is not None) == (name == RUNNER)


def test_an_archived_network_is_listed_apart_and_marked(client_as, cast):
    network = matrix_network(cast)
    client = client_as("north_lead")
    client.post(reverse("improvement:network_archive", args=[network.pk]), {"archived": "yes"})
    overview = client.get(reverse("improvement:overview")).content.decode()
    assert "Archived networks" in overview
    assert "Matrix network" in overview.split("Archived networks")[1]
    assert "usa-card__heading" not in overview
    page = client.get(reverse("improvement:network", args=[network.pk])).content.decode()
    assert "Archived</strong> on" in page
    assert "Add member schools" not in page
    client.post(reverse("improvement:network_archive", args=[network.pk]), {"archived": "no"})
    network.refresh_from_db()
    assert network.archived_at is None


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_adding_member_schools(client_as, cast, name):
    network = matrix_network(cast)
    url = reverse("improvement:teams_add", args=[network.pk])
    response = client_as(name).post(url, {"schools": [cast.north_2.pk]})
    assert response.status_code == ANSWERS[name]
    assert network.teams.filter(school=cast.north_2).exists() == (name == RUNNER)


def test_a_school_already_in_the_network_is_not_offered_again(client_as, cast):
    network = matrix_network(cast)
    url = reverse("improvement:teams_add", args=[network.pk])
    response = client_as("north_lead").post(url, {"schools": [cast.north_1.pk]})
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert network.teams.count() == 1


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_removing_a_team(client_as, cast, name):
    team = matrix_team(cast)
    response = client_as(name).post(reverse("improvement:team_remove", args=[team.pk]))
    assert response.status_code == ANSWERS[name]
    assert Team.objects.filter(pk=team.pk).exists() == (name != RUNNER)


def test_removing_a_team_with_measure_values_is_refused_with_its_reason(client_as, cast):
    team = matrix_team(cast)
    measure = f.MeasureFactory(network=team.network)
    measure.values.create(team=team, period_start=dt.date(2025, 9, 1), value=3)
    url = reverse("improvement:team_remove", args=[team.pk])
    client = client_as("north_lead")
    assert b"has recorded 1 measure value" in client.get(url).content
    response = client.post(url)
    assert response.status_code == 400
    assert "recorded 1 measure value: removing it would lose them" in response.content.decode()
    assert Team.objects.filter(pk=team.pk).exists()


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_adding_a_staff_member(client_as, cast, name):
    team = matrix_team(cast)
    principal = cast["principal_north_1"].people.get()
    url = reverse("improvement:member_add", args=[team.pk])
    response = client_as(name).post(url, {"person": principal.pk, "role_on_team": "sponsor"})
    assert response.status_code == ANSWERS[name]
    assert team.members.filter(person=principal).exists() == (name == RUNNER)


def test_the_same_staff_member_twice_is_refused(client_as, cast):
    team = matrix_team(cast)
    coach = cast["coach_north_1"].people.get()
    url = reverse("improvement:member_add", args=[team.pk])
    response = client_as("north_lead").post(url, {"person": coach.pk})
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert team.members.filter(person=coach).count() == 1


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_inviting_a_family_member_shows_the_runner_a_sign_in_link(client_as, cast, name):
    team = matrix_team(cast)
    url = reverse("improvement:member_invite", args=[team.pk])
    form = {"kind": "family", "given_name": "Rosa", "family_name": "Quispe"}
    response = client_as(name).post(url, form)
    assert response.status_code == (200 if name == RUNNER else ANSWERS[name])
    joined = team.members.filter(person__given_name="Rosa", kind="family").exists()
    assert joined == (name == RUNNER)
    if name == RUNNER:
        page = response.content.decode()
        assert "rosa.quispe" in page
        assert "/improvement/welcome/" in page


def test_an_existing_family_member_joins_a_second_team_without_a_new_sign_in(client_as, cast):
    second = f.TeamFactory(network=matrix_network(cast), school=cast.north_2)
    family = cast["family"].people.get()
    url = reverse("improvement:member_invite", args=[second.pk])
    response = client_as("north_lead").post(url, {"kind": "family", "existing": family.pk})
    assert response.url == reverse("improvement:team", args=[second.pk])
    assert second.members.get().person == family


def test_a_new_member_needs_names(client_as, cast):
    url = reverse("improvement:member_invite", args=[matrix_team(cast).pk])
    response = client_as("north_lead").post(url, {"kind": "student", "given_name": "Tom"})
    assert response.status_code == 400
    assert b"give the new person&#x27;s family name" in response.content


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_changing_a_members_role(client_as, cast, name):
    member = matrix_team(cast).members.get(kind="family")
    url = reverse("improvement:member_edit", args=[member.pk])
    response = client_as(name).post(url, {"role_on_team": "parent voice"})
    assert response.status_code == ANSWERS[name]
    member.refresh_from_db()
    assert (member.role_on_team == "parent voice") == (name == RUNNER)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_removing_a_member(client_as, cast, name):
    member = matrix_team(cast).members.get(kind="family")
    response = client_as(name).post(reverse("improvement:member_remove", args=[member.pk]))
    assert response.status_code == ANSWERS[name]
    assert TeamMember.objects.filter(pk=member.pk).exists() == (name != RUNNER)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_a_new_sign_in_link(client_as, cast, name):
    member = matrix_team(cast).members.get(kind="family")
    response = client_as(name).post(reverse("improvement:member_link", args=[member.pk]))
    assert response.status_code == (200 if name == RUNNER else ANSWERS[name])
    if name == RUNNER:
        assert b"/improvement/welcome/" in response.content


def test_the_network_page_shows_aim_leads_period_and_teams_by_kind(client_as, cast):
    network = matrix_network(cast)
    page = client_as("principal_north_1").get(reverse("improvement:network", args=[network.pk]))
    text = page.content.decode()
    assert network.aim_statement in text
    assert "North Lead Testperson" in text
    assert "August 1, 2025 to July 31, 2026" in text
    assert "Family Testperson (family member)" in text
    assert "Coach North 1 Testperson (staff)" in text
    assert "Edit the network" not in text


def test_the_overview_links_each_network_and_offers_conveners_a_button(client_as, cast):
    network = matrix_network(cast)
    lead = client_as("north_lead").get(reverse("improvement:overview")).content.decode()
    assert reverse("improvement:network", args=[network.pk]) in lead
    assert reverse("improvement:network_new") in lead
    coach = client_as("coach_north_1").get(reverse("improvement:overview")).content.decode()
    assert reverse("improvement:network_new") not in coach
