"""Schools and networks come from ``schools.csv``: an import creates or updates them."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import District, Network, School

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
