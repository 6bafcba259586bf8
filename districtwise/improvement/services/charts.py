"""Writes of the charts: the phases of a measure's chart (a new baseline after a change).

Each change is one transaction with an audit-history row. Bad input is refused with a
``ValidationError`` naming the field, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record
from districtwise.improvement.models import ChangeIdea, ChartPhase, Measure, Team


def chart_phase_create(
    *,
    actor,
    measure: Measure,
    starts_on: dt.date,
    label: str,
    team: Team | None = None,
    change_idea: ChangeIdea | None = None,
) -> ChartPhase:
    """Start a new phase of a measure's chart on ``starts_on``: its median or centre line
    and limits are computed again from there. Without a team it is a new baseline of every
    line of the measure. The date must fall inside the network's period."""
    network = measure.network
    problems = _problems(network, starts_on, label, team, change_idea)
    if problems:
        raise ValidationError(problems)
    phase = ChartPhase(
        measure=measure,
        team=team,
        starts_on=starts_on,
        label=label.strip(),
        change_idea=change_idea,
    )
    with transaction.atomic():
        phase.save()
        audit_created(actor=actor, district=network.district, obj=phase)
    return phase


def _problems(network, starts_on, label, team, change_idea) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not (network.starts_on <= starts_on <= network.ends_on):
        problems["starts_on"] = [
            f"{starts_on.strftime('%B %-d, %Y')} is outside the network's period "
            f"({network.starts_on.strftime('%B %-d, %Y')} to "
            f"{network.ends_on.strftime('%B %-d, %Y')}): choose a date inside it."
        ]
    if not label.strip():
        problems["label"] = ["Give the phase a label, e.g. the change it follows."]
    if team is not None and team.network_id != network.pk:
        problems["team"] = ["That team is not in this measure's network."]
    if change_idea is not None and change_idea.network_id != network.pk:
        problems["change_idea"] = ["That change idea is not in this measure's network."]
    return problems


def chart_phase_delete(*, actor, phase: ChartPhase) -> None:
    """Remove a phase: the chart goes back to one baseline over that stretch."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            district=phase.measure.network.district,
            action="delete",
            obj=phase,
            changes={
                "label": [phase.label, None],
                "starts_on": [phase.starts_on.isoformat(), None],
            },
        )
        phase.delete()
