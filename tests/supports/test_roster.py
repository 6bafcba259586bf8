"""The teaching roster follows staff.csv of the live data: every teacher with a school,
once per school; hand-entered assignments (mid-year hires, a second school) survive."""

from __future__ import annotations

import datetime as dt

import pyarrow.csv as pacsv

from districtwise.supports.models import TeacherAssignment
from districtwise.supports.services.roster import roster_refresh_from_live_data
from tests import factories as f
from tests.data.conftest import demo_files  # noqa: F401  (fixture)
from tests.data.test_import import run_import


def _teachers_in_file(folder, year: str) -> set[tuple[str, str]]:
    table = pacsv.read_csv(
        folder / "staff.csv",
        convert_options=pacsv.ConvertOptions(
            column_types={c: "string" for c in ("staff_id", "school_id", "school_year")}
        ),
    ).to_pylist()
    return {
        (r["staff_id"], r["school_id"])
        for r in table
        if r["role"] == "teacher" and r["school_id"] and r["school_year"] == year
    }


def test_an_import_builds_the_roster_and_a_refresh_keeps_hand_entries(
    cast,
    settings,
    tmp_path,
    demo_files,  # noqa: F811
):
    settings.DATA_DIR = tmp_path / "var"
    assert run_import(demo_files, code=cast.district.code).status == "live"
    rows = TeacherAssignment.objects.filter(district=cast.district, school_year=2026)
    found = {(a.teacher.staff_id, a.school.code) for a in rows.select_related("teacher", "school")}
    assert found == _teachers_in_file(demo_files, "2026")
    assert rows.filter(source="files").count() == len(found)

    school = rows.first().school
    hire = f.TeacherAssignmentFactory(
        school=school, starts_on=dt.date(2026, 1, 12), source="entered", years_experience=0
    )
    changes = roster_refresh_from_live_data(actor=None, district=cast.district)
    assert [(c.created, c.updated, c.removed) for c in changes] == [(0, 0, 0), (0, 0, 0)]
    assert TeacherAssignment.objects.filter(pk=hire.pk).exists()


def _staff_file(path, rows: list[tuple[str, str, str, int]]):
    """A staff parquet of the live layout: (staff_id, school code, role, years)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = ["staff_id", "school_id", "role", "years_experience"]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    pq.write_table(pa.table(columns), path)
    return path


def test_a_newer_staff_file_updates_adds_and_removes_assignments(cast, tmp_path):
    from districtwise.organization.models import Person
    from districtwise.supports.services.roster import roster_refresh

    north, south = cast.north_1.code, cast.south_1.code
    first = _staff_file(
        tmp_path / "a.parquet",
        [("T1", north, "teacher", 3), ("T2", south, "teacher", 10), ("P1", north, "principal", 9)],
    )
    made = roster_refresh(actor=None, district=cast.district, school_year=2026, staff_files=[first])
    assert (made.created, made.updated, made.removed, made.new_people) == (2, 0, 0, 2)
    hire = f.TeacherAssignmentFactory(
        district=cast.district, school=cast.north_1, school_year=2026, source="entered"
    )
    newer = _staff_file(
        tmp_path / "b.parquet", [("T1", north, "teacher", 4), ("T3", south, "teacher", 0)]
    )
    change = roster_refresh(
        actor=None, district=cast.district, school_year=2026, staff_files=[newer]
    )
    assert (change.created, change.updated, change.removed, change.new_people) == (1, 1, 1, 1)
    files = TeacherAssignment.objects.filter(
        district=cast.district, school_year=2026, source="files"
    )
    assert {(a.teacher.staff_id, a.school.code, a.years_experience) for a in files} == {
        ("T1", north, 4),
        ("T3", south, 0),
    }
    assert {a.starts_on for a in files} == {dt.date(2025, 7, 1)}
    assert TeacherAssignment.objects.filter(pk=hire.pk).exists()  # entered by hand: kept
    t3 = Person.objects.get(district=cast.district, staff_id="T3")
    assert (t3.given_name, t3.family_name, t3.title) == ("Staff", "T3", "Teacher")
