"""Writes of the need-weighted allocation: creating, editing, copying and adopting
scenarios. Each runs in one transaction and writes the audit history; bad input is refused
with a ``ValidationError`` naming each field that is wrong, and nothing is saved."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.analytics.strategy.allocation import (
    STEP,
    WEIGHTABLE_FLAGS,
    AllocationInputError,
    Weights,
    pool_problem,
    read_number,
)
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.equity.selectors import OPERATOR, current_run
from districtwise.strategy.models import AllocationLine, AllocationScenario
from districtwise.strategy.selectors.allocation import (
    allocation_years,
    computed_lines,
    no_data_message,
)

FLAG_LABELS = {
    "economically_disadvantaged": "Economically disadvantaged",
    "english_learner": "English learner",
    "disability": "Students with a disability",
    "homeless": "Homeless",
    "foster_care": "Foster care",
    "gifted": "Gifted",
}
# The same groups in a sentence ("Extra weight for English learners").
FLAG_WORDS = {
    "economically_disadvantaged": "economically disadvantaged students",
    "english_learner": "English learners",
    "disability": "students with a disability",
    "homeless": "homeless students",
    "foster_care": "students in foster care",
    "gifted": "gifted students",
}


def _year(value: object, district, problems: dict[str, str]) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text.isdecimal():
        problems["school_year"] = f"School year: “{text[:20]}” is not a school year."
        return None
    year = int(text)
    if year not in allocation_years(district=district):
        problems["school_year"] = no_data_message(district, year)
    return year


def _number(value: object, where: str, label: str, problems: dict[str, str]) -> Decimal | None:
    try:
        return read_number(value, where=where, label=label)
    except AllocationInputError as refused:
        problems[where] = refused.message
        return None


def _weights(
    base_weight: object, weights: Mapping[str, object], problems: dict[str, str]
) -> tuple[Decimal | None, dict[str, Decimal]]:
    """The base weight and each flag's weight read as numbers (an empty weight is 0), with
    what is wrong added to ``problems`` under the form's field names."""
    base = _number(base_weight, "base_weight", "Base weight", problems)
    extra = {}
    for flag in WEIGHTABLE_FLAGS:
        label = f"Weight for {FLAG_WORDS[flag]}"
        weight = _number(weights.get(flag) or "0", f"weight_{flag}", label, problems)
        if weight is not None:
            extra[flag] = weight
    if base is not None:
        for where, problem in Weights(base=base, extra=extra).problems().items():
            field = "base_weight" if where == "base" else f"weight_{where}"
            problems.setdefault(field, problem)
    return base, extra


def scenario_fields(
    *,
    district,
    name: str,
    school_year: object,
    unit: str,
    pool: object,
    base_weight: object,
    weights: Mapping[str, object],
) -> dict:
    """The scenario's fields read and checked; a ``ValidationError`` whose dict names every
    field that is wrong (``weight_<flag>`` for a flag's weight) otherwise."""
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Name: give the scenario a name."
    if unit not in AllocationScenario.Unit.values:
        problems["unit"] = "Unit: choose dollars or positions."
    year = _year(school_year, district, problems)
    amount = _number(pool, "pool", "Pool", problems)
    if amount is not None and pool_problem(amount):
        problems["pool"] = f"Pool: {pool_problem(amount)}"
    base, extra = _weights(base_weight, weights, problems)
    if problems:
        raise ValidationError({k: [v] for k, v in problems.items()})
    return {
        "name": name.strip(),
        "school_year": year,
        "unit": unit,
        "pool": amount.quantize(STEP) if amount is not None else None,
        "base_weight": base,
        "weights": {flag: format(w.normalize(), "f") for flag, w in extra.items() if w},
    }


@transaction.atomic
def scenario_create(*, actor, district, notes: str = "", **fields) -> AllocationScenario:
    """Create a draft scenario (name, school_year, unit, pool, base_weight, weights per
    flag). Amounts are written as plain numbers ("1200000.50"); a weight left empty is 0."""
    checked = scenario_fields(district=district, **fields)
    scenario = AllocationScenario.objects.create(
        district=district, created_by=actor, notes=notes, **checked
    )
    audit_created(actor=actor, district=district, obj=scenario)
    return scenario


