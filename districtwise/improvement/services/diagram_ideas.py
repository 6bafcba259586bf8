"""Writes of a network's change ideas: add, change, retire, restore, delete.

A change idea lives in the network across diagram versions. Retiring one that teams have
tested keeps it (their cycles are its history) but takes it off the working diagram;
deleting is refused while cycles, or a recorded version of the diagram, refer to it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.improvement.models import ChangeIdea, IdeaPlacement, ImprovementNetwork
from districtwise.improvement.services.diagram import clean_text, idea_place

TITLE_LIMIT = ChangeIdea._meta.get_field("title").max_length or 200


def _clean_title(network: ImprovementNetwork, title: str, *, idea: ChangeIdea | None) -> str:
    try:
        title = clean_text(title, what="change idea's title", limit=TITLE_LIMIT)
    except ValidationError as refused:
        raise ValidationError({"title": refused.message_dict["text"]}) from None
    same = network.change_ideas.filter(title__iexact=title)
    if idea is not None:
        same = same.exclude(pk=idea.pk)
    if same.exists():
        raise ValidationError(
            {"title": f"The network already has a change idea called “{same.first()}”."}
        )
    return title


@transaction.atomic
def change_idea_create(
    *, actor, network: ImprovementNetwork, title: str, description: str = ""
) -> ChangeIdea:
    """Add a change idea to the network (a title unique in the network, a description)."""
    title = _clean_title(network, title, idea=None)
    idea = ChangeIdea.objects.create(
        network=network, title=title, description=(description or "").strip()
    )
    audit_created(actor=actor, district=network.district, obj=idea)
    return idea


@transaction.atomic
def change_idea_create_and_place(*, actor, driver, title: str) -> ChangeIdea:
    """Add a new change idea and hang it under ``driver`` of the working version."""
    network = driver.version.network
    idea = change_idea_create(actor=actor, network=network, title=title)
    idea_place(actor=actor, driver=driver, idea=idea)
    return idea


@transaction.atomic
def change_idea_update(*, actor, idea: ChangeIdea, title: str, description: str) -> ChangeIdea:
    """Change an idea's title or description. The title is the network's, so every
    version of the diagram shows the new one."""
    before = snapshot(idea)
    idea.title = _clean_title(idea.network, title, idea=idea)
    idea.description = (description or "").strip()
    idea.save(update_fields=["title", "description", "updated_at"])
    changes = changed_fields(before, snapshot(idea))
    if changes:
        district = idea.network.district
        audit_record(actor=actor, district=district, action="update", obj=idea, changes=changes)
    return idea


@transaction.atomic
def change_idea_retire(*, actor, idea: ChangeIdea) -> ChangeIdea:
    """Retire an idea: it stays in the network with its cycles, but comes off the working
    diagram (recorded versions keep it)."""
    if idea.retired_at is not None:
        return idea
    working = IdeaPlacement.objects.filter(idea=idea, driver__version__recorded_at__isnull=True)
    taken_off = sorted(working.values_list("driver__text", flat=True))
    working.delete()
    idea.retired_at = timezone.now()
    idea.save(update_fields=["retired_at", "updated_at"])
    changes: dict[str, list] = {"retired_at": [None, idea.retired_at.isoformat()]}
    if taken_off:
        changes["taken off the working diagram, from under"] = [taken_off, None]
    audit_record(
        actor=actor, district=idea.network.district, action="update", obj=idea, changes=changes
    )
    return idea


@transaction.atomic
def change_idea_restore(*, actor, idea: ChangeIdea) -> ChangeIdea:
    """Bring a retired idea back into use (place it again in the editor)."""
    if idea.retired_at is None:
        return idea
    changes = {"retired_at": [idea.retired_at.isoformat(), None]}
    idea.retired_at = None
    idea.save(update_fields=["retired_at", "updated_at"])
    audit_record(
        actor=actor, district=idea.network.district, action="update", obj=idea, changes=changes
    )
    return idea


def _deletion_refusal(idea: ChangeIdea) -> str | None:
    cycles = idea.cycles.count()
    if cycles:
        return (
            f"“{idea.title}” has been tested in {cycles} cycle{'s' if cycles != 1 else ''}, "
            "which keep its history: it cannot be deleted. Retire it instead."
        )
    numbers = sorted(
        set(
            idea.placements.filter(driver__version__recorded_at__isnull=False).values_list(
                "driver__version__number", flat=True
            )
        )
    )
    if numbers:
        listed = ", ".join(str(n) for n in numbers)
        return (
            f"“{idea.title}” is in recorded version{'s' if len(numbers) > 1 else ''} {listed} "
            "of the driver diagram, which cannot change: it cannot be deleted. Retire it instead."
        )
    return None


@transaction.atomic
def change_idea_delete(*, actor, idea: ChangeIdea) -> None:
    """Delete an idea nobody has tested and no recorded version shows (it also comes off
    the working diagram). Refused, with the reason, otherwise."""
    refusal = _deletion_refusal(idea)
    if refusal:
        raise ValidationError(refusal)
    changes = {name: [value, None] for name, value in snapshot(idea).items() if value}
    audit_record(
        actor=actor, district=idea.network.district, action="delete", obj=idea, changes=changes
    )
    idea.delete()
