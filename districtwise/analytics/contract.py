"""The district data-file contract (shared/spec/district-data-files.md) as data.

Every importer, validator, stored table and metric reads these definitions, so the contract
is written down once. Column kinds:

  id      opaque string; leading zeros matter ("00123" is not "123")
  text    free text
  enum    one of ``values`` (exact, case-sensitive)
  flag    ``Y`` / ``N`` / blank (blank = unknown, stored as NULL, never as ``N``)
  grade   ``PK``, ``KG``, ``01`` … ``12``
  date    ISO 8601 ``YYYY-MM-DD``
  year    school year named by the calendar year in which it ends (2026 = 2025-26)
  number  decimal number (may be fractional)
  int     whole number
  money   decimal number of dollars, stored as DECIMAL(18, 2)
"""

from __future__ import annotations

from dataclasses import dataclass, field

GRADES = ("PK", "KG", *(f"{n:02d}" for n in range(1, 13)))
RACE_ETHNICITY = ("HL", "AI", "AS", "BL", "PI", "WH", "TR")
SEX = ("F", "M", "X")
FLAGS = ("Y", "N")
LEVELS = ("elementary", "middle", "high", "k8", "6-12", "k12", "other")
ACTIONS = ("ISS", "OSS", "EXP", "REF", "ARR", "OTH")
SUBJECTS = ("ELA", "MATH", "SCIENCE", "OTHER")
ADVANCED = ("AP", "IB", "DUAL", "HONORS", "ALG1_MS", "GT")
STAFF_ROLES = (
    "teacher",
    "principal",
    "assistant_principal",
    "coach",
    "counselor",
    "specialist",
    "paraprofessional",
    "central_office",
    "other",
)
ATTENDANCE_STATUS = ("P", "A", "H")
FINANCE_CATEGORIES = ("personnel", "nonpersonnel")

# DuckDB / Arrow type of each kind when stored (Parquet) and read by the engine.
STORED_TYPE = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "enum": "VARCHAR",
    "flag": "VARCHAR",
    "grade": "VARCHAR",
    "date": "DATE",
    "year": "SMALLINT",
    "number": "DOUBLE",
    "int": "INTEGER",
    "money": "DECIMAL(18,2)",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = True  # the column must be present in the header
    nullable: bool = False  # a blank value is allowed
    values: tuple[str, ...] = ()  # for enum
    minimum: float | None = None  # for number/int/money: lowest allowed value
    exclusive_minimum: bool = False
    maximum: float | None = None


@dataclass(frozen=True)
class FileSpec:
    name: str  # file name, e.g. "enrollments.csv"
    table: str  # stored table name, e.g. "enrollments"
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # duplicate keys are an error
    required: bool = False
    # school_year comes from a column ("school_year") or is derived from a date column
    year_from: str | None = None
    # (column, referenced table, referenced column): unknown values are errors
    references: tuple[tuple[str, str, str], ...] = ()
    notes: str = ""
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _flag(name: str, required: bool = True) -> Column:
    return Column(name, "flag", required=required, nullable=True, values=FLAGS)


STUDENT_REF = ("student_id", "students", "student_id")
SCHOOL_REF = ("school_id", "schools", "school_id")

