"""The teaching roster from the files: every teacher of staff.csv at their school."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.db import transaction

from districtwise.core.audit import audit_record
from districtwise.core.bulk import insert_many
from districtwise.organization.models import District, Person, School, SchoolYear
from districtwise.supports.models import TeacherAssignment

STAFF_COLUMNS = ["staff_id", "school_id", "role", "years_experience"]


@dataclass(frozen=True)
class RosterChange:
    school_year: int
    created: int
    updated: int
    removed: int
    new_people: int

    def describe(self) -> str:
        return (
            f"{self.school_year - 1}-{str(self.school_year)[-2:]}: {self.created} teaching "
            f"assignments added, {self.updated} updated, {self.removed} removed"
            + (f"; {self.new_people} teachers had no staff record yet" if self.new_people else "")
        )


def _teachers_of(files: list[Path], school_year: int) -> list[dict]:
    """Teachers with a school in the year's staff.csv rows (one per staff member)."""
    tables = [pq.read_table(p, columns=STAFF_COLUMNS) for p in files]
    table = pa.concat_tables(tables) if tables else pa.table({c: [] for c in STAFF_COLUMNS})
    keep = pc.and_(pc.equal(table["role"], "teacher"), pc.is_valid(table["school_id"]))
    return table.filter(keep).to_pylist()


def _year_span(district: District, school_year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the school year (1 July to 30 June when the district has
    not set it): a year's staff file says who teaches where in that year only."""
    year = SchoolYear.objects.filter(district=district, year=school_year).first()
    if year is not None:
        return year.starts_on, year.ends_on
    return dt.date(school_year - 1, 7, 1), dt.date(school_year, 6, 30)


def _people_for(district: District, staff_ids: set[str]) -> tuple[dict[str, int], int]:
    """The district's people (their ids) by staff id; a teacher the files name but nobody
    entered yet gets a staff record listed by their staff id."""
    known = Person.objects.filter(district=district, staff_id__in=staff_ids)
    people = dict(known.values_list("staff_id", "pk"))
    missing = sorted(staff_ids - set(people))
    insert_many(
        Person,
        [
            Person(
                district=district, staff_id=s, given_name="Staff", family_name=s, title="Teacher"
            )
            for s in missing
        ],
    )
    if missing:
        added = Person.objects.filter(district=district, staff_id__in=missing)
        people |= dict(added.values_list("staff_id", "pk"))
    return people, len(missing)


FIELDS = ("starts_on", "ends_on", "years_experience")  # what a refresh may change


def roster_refresh(
    *, actor, district: District, school_year: int, staff_files: list[Path]
) -> RosterChange:
    """Make the school year's teaching assignments from the files match ``staff.csv``:
    add new teachers, update their experience and school, remove those no longer there.
    Assignments entered by hand (mid-year hires, a second school) are left as they are."""
    rows = _teachers_of(staff_files, school_year)
    schools = dict(School.objects.filter(district=district).values_list("code", "pk"))
    rows = [r for r in rows if r["school_id"] in schools]
    with transaction.atomic():
        people, new_people = _people_for(district, {r["staff_id"] for r in rows})
        # (teacher, school) -> (assignment id, starts_on, ends_on, years_experience)
        existing = {
            (teacher, school): (pk, *values)
            for pk, teacher, school, *values in TeacherAssignment.objects.filter(
                district=district, school_year=school_year, source=TeacherAssignment.Source.FILES
            ).values_list("pk", "teacher_id", "school_id", *FIELDS)
        }
        start, end = _year_span(district, school_year)
        wanted: dict[tuple[int, int], tuple] = {
            (people[r["staff_id"]], schools[r["school_id"]]): (
                start,
                end,
                int(r["years_experience"] or 0),
            )
            for r in rows
        }
        created = [
            TeacherAssignment(
                district=district,
                teacher_id=teacher,
                school_id=school,
                school_year=school_year,
                source=TeacherAssignment.Source.FILES,
                **dict(zip(FIELDS, values, strict=True)),
            )
            for (teacher, school), values in wanted.items()
            if (teacher, school) not in existing
        ]
        insert_many(TeacherAssignment, created)
        changed = [
            TeacherAssignment(pk=existing[key][0], **dict(zip(FIELDS, values, strict=True)))
            for key, values in wanted.items()
            if key in existing and existing[key][1:] != values
        ]
        TeacherAssignment.objects.bulk_update(changed, FIELDS, batch_size=2000)
        gone = [found[0] for key, found in existing.items() if key not in wanted]
        TeacherAssignment.objects.filter(pk__in=gone).delete()
        change = RosterChange(school_year, len(created), len(changed), len(gone), new_people)
        audit_record(
            actor=actor,
            district=district,
            action="update",
            obj=district,
            changes={"teaching roster": [None, change.describe()]},
        )
    return change


def roster_refresh_from_live_data(*, actor, district: District) -> list[RosterChange]:
    """Refresh the roster of every school year the live data holds a staff file for."""
    from districtwise.data import warehouse

    by_year: dict[int, list[Path]] = {}
    for path in warehouse.live_files(district).get("staff", []):
        year = int(path.parent.name.split("=", 1)[1])
        by_year.setdefault(year, []).append(path)
    return [
        roster_refresh(actor=actor, district=district, school_year=year, staff_files=files)
        for year, files in sorted(by_year.items())
    ]
