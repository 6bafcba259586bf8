"""Writes to the organisation: one transaction each, with an audit entry."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import District, Network, School


def _update(*, actor, district: District, obj: models.Model, data: dict[str, Any]):
    # "Before" is read from the database: a bound ModelForm has already changed ``obj``.
    before = snapshot(type(obj)._default_manager.get(pk=obj.pk))
    for field, value in data.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    changes = changed_fields(before, snapshot(obj))
    if changes:
        audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)
    return obj


@transaction.atomic
def school_update(*, actor, district: District, school: School, data: dict[str, Any]) -> School:
    """Change a school's profile (name, level, grade span, Title I, network, location)."""
    network = data.get("network")
    if network is not None and network.district_id != district.pk:
        raise ValueError("The network belongs to another district.")
    return _update(actor=actor, district=district, obj=school, data=data)


@transaction.atomic
def network_update(*, actor, district: District, network: Network, data: dict[str, Any]) -> Network:
    """Change a network's name or description."""
    return _update(actor=actor, district=district, obj=network, data=data)


@transaction.atomic
def school_create(*, actor, district: District, data: dict[str, Any]) -> School:
    """Add a school to the district."""
    school = School(district=district, **data)
    school.full_clean()
    school.save()
    audit_created(actor=actor, district=district, obj=school)
    return school
