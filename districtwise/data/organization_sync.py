"""Schools and networks come from ``schools.csv``, staff names from a roster: an import
creates or updates them, with every change in the audit history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from django.db import models

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import District, Network, Person, School

FLAG = {"Y": True, "N": False}


def _upsert(
    *,
    district: District,
    actor,
    existing: dict[str, Any],
    key: str,
    code: str,
    values: dict,
    model: type[models.Model],
) -> str:
    """Create the object named ``code`` or update its changed fields; audited. Returns
    "created", "updated" or "same"."""
    obj = existing.get(code)
    if obj is None:
        obj = model._default_manager.create(district=district, **{key: code}, **values)
        audit_created(actor=actor, district=district, obj=obj)
        existing[code] = obj
        return "created"
    before = snapshot(obj)
    for field, value in values.items():
        setattr(obj, field, value)
    changes = changed_fields(before, snapshot(obj))
    if not changes:
        return "same"
    obj.save()
    audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)
    return "updated"


def _tally(outcomes: list[str]) -> tuple[int, int]:
    return outcomes.count("created"), outcomes.count("updated")


def organization_sync(*, district: District, actor, schools_file: Path) -> tuple[int, int]:
    """Create the schools and networks the files name and update changed ones. Schools
    missing from the files are kept: a school is closed by a person, not a file.
    Returns (created, updated) schools."""
    if not schools_file.exists():
        return 0, 0
    columns = ["school_id", "name", "network_id", "level", "grade_low", "grade_high", "title_i"]
    rows = pq.read_table(schools_file, columns=columns).to_pylist()
    networks = {n.code: n for n in Network.objects.filter(district=district)}
    for code in sorted({r["network_id"] for r in rows if r["network_id"]} - set(networks)):
        _upsert(
            district=district,
            actor=actor,
            existing=networks,
            key="code",
            code=code,
            values={"name": f"Network {code}"},
            model=Network,
        )
    schools = {s.code: s for s in School.objects.filter(district=district)}
    outcomes = [
        _upsert(
            district=district,
            actor=actor,
            existing=schools,
            key="code",
            code=row["school_id"],
            model=School,
            values={
                "name": row["name"][:200],
                "network": networks.get(row["network_id"]),
                "level": row["level"],
                "grade_low": row["grade_low"],
                "grade_high": row["grade_high"],
                "title_i": FLAG.get(row["title_i"] or ""),
            },
        )
        for row in rows
    ]
    return _tally(outcomes)


def staff_people_sync(*, district: District, actor, people) -> tuple[int, int]:
    """Create or update staff person records (by staff id) from a roster: names, e-mail,
    school. Returns (created, updated)."""
    schools = {s.code: s for s in School.objects.filter(district=district)}
    existing: dict[str, Any] = {
        p.staff_id: p for p in Person.objects.filter(district=district).exclude(staff_id="")
    }
    outcomes = [
        _upsert(
            district=district,
            actor=actor,
            existing=existing,
            key="staff_id",
            code=row.staff_id,
            model=Person,
            values={
                "given_name": (row.given_name or "")[:100],
                "family_name": (row.family_name or "")[:100],
                "email": (row.email or "")[:254],
                "school": schools.get(row.school_id or ""),
            },
        )
        for row in people
    ]
    return _tally(outcomes)
