"""What the plan editor's pages share: telling a second editor what changed since they
opened a form, and how values read on the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from districtwise.strategy.services.plan import number_words
from districtwise.strategy.services.plan_versions import StaleEdit

FIELD_WORDS = {
    "group_targets": "Targets per student group",
    "goals": "Goals served",
    "schools": "Schools taking part",
}


def shown(value: Any) -> str:
    """A value as it reads on a page."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return number_words(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | QuerySet):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


@dataclass(frozen=True)
class ConflictRow:
    """One field changed since the form was opened: what the editor typed, what is stored
    now, and who changed it last and when."""

    label: str
    typed: str
    stored: str
    changed_by: str
    changed_at: dt.datetime | None

    @property
    def differs(self) -> bool:
        return self.typed != self.stored


@dataclass(frozen=True)
class Conflict:
    """What a second editor is shown: the fields where what they typed differs from what
    is stored now, and those changed since to what they typed as well."""

    rows: list[ConflictRow]

    @property
    def differing(self) -> list[ConflictRow]:
        return [row for row in self.rows if row.differs]

    @property
    def agreeing(self) -> list[ConflictRow]:
        return [row for row in self.rows if not row.differs]


def conflict_rows(
    stale: StaleEdit, form: forms.BaseForm, typed: dict[str, Any] | None = None
) -> Conflict:
    """The difference to show the second editor (``typed`` overrides what the form holds,
    for what is not a plain field of it: targets per group, goals served, schools)."""
    typed = typed or {}
    concrete = {f.name for f in stale.obj._meta.concrete_fields}
    rows = []
    for change in stale.changes:
        name = change.field
        if name in typed:
            mine = shown(typed[name])
        elif name in form.fields:
            mine = shown(form.cleaned_data.get(name))
        else:
            mine = "(not on this form)"
        stored = getattr(stale.obj, name) if name in concrete else change.stored
        label = form.fields[name].label if name in form.fields else None
        rows.append(
            ConflictRow(
                label=str(label or FIELD_WORDS.get(name, name.replace("_", " ").capitalize())),
                typed=mine,
                stored=shown(stored),
                changed_by=change.changed_by,
                changed_at=change.changed_at,
            )
        )
    return Conflict(rows)


def reopen_on(form: forms.BaseForm, stale: StaleEdit) -> None:
    """Keep what the editor typed, now carrying the stored version: sending the form again
    applies it over the stored one, knowingly."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data[form.add_prefix("version")] = str(stale.stored_version)
    form.data = data


def codes(objects) -> list[str]:
    """Goals by their codes (how the history lists them)."""
    return sorted(o.code for o in objects or [])


def names(objects) -> list[str]:
    """Schools by their names (how the history lists them)."""
    return sorted(o.name for o in objects or [])


def version_of(form: forms.BaseForm) -> int:
    """The version the form was opened with (a form without one is as old as can be)."""
    sent = form.cleaned_data.get("version")
    return int(sent) if sent is not None else 0
