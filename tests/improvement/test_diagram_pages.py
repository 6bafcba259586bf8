"""The driver-diagram and change-idea pages: what readers see, what runners change, what a
reader (403) and an outsider (404) cannot, and bad input answered in words (400)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districtwise.improvement.models import ChangeIdea, DiagramVersion, Driver, IdeaPlacement
from districtwise.improvement.services import diagram as services
from districtwise.improvement.services import diagram_ideas as ideas
from tests import factories as f
from tests.improvement.matrix import matrix_network

RUNNER, READER, OUTSIDER = "north_lead", "coach_north_1", "outsider"


@pytest.fixture
def network(cast):
    return matrix_network(cast)


@pytest.fixture
def tree(network, cast):
    """A primary driver with a secondary under it and an idea under both."""
    lead = cast[RUNNER]
    primary = services.driver_add(
        actor=lead, network=network, text="Students know where they stand"
    )
    secondary = services.driver_add(
        actor=lead, network=network, text="Grades posted weekly", parent=primary
    )
    idea = ideas.change_idea_create(actor=lead, network=network, title="Friday grade check")
    services.idea_place(actor=lead, driver=secondary, idea=idea)
    services.idea_place(actor=lead, driver=primary, idea=idea)
    f.CycleFactory(team=network.teams.get(), change_idea=idea)
    return primary, secondary, idea


def url(name, network, *args):
    return reverse(f"improvement:{name}", args=[network.pk, *args])


def test_readers_see_the_diagram_drawn_and_in_words(client_as, network, tree):
    page = client_as("family").get(url("diagram", network))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert "The diagram in words" in html
    assert "Grades posted weekly" in html and "Tested in 1 cycle" in html
    assert "hangs under 2 drivers" in html
    assert "@media print" in html and "size: landscape" in html
    assert "Edit the diagram" not in html  # a reader is not offered the editor


def test_a_network_without_a_diagram_says_so(client_as, network):
    page = client_as(RUNNER).get(url("diagram", network))
    assert "has no driver diagram yet" in page.content.decode()


def test_the_editor_opens_for_runners_only(client_as, network, tree):
    assert client_as(RUNNER).get(url("diagram_edit", network)).status_code == 200
    assert client_as(READER).get(url("diagram_edit", network)).status_code == 403
    assert client_as(OUTSIDER).get(url("diagram_edit", network)).status_code == 404


def writes(network, tree):
    """Every write of the editor and the idea list, with a valid body."""
    primary, secondary, idea = tree
    placement = IdeaPlacement.objects.get(driver=secondary)
    return [
        (url("diagram_driver_add", network), {"text": "New primary"}),
        (url("diagram_driver_add", network), {"text": "New secondary", "parent": primary.pk}),
        (url("diagram_driver_rename", network, secondary.pk), {"text": "Renamed"}),
        (url("diagram_driver_move", network, primary.pk), {"direction": "down"}),
        (url("diagram_idea_place", network, secondary.pk), {"new_title": "Another idea"}),
        (url("diagram_placement_remove", network, placement.pk), {}),
        (url("diagram_driver_remove", network, secondary.pk), {"confirm": "yes"}),
        (url("diagram_record", network), {"note": "We learned"}),
        (url("change_ideas", network), {"title": "Listed idea"}),
        (url("change_idea_edit", network, idea.pk), {"title": "Renamed idea"}),
        (url("change_idea_retire", network, idea.pk), {}),
    ]


def state():
    return (
        list(Driver.objects.values_list("pk", "text", "position", "parent")),
        list(IdeaPlacement.objects.values_list("pk", flat=True)),
        list(ChangeIdea.objects.values_list("pk", "title", "retired_at")),
        list(DiagramVersion.objects.values_list("pk", "recorded_at")),
    )


@pytest.mark.parametrize(("person", "status"), [(READER, 403), (OUTSIDER, 404)])
def test_a_reader_gets_403_and_an_outsider_404_on_every_write(
    client_as, network, tree, person, status
):
    client = client_as(person)
    before = state()
    for path, data in writes(network, tree):
        assert client.post(path, data).status_code == status, path
    assert state() == before


def test_a_runner_makes_every_write(client_as, network, tree):
    client = client_as(RUNNER)
    for path, data in writes(network, tree):
        assert client.post(path, data).status_code == 302, path
    working = DiagramVersion.objects.get(network=network, recorded_at__isnull=True)
    assert working.number == 2
    assert set(working.drivers.values_list("text", flat=True)) == {
        "Students know where they stand",
        "New primary",
        "New secondary",
    }
    assert ChangeIdea.objects.get(pk=tree[2].pk).title == "Renamed idea"
    assert ChangeIdea.objects.filter(title="Listed idea").exists()


def test_an_empty_driver_is_refused_beside_its_form(client_as, network, tree):
    before = state()
    page = client_as(RUNNER).post(url("diagram_driver_add", network), {"text": "  "})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Nothing was changed" in html and 'id="add-primary-error"' in html
    assert state() == before


def test_a_secondary_driver_under_a_secondary_is_refused(client_as, network, tree):
    _, secondary, _ = tree
    before = state()
    data = {"text": "Too deep", "parent": secondary.pk}
    page = client_as(RUNNER).post(url("diagram_driver_add", network), data)
    assert page.status_code == 400
    assert "not under another secondary driver" in page.content.decode()
    assert state() == before


def test_a_placement_in_a_recorded_version_is_refused(client_as, network, tree, cast):
    primary, _secondary, _idea = tree
    services.version_record(actor=cast[RUNNER], network=network, note="v1")
    other = ideas.change_idea_create(actor=cast[RUNNER], network=network, title="Late idea")
    before = state()
    page = client_as(RUNNER).post(
        url("diagram_idea_place", network, primary.pk), {"idea": other.pk}
    )
    assert page.status_code == 400
    assert "Version 1 was recorded on" in page.content.decode()
    assert state() == before


def test_a_duplicate_idea_title_is_refused_on_the_list_and_in_the_editor(client_as, network, tree):
    client = client_as(RUNNER)
    before = state()
    page = client.post(url("change_ideas", network), {"title": "friday grade check"})
    assert page.status_code == 400
    assert "already has a change idea called “Friday grade check”" in page.content.decode()
    data = {"new_title": "Friday Grade Check"}
    page = client.post(url("diagram_idea_place", network, tree[1].pk), data)
    assert page.status_code == 400 and "already has a change idea" in page.content.decode()
    assert state() == before


def test_placing_needs_one_idea_not_none_and_not_two(client_as, network, tree):
    primary, _, idea = tree
    client = client_as(RUNNER)
    assert client.post(url("diagram_idea_place", network, primary.pk), {}).status_code == 400
    both = {"idea": idea.pk, "new_title": "Other"}
    page = client.post(url("diagram_idea_place", network, primary.pk), both)
    assert page.status_code == 400 and "not both" in page.content.decode()


def test_removing_a_driver_with_children_asks_first_and_says_what_goes(client_as, network, tree):
    primary, _, _ = tree
    client = client_as(RUNNER)
    page = client.post(url("diagram_driver_remove", network, primary.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "the secondary driver “Grades posted weekly”" in html
    assert "the change idea “Friday grade check” hung under" in html
    assert Driver.objects.filter(pk=primary.pk).exists()
    page = client.post(url("diagram_driver_remove", network, primary.pk), {"confirm": "yes"})
    assert page.status_code == 302
    assert not Driver.objects.exists()


def test_with_htmx_the_editor_tree_says_what_happened(client_as, network, tree):
    client = client_as(RUNNER)
    client.post(url("diagram_driver_add", network), {"text": "Another"}, HTTP_HX_REQUEST="true")
    page = client.get(url("diagram_edit", network), HTTP_HX_REQUEST="true")
    html = page.content.decode()
    tree_html = html[html.index('id="diagram-tree"') :]
    assert "Primary driver added." in tree_html
    assert 'hx-post="' in tree_html and "htmx.min.js" in html


def test_recording_shows_the_version_with_its_note_and_changes(client_as, network, tree):
    client = client_as(RUNNER)
    page = client.get(url("diagram_record", network))
    assert "first version" in page.content.decode()
    empty = client.post(url("diagram_record", network), {"note": ""})
    assert empty.status_code == 400 and "Say what the network learned" in empty.content.decode()
    done = client.post(url("diagram_record", network), {"note": "Weekly grades matter most"})
    assert done.status_code == 302 and done.url == url("diagram_version", network, 1)
    assert DiagramVersion.objects.get(number=2).recorded_at is None
    listed = client_as("family").get(url("diagram_versions", network)).content.decode()
    assert "Version 1" in listed and "Weekly grades matter most" in listed
    shown = client_as("family").get(url("diagram_version", network, 1)).content.decode()
    assert "can no longer change" in shown and "first version" in shown
    assert client_as("family").get(url("diagram_version", network, 9)).status_code == 404


def test_a_later_version_page_lists_what_changed(client_as, network, tree, cast):
    lead = cast[RUNNER]
    services.version_record(actor=lead, network=network, note="v1")
    working = DiagramVersion.objects.get(number=2)
    services.driver_rename(actor=lead, driver=working.drivers.get(parent=None), text="Belonging")
    services.version_record(actor=lead, network=network, note="v2")
    html = client_as(READER).get(url("diagram_version", network, 2)).content.decode()
    assert "Driver renamed: “Students know where they stand” is now “Belonging”" in html


def test_the_idea_list_shows_where_ideas_hang_and_refuses_deleting_a_tested_one(
    client_as, network, tree
):
    _, _, idea = tree
    client = client_as(RUNNER)
    html = client.get(url("change_ideas", network)).content.decode()
    assert "Grades posted weekly; Students know where they stand" in html or (
        "Students know where they stand; Grades posted weekly" in html
    )
    page = client.post(url("change_idea_delete", network, idea.pk))
    assert page.status_code == 400
    assert "has been tested in 1 cycle" in page.content.decode()
    assert ChangeIdea.objects.filter(pk=idea.pk).exists()
    assert client_as("family").get(url("change_ideas", network)).status_code == 200
    assert client_as("family").post(url("change_ideas", network), {"title": "x"}).status_code == 403


def test_an_untested_idea_is_deleted_from_the_list(client_as, network, cast):
    idea = ideas.change_idea_create(actor=cast[RUNNER], network=network, title="Unused")
    page = client_as(RUNNER).post(url("change_idea_delete", network, idea.pk))
    assert page.status_code == 302
    assert not ChangeIdea.objects.filter(title="Unused").exists()
