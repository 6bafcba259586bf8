"""insert_many writes the same rows bulk_create would, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.core.bulk import insert_many
from districtwise.core.models import AuditEntry
from districtwise.organization.models import Person, School
from districtwise.supports.models import TeacherAssignment

pytestmark = pytest.mark.django_db


def people(district, tag: str, n: int) -> list[Person]:
    return [
        Person(district=district, staff_id=f"{tag}{i:04d}", given_name="Staff", family_name=f"N{i}")
        for i in range(n)
    ]


def columns(obj) -> dict:
    """Every stored column but the key and the time stamps."""
    skip = {"id", "created_at", "updated_at"}
    return {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in skip
    }


def test_people_are_written_as_bulk_create_writes_them(cast):
    before = dt.datetime.now(dt.UTC)
    assert insert_many(Person, people(cast.district, "A", 120), batch=50) == 120
    Person.objects.bulk_create(people(cast.district, "B", 120))
    ours = Person.objects.filter(staff_id__startswith="A").order_by("staff_id")
    theirs = Person.objects.filter(staff_id__startswith="B").order_by("staff_id")
    assert ours.count() == 120
    for a, b in zip(ours, theirs, strict=True):
        mine, other = columns(a), columns(b)
        assert mine.pop("staff_id")[1:] == other.pop("staff_id")[1:]
        assert mine == other
        assert before <= a.created_at <= a.updated_at
    # one moment per stamp for the whole insert
    assert len({p.created_at for p in ours}) == len({p.updated_at for p in ours}) == 1


def test_dates_numbers_choices_and_json_round_trip(cast):
    teacher = Person.objects.create(district=cast.district, given_name="Ada", family_name="Lane")
    made = TeacherAssignment(
        district=cast.district,
        teacher=teacher,
        school=cast.north_1,
        school_year=2026,
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2026, 6, 30),
        years_experience=7,
        source=TeacherAssignment.Source.FILES,
    )
    insert_many(TeacherAssignment, [made])
    stored = TeacherAssignment.objects.get(teacher=teacher)
    assert (stored.starts_on, stored.ends_on, stored.years_experience, stored.source) == (
        dt.date(2025, 7, 1),
        dt.date(2026, 6, 30),
        7,
        "files",
    )
    entries = [
        AuditEntry(
            district=cast.district,
            action="update",
            object_type="test",
            object_id=str(i),
            object_repr="x",
            changes={"roster": [None, f"{i} added"]},
        )
        for i in range(3)
    ]
    insert_many(AuditEntry, entries)
    found = AuditEntry.objects.filter(object_type="test").order_by("object_id")
    assert [e.changes for e in found] == [{"roster": [None, f"{i} added"]} for i in range(3)]
    assert insert_many(AuditEntry, []) == 0


def test_related_objects_are_written_by_their_id_and_unsaved_ones_refused(cast):
    school = School(district=cast.district, code="9901", name="Later Elementary")
    person = Person(district=cast.district, given_name="Ada", family_name="Lane", school=school)
    school.save()  # saved after it was assigned, as bulk_create allows
    insert_many(Person, [person])
    assert Person.objects.get(family_name="Lane").school == school
    unsaved = School(district=cast.district, code="9902", name="Never Saved")
    with pytest.raises(ValueError, match="unsaved related object"):
        insert_many(Person, [Person(district=cast.district, given_name="B", school=unsaved)])
    with pytest.raises(ValueError, match="has a key already"):
        insert_many(Person, [Person.objects.get(family_name="Lane")])
    assert Person.objects.filter(family_name="Lane").count() == 1
