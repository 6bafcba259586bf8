"""The learning log: members and runners write; other readers read (403 on a write); those
who may not see the network get 404. Authors and runners change and remove entries. Bad
input gets a message next to its field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import LearningEntry
from districtwise.improvement.services import learning as services
from tests import factories as f
from tests.improvement.matrix import matrix_network

ENTRY = {"written_on": "2025-10-06", "text": "Calls home work best before 8 a.m."}


def log_url(network) -> str:
    return reverse("improvement:learning_log", args=[network.pk])


@pytest.mark.parametrize("person", ["coach_north_1", "family", "north_lead", "superintendent"])
def test_members_and_runners_write_in_the_log(client_as, cast, person):
    network = matrix_network(cast)
    response = client_as(person).post(log_url(network), ENTRY)
    assert response.status_code == 302
    entry = network.learning_entries.get()
    assert (entry.text, entry.written_on, entry.author) == (
        ENTRY["text"],
        dt.date(2025, 10, 6),
        cast[person],
    )
    audit = AuditEntry.objects.get(object_type="improvement.learningentry", action="create")
    assert audit.actor == cast[person]
    assert audit.changes["text"] == [None, ENTRY["text"]]


@pytest.mark.parametrize("person", ["principal_north_1", "department_lead", "data_steward"])
def test_a_reader_who_is_not_a_member_reads_but_may_not_write(client_as, cast, person):
    network = matrix_network(cast)
    client = client_as(person)
    page = client.get(log_url(network))
    assert page.status_code == 200
    assert b"you read it" in page.content and b"Write it" not in page.content
    assert client.post(log_url(network), ENTRY).status_code == 403
    assert not LearningEntry.objects.exists()


@pytest.mark.parametrize("person", ["principal_south_1", "partner", "outsider"])
def test_an_outsider_to_the_network_finds_nothing(client_as, cast, person):
    network = matrix_network(cast)
    assert client_as(person).post(log_url(network), ENTRY).status_code == 404
    assert not LearningEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "   "}, "text", "the entry is empty"),
        ({"written_on": "2025-07-31"}, "written_on", "July 31, 2025 is outside the network"),
        ({"written_on": "2026-08-01"}, "written_on", "outside the network&#x27;s period"),
        ({"written_on": "next Tuesday"}, "written_on", "Give the day as a date"),
    ],
)
def test_bad_input_is_named_and_saves_nothing(client_as, cast, data, field, message):
    network = matrix_network(cast)
    response = client_as("coach_north_1").post(log_url(network), ENTRY | data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not LearningEntry.objects.exists()
    assert not AuditEntry.objects.filter(object_type="improvement.learningentry").exists()


def test_an_idea_or_team_of_another_network_is_refused(client_as, cast):
    network = matrix_network(cast)
    other = f.ImprovementNetworkFactory(district=cast.district, name="Other")
    foreign_idea = f.ChangeIdeaFactory(network=other)
    foreign_team = f.TeamFactory(network=other, school=cast.south_1)

    with pytest.raises(ValidationError) as refused:
        services.learning_entry_create(
            actor=cast["north_lead"],
            network=network,
            written_on=dt.date(2025, 10, 6),
            text="Learned",
            change_idea=foreign_idea,
            team=foreign_team,
        )
    assert set(refused.value.message_dict) == {"change_idea", "team"}
    # Through the page, the form offers only the network's own ideas and teams.
    response = client_as("north_lead").post(
        log_url(network), ENTRY | {"change_idea": foreign_idea.pk}
    )
    assert response.status_code == 400
    assert not LearningEntry.objects.exists()


def test_an_entry_may_name_an_idea_and_a_team(client_as, cast):
    network = matrix_network(cast)
    idea = f.ChangeIdeaFactory(network=network, title="Morning calls")
    team = network.teams.get()
    client = client_as("family")
    client.post(log_url(network), ENTRY | {"change_idea": idea.pk, "team": team.pk})
    entry = network.learning_entries.get()
    assert (entry.change_idea, entry.team) == (idea, team)
    html = client.get(log_url(network)).content.decode()
    assert "idea: Morning calls" in html and f"team: {cast.north_1.name}" in html
    assert "October 6, 2025" in html


def coach_entry(cast):
    return services.learning_entry_create(
        actor=cast["coach_north_1"],
        network=matrix_network(cast),
        written_on=dt.date(2025, 10, 6),
        text="First draft",
    )


def edit_url(entry) -> str:
    return reverse("improvement:learning_entry_edit", args=[entry.network_id, entry.pk])


def delete_url(entry) -> str:
    return reverse("improvement:learning_entry_delete", args=[entry.network_id, entry.pk])


@pytest.mark.parametrize("person", ["coach_north_1", "north_lead"])
def test_the_author_and_the_runners_change_an_entry(client_as, cast, person):
    entry = coach_entry(cast)
    response = client_as(person).post(edit_url(entry), ENTRY | {"text": "Second thoughts"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Second thoughts"
    audit = AuditEntry.objects.get(object_type="improvement.learningentry", action="update")
    assert audit.changes == {"text": ["First draft", "Second thoughts"]}


@pytest.mark.parametrize("person", ["family", "principal_north_1"])
def test_another_member_or_a_reader_may_not_change_it(client_as, cast, person):
    entry = coach_entry(cast)
    client = client_as(person)
    assert client.post(edit_url(entry), ENTRY | {"text": "Mine now"}).status_code == 403
    assert client.post(delete_url(entry)).status_code == 403
    entry.refresh_from_db()
    assert entry.text == "First draft"


def test_a_stranger_finds_no_entry_to_change(client_as, cast):
    entry = coach_entry(cast)
    client = client_as("principal_south_1")
    assert client.post(edit_url(entry), ENTRY).status_code == 404
    assert client.post(delete_url(entry)).status_code == 404
    assert LearningEntry.objects.filter(pk=entry.pk).exists()


def test_an_entry_is_reached_only_through_its_own_network(client_as, cast):
    entry = coach_entry(cast)
    other = f.ImprovementNetworkFactory(district=cast.district, name="Other")
    url = reverse("improvement:learning_entry_edit", args=[other.pk, entry.pk])
    assert client_as("superintendent").get(url).status_code == 404


def test_a_change_with_bad_input_changes_nothing(client_as, cast):
    entry = coach_entry(cast)
    response = client_as("coach_north_1").post(
        edit_url(entry), {"written_on": "2030-01-01", "text": "x"}
    )
    assert response.status_code == 400
    assert "outside the network" in response.content.decode()
    entry.refresh_from_db()
    assert (entry.text, entry.written_on) == ("First draft", dt.date(2025, 10, 6))


@pytest.mark.parametrize("person", ["coach_north_1", "superintendent"])
def test_the_author_and_the_runners_remove_an_entry(client_as, cast, person):
    entry = coach_entry(cast)
    response = client_as(person).post(delete_url(entry))
    assert response.status_code == 302
    assert not LearningEntry.objects.filter(pk=entry.pk).exists()
    audit = AuditEntry.objects.get(object_type="improvement.learningentry", action="delete")
    assert audit.changes["text"] == ["First draft", None]


def test_the_log_offers_change_and_remove_only_on_what_the_reader_may_change(client_as, cast):
    entry = coach_entry(cast)
    assert (
        edit_url(entry) in client_as("coach_north_1").get(log_url(entry.network)).content.decode()
    )
    assert edit_url(entry) not in client_as("family").get(log_url(entry.network)).content.decode()
