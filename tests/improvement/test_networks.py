"""Convening, changing and archiving a network, and its member schools
(districtwise.improvement.services.networks)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import ImprovementNetwork, Team
from districtwise.improvement.selectors.networks import period_progress
from districtwise.improvement.services import networks as services
from tests import factories as f
from tests.access_matrix import person
from tests.improvement.matrix import matrix_network

AIM = {
    "name": "Ninth grade on track",
    "aim_what": "Ninth graders passing all their courses",
    "aim_how_much": "from 71% to 85%",
    "aim_by_when": dt.date(2026, 6, 15),
    "aim_for_whom": "ninth graders of the member schools",
    "starts_on": dt.date(2025, 8, 1),
    "ends_on": dt.date(2026, 7, 31),
}


def convene(cast, actor="north_lead", schools=None, leads=(), **changes):
    return services.network_convene(
        actor=cast[actor],
        district=cast.district,
        data=AIM | changes,
        leads=[person(cast, n) for n in leads],
        schools=[cast.north_1, cast.north_2] if schools is None else schools,
    )


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_the_convener_leads_the_network_and_each_school_gets_a_team(cast):
    network = convene(cast, leads=["principal_north_1"])
    assert set(network.leads.all()) == {
        person(cast, "north_lead"),
        person(cast, "principal_north_1"),
    }
    assert [t.school for t in network.teams.all()] == [cast.north_1, cast.north_2]
    assert network.aim_statement == (
        "Ninth graders passing all their courses, from 71% to 85%, by June 15, 2026, "
        "for ninth graders of the member schools."
    )
    entry = AuditEntry.objects.get(object_type="improvement.improvementnetwork")
    assert entry.actor == cast["north_lead"]
    assert entry.changes["leads"] == [
        None,
        ["North Lead Testperson", "Principal North 1 Testperson"],
    ]
    assert AuditEntry.objects.filter(object_type="improvement.team").count() == 2


def test_an_aim_due_before_the_network_starts_is_refused(cast):
    problems = refusal(lambda: convene(cast, aim_by_when=dt.date(2025, 7, 1)))
    assert "is not after the network starts (August 1, 2025)" in problems["aim_by_when"][0]
    assert not ImprovementNetwork.objects.exists()


def test_an_aim_due_after_the_network_ends_is_refused(cast):
    problems = refusal(lambda: convene(cast, aim_by_when=dt.date(2026, 9, 1)))
    assert "falls after the network ends (July 31, 2026)" in problems["aim_by_when"][0]


def test_a_period_ending_before_it_starts_is_refused(cast):
    problems = refusal(lambda: convene(cast, ends_on=dt.date(2025, 6, 30)))
    assert problems["ends_on"] == ["The network must end after it starts (August 1, 2025)."]
    assert not Team.objects.exists()


def test_a_school_of_another_district_is_refused(cast):
    problems = refusal(lambda: convene(cast, schools=[cast.north_1, cast.other_school]))
    assert problems["schools"] == ["Lakeside Elementary is a school of another district."]
    assert not ImprovementNetwork.objects.exists()


def test_the_same_school_twice_is_refused(cast):
    problems = refusal(lambda: convene(cast, schools=[cast.north_1, cast.north_1]))
    assert problems["schools"] == ["North One Elementary already has a team in this network."]
    network = matrix_network(cast)
    problems = refusal(
        lambda: services.teams_add(
            actor=cast["north_lead"], network=network, schools=[cast.north_1]
        )
    )
    assert "North One Elementary already has a team" in problems["schools"][0]
    assert network.teams.count() == 1


def test_two_networks_of_one_name_are_refused(cast):
    convene(cast)
    problems = refusal(lambda: convene(cast, name="ninth grade ON TRACK"))
    assert "already has a network called" in problems["name"][0]


def test_a_family_member_cannot_lead(cast):
    problems = refusal(lambda: convene(cast, leads=["family"]))
    assert "cannot lead the network" in problems["leads"][0]


def test_the_period_may_not_shrink_past_recorded_cycles(cast):
    network = matrix_network(cast)
    f.CycleFactory(team=network.teams.get(), planned_start=dt.date(2025, 10, 6))
    leads = list(network.leads.all())
    data = {"starts_on": dt.date(2025, 11, 1), "aim_by_when": dt.date(2026, 6, 15)}
    problems = refusal(
        lambda: services.network_update(
            actor=cast["north_lead"], network=network, data=data, leads=leads
        )
    )
    assert "(the first on October 6, 2025)" in problems["starts_on"][0]
    network.refresh_from_db()
    assert network.starts_on == dt.date(2025, 8, 1)


def test_changing_the_aim_and_leads_is_audited(cast):
    network = matrix_network(cast)
    leads = [person(cast, "north_lead"), person(cast, "south_lead")]
    services.network_update(
        actor=cast["north_lead"], network=network, data={"aim_how_much": "to 90%"}, leads=leads
    )
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.changes["aim_how_much"] == ["from 71% to 85%", "to 90%"]
    assert entry.changes["leads"][1] == ["North Lead Testperson", "South Lead Testperson"]


def test_an_archived_network_stays_readable_and_keeps_its_teams_as_they_were(cast):
    network = matrix_network(cast)
    services.network_archive(actor=cast["north_lead"], network=network, archived=True)
    network.refresh_from_db()
    assert network.archived_at is not None
    with pytest.raises(ValidationError, match="Matrix network is archived: reopen it"):
        services.teams_add(actor=cast["north_lead"], network=network, schools=[cast.north_2])
    services.network_archive(actor=cast["north_lead"], network=network, archived=False)
    services.teams_add(actor=cast["north_lead"], network=network, schools=[cast.north_2])
    assert network.teams.count() == 2


def test_a_team_with_cycles_or_values_is_not_removed(cast):
    team = matrix_network(cast).teams.get()
    f.CycleFactory(team=team)
    with pytest.raises(ValidationError, match="has recorded 1 cycle: removing it would lose"):
        services.team_remove(actor=cast["north_lead"], team=team)
    assert Team.objects.filter(pk=team.pk).exists()
    assert team.members.count() == 2


def test_a_team_with_nothing_recorded_is_removed_with_its_members(cast):
    team = matrix_network(cast).teams.get()
    services.team_remove(actor=cast["north_lead"], team=team)
    assert not Team.objects.filter(pk=team.pk).exists()
    entry = AuditEntry.objects.get(object_type="improvement.team", action="delete")
    assert "Family Testperson (Family member)" in entry.changes["members"][0]


@pytest.mark.parametrize(
    ("today", "done", "percent", "state"),
    [
        (dt.date(2025, 7, 1), 0, 0, "before"),
        (dt.date(2025, 8, 1), 1, 0, "during"),
        # August 31 + September 30 + October 31 + November 30 + December 31 + January 30
        (dt.date(2026, 1, 30), 183, 50, "during"),
        (dt.date(2026, 7, 31), 365, 100, "during"),
        (dt.date(2026, 9, 1), 365, 100, "after"),
    ],
)
def test_how_far_through_its_period_a_network_is(today, done, percent, state):
    network = ImprovementNetwork(starts_on=dt.date(2025, 8, 1), ends_on=dt.date(2026, 7, 31))
    progress = period_progress(network, today)
    assert (progress.total_days, progress.days_done) == (365, done)
    assert (progress.percent, progress.state) == (percent, state)
