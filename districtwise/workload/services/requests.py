"""Writes of the data-request registry: the field vocabulary, requests, mapping a line
to a field, and consolidating overlapping requests into one. Every change is audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.analytics import contract
from districtwise.analytics.workload.requests import CADENCE_ORDER, match_line, vocabulary_index
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import Department, Network, Person, School
from districtwise.workload.models import DataRequest, DataRequestLine, RequestField


def held_column_choices() -> list[tuple[str, str]]:
    """Every column of the data contract, as ``file.csv:column``."""
    return [
        (f"{spec.name}:{column}", f"{spec.name} — {column}")
        for spec in contract.FILES
        for column in spec.column_names
    ]


def _field_errors(*, district, name: str, synonyms: list[str], held: str, pk=None) -> dict:
    errors: dict[str, str] = {}
    if held and held not in dict(held_column_choices()):
        errors["held"] = f"“{held}” is not a column of the district's data files."
    others = RequestField.objects.filter(district=district).exclude(pk=pk)
    index = vocabulary_index({f.pk: [f.name, *f.synonyms] for f in others})
    for word in [name, *synonyms]:
        taken = match_line(word, index)
        if taken is not None:
            owner = others.get(pk=int(taken))  # type: ignore[call-overload]
            key = "name" if word == name else "synonyms"
            errors[key] = f"“{word}” already names the field “{owner.name}”."
    return errors


def _rematch(district) -> None:
    """Match the district's unmatched lines again, now the vocabulary has changed."""
    fields = RequestField.objects.filter(district=district)
    index = vocabulary_index({f.pk: [f.name, *f.synonyms] for f in fields})
    lines = DataRequestLine.objects.filter(request__district=district, field__isnull=True)
    for line in lines:
        found = match_line(line.text, index)
        if found is not None:
            line.field_id = found  # type: ignore[assignment]
            line.save(update_fields=["field"])


def _field_values(name, description, minutes_per_school, synonyms, held) -> dict:
    held_file, _, held_column = held.partition(":")
    return {
        "name": name.strip(),
        "description": description,
        "minutes_per_school": minutes_per_school,
        "synonyms": [s.strip() for s in synonyms if s.strip()],
        "held_file": held_file,
        "held_column": held_column,
    }


