"""Writes of a network's driver diagram: drivers, where change ideas hang, and versions.

Only the working version (the newest one not yet recorded) changes. The first edit of a
network with no diagram opens version 1. Recording a version freezes it for good and
opens the next one as its copy (drivers, their order and hierarchy, the placements).

Every service runs in one transaction, refuses bad input with a ``ValidationError`` that
says what is wrong (nothing saved) and writes an audit row. Change ideas themselves are
written in ``services.diagram_ideas``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.improvement.models import (
    ChangeIdea,
    DiagramVersion,
    Driver,
    IdeaPlacement,
    ImprovementNetwork,
)

TEXT_LIMIT = Driver._meta.get_field("text").max_length or 300


def check_working(version: DiagramVersion) -> None:
    """Refuse any change to a recorded version: it is the network's history. Reads the
    version afresh (and locks it), so a copy held since before it was recorded is no
    way around the rule."""
    version = DiagramVersion.objects.select_for_update().get(pk=version.pk)
    if version.recorded_at is not None:
        when = timezone.localtime(version.recorded_at).strftime("%B %-d, %Y")
        raise ValidationError(
            f"Version {version.number} was recorded on {when} and can no longer change: "
            "edit the working version instead."
        )


def clean_text(text: str, *, what: str, limit: int = TEXT_LIMIT) -> str:
    """The text stripped, or a ValidationError saying it is empty or too long."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": f"Write the {what}: it cannot be empty."})
    if len(text) > limit:
        raise ValidationError(
            {"text": f"The {what} is {len(text)} characters long; keep it to {limit}."}
        )
    return text


@transaction.atomic
def working_version_open(*, actor, network: ImprovementNetwork) -> DiagramVersion:
    """The working version of ``network``, opening version 1 when it has no diagram yet."""
    ImprovementNetwork.objects.select_for_update().filter(pk=network.pk).first()
    working = network.diagram_versions.filter(recorded_at__isnull=True).order_by("-number")
    if working.exists():
        return working.first()  # type: ignore[return-value]
    top = network.diagram_versions.aggregate(top=Max("number"))["top"] or 0
    version = DiagramVersion.objects.create(network=network, number=top + 1)
    audit_created(actor=actor, district=network.district, obj=version)
    return version


def _siblings(driver: Driver):
    return Driver.objects.filter(version=driver.version, parent=driver.parent_id)


@transaction.atomic
def driver_add(
    *, actor, network: ImprovementNetwork, text: str, parent: Driver | None = None
) -> Driver:
    """Add a primary driver under the aim, or (``parent`` a primary driver) a secondary
    driver under it, at the end of its list, in the working version."""
    version = working_version_open(actor=actor, network=network)
    if parent is not None:
        if parent.version_id != version.pk:
            check_working(parent.version)
            raise ValidationError("That driver is not in the working version.")
        if parent.kind != Driver.Kind.PRIMARY:
            raise ValidationError(
                f"“{parent.text}” is a secondary driver: a secondary driver hangs under a "
                "primary driver, not under another secondary driver."
            )
    what = "secondary driver" if parent else "primary driver"
    text = clean_text(text, what=what)
    kind = Driver.Kind.SECONDARY if parent else Driver.Kind.PRIMARY
    last = Driver.objects.filter(version=version, parent=parent).aggregate(top=Max("position"))
    driver = Driver.objects.create(
        version=version, kind=kind, parent=parent, text=text, position=(last["top"] or 0) + 1
    )
    audit_created(actor=actor, district=network.district, obj=driver)
    return driver


@transaction.atomic
def driver_rename(*, actor, driver: Driver, text: str) -> Driver:
    """Change a driver's words in the working version."""
    check_working(driver.version)
    before = snapshot(driver)
    driver.text = clean_text(text, what=driver.get_kind_display().lower())
    driver.save(update_fields=["text", "updated_at"])
    changes = changed_fields(before, snapshot(driver))
    if changes:
        district = driver.version.network.district
        audit_record(actor=actor, district=district, action="update", obj=driver, changes=changes)
    return driver


@transaction.atomic
def driver_move(*, actor, driver: Driver, direction: str) -> Driver:
    """Move a driver one place up or down among its siblings (the same parent)."""
    check_working(driver.version)
    if direction not in ("up", "down"):
        raise ValidationError("Say whether to move the driver up or down.")
    order = list(_siblings(driver).order_by("position", "pk"))
    at = order.index(driver)
    to = at - 1 if direction == "up" else at + 1
    if not 0 <= to < len(order):
        return driver
    order[at], order[to] = order[to], order[at]
    for position, sibling in enumerate(order, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "updated_at"])
    changes = {"position": [at + 1, to + 1]}
    district = driver.version.network.district
    audit_record(actor=actor, district=district, action="update", obj=driver, changes=changes)
    return driver


