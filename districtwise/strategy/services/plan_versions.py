"""Two people editing the same goal, initiative or plan never silently overwrite each other.

Each of them carries a ``version`` that every audited change raises by one. An edit form
sends the version it was opened with; when the stored one has moved on, the service refuses
with ``StaleEdit``, which names every field changed since and, from the audit history, who
changed it last and when, so the page can show the second editor the difference."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from districtwise.core.audit import audit_record, changed_fields
from districtwise.core.models import AuditEntry

Snapshot = Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class ChangeSince:
    """A field changed since the editor opened the form: what is stored now, and who
    changed it last and when."""

    field: str
    stored: Any
    changed_by: str
    changed_at: dt.datetime | None


class StaleEdit(Exception):
    """The edit was opened on an older version than the stored one: nothing was saved."""

    def __init__(self, obj: models.Model, opened_version: int, changes: list[ChangeSince]):
        self.obj = obj
        self.opened_version = opened_version
        self.stored_version = getattr(obj, "version", None)
        self.changes = changes
        named = ", ".join(self.fields) or "no field we can name"
        super().__init__(
            f"{obj} was changed by someone else since you opened it "
            f"(version {opened_version}, now {self.stored_version}): {named}."
        )

    @property
    def fields(self) -> list[str]:
        return [change.field for change in self.changes]


def changes_since(obj: models.Model, opened_version: int, stored: dict[str, Any]):
    """The fields changed by audited edits made after ``opened_version``, latest first
    per field, with the value stored now (``stored`` is the object's snapshot)."""
    entries = AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action="update"
    ).select_related("actor")
    latest: dict[str, AuditEntry] = {}
    for entry in entries.order_by("at", "id"):
        moved = entry.changes.get("version")
        if not moved or moved[0] is None or int(moved[0]) < opened_version:
            continue
        for name in entry.changes:
            if name != "version":
                latest[name] = entry
    return [
        ChangeSince(
            field=name,
            stored=stored.get(name),
            changed_by=entry.actor.get_username() if entry.actor else "the system",
            changed_at=entry.at,
        )
        for name, entry in latest.items()
    ]


def check_version(obj: models.Model, opened_version: int, snapshot_of: Snapshot) -> None:
    """Refuse an edit opened on another version than the stored one (``StaleEdit``)."""
    stored_version = obj.version  # type: ignore[attr-defined]
    if int(opened_version) == stored_version:
        return
    raise StaleEdit(obj, int(opened_version), changes_since(obj, opened_version, snapshot_of(obj)))


def record_versioned_change(
    *, actor, district, obj: models.Model, before: dict[str, Any], snapshot_of: Snapshot
) -> dict[str, list[Any]]:
    """After an edit is saved: if anything changed, raise the version by one and write the
    audit row (with the version's move, which ``changes_since`` reads). Returns the changes."""
    changes = changed_fields(before, snapshot_of(obj))
    if not changes:
        return changes
    old_version = obj.version  # type: ignore[attr-defined]
    obj.version = old_version + 1  # type: ignore[attr-defined]
    obj.save(update_fields=["version", "updated_at"])
    changes["version"] = [old_version, obj.version]  # type: ignore[attr-defined]
    audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)
    return changes