def field_create(
    *,
    actor,
    district,
    name: str,
    description: str = "",
    minutes_per_school: int,
    synonyms: list[str],
    held: str = "",
) -> RequestField:
    """Add a field to the vocabulary (``held`` is ``file.csv:column`` when the district
    already holds it); lines written like its name or a synonym are matched to it."""
    values = _field_values(name, description, minutes_per_school, synonyms, held)
    errors = _field_errors(
        district=district, name=values["name"], synonyms=values["synonyms"], held=held
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        field = RequestField.objects.create(district=district, **values)
        audit_created(actor=actor, district=district, obj=field)
        _rematch(district)
    return field


def field_update(
    *,
    actor,
    field: RequestField,
    name: str,
    description: str = "",
    minutes_per_school: int,
    synonyms: list[str],
    held: str = "",
) -> RequestField:
    """Change a field of the vocabulary; lines now matching it are matched."""
    values = _field_values(name, description, minutes_per_school, synonyms, held)
    errors = _field_errors(
        district=field.district,
        name=values["name"],
        synonyms=values["synonyms"],
        held=held,
        pk=field.pk,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = snapshot(field)
        for key, value in values.items():
            setattr(field, key, value)
        field.save()
        changes = changed_fields(before, snapshot(field))
        audit_record(
            actor=actor, district=field.district, action="update", obj=field, changes=changes
        )
        _rematch(field.district)
    return field


def request_errors(*, due_on, audience, network, schools, lines, new: bool) -> dict:
    """What is wrong with a request, by field: a new due date before today, no school to
    send it to, no field asked for. Empty when nothing is."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if new and due_on < today:
        errors["due_on"] = (
            f"The due date {due_on:%d %B %Y} is before today: give one from {today:%d %B %Y} on."
        )
    if audience == DataRequest.Audience.NETWORK and (
        network is None or not network.schools.exists()
    ):
        errors["network"] = (
            "Choose a network with schools: the request must go to at least one school."
        )
    if audience == DataRequest.Audience.LIST and not schools:
        errors["schools"] = "Choose at least one school: the request must go somewhere."
    if not [line for line in lines if line.strip()]:
        errors["lines"] = "Write at least one field the schools are asked for, one per line."
    return errors


def _write_lines(data_request: DataRequest, lines: list[str]) -> None:
    fields = RequestField.objects.filter(district=data_request.district)
    index = vocabulary_index({f.pk: [f.name, *f.synonyms] for f in fields})
    data_request.lines.all().delete()
    texts = [line.strip()[:200] for line in lines if line.strip()]
    DataRequestLine.objects.bulk_create(
        DataRequestLine(request=data_request, position=n, text=t, field_id=match_line(t, index))  # type: ignore[misc]
        for n, t in enumerate(texts)
    )


def request_create(
    *,
    actor,
    district,
    department: Department,
    requester: Person | None,
    title: str,
    purpose: str = "",
    frequency: str,
    due_on: dt.date,
    audience: str,
    network: Network | None = None,
    schools: list[School] = (),  # type: ignore[assignment]
    lines: list[str],
) -> DataRequest:
    """Register a request to schools. Refused (nothing saved) with a due date before
    today, no school to send it to, or no field asked for."""
    errors = request_errors(
        due_on=due_on, audience=audience, network=network, schools=schools, lines=lines, new=True
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        data_request = DataRequest.objects.create(
            district=district,
            department=department,
            requester=requester,
            title=title,
            purpose=purpose,
            frequency=frequency,
            due_on=due_on,
            audience=audience,
            network=network if audience == DataRequest.Audience.NETWORK else None,
            created_by=actor,
        )
        data_request.schools.set(schools if audience == DataRequest.Audience.LIST else [])
        _write_lines(data_request, lines)
        audit = audit_created(actor=actor, district=district, obj=data_request)
        audit.changes |= _extras_after(data_request)
        audit.save(update_fields=["changes"])
    return data_request


def _extras_after(data_request: DataRequest) -> dict:
    return {
        "fields": [None, [line.text for line in data_request.lines.all()]],
        "schools": [None, sorted(s.name for s in data_request.schools.all())],
    }


def _extras(data_request: DataRequest) -> dict:
    return {
        "fields": [line.text for line in data_request.lines.all()],
        "schools": sorted(s.name for s in data_request.schools.all()),
    }


def request_update(
    *,
    actor,
    data_request: DataRequest,
    department: Department,
    requester: Person | None,
    title: str,
    purpose: str = "",
    frequency: str,
    due_on: dt.date,
    audience: str,
    network: Network | None = None,
    schools: list[School] = (),  # type: ignore[assignment]
    lines: list[str],
) -> DataRequest:
    """Change a request. A due date already past may stay; a new one must not be past."""
    errors = request_errors(
        due_on=due_on,
        audience=audience,
        network=network,
        schools=schools,
        lines=lines,
        new=due_on != data_request.due_on,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = snapshot(data_request) | _extras(data_request)
        data_request.department = department
        data_request.requester = requester
        data_request.title = title
        data_request.purpose = purpose
        data_request.frequency = frequency
        data_request.due_on = due_on
        data_request.audience = audience
        data_request.network = network if audience == DataRequest.Audience.NETWORK else None
        data_request.save()
        data_request.schools.set(schools if audience == DataRequest.Audience.LIST else [])
        _write_lines(data_request, lines)
        changes = changed_fields(before, snapshot(data_request) | _extras(data_request))
        audit_record(
            actor=actor,
            district=data_request.district,
            action="update",
            obj=data_request,
            changes=changes,
        )
    return data_request


def line_map(*, actor, line: DataRequestLine, field: RequestField | None) -> DataRequestLine:
    """Map a line as written to a field of the vocabulary (or unmap it)."""
    with transaction.atomic():
        before = {"field": str(line.field) if line.field else None}
        line.field = field
        line.save(update_fields=["field"])
        after = {"field": str(field) if field else None}
        audit_record(
            actor=actor,
            district=line.request.district,
            action="update",
            obj=line.request,
            changes={f"line “{line.text}”": [before["field"], after["field"]]},
        )
    return line


def _consolidated_audience(originals: list[DataRequest]) -> tuple[str, list[int]]:
    """All schools when every original went to all; else the list of every school any of
    them went to (no school loses a request it had)."""
    from districtwise.workload.selectors.requests import addressed_school_ids

    if all(r.audience == DataRequest.Audience.ALL for r in originals):
        return DataRequest.Audience.ALL, []
    ids = sorted({s for r in originals for s in addressed_school_ids(r)})
    return DataRequest.Audience.LIST, ids


def _consolidated_lines(originals: list[DataRequest]) -> list[DataRequestLine]:
    """One line per field asked (the vocabulary's name), fields the district holds left
    out; unmatched lines kept as written, once each."""
    lines: dict[object, DataRequestLine] = {}
    for r in originals:
        for line in r.lines.select_related("field"):
            if line.field is not None and line.field.held:
                continue
            key = line.field_id or line.text.strip().lower()
            text = line.field.name if line.field else line.text
            lines.setdefault(key, DataRequestLine(text=text, field=line.field))
    return list(lines.values())


def requests_consolidate(
    *, actor, district, request_ids: list[int], title: str = ""
) -> DataRequest:
    """Merge active requests into one: the union of their fields (less those the district
    already holds), every school any of them went to, the earliest due date and the most
    frequent cadence. The originals are kept, marked as merged into it."""
    originals = list(
        DataRequest.objects.filter(
            district=district, pk__in=request_ids, status=DataRequest.Status.ACTIVE
        ).order_by("pk")
    )
    if len(originals) < 2 or len(originals) != len(set(request_ids)):
        raise ValidationError(
            "Only two or more active requests can be consolidated; one of these has been "
            "merged or changed since the proposal was made."
        )
    audience, school_ids = _consolidated_audience(originals)
    with transaction.atomic():
        merged = DataRequest.objects.create(
            district=district,
            department=originals[0].department,
            title=title.strip() or "Consolidated: " + "; ".join(r.title for r in originals)[:180],
            purpose="Consolidates " + "; ".join(f"{r.department}: {r.title}" for r in originals),
            frequency=min((r.frequency for r in originals), key=CADENCE_ORDER.index),
            due_on=min(r.due_on for r in originals),
            audience=audience,
            created_by=actor,
        )
        merged.schools.set(school_ids)
        lines = _consolidated_lines(originals)
        for n, line in enumerate(lines):
            line.request, line.position = merged, n
        DataRequestLine.objects.bulk_create(lines)
        audit_created(actor=actor, district=district, obj=merged)
        for r in originals:
            before = snapshot(r)
            r.status, r.merged_into = DataRequest.Status.MERGED, merged
            r.save(update_fields=["status", "merged_into", "updated_at"])
            changes = changed_fields(before, snapshot(r))
            audit_record(actor=actor, district=district, action="update", obj=r, changes=changes)
    return merged
