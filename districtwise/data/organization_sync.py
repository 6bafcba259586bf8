"""Schools and networks come from ``schools.csv``: an import creates or updates them."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import District, Network, Person, School

FLAG = {"Y": True, "N": False}


def organization_sync(*, district: District, actor, schools_file: Path) -> tuple[int, int]:
    """Create the schools and networks the files name and update changed ones (audited).
    Schools missing from the files are kept: a school is closed by a person, not a file.
    Returns (created, updated)."""
    if not schools_file.exists():
        return 0, 0
    rows = pq.read_table(
        schools_file,
        columns=["school_id", "name", "network_id", "level", "grade_low", "grade_high", "title_i"],
    ).to_pylist()
    networks = _networks(district, actor, {r["network_id"] for r in rows if r["network_id"]})
    existing = {s.code: s for s in School.objects.filter(district=district)}
    created = updated = 0
    for row in rows:
        values = {
            "name": row["name"][:200],
            "network": networks.get(row["network_id"]),
            "level": row["level"],
            "grade_low": row["grade_low"],
            "grade_high": row["grade_high"],
            "title_i": FLAG.get(row["title_i"] or ""),
        }
        school = existing.get(row["school_id"])
        if school is None:
            school = School.objects.create(district=district, code=row["school_id"], **values)
            audit_created(actor=actor, district=district, obj=school)
            created += 1
            continue
        before = snapshot(school)
        for field, value in values.items():
            setattr(school, field, value)
        changes = changed_fields(before, snapshot(school))
        if changes:
            school.save()
            audit_record(
                actor=actor, district=district, action="update", obj=school, changes=changes
            )
            updated += 1
    return created, updated


def _networks(district: District, actor, codes: set[str]) -> dict[str, Network]:
    known = {n.code: n for n in Network.objects.filter(district=district)}
    for code in sorted(codes - set(known)):
        network = Network.objects.create(district=district, code=code, name=f"Network {code}")
        audit_created(actor=actor, district=district, obj=network)
        known[code] = network
    return known


def staff_people_sync(*, district: District, actor, people) -> tuple[int, int]:
    """Create or update staff person records (by staff id) from a roster: names, e-mail,
    school. Returns (created, updated)."""
    schools = {s.code: s for s in School.objects.filter(district=district)}
    existing = {
        p.staff_id: p for p in Person.objects.filter(district=district).exclude(staff_id="")
    }
    created = updated = 0
    for row in people:
        values = {
            "given_name": (row.given_name or "")[:100],
            "family_name": (row.family_name or "")[:100],
            "email": (row.email or "")[:254],
            "school": schools.get(row.school_id or ""),
        }
        person = existing.get(row.staff_id)
        if person is None:
            person = Person.objects.create(district=district, staff_id=row.staff_id, **values)
            audit_created(actor=actor, district=district, obj=person)
            created += 1
            continue
        before = snapshot(person)
        for field, value in values.items():
            setattr(person, field, value)
        changes = changed_fields(before, snapshot(person))
        if changes:
            person.save()
            audit_record(
                actor=actor, district=district, action="update", obj=person, changes=changes
            )
            updated += 1
    return created, updated