@transaction.atomic
def scenario_update(
    *, actor, district, scenario: AllocationScenario, version: int, notes: str = "", **fields
) -> AllocationScenario:
    """Change a draft scenario. Refused when it was adopted meanwhile, or when someone else
    changed it since ``version`` was read (the second editor is told, nothing is lost)."""
    checked = scenario_fields(district=district, **fields)
    current = AllocationScenario.objects.select_for_update().get(pk=scenario.pk)
    if current.is_adopted:
        raise ValidationError("This scenario was adopted meanwhile: copy it to change it.")
    if current.version != version:
        raise ValidationError(
            "Someone else changed this scenario while you were editing it: "
            "your changes were not saved. The form now shows their version."
        )
    before = snapshot(current)
    for name, value in {**checked, "notes": notes}.items():
        setattr(current, name, value)
    changes = changed_fields(before, snapshot(current))
    if changes:
        current.version += 1
        current.save()
        audit_record(actor=actor, district=district, action="update", obj=current, changes=changes)
    return current


@transaction.atomic
def scenario_copy(*, actor, district, scenario: AllocationScenario) -> AllocationScenario:
    """A draft copy of ``scenario`` (same year, pool and weights) for the cabinet to edit."""
    copy = AllocationScenario.objects.create(
        district=district,
        name=f"Copy of {scenario.name}"[:200],
        school_year=scenario.school_year,
        unit=scenario.unit,
        pool=scenario.pool,
        base_weight=scenario.base_weight,
        weights=dict(scenario.weights),
        notes=scenario.notes,
        copied_from=scenario,
        created_by=actor,
    )
    audit_created(actor=actor, district=district, obj=copy)
    return copy


@transaction.atomic
def scenario_adopt(*, actor, district, scenario: AllocationScenario) -> AllocationScenario:
    """Adopt ``scenario`` as the school year's allocation: every school's share is stored
    as computed now, with the audit it came from, and the scenario adopted before for the
    same year (if any) goes back to being a draft. Both changes are in the audit history."""
    current = AllocationScenario.objects.select_for_update().get(pk=scenario.pk)
    if current.is_adopted:
        return current
    try:
        lines = computed_lines(current)
    except AllocationInputError as refused:
        raise ValidationError(refused.message) from None
    for previous in AllocationScenario.objects.select_for_update().filter(
        district=district, school_year=current.school_year, adopted_at__isnull=False
    ):
        _unadopt(actor=actor, district=district, scenario=previous)
    _store_lines(current, lines, district)
    before = snapshot(current)
    current.adopted_at = timezone.now()
    current.adopted_by = actor
    current.audit_run = current_run(user=OPERATOR, district=district)
    current.save()
    changes = changed_fields(before, snapshot(current))
    changes["allocation"] = [None, {line.school_id: str(line.amount) for line in lines}]
    audit_record(actor=actor, district=district, action="adopt", obj=current, changes=changes)
    return current


def _unadopt(*, actor, district, scenario: AllocationScenario) -> None:
    before = snapshot(scenario)
    scenario.adopted_at = None
    scenario.adopted_by = None
    scenario.save()
    scenario.lines.all().delete()
    changes = changed_fields(before, snapshot(scenario))
    audit_record(actor=actor, district=district, action="unadopt", obj=scenario, changes=changes)


def _store_lines(scenario: AllocationScenario, lines, district) -> None:
    from districtwise.organization.models import School

    schools = {s.code: s for s in School.objects.filter(district=district)}
    AllocationLine.objects.bulk_create(
        AllocationLine(
            scenario=scenario,
            school=schools.get(line.school_id),
            school_code=line.school_id,
            students=line.students,
            flagged=dict(line.flagged),
            weighted_enrolment=line.weighted,
            amount=line.amount,
            poverty_quartile=line.quartile,
        )
        for line in lines
    )
