"""Writes of the driver diagram and the change ideas (improvement.services.diagram and
diagram_ideas): what each changes, the audit row it leaves, and what it refuses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import ChangeIdea, DiagramVersion, Driver, IdeaPlacement
from districtwise.improvement.selectors import diagram as selectors
from districtwise.improvement.services import diagram as services
from districtwise.improvement.services import diagram_ideas as ideas
from tests import factories as f
from tests.improvement.matrix import matrix_network


@pytest.fixture
def network(cast):
    return matrix_network(cast)


@pytest.fixture
def lead(cast):
    return cast["north_lead"]


def audit_actions(obj) -> list[str]:
    rows = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return list(rows.order_by("id").values_list("action", flat=True))


def test_the_first_driver_opens_version_1_and_each_write_is_audited(network, lead):
    primary = services.driver_add(actor=lead, network=network, text="  Students know  ")
    version = primary.version
    assert (version.number, version.recorded_at, primary.text) == (1, None, "Students know")
    secondary = services.driver_add(actor=lead, network=network, text="Grades", parent=primary)
    assert (secondary.kind, secondary.parent, secondary.version) == ("secondary", primary, version)
    assert audit_actions(version) == ["create"]
    assert audit_actions(primary) == ["create"]
    entry = AuditEntry.objects.get(object_type="improvement.driver", object_id=str(secondary.pk))
    assert entry.actor == lead and entry.changes["text"] == [None, "Grades"]


def test_drivers_are_added_at_the_end_and_move_among_their_siblings(network, lead):
    a, _b, c = (services.driver_add(actor=lead, network=network, text=t) for t in "ABC")
    services.driver_move(actor=lead, driver=c, direction="up")
    order = list(Driver.objects.filter(parent=None).order_by("position").values_list("text"))
    assert order == [("A",), ("C",), ("B",)]
    services.driver_move(actor=lead, driver=a, direction="up")  # already first: no change
    assert Driver.objects.get(pk=a.pk).position == 1
    assert audit_actions(c) == ["create", "update"]


def test_renaming_changes_the_words_and_records_before_and_after(network, lead):
    driver = services.driver_add(actor=lead, network=network, text="Old words")
    services.driver_rename(actor=lead, driver=driver, text="New words")
    entry = AuditEntry.objects.get(
        object_id=str(driver.pk), action="update", object_type="improvement.driver"
    )
    assert entry.changes["text"] == ["Old words", "New words"]


@pytest.mark.parametrize("text", ["", "   ", "x" * 301])
def test_empty_or_overlong_words_are_refused_and_nothing_is_saved(network, lead, text):
    with pytest.raises(ValidationError) as refused:
        services.driver_add(actor=lead, network=network, text=text)
    assert "driver" in " ".join(refused.value.messages)
    assert not Driver.objects.exists()
    assert not DiagramVersion.objects.exists()  # the version opened with it is rolled back


def test_a_secondary_driver_cannot_hang_under_a_secondary_driver(network, lead):
    primary = services.driver_add(actor=lead, network=network, text="P")
    secondary = services.driver_add(actor=lead, network=network, text="S", parent=primary)
    with pytest.raises(ValidationError) as refused:
        services.driver_add(actor=lead, network=network, text="Deeper", parent=secondary)
    assert "not under another secondary driver" in refused.value.messages[0]
    assert Driver.objects.count() == 2


def test_removing_a_primary_driver_takes_its_secondaries_and_placements(network, lead):
    primary = services.driver_add(actor=lead, network=network, text="P")
    secondary = services.driver_add(actor=lead, network=network, text="S", parent=primary)
    idea = ideas.change_idea_create(actor=lead, network=network, title="Weekly check")
    services.idea_place(actor=lead, driver=secondary, idea=idea)
    assert services.removal_consequences(primary) == [
        "the secondary driver “S”",
        "the change idea “Weekly check” hung under “S”",
    ]
    pk = primary.pk
    services.driver_remove(actor=lead, driver=primary)
    assert not Driver.objects.exists() and not IdeaPlacement.objects.exists()
    assert ChangeIdea.objects.filter(pk=idea.pk).exists()  # the idea stays in the network
    entry = AuditEntry.objects.get(object_id=str(pk), action="delete")
    assert len(entry.changes["removed with it"][0]) == 2


def test_an_idea_hangs_under_several_drivers_but_once_under_each(network, lead):
    p1 = services.driver_add(actor=lead, network=network, text="P1")
    p2 = services.driver_add(actor=lead, network=network, text="P2")
    idea = ideas.change_idea_create(actor=lead, network=network, title="Advisory")
    services.idea_place(actor=lead, driver=p1, idea=idea)
    services.idea_place(actor=lead, driver=p2, idea=idea)
    with pytest.raises(ValidationError, match="already hangs under"):
        services.idea_place(actor=lead, driver=p2, idea=idea)
    assert idea.placements.count() == 2


def test_an_idea_of_another_network_or_a_retired_one_is_not_placed(network, lead, cast):
    driver = services.driver_add(actor=lead, network=network, text="P")
    theirs = f.ChangeIdeaFactory(network=f.ImprovementNetworkFactory(district=cast.district))
    with pytest.raises(ValidationError, match="another network"):
        services.idea_place(actor=lead, driver=driver, idea=theirs)
    retired = ideas.change_idea_create(actor=lead, network=network, title="Old")
    ideas.change_idea_retire(actor=lead, idea=retired)
    with pytest.raises(ValidationError, match="retired"):
        services.idea_place(actor=lead, driver=driver, idea=retired)
    assert not IdeaPlacement.objects.exists()


def build_small_tree(network, lead):
    p1 = services.driver_add(actor=lead, network=network, text="P1")
    p2 = services.driver_add(actor=lead, network=network, text="P2")
    s1 = services.driver_add(actor=lead, network=network, text="S1", parent=p1)
    idea = ideas.change_idea_create(actor=lead, network=network, title="Idea")
    services.idea_place(actor=lead, driver=s1, idea=idea)
    services.idea_place(actor=lead, driver=p2, idea=idea)
    return p1, p2, s1, idea


def test_recording_freezes_the_version_and_opens_the_next_as_its_copy(network, lead):
    p1, p2, s1, _idea = build_small_tree(network, lead)
    recorded = services.version_record(actor=lead, network=network, note="Grades matter most")
    assert recorded.recorded_at is not None and recorded.recorded_by == lead
    working = selectors.working_version(network)
    assert working.number == 2
    copies = {d.text: d for d in working.drivers.all()}
    assert set(copies) == {"P1", "P2", "S1"}
    assert copies["S1"].parent == copies["P1"] and copies["S1"].copied_from == s1
    assert [c.copied_from for c in (copies["P1"], copies["P2"])] == [p1, p2]
    placed = IdeaPlacement.objects.filter(driver__version=working)
    assert sorted(p.driver.text for p in placed) == ["P2", "S1"]
    assert IdeaPlacement.objects.filter(driver__version=recorded).count() == 2  # kept


def test_a_recorded_version_can_never_be_edited(network, lead):
    p1, p2, s1, idea = build_small_tree(network, lead)
    services.version_record(actor=lead, network=network, note="Learned")
    placement = IdeaPlacement.objects.get(driver=s1)
    writes = [
        lambda: services.driver_rename(actor=lead, driver=p1, text="Changed"),
        lambda: services.driver_move(actor=lead, driver=p2, direction="up"),
        lambda: services.driver_remove(actor=lead, driver=p1),
        lambda: services.driver_add(actor=lead, network=network, text="X", parent=p1),
        lambda: services.idea_place(actor=lead, driver=p1, idea=idea),
        lambda: services.placement_remove(actor=lead, placement=placement),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match=r"was recorded on .* can no longer change"):
            write()
    version_1 = DiagramVersion.objects.get(number=1)
    assert sorted(version_1.drivers.values_list("text", flat=True)) == ["P1", "P2", "S1"]
    assert IdeaPlacement.objects.filter(driver__version=version_1).count() == 2


def test_recording_needs_a_note_and_a_driver(network, lead):
    with pytest.raises(ValidationError, match="at least one primary driver"):
        services.version_record(actor=lead, network=network, note="Something")
    services.driver_add(actor=lead, network=network, text="P")
    with pytest.raises(ValidationError, match="what the network learned"):
        services.version_record(actor=lead, network=network, note="   ")
    assert not DiagramVersion.objects.filter(recorded_at__isnull=False).exists()


# ---- change ideas ----
def test_a_duplicate_idea_title_is_refused_whatever_its_case(network, lead):
    ideas.change_idea_create(actor=lead, network=network, title="Weekly grade check")
    with pytest.raises(ValidationError) as refused:
        ideas.change_idea_create(actor=lead, network=network, title=" weekly GRADE check ")
    assert "already has a change idea called “Weekly grade check”" in str(refused.value)
    assert ChangeIdea.objects.count() == 1


def test_an_empty_idea_title_is_refused(network, lead):
    with pytest.raises(ValidationError, match="cannot be empty"):
        ideas.change_idea_create(actor=lead, network=network, title="  ")


def test_retiring_keeps_the_idea_but_takes_it_off_the_working_diagram_only(network, lead):
    _p1, _p2, _s1, idea = build_small_tree(network, lead)
    services.version_record(actor=lead, network=network, note="v1")
    f.CycleFactory(team=network.teams.get(), change_idea=idea)
    ideas.change_idea_retire(actor=lead, idea=idea)
    idea.refresh_from_db()
    assert idea.retired_at is not None
    assert not IdeaPlacement.objects.filter(idea=idea, driver__version__number=2).exists()
    assert IdeaPlacement.objects.filter(idea=idea, driver__version__number=1).count() == 2
    entry = AuditEntry.objects.get(
        object_id=str(idea.pk), object_type="improvement.changeidea", action="update"
    )
    assert entry.changes["taken off the working diagram, from under"][0] == ["P2", "S1"]
    ideas.change_idea_restore(actor=lead, idea=idea)
    assert ChangeIdea.objects.get(pk=idea.pk).retired_at is None


def test_deleting_an_idea_with_cycles_is_refused_with_the_reason(network, lead):
    idea = ideas.change_idea_create(actor=lead, network=network, title="Tested")
    f.CycleFactory(team=network.teams.get(), change_idea=idea)
    f.CycleFactory(team=network.teams.get(), change_idea=idea)
    with pytest.raises(ValidationError) as refused:
        ideas.change_idea_delete(actor=lead, idea=idea)
    assert refused.value.messages == [
        "“Tested” has been tested in 2 cycles, which keep its history: it cannot be "
        "deleted. Retire it instead."
    ]
    assert ChangeIdea.objects.filter(pk=idea.pk).exists()


def test_deleting_an_idea_in_a_recorded_version_is_refused(network, lead):
    _p1, _p2, _s1, idea = build_small_tree(network, lead)
    services.version_record(actor=lead, network=network, note="v1")
    with pytest.raises(ValidationError, match="recorded version 1 "):
        ideas.change_idea_delete(actor=lead, idea=idea)


def test_an_untested_idea_is_deleted_with_its_working_placements(network, lead):
    driver = services.driver_add(actor=lead, network=network, text="P")
    idea = ideas.change_idea_create_and_place(actor=lead, driver=driver, title="Fresh")
    assert idea.placements.get().driver == driver
    pk = idea.pk
    ideas.change_idea_delete(actor=lead, idea=idea)
    assert not ChangeIdea.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete").exists()
