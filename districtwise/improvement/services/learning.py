"""Writing the network's learning log: add an entry, change it, remove it (each audited)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.improvement.models import ChangeIdea, ImprovementNetwork, LearningEntry, Team


def _day(value: dt.date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def _checked(network: ImprovementNetwork, data: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields, tidied, or a refusal naming each field that is wrong."""
    text = (data.get("text") or "").strip()
    written_on = data.get("written_on")
    idea, team = data.get("change_idea"), data.get("team")
    problems = {}
    if not text:
        problems["text"] = "Write what the network learned: the entry is empty."
    if written_on is None:
        problems["written_on"] = "Give the day of the entry."
    elif not network.starts_on <= written_on <= network.ends_on:
        problems["written_on"] = (
            f"{_day(written_on)} is outside the network's period ({_day(network.starts_on)} "
            f"to {_day(network.ends_on)})."
        )
    if isinstance(idea, ChangeIdea) and idea.network_id != network.pk:
        problems["change_idea"] = "That change idea is not one of this network's."
    if isinstance(team, Team) and team.network_id != network.pk:
        problems["team"] = "That team is not one of this network's."
    if problems:
        raise ValidationError(problems)
    return {"text": text, "written_on": written_on, "change_idea": idea, "team": team}


@transaction.atomic
def learning_entry_create(
    *,
    actor,
    network: ImprovementNetwork,
    written_on: dt.date,
    text: str,
    change_idea: ChangeIdea | None = None,
    team: Team | None = None,
) -> LearningEntry:
    """Write an entry in the network's learning log (the author is the actor). Refuses an
    empty text, a day outside the network's period, an idea or team of another network."""
    fields = _checked(
        network,
        {"written_on": written_on, "text": text, "change_idea": change_idea, "team": team},
    )
    entry = LearningEntry.objects.create(network=network, author=actor, **fields)
    audit_created(actor=actor, district=network.district, obj=entry)
    return entry


@transaction.atomic
def learning_entry_update(*, actor, entry: LearningEntry, data: dict[str, Any]) -> LearningEntry:
    """Change an entry's day, text, change idea or team (checked as when written)."""
    # "Before" is read from the database: a bound ModelForm may already have changed ``entry``.
    before = snapshot(LearningEntry.objects.get(pk=entry.pk))
    current = {k: getattr(entry, k) for k in ("written_on", "text", "change_idea", "team")}
    fields = _checked(entry.network, current | data)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()
    changes = changed_fields(before, snapshot(entry))
    if changes:
        district = entry.network.district
        audit_record(actor=actor, district=district, action="update", obj=entry, changes=changes)
    return entry


@transaction.atomic
def learning_entry_delete(*, actor, entry: LearningEntry) -> None:
    """Remove an entry from the learning log (what it said stays in the audit history)."""
    before = snapshot(entry)
    changes = {k: [v, None] for k, v in before.items() if v not in (None, "")}
    district = entry.network.district
    audit_record(actor=actor, district=district, action="delete", obj=entry, changes=changes)
    entry.delete()