SCHOOLS = FileSpec(
    "schools.csv",
    "schools",
    (
        Column("school_id", "id"),
        Column("name", "text"),
        Column("network_id", "id", required=False, nullable=True),
        Column("level", "enum", values=LEVELS),
        Column("grade_low", "grade", values=GRADES),
        Column("grade_high", "grade", values=GRADES),
        _flag("title_i"),
    ),
    key=("school_id",),
    required=True,
)
STUDENTS = FileSpec(
    "students.csv",
    "students",
    (
        Column("student_id", "id"),
        Column("sex", "enum", nullable=True, values=SEX),
        Column("race_ethnicity", "enum", nullable=True, values=RACE_ETHNICITY),
        Column("birth_year", "int", required=False, nullable=True, minimum=1900),
    ),
    key=("student_id",),
    required=True,
)
ENROLLMENTS = FileSpec(
    "enrollments.csv",
    "enrollments",
    (
        Column("student_id", "id"),
        Column("school_id", "id"),
        Column("school_year", "year"),
        Column("grade_level", "grade", values=GRADES),
        Column("entry_date", "date"),
        Column("exit_date", "date", nullable=True),
        _flag("economically_disadvantaged"),
        _flag("english_learner"),
        _flag("disability"),
        _flag("section_504", required=False),
        _flag("homeless", required=False),
        _flag("foster_care", required=False),
        _flag("gifted", required=False),
    ),
    key=("student_id", "school_id", "school_year"),
    required=True,
    year_from="school_year",
    references=(STUDENT_REF, SCHOOL_REF),
)
ATTENDANCE = FileSpec(
    "attendance.csv",
    "attendance",
    (
        Column("student_id", "id"),
        Column("school_id", "id"),
        Column("school_year", "year"),
        Column("days_enrolled", "number", minimum=0),
        Column("days_absent", "number", minimum=0),  # and <= days_enrolled
    ),
    key=("student_id", "school_id", "school_year"),
    year_from="school_year",
    references=(STUDENT_REF, SCHOOL_REF),
)
ATTENDANCE_DAILY = FileSpec(
    "attendance_daily.csv",
    "attendance_daily",
    (
        Column("student_id", "id"),
        Column("school_id", "id"),
        Column("date", "date"),
        Column("status", "enum", values=ATTENDANCE_STATUS),
    ),
    key=("student_id", "school_id", "date"),
    year_from="date",
    references=(STUDENT_REF, SCHOOL_REF),
)
DISCIPLINE = FileSpec(
    "discipline.csv",
    "discipline",
    (
        Column("incident_id", "id"),
        Column("student_id", "id"),
        Column("school_id", "id"),
        Column("date", "date"),
        Column("action", "enum", values=ACTIONS),
        Column("days_removed", "number", minimum=0),
        Column("offense", "text", nullable=True),
    ),
    # No key: the contract gives none (an incident with two actions is two rows).
    year_from="date",
    references=(STUDENT_REF, SCHOOL_REF),
)
ASSESSMENTS = FileSpec(
    "assessments.csv",
    "assessments",
    (
        Column("student_id", "id"),
        Column("school_id", "id"),
        Column("school_year", "year"),
        Column("assessment", "id"),
        Column("subject", "enum", values=SUBJECTS),
        Column("grade_level", "grade", values=GRADES),
        Column("scale_score", "number", required=False, nullable=True),
        # Blank = not scored. The spec's proficiency metric counts only rows whose proficient
        # flag is Y or N, so rows with a blank flag exist: a test taken but not scored, which
        # has no performance level either.
        Column("performance_level", "int", nullable=True, minimum=1, maximum=5),
        _flag("proficient"),
    ),
    key=("student_id", "school_id", "school_year", "assessment"),
    year_from="school_year",
    references=(STUDENT_REF, SCHOOL_REF),
)
COURSE_ENROLLMENTS = FileSpec(
    "course_enrollments.csv",
    "course_enrollments",
    (
        Column("student_id", "id"),
        Column("school_id", "id"),
        Column("school_year", "year"),
        Column("course_id", "id"),
        Column("course_name", "text"),
        Column("subject", "text"),
        Column("advanced", "enum", nullable=True, values=ADVANCED),
        _flag("passed", required=False),
    ),
    key=("student_id", "school_id", "school_year", "course_id"),
    year_from="school_year",
    references=(STUDENT_REF, SCHOOL_REF),
)
STAFF = FileSpec(
    "staff.csv",
    "staff",
    (
        Column("staff_id", "id"),
        Column("school_year", "year"),
        Column("school_id", "id", nullable=True),
        Column("department", "text", nullable=True),
        Column("role", "enum", values=STAFF_ROLES),
        Column("sex", "enum", nullable=True, values=SEX),
        Column("race_ethnicity", "enum", nullable=True, values=RACE_ETHNICITY),
        Column("years_experience", "number", minimum=0),
        _flag("certified_in_assignment"),
        Column("fte", "number", minimum=0, exclusive_minimum=True, maximum=1),
        Column("salary", "money", required=False, nullable=True, minimum=0),
    ),
    key=("staff_id", "school_year"),
    year_from="school_year",
    references=(SCHOOL_REF,),
)
SCHOOL_FINANCE = FileSpec(
    "school_finance.csv",
    "school_finance",
    (
        Column("school_id", "id"),
        Column("school_year", "year"),
        Column("category", "enum", values=FINANCE_CATEGORIES),
        Column("funding_source", "text"),
        Column("amount", "money", minimum=0),
    ),
    # No key: a school may report several lines per category and source; they add up.
    year_from="school_year",
    references=(SCHOOL_REF,),
)

FILES: tuple[FileSpec, ...] = (
    SCHOOLS,
    STUDENTS,
    ENROLLMENTS,
    ATTENDANCE,
    ATTENDANCE_DAILY,
    DISCIPLINE,
    ASSESSMENTS,
    COURSE_ENROLLMENTS,
    STAFF,
    SCHOOL_FINANCE,
)
BY_NAME = {spec.name: spec for spec in FILES}
BY_TABLE = {spec.table: spec for spec in FILES}
# Tables without a school year: one snapshot per batch, not versioned per year.
UNVERSIONED = ("schools", "students")