def removal_consequences(driver: Driver) -> list[str]:
    """What else goes when ``driver`` is removed, in words (empty: nothing else)."""
    said = [f"the secondary driver “{child.text}”" for child in driver.children.all()]
    placements = IdeaPlacement.objects.filter(driver__in=[driver, *driver.children.all()])
    for p in placements.select_related("idea", "driver").order_by("idea__title"):
        said.append(f"the change idea “{p.idea.title}” hung under “{p.driver.text}”")
    return said


@transaction.atomic
def driver_remove(*, actor, driver: Driver) -> list[str]:
    """Remove a driver from the working version with its secondary drivers and the
    placements of ideas under them (the ideas stay in the network). Returns what went
    with it, as the audit row records."""
    check_working(driver.version)
    went = removal_consequences(driver)
    district = driver.version.network.district
    changes: dict[str, list] = {"text": [driver.text, None], "removed with it": [went, None]}
    audit_record(actor=actor, district=district, action="delete", obj=driver, changes=changes)
    siblings = list(_siblings(driver).exclude(pk=driver.pk).order_by("position", "pk"))
    driver.delete()
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "updated_at"])
    return went


@transaction.atomic
def idea_place(*, actor, driver: Driver, idea: ChangeIdea) -> IdeaPlacement:
    """Hang a change idea of the network under a driver of the working version."""
    check_working(driver.version)
    if idea.network_id != driver.version.network_id:
        raise ValidationError({"idea": "That change idea belongs to another network."})
    if idea.retired_at is not None:
        raise ValidationError(
            {"idea": f"“{idea.title}” is retired: restore it before placing it again."}
        )
    if driver.placements.filter(idea=idea).exists():
        raise ValidationError({"idea": f"“{idea.title}” already hangs under “{driver.text}”."})
    placement = IdeaPlacement.objects.create(driver=driver, idea=idea)
    district = driver.version.network.district
    changes = {"idea": [None, idea.title], "driver": [None, driver.text]}
    audit_record(actor=actor, district=district, action="create", obj=placement, changes=changes)
    return placement


@transaction.atomic
def placement_remove(*, actor, placement: IdeaPlacement) -> None:
    """Take a change idea off one driver of the working version (the idea stays in the
    network, and under any other driver)."""
    check_working(placement.driver.version)
    district = placement.driver.version.network.district
    changes = {"idea": [placement.idea.title, None], "driver": [placement.driver.text, None]}
    audit_record(actor=actor, district=district, action="delete", obj=placement, changes=changes)
    placement.delete()


# ---- versions ----
def _copy_drivers(old: DiagramVersion, new: DiagramVersion) -> None:
    copies: dict[int, Driver] = {}
    drivers = old.drivers.order_by("position", "pk")
    # Primary drivers first, so each secondary finds its parent's copy.
    for d in [*drivers.filter(parent__isnull=True), *drivers.filter(parent__isnull=False)]:
        copies[d.pk] = Driver.objects.create(
            version=new,
            kind=d.kind,
            parent=copies.get(d.parent_id) if d.parent_id else None,
            text=d.text,
            position=d.position,
            copied_from=d,
        )
    placements = IdeaPlacement.objects.filter(driver__version=old, idea__retired_at__isnull=True)
    IdeaPlacement.objects.bulk_create(
        IdeaPlacement(driver=copies[p.driver_id], idea_id=p.idea_id) for p in placements
    )


@transaction.atomic
def version_record(*, actor, network: ImprovementNetwork, note: str) -> DiagramVersion:
    """Record the working version with a note on what the network learned: it is frozen
    from now on, and the next version opens as its copy. Returns the recorded version."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what the network learned that this version shows."})
    version = working_version_open(actor=actor, network=network)
    version = DiagramVersion.objects.select_for_update().get(pk=version.pk)
    check_working(version)
    if not version.drivers.exists():
        raise ValidationError("Add at least one primary driver before recording the diagram.")
    before = snapshot(version)
    version.note, version.recorded_at, version.recorded_by = note, timezone.now(), actor
    version.save(update_fields=["note", "recorded_at", "recorded_by", "updated_at"])
    changes = changed_fields(before, snapshot(version))
    audit_record(
        actor=actor, district=network.district, action="update", obj=version, changes=changes
    )
    following = DiagramVersion.objects.create(network=network, number=version.number + 1)
    _copy_drivers(version, following)
    audit_created(actor=actor, district=network.district, obj=following)
    return version
