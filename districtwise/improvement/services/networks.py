"""Writes of networks and their teams (members are in ``services.networks_members``).

Every service runs in one transaction, refuses bad input with a ``ValidationError`` naming
the field (nothing saved) and writes an audit row. An archived network keeps its teams as
they were: reopen it to change them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import (
    audit_created,
    audit_deleted,
    audit_record,
    changed_fields,
    snapshot,
)
from districtwise.improvement.models import ImprovementNetwork, Team
from districtwise.improvement.selectors.networks import staff_people
from districtwise.organization.models import Person, School

AIM_FIELDS = ("aim_what", "aim_how_much", "aim_by_when", "aim_for_whom")
NETWORK_FIELDS = ("name", *AIM_FIELDS, "starts_on", "ends_on")


def words(day: dt.date) -> str:
    """A date as the district's staff read it: "October 6, 2025"."""
    return day.strftime("%B %-d, %Y")


# ----- checks ----------------------------------------------------------------------------
def _check_period(data: dict[str, Any]) -> dict[str, str]:
    """The period runs forward and the aim falls due inside it: a network that ended before
    its aim's date could not see whether the aim was met."""
    starts, ends, due = data.get("starts_on"), data.get("ends_on"), data.get("aim_by_when")
    problems: dict[str, str] = {}
    if starts and ends and ends <= starts:
        problems["ends_on"] = f"The network must end after it starts ({words(starts)})."
        return problems
    if due and starts and due <= starts:
        problems["aim_by_when"] = (
            f"The aim's date ({words(due)}) is not after the network starts ({words(starts)}): "
            "give the teams time to reach it."
        )
    elif due and ends and due > ends:
        problems["aim_by_when"] = (
            f"The aim's date ({words(due)}) falls after the network ends ({words(ends)}): "
            "the network could not see whether the aim was met. Move the aim's date to "
            "the end of the period or earlier, or extend the period."
        )
    return problems


def _check_name(district, name: str, network: ImprovementNetwork | None) -> dict[str, str]:
    others = ImprovementNetwork.objects.filter(district=district, name__iexact=name.strip())
    if network is not None:
        others = others.exclude(pk=network.pk)
    if others.exists():
        return {"name": f"The district already has a network called “{name.strip()}”."}
    return {}


def _check_leads(district, leads: list[Person]) -> dict[str, str]:
    if not leads:
        return {"leads": "A network needs at least one lead."}
    allowed = set(staff_people(district).filter(user__isnull=False).values_list("pk", flat=True))
    strangers = [p for p in leads if p.pk not in allowed]
    if strangers:
        return {
            "leads": f"{strangers[0]} cannot lead the network: a lead is a member of the "
            "district's staff with a sign-in."
        }
    return {}


def _check_schools(district, schools: list[School], taken: set[int]) -> dict[str, str]:
    seen: set[int] = set()
    for school in schools:
        if school.district_id != district.pk:
            return {"schools": f"{school.name} is a school of another district."}
        if school.pk in seen or school.pk in taken:
            return {"schools": f"{school.name} already has a team in this network."}
        seen.add(school.pk)
    return {}


def _check_values_inside(network: ImprovementNetwork, data: dict[str, Any]) -> dict[str, str]:
    """A new period must still hold the measure values and cycles already recorded."""
    starts, ends = data["starts_on"], data["ends_on"]
    from districtwise.improvement.models import Cycle, MeasureValue

    values = MeasureValue.objects.filter(team__network=network).exclude(
        period_start__range=(starts, ends)
    )
    cycles = Cycle.objects.filter(team__network=network).exclude(
        planned_start__range=(starts, ends)
    )
    outside = sorted(
        [
            *values.values_list("period_start", flat=True),
            *cycles.values_list("planned_start", flat=True),
        ]
    )
    if not outside:
        return {}
    return {
        "starts_on": f"{len(outside)} measure value{'s' if len(outside) > 1 else ''} or "
        f"cycle{'s' if len(outside) > 1 else ''} would fall outside the new period (the "
        f"first on {words(outside[0])}). Keep the period around them."
    }


def refuse(problems: dict[str, str]) -> None:
    """Raise the problems found (per field), if any: nothing is saved."""
    if problems:
        raise ValidationError(problems)


def require_open(network: ImprovementNetwork) -> None:
    """An archived network's teams stay as they were: refuse changes until it reopens."""
    archived = ImprovementNetwork.objects.filter(pk=network.pk, archived_at__isnull=False)
    if archived.exists():
        raise ValidationError(f"{network.name} is archived: reopen it before changing its teams.")


def _lead_names(network: ImprovementNetwork) -> list[str]:
    return sorted(p.full_name for p in network.leads.all())


