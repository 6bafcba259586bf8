"""Writers for the small and the per-row contract files: schools, students, enrollments, staff."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from districtwise.demo.files.codes import (
    GRADE_CODES,
    LEVELS,
    RACE_BLANK,
    RACES,
    ROLES,
    SEX_BLANK,
    SEXES,
)
from districtwise.demo.files.csvout import CsvFile, date_column, dict_column, take_column
from districtwise.demo.files.enrollment import YearRows
from districtwise.demo.files.staff import R, Roster, role_of, salary, school_of
from districtwise.demo.files.world import World

SCHOOL_COLUMNS = ["school_id", "name", "network_id", "level", "grade_low", "grade_high", "title_i"]
STUDENT_COLUMNS = ["student_id", "sex", "race_ethnicity", "birth_year"]
FLAG_COLUMNS = [
    "economically_disadvantaged",
    "english_learner",
    "disability",
    "section_504",
    "homeless",
    "foster_care",
    "gifted",
]
ENROLLMENT_COLUMNS = [
    "student_id",
    "school_id",
    "school_year",
    "grade_level",
    "entry_date",
    "exit_date",
    *FLAG_COLUMNS,
]
STAFF_COLUMNS = [
    "staff_id",
    "school_year",
    "school_id",
    "department",
    "role",
    "sex",
    "race_ethnicity",
    "years_experience",
    "certified_in_assignment",
    "fte",
    "salary",
]


def network_ids(count: int) -> list[str]:
    """Network ids N1, N2, ..."""
    return [f"N{i + 1}" for i in range(count)]


def write_schools(out: CsvFile, world: World) -> None:
    """schools.csv."""
    plan = world.plan
    out.write(
        {
            "school_id": pa.array(plan.school_ids),
            "name": pa.array(plan.school_names),
            "network_id": dict_column(plan.network, network_ids(len(plan.network_names))),
            "level": dict_column(plan.level, LEVELS),
            "grade_low": dict_column(plan.grade_low + 1, GRADE_CODES),
            "grade_high": dict_column(plan.grade_high + 1, GRADE_CODES),
            "title_i": dict_column(world.title_i.astype(np.int64), ["N", "Y"]),
        }
    )


def write_students(out: CsvFile, world: World, ids: pa.Array) -> None:
    """students.csv (everyone enrolled in any generated year)."""
    s = world.students
    out.write(
        {
            "student_id": ids,
            "sex": dict_column(s.sex, SEXES, SEX_BLANK),
            "race_ethnicity": dict_column(s.race, RACES, RACE_BLANK),
            "birth_year": s.birth_year,
        }
    )


def write_enrollments(
    out: CsvFile,
    rows: YearRows,
    calendar: np.ndarray,
    ids: pa.Array,
    school_ids: pa.Array,
    last_year: bool,
) -> None:
    """Append one year's enrollment rows; exit is blank for students still enrolled."""
    exit_day = calendar[rows.end]
    if last_year:
        exit_day = np.where(rows.end == len(calendar) - 1, -1, exit_day)
    data: dict[str, pa.Array | np.ndarray] = {
        "student_id": take_column(ids, rows.stu),
        "school_id": take_column(school_ids, rows.school),
        "school_year": np.full(len(rows), rows.year, dtype=np.int16),
        "grade_level": dict_column(rows.grade + 1, GRADE_CODES),
        "entry_date": date_column(calendar[rows.start]),
        "exit_date": date_column(exit_day),
    }
    for name in FLAG_COLUMNS:
        data[name] = dict_column(rows.flags[name], ["N", "Y"])
    out.write(data)


def staff_id_strings(count: int) -> pa.Array:
    """Staff ids S000001, ... (at least six digits)."""
    width = max(6, len(str(count)))
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, count + 1)), pa.string()), width, "0")
    return pc.binary_join_element_wise("S", digits, "")


def write_staff(
    out: CsvFile,
    year: int,
    roster: Roster,
    world: World,
    staff_ids: pa.Array,
    departments: list[str],
) -> None:
    """Append one year's staff rows."""
    n_schools = world.plan.n_schools
    school = school_of(roster.key, n_schools)
    dept = np.where(school < 0, roster.key - n_schools * R, len(departments))
    out.write(
        {
            "staff_id": take_column(staff_ids, roster.sid),
            "school_year": np.full(len(roster.sid), year, dtype=np.int16),
            "school_id": dict_column(
                np.where(school < 0, n_schools, school), world.plan.school_ids
            ),
            "department": dict_column(dept, departments),
            "role": dict_column(role_of(roster.key, n_schools), ROLES),
            "sex": dict_column(roster.sex, SEXES, SEX_BLANK),
            "race_ethnicity": dict_column(roster.race, RACES, RACE_BLANK),
            "years_experience": roster.exp,
            "certified_in_assignment": dict_column(roster.cert, ["N", "Y"]),
            "fte": roster.fte,
            "salary": salary(roster.key, roster.exp, n_schools),
        }
    )
