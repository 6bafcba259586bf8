"""Who reads, runs and edits an improvement network (districtwise.improvement.access)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from districtwise.improvement import access
from tests import factories as f
from tests.improvement.matrix import READERS, RUNNERS, TEAM_EDITORS, matrix_network


def test_each_person_reads_the_networks_the_rules_give_them(cast):
    network = matrix_network(cast)
    for name in cast.users:
        seen = access.visible_networks(cast[name], cast.district)
        assert (network in seen) == (name in READERS), name


def test_a_family_member_sees_only_the_networks_whose_teams_they_are_on(cast):
    mine = matrix_network(cast)
    other = f.ImprovementNetworkFactory(district=cast.district, name="South attendance")
    f.TeamFactory(network=other, school=cast.south_1)
    seen = list(access.visible_networks(cast["family"], cast.district))
    assert seen == [mine]


def test_leads_and_the_cabinet_run_the_network_others_get_403_or_404(cast):
    network = matrix_network(cast)
    for name in cast.users:
        user = cast[name]
        if name in RUNNERS:
            assert access.get_network_for_running(user, cast.district, network.pk) == network
        elif name in READERS:
            with pytest.raises(PermissionDenied):
                access.get_network_for_running(user, cast.district, network.pk)
        else:
            with pytest.raises(Http404):
                access.get_network_for_running(user, cast.district, network.pk)


def test_team_members_and_runners_edit_the_team(cast):
    team = matrix_network(cast).teams.get()
    for name in cast.users:
        assert access.may_edit_team(cast[name], cast.district, team) == (name in TEAM_EDITORS)


def test_a_member_edits_their_own_team_only(cast):
    network = matrix_network(cast)
    second = f.TeamFactory(network=network, school=cast.north_2)
    coach = cast["coach_north_1"]
    assert access.editable_team_ids(coach, cast.district, network) == {network.teams.first().pk}
    with pytest.raises(PermissionDenied):
        access.get_team_for_editing(coach, cast.district, second.pk)
    assert access.editable_team_ids(cast["north_lead"], cast.district, network) == {
        t.pk for t in network.teams.all()
    }


def test_another_districts_network_is_not_found(cast):
    theirs = f.ImprovementNetworkFactory(district=cast.other_district)
    with pytest.raises(Http404):
        access.get_network_for_user(cast["superintendent"], cast.district, theirs.pk)


def test_the_overview_lists_what_the_user_may_read(client_as, cast):
    matrix_network(cast)
    assert b"Matrix network" in client_as("family").get(reverse("improvement:overview")).content
    page = client_as("principal_south_1").get(reverse("improvement:overview")).content
    assert b"Matrix network" not in page
    assert b"not on any improvement network" in page