# ----- networks --------------------------------------------------------------------------
@transaction.atomic
def network_convene(
    *, actor, district, data: dict[str, Any], leads: list[Person], schools: list[School]
) -> ImprovementNetwork:
    """Convene a network: its name, the aim in four parts, the period, the leads (the
    convener's own person record among them) and the member schools, each of which gets
    a team."""
    convener = Person.objects.filter(district=district, user=actor).first()
    leads = list(dict.fromkeys([*([convener] if convener else []), *leads]))
    problems = _check_name(district, data.get("name", ""), None) | _check_period(data)
    problems |= _check_leads(district, leads) | _check_schools(district, schools, set())
    refuse(problems)
    network = ImprovementNetwork(district=district, **{k: data[k] for k in NETWORK_FIELDS})
    network.full_clean()
    network.save()
    network.leads.set(leads)
    audit_record(
        actor=actor,
        district=district,
        action="create",
        obj=network,
        changes={k: [None, v] for k, v in snapshot(network).items() if v not in (None, "")}
        | {"leads": [None, _lead_names(network)]},
    )
    for school in schools:
        _team_create(actor=actor, network=network, school=school)
    return network


@transaction.atomic
def network_update(
    *, actor, network: ImprovementNetwork, data: dict[str, Any], leads: list[Person]
) -> ImprovementNetwork:
    """Change a network's name, aim, period and leads. A new period must still hold the
    measure values and cycles already recorded."""
    network = ImprovementNetwork.objects.select_for_update().get(pk=network.pk)
    merged = {k: data.get(k, getattr(network, k)) for k in NETWORK_FIELDS}
    problems = _check_name(network.district, merged["name"], network) | _check_period(merged)
    problems |= _check_leads(network.district, leads)
    if not problems:
        problems = _check_values_inside(network, merged)
    refuse(problems)
    before = snapshot(network) | {"leads": _lead_names(network)}
    for name, value in merged.items():
        setattr(network, name, value)
    network.full_clean()
    network.save()
    network.leads.set(leads)
    after = snapshot(network) | {"leads": _lead_names(network)}
    changes = changed_fields(before, after)
    if changes:
        audit_record(
            actor=actor, district=network.district, action="update", obj=network, changes=changes
        )
    return network


@transaction.atomic
def network_archive(*, actor, network: ImprovementNetwork, archived: bool) -> ImprovementNetwork:
    """Archive a network that finished (it stays readable, marked archived) or reopen it."""
    network = ImprovementNetwork.objects.select_for_update().get(pk=network.pk)
    if (network.archived_at is not None) == archived:
        return network
    before = snapshot(network)
    network.archived_at = timezone.now() if archived else None
    network.save(update_fields=["archived_at", "updated_at"])
    audit_record(
        actor=actor,
        district=network.district,
        action="update",
        obj=network,
        changes=changed_fields(before, snapshot(network)),
    )
    return network


# ----- teams -----------------------------------------------------------------------------
def _team_create(*, actor, network: ImprovementNetwork, school: School) -> Team:
    team = Team.objects.create(network=network, school=school, joined_on=timezone.localdate())
    audit_created(actor=actor, district=network.district, obj=team)
    return team


@transaction.atomic
def teams_add(*, actor, network: ImprovementNetwork, schools: list[School]) -> list[Team]:
    """Add member schools to a network, a team for each."""
    require_open(network)
    taken = set(network.teams.values_list("school_id", flat=True))
    if not schools:
        refuse({"schools": "Choose at least one school."})
    refuse(_check_schools(network.district, schools, taken))
    return [_team_create(actor=actor, network=network, school=s) for s in schools]


def team_records(team: Team) -> list[str]:
    """What a team has recorded that removing it would lose, in words ("2 cycles"): its
    cycles, measure values and chart phases."""
    counts = {
        "cycle": team.cycles.count(),
        "measure value": team.measure_values.count(),
        "chart phase": team.chart_phases.count(),
    }
    return [f"{n} {what}{'' if n == 1 else 's'}" for what, n in counts.items() if n]


@transaction.atomic
def team_remove(*, actor, team: Team) -> None:
    """Remove a member school's team from its network, with its members. A team that has
    recorded cycles, measure values or chart phases is not removed: nothing is lost."""
    require_open(team.network)
    kept = team_records(team)
    if kept:
        listed = " and ".join(kept)
        raise ValidationError(
            f"{team.school.name}'s team has recorded {listed}: removing it would lose them. "
            "Nothing was removed; archive the network when its work is done."
        )
    before = snapshot(team) | {"members": [str(m) for m in team.members.all()]}
    audit_deleted(actor=actor, district=team.network.district, obj=team, before=before)
    team.delete()
