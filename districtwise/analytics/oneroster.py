"""A OneRoster 1.1 CSV bundle turned into the district data-file contract's CSV files.

OneRoster (1EdTech, "OneRoster 1.1 CSV Tables") is the rostering export most student
information systems can produce. This module reads ``manifest.csv``, ``orgs.csv``,
``users.csv``, ``academicSessions.csv``, ``classes.csv``, ``enrollments.csv`` and
``demographics.csv`` and writes ``schools.csv``, ``students.csv``, ``enrollments.csv`` and
``staff.csv`` shaped as the contract (``contract.py``) says, for the normal contract importer
to validate. It never raises on bad data: whatever it cannot map is returned in
``OneRosterResult.unmapped`` (file, line, column, value, reason) and left out of the output,
so everything written is valid by the contract.

Reading (what real exports contain):
- UTF-8 with or without a byte-order mark, CRLF or LF, RFC 4180 quoting. Column names are
  matched ignoring case and surrounding spaces; ``metadata.*`` and any other extra columns
  are ignored. A missing column the mapping needs is reported once and read as blank.
- Rows whose ``status`` is ``tobedeleted`` are skipped and counted (``counts["tobedeleted"]``);
  a reference to such a row is reported as a reference to a deleted record.
- Booleans: ``true``/``false`` in any case (the spec's values), also ``1``/``0``; blank is
  unknown; anything else is reported and read as unknown.
- List fields (``orgSourcedIds``, ``grades``, ``termSourcedIds``) are comma-separated inside
  one quoted cell (``"org1,org2"``).
- ``manifest.csv`` (``propertyName,value``): a ``file.<name>`` of ``absent`` means the file
  is not read even if present; ``delta`` files are read as they are, with one warning that
  they hold only changes; a file the manifest lists as ``bulk`` or ``delta`` but that is
  missing is reported.

Mapping (the assumptions, stated):
- Identifiers: ``school_id``, ``student_id`` and ``staff_id`` are the record's
  ``identifier`` (the district's own school number / student number) when present, else its
  ``sourcedId``. An ``identifier`` shared by several records of the same kind is reported and
  those records fall back to ``sourcedId``.
- schools.csv: orgs of ``type`` ``school``. ``grade_low``/``grade_high`` are the lowest and
  highest grades of the school's enrolled students, else of its classes' ``grades``; a
  school with neither is reported and left out (with its staff rows). ``level`` follows
  from the grade span by the NCES Common Core of Data school-level rule (primary: lowest
  grade PK-03 and highest PK-08; middle: lowest 04-07, highest 04-09; high: lowest 07-12,
  highest 12), refined for the contract's extra levels: ``k12`` (PK/KG-12), ``k8``
  (PK/KG/01-08), ``6-12`` (06-12); anything else ``other``. ``title_i`` and ``network_id``
  are blank (OneRoster has neither).
- students.csv: users whose ``role`` is ``student``. From demographics.csv (keyed by the
  user's ``sourcedId``): ``sex`` female→F, male→M, other→X (1.1 names only male and female;
  later exports add other/unspecified), unspecified or blank→blank, and the non-standard
  F/M are accepted; ``race_ethnicity`` by the federal rule: Hispanic/Latino = true → HL,
  else ``demographicRaceTwoOrMoreRaces`` = true or more than one race true → TR, exactly one
  → that race, none → blank; ``birth_year`` from ``birthDate``.
- enrollments.csv: one row per student per school: the schools among the student's
  ``orgSourcedIds`` and the schools of their enrollments (``enrollments.schoolSourcedId``,
  else the class's ``schoolSourcedId``). ``school_year`` is the ``school_year`` argument,
  else the ``schoolYear`` of the academicSessions of type ``schoolYear`` (OneRoster names a
  year by its ending calendar year, as the contract does); several years without an
  argument → the latest is used and a warning given. ``entry_date`` is the earliest
  ``beginDate`` of the student's enrollments at that school, else the ``startDate`` of the
  school-year session, else 1 July before the school year (the contract's default district
  calendar; counted in ``counts["entry_date_assumed"]``). ``exit_date`` is blank: class
  enrollment end dates are term ends, not exits. The flags (economically disadvantaged,
  English learner, disability, …) are not in OneRoster and are blank (unknown).
- Grades (users.grades, CEDS entry grade levels): ``PK``→PK, ``KG``→KG, ``01``…``12`` as
  they are (also unpadded ``1``…``12`` and ``K``); ``TK``→KG (transitional kindergarten is
  the first year of a two-year kindergarten, California Education Code §48000); ``PR``
  (preschool)→PK (federal membership counts have one pre-kindergarten grade); ``IT``
  (infant/toddler), ``PS`` (postsecondary), ``UG`` (ungraded), ``13``, ``Other`` and anything
  else are reported and the student gets no enrollment row. A student with several
  different grades is reported likewise.
- staff.csv: users whose role is teacher→teacher, administrator→principal when at a school
  else central_office, aide→paraprofessional, proctor→other. Guardians, parents and
  relatives are not staff and are skipped (``counts["not_staff"]``); any other role is
  reported. The school is the first school in ``orgSourcedIds``, else the school of the
  user's (primary first) class enrollments, else blank (central office). ``sex`` and
  ``race_ethnicity`` come from demographics as for students. ``years_experience``,
  ``certified_in_assignment``, ``fte`` and ``salary`` are not in OneRoster and are blank.
  Names and e-mail go to ``OneRosterResult.people`` (staff.csv has no names).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from districtwise.analytics.contract import ENROLLMENTS, SCHOOLS, STAFF, STUDENTS, FileSpec

# Every file name of a OneRoster 1.1 CSV bundle, lower-cased as the upload gatherer keys them.
ONEROSTER_FILES = (
    "manifest.csv",
    "academicsessions.csv",
    "categories.csv",
    "classes.csv",
    "classresources.csv",
    "courses.csv",
    "courseresources.csv",
    "demographics.csv",
    "enrollments.csv",
    "lineitems.csv",
    "orgs.csv",
    "resources.csv",
    "results.csv",
    "users.csv",
)

GRADE_MAP = {
    "PK": "PK",
    "PR": "PK",
    "KG": "KG",
    "K": "KG",
    "TK": "KG",
    **{f"{n:02d}": f"{n:02d}" for n in range(1, 13)},
    **{str(n): f"{n:02d}" for n in range(1, 13)},
}
GRADE_ORDER = {g: i for i, g in enumerate(("PK", "KG", *(f"{n:02d}" for n in range(1, 13))))}
SEX_MAP = {"female": "F", "male": "M", "other": "X", "unspecified": "", "f": "F", "m": "M"}
RACE_COLUMNS = (
    ("americanIndianOrAlaskaNative", "AI"),
    ("asian", "AS"),
    ("blackOrAfricanAmerican", "BL"),
    ("nativeHawaiianOrOtherPacificIslander", "PI"),
    ("white", "WH"),
)
STAFF_ROLES = {"teacher": "teacher", "administrator": "principal", "aide": "paraprofessional"}
STAFF_ROLES_OTHER = ("proctor",)
NOT_STAFF = ("guardian", "parent", "relative")
TRUE = ("true", "1")
FALSE = ("false", "0")


@dataclass(frozen=True)
class UnmappedItem:
    file: str
    line: int  # 1 is the header row; 0 when the problem is with the file as a whole
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class StaffPerson:
    staff_id: str
    given_name: str
    family_name: str
    email: str
    school_id: str | None  # None: central office


@dataclass(frozen=True)
class OneRosterResult:
    files: dict[str, Path]  # contract file name -> written CSV
    unmapped: list[UnmappedItem]
    counts: dict[str, int]
    people: list[StaffPerson]


@dataclass(frozen=True)
class _Row:
    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column.lower(), "")

    @property
    def sid(self) -> str:
        return self["sourcedId"]


@dataclass
class _Bundle:
    """The files of the bundle, and the problems and counts found while reading them."""

    files: dict[str, Path]
    unmapped: list[UnmappedItem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    deleted: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    manifest: dict[str, str] = field(default_factory=dict)
    org_ids: set[str] = field(default_factory=set)  # every live org, schools or not

    def report(self, file: str, line: int, column: str, value: str, reason: str) -> None:
        self.unmapped.append(UnmappedItem(file, line, column, value, reason))

    def flag(self, row: _Row, column: str) -> bool | None:
        value = row[column].lower()
        if not value:
            return None
        if value in TRUE or value in FALSE:
            return value in TRUE
        self.report(row.file, row.line, column, row[column], "not a boolean (true/false)")
        return None

    def table(self, name: str, columns: Iterable[str]) -> list[_Row]:
        """The live rows of one file (sourcedId unique), or none if it is absent."""
        key = name.lower()
        status = self.manifest.get(key, "")
        if status == "absent":
            return []
        path = self.files.get(key)
        if path is None:
            if status in ("bulk", "delta"):
                self.report(name, 0, "", "", f"manifest.csv lists it as {status} but it is missing")
            return []
        if status == "delta":
            self.report(name, 0, "", "delta", "a delta file holds only changes since the last")
        return self._live(name, _read_csv(path, name, tuple(columns), self))

    def _live(self, name: str, rows: Iterable[_Row]) -> list[_Row]:
        live: list[_Row] = []
        seen: set[str] = set()
        for row in rows:
            if row["status"].lower() == "tobedeleted":
                self.counts["tobedeleted"] += 1
                self.deleted[name].add(row.sid)
            elif not row.sid:
                self.report(name, row.line, "sourcedId", "", "no sourcedId; row ignored")
            elif row.sid in seen:
                self.report(name, row.line, "sourcedId", row.sid, "duplicate sourcedId; ignored")
            else:
                seen.add(row.sid)
                live.append(row)
        return live

    def reference(
        self, row: _Row, column: str, value: str, target: str, known: Container[str]
    ) -> bool:
        """Whether ``value`` names a live record of ``target``; reports it when it does not."""
        if value in known:
            return True
        if target == "orgs.csv" and value in self.org_ids:
            self.report(row.file, row.line, column, value, "refers to an org that is not a school")
            return False
        why = "a deleted (tobedeleted)" if value in self.deleted[target] else "an unknown"
        self.report(row.file, row.line, column, value, f"refers to {why} record of {target}")
        return False


def _read_csv(path: Path, name: str, columns: tuple[str, ...], bundle: _Bundle) -> Iterator[_Row]:
    """The rows of a CSV file; a file that cannot be read is reported where it breaks."""
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [h.strip().lower() for h in next(reader, [])]
            for column in columns:
                if column.lower() not in header:
                    bundle.report(name, 1, column, "", "column missing; read as blank")
            wanted = {column.lower() for column in columns}
            for record in reader:
                start, line = line + 1, reader.line_num
                if not any(cell.strip() for cell in record):
                    continue
                values = {h: c.strip() for h, c in zip(header, record, strict=False) if h in wanted}
                yield _Row(name, start, values)
    except UnicodeDecodeError:
        bundle.report(name, line + 1, "", "", "not UTF-8 text; the rest of the file was not read")
    except (csv.Error, OSError) as exc:
        bundle.report(name, line + 1, "", "", f"unreadable CSV ({exc}); the rest was not read")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _date(bundle: _Bundle, row: _Row, column: str) -> date | None:
    value = row[column]
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        bundle.report(row.file, row.line, column, value, "not a date (YYYY-MM-DD)")
        return None


def _assign_ids(bundle: _Bundle, rows: list[_Row], what: str) -> dict[str, str]:
    """sourcedId -> contract id: the identifier when present and unique, else the sourcedId."""
    preferred = {row.sid: row["identifier"] or row.sid for row in rows}
    shared = Counter(preferred.values())
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for row in rows:
        chosen = preferred[row.sid]
        if shared[chosen] > 1 and chosen != row.sid:
            bundle.report(
                row.file,
                row.line,
                "identifier",
                chosen,
                f"shared by several {what}; sourcedId used",
            )
            chosen = row.sid
        if not chosen or chosen in taken:
            bundle.report(
                row.file, row.line, "sourcedId", chosen, f"id already used; {what} left out"
            )
            continue
        taken.add(chosen)
        ids[row.sid] = chosen
    return ids


# --- the school year --------------------------------------------------------------------


def _school_year(
    bundle: _Bundle, sessions: list[_Row], requested: int | None
) -> tuple[int | None, date | None]:
    """The school year to write and the start date of its session (when one is known)."""
    years: dict[int, date | None] = {}
    for row in sessions:
        if row["type"].lower() != "schoolyear":
            continue
        year = _session_year(bundle, row)
        if year is not None:
            years[year] = years.get(year) or _date(bundle, row, "startDate")
    if requested is not None:
        return requested, years.get(requested)
    if not years:
        bundle.report(
            "academicSessions.csv", 0, "schoolYear", "", "no school year found; pass school_year"
        )
        return None, None
    year = max(years)
    if len(years) > 1:
        listed = ", ".join(str(y) for y in sorted(years))
        bundle.report(
            "academicSessions.csv", 0, "schoolYear", listed, f"several school years; {year} used"
        )
    return year, years[year]


def _session_year(bundle: _Bundle, row: _Row) -> int | None:
    value = row["schoolYear"]
    if re.fullmatch(r"[0-9]{4}", value) and _plausible_year(int(value)):
        return int(value)
    end = _date(bundle, row, "endDate")
    if end is not None and _plausible_year(end.year):
        return end.year
    bundle.report(row.file, row.line, "schoolYear", value, "not a school year (YYYY)")
    return None


def _plausible_year(year: int) -> bool:
    return 1950 <= year <= 2200


# --- people -----------------------------------------------------------------------------


def _sex(bundle: _Bundle, row: _Row | None) -> str:
    if row is None:
        return ""
    value = row["sex"]
    if value.lower() in SEX_MAP:
        return SEX_MAP[value.lower()]
    if value:
        bundle.report(row.file, row.line, "sex", value, "not male/female/other/unspecified")
    return ""


def _race_ethnicity(bundle: _Bundle, row: _Row | None) -> str:
    """The federal seven from OneRoster's yes/no columns (Hispanic/Latino of any race first)."""
    if row is None:
        return ""
    hispanic = bundle.flag(row, "hispanicOrLatinoEthnicity")
    races = [code for column, code in RACE_COLUMNS if bundle.flag(row, column)]
    two_or_more = bundle.flag(row, "demographicRaceTwoOrMoreRaces")
    if hispanic:
        return "HL"
    if two_or_more or len(races) > 1:
        return "TR"
    return races[0] if races else ""


def _birth_year(bundle: _Bundle, row: _Row | None) -> str:
    if row is None:
        return ""
    born = _date(bundle, row, "birthDate")
    if born is None:
        return ""
    if not 1900 <= born.year <= date.today().year:
        bundle.report(row.file, row.line, "birthDate", row["birthDate"], "not a plausible year")
        return ""
    return str(born.year)


def _grade(bundle: _Bundle, row: _Row) -> str | None:
    grades = _split(row["grades"])
    mapped = {GRADE_MAP.get(g.upper()) for g in grades}
    if not grades:
        bundle.report(row.file, row.line, "grades", "", "no grade; no enrollment written")
    elif None in mapped:
        bundle.report(row.file, row.line, "grades", row["grades"], "not a grade PK-12")
    elif len(mapped) > 1:
        bundle.report(row.file, row.line, "grades", row["grades"], "several different grades")
    else:
        return mapped.pop()
    return None


# --- the conversion ---------------------------------------------------------------------

USER_COLUMNS = (
    "sourcedId",
    "status",
    "orgSourcedIds",
    "role",
    "givenName",
    "familyName",
    "identifier",
    "email",
    "grades",
)
DEMOGRAPHIC_COLUMNS = (
    "sourcedId",
    "status",
    "birthDate",
    "sex",
    "hispanicOrLatinoEthnicity",
    "demographicRaceTwoOrMoreRaces",
    *(column for column, _ in RACE_COLUMNS),
)


@dataclass
class _Roster:
    """The bundle's records, indexed by sourcedId."""

    bundle: _Bundle
    orgs: dict[str, _Row]
    schools: dict[str, _Row]
    users: dict[str, _Row]
    class_school: dict[str, str]  # class sourcedId -> school sourcedId
    class_grades: dict[str, set[str]]  # school sourcedId -> grades of its classes
    enrollments: list[_Row]
    demographics: dict[str, _Row]


def _load(bundle: _Bundle) -> _Roster:
    orgs = {
        r.sid: r
        for r in bundle.table("orgs.csv", ("sourcedId", "status", "name", "type", "identifier"))
    }
    schools = {sid: r for sid, r in orgs.items() if r["type"].lower() == "school"}
    bundle.org_ids = set(orgs)
    users = {r.sid: r for r in bundle.table("users.csv", USER_COLUMNS)}
    class_school: dict[str, str] = {}
    class_grades: dict[str, set[str]] = defaultdict(set)
    for row in bundle.table("classes.csv", ("sourcedId", "status", "grades", "schoolSourcedId")):
        school = row["schoolSourcedId"]
        if bundle.reference(row, "schoolSourcedId", school, "orgs.csv", schools):
            class_school[row.sid] = school
            class_grades[school].update(
                GRADE_MAP[g.upper()] for g in _split(row["grades"]) if g.upper() in GRADE_MAP
            )
    enrollment_columns = (
        "sourcedId",
        "status",
        "classSourcedId",
        "schoolSourcedId",
        "userSourcedId",
        "role",
        "primary",
        "beginDate",
    )
    enrollments = bundle.table("enrollments.csv", enrollment_columns)
    demographics = {r.sid: r for r in bundle.table("demographics.csv", DEMOGRAPHIC_COLUMNS)}
    for row in demographics.values():
        bundle.reference(row, "sourcedId", row.sid, "users.csv", users)
    return _Roster(
        bundle, orgs, schools, users, class_school, class_grades, enrollments, demographics
    )


def _user_schools(roster: _Roster, row: _Row) -> list[str]:
    """The school sourcedIds among a user's orgSourcedIds, in order; other orgs are fine."""
    found: list[str] = []
    for org in _split(row["orgSourcedIds"]):
        known = roster.bundle.reference(row, "orgSourcedIds", org, "orgs.csv", roster.orgs)
        if known and org in roster.schools and org not in found:
            found.append(org)
    return found


def _class_memberships(roster: _Roster) -> dict[str, list[tuple[str, date | None, bool]]]:
    """user sourcedId -> (school sourcedId, beginDate, primary) for each class enrollment."""
    memberships: dict[str, list[tuple[str, date | None, bool]]] = defaultdict(list)
    bundle = roster.bundle
    for row in roster.enrollments:
        if not bundle.reference(
            row, "userSourcedId", row["userSourcedId"], "users.csv", roster.users
        ):
            continue
        school = row["schoolSourcedId"]
        if school:
            if not bundle.reference(row, "schoolSourcedId", school, "orgs.csv", roster.schools):
                continue
        elif bundle.reference(
            row, "classSourcedId", row["classSourcedId"], "classes.csv", roster.class_school
        ):
            school = roster.class_school[row["classSourcedId"]]
        else:
            continue
        primary = bool(bundle.flag(row, "primary"))
        memberships[row["userSourcedId"]].append((school, _date(bundle, row, "beginDate"), primary))
    return memberships


def oneroster_to_contract(
    files: dict[str, Path], out_dir: Path, *, school_year: int | None = None
) -> OneRosterResult:
    """Write the contract's schools, students, enrollments and staff CSVs from a OneRoster
    1.1 bundle (``files``: lower-cased file name -> path, as ``gather_files`` returns).

    Never raises on bad data: what cannot be mapped is reported in ``unmapped`` and left
    out. ``school_year`` (named by its ending year) overrides the bundle's school year.
    """
    if school_year is not None and not _plausible_year(school_year):
        raise ValueError(f"school_year {school_year} is not a year like 2026 (for 2025-26)")
    bundle = _Bundle({name.lower(): Path(path) for name, path in files.items()})
    bundle.manifest = _manifest(bundle)
    roster = _load(bundle)
    sessions = bundle.table(
        "academicSessions.csv",
        ("sourcedId", "status", "type", "startDate", "endDate", "schoolYear"),
    )
    year, year_start = _school_year(bundle, sessions, school_year)
    school_ids = _assign_ids(bundle, list(roster.schools.values()), "schools")
    memberships = _class_memberships(roster)
    students = [r for r in roster.users.values() if r["role"].lower() == "student"]
    student_ids = _assign_ids(bundle, students, "students")
    enrollments = _enrollment_rows(
        roster, students, student_ids, school_ids, memberships, year, year_start
    )
    schools = _school_rows(roster, school_ids, enrollments)
    written_schools = {row["school_id"] for row in schools}
    staff, people = _staff_rows(roster, school_ids, written_schools, memberships, year)
    tables = {
        SCHOOLS: schools,
        STUDENTS: [
            _student_row(roster, r, student_ids[r.sid]) for r in students if r.sid in student_ids
        ],
        ENROLLMENTS: [row for row in enrollments if row["school_id"] in written_schools],
        STAFF: staff,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {spec.name: _write(out_dir / spec.name, spec, rows) for spec, rows in tables.items()}
    counts = {spec.table: len(rows) for spec, rows in tables.items()}
    counts.update(bundle.counts)
    counts["unmapped"] = len(bundle.unmapped)
    unmapped = sorted(bundle.unmapped, key=lambda u: (u.file.lower(), u.line))
    return OneRosterResult(written, unmapped, counts, people)


def _manifest(bundle: _Bundle) -> dict[str, str]:
    """``file.<name>`` entries of manifest.csv: lower-cased file name -> bulk/delta/absent."""
    path = bundle.files.get("manifest.csv")
    if path is None:
        return {}
    statuses: dict[str, str] = {}
    for row in _read_csv(path, "manifest.csv", ("propertyName", "value"), bundle):
        prop, value = row["propertyName"], row["value"].lower()
        if not prop.lower().startswith("file."):
            continue
        if value not in ("bulk", "delta", "absent"):
            bundle.report("manifest.csv", row.line, "value", row["value"], "not bulk/delta/absent")
            continue
        statuses[prop[5:].lower() + ".csv"] = value
    return statuses


def _student_row(roster: _Roster, row: _Row, student_id: str) -> dict[str, str]:
    demographics = roster.demographics.get(row.sid)
    return {
        "student_id": student_id,
        "sex": _sex(roster.bundle, demographics),
        "race_ethnicity": _race_ethnicity(roster.bundle, demographics),
        "birth_year": _birth_year(roster.bundle, demographics),
    }


def _enrollment_rows(
    roster: _Roster,
    students: list[_Row],
    student_ids: dict[str, str],
    school_ids: dict[str, str],
    memberships: dict[str, list[tuple[str, date | None, bool]]],
    year: int | None,
    year_start: date | None,
) -> list[dict[str, str]]:
    bundle = roster.bundle
    rows: list[dict[str, str]] = []
    for student in students:
        entries: dict[str, list[date]] = {school: [] for school in _user_schools(roster, student)}
        for school, begin, _ in memberships.get(student.sid, []):
            entries.setdefault(school, []).extend([begin] if begin else [])
        if not entries:
            bundle.report(
                student.file,
                student.line,
                "orgSourcedIds",
                student["orgSourcedIds"],
                "student without a school",
            )
            continue
        grade = _grade(bundle, student)
        if grade is None or year is None or student.sid not in student_ids:
            continue
        for school, begins in entries.items():
            if school not in school_ids:
                continue
            rows.append(
                {
                    "student_id": student_ids[student.sid],
                    "school_id": school_ids[school],
                    "school_year": str(year),
                    "grade_level": grade,
                    "entry_date": _entry_date(bundle, begins, year_start, year).isoformat(),
                }
            )
    return rows


def _entry_date(bundle: _Bundle, begins: list[date], year_start: date | None, year: int) -> date:
    if begins:
        return min(begins)
    if year_start is not None:
        return year_start
    bundle.counts["entry_date_assumed"] += 1
    return date(year - 1, 7, 1)  # the contract's default district calendar starts on 1 July


def _school_rows(
    roster: _Roster, school_ids: dict[str, str], enrollments: list[dict[str, str]]
) -> list[dict[str, str]]:
    student_grades: dict[str, set[str]] = defaultdict(set)
    for row in enrollments:
        student_grades[row["school_id"]].add(row["grade_level"])
    rows: list[dict[str, str]] = []
    for sid, school_id in school_ids.items():
        org = roster.schools[sid]
        grades = student_grades[school_id] or roster.class_grades.get(sid, set())
        if not grades:
            roster.bundle.report(
                org.file, org.line, "sourcedId", sid, "no student or class grades; school left out"
            )
            continue
        low = min(grades, key=GRADE_ORDER.__getitem__)
        high = max(grades, key=GRADE_ORDER.__getitem__)
        rows.append(
            {
                "school_id": school_id,
                "name": org["name"] or school_id,
                "level": school_level(low, high),
                "grade_low": low,
                "grade_high": high,
            }
        )
    return rows


def school_level(grade_low: str, grade_high: str) -> str:
    """The contract's school level from a grade span (NCES CCD school level, refined)."""
    low, high = GRADE_ORDER[grade_low], GRADE_ORDER[grade_high]
    kg, g = GRADE_ORDER["KG"], GRADE_ORDER.__getitem__
    if low <= kg and high == g("12"):
        return "k12"
    if low <= g("01") and high == g("08"):
        return "k8"
    if low == g("06") and high == g("12"):
        return "6-12"
    if low <= g("03") and high <= g("08"):
        return "elementary"
    if g("04") <= low <= g("07") and g("04") <= high <= g("09"):
        return "middle"
    if low >= g("07") and high == g("12"):
        return "high"
    return "other"


def _staff_rows(
    roster: _Roster,
    school_ids: dict[str, str],
    written_schools: set[str],
    memberships: dict[str, list[tuple[str, date | None, bool]]],
    year: int | None,
) -> tuple[list[dict[str, str]], list[StaffPerson]]:
    bundle = roster.bundle
    staff = [r for r in roster.users.values() if _staff_role(bundle, r) is not None]
    staff_ids = _assign_ids(bundle, staff, "staff")
    rows: list[dict[str, str]] = []
    people: list[StaffPerson] = []
    for user in staff:
        if user.sid not in staff_ids:
            continue
        school = _staff_school(roster, user, memberships)
        school_id = school_ids.get(school, "") if school else ""
        if school_id and school_id not in written_schools:
            bundle.report(
                user.file,
                user.line,
                "orgSourcedIds",
                user["orgSourcedIds"],
                "the staff member's school was left out; staff row left out",
            )
            continue
        role = _staff_role(bundle, user, report=False) or "other"
        if role == "principal" and not school_id:
            role = "central_office"
        people.append(
            StaffPerson(
                staff_ids[user.sid],
                user["givenName"],
                user["familyName"],
                user["email"],
                school_id or None,
            )
        )
        if year is None:
            continue
        demographics = roster.demographics.get(user.sid)
        rows.append(
            {
                "staff_id": staff_ids[user.sid],
                "school_year": str(year),
                "school_id": school_id,
                "role": role,
                "sex": _sex(bundle, demographics),
                "race_ethnicity": _race_ethnicity(bundle, demographics),
            }
        )
    return rows, people


def _staff_role(bundle: _Bundle, user: _Row, *, report: bool = True) -> str | None:
    """The contract role of a staff user; None for students, family members and unknowns."""
    role = user["role"].lower()
    if role in STAFF_ROLES:
        return STAFF_ROLES[role]
    if role in STAFF_ROLES_OTHER:
        return "other"
    if report and role in NOT_STAFF:
        bundle.counts["not_staff"] += 1
    elif report and role != "student":
        bundle.report(user.file, user.line, "role", user["role"], "not a OneRoster 1.1 role")
    return None


def _staff_school(
    roster: _Roster, user: _Row, memberships: dict[str, list[tuple[str, date | None, bool]]]
) -> str | None:
    schools = _user_schools(roster, user)
    if schools:
        return schools[0]
    classes = sorted(memberships.get(user.sid, []), key=lambda m: not m[2])  # primary first
    return classes[0][0] if classes else None


def _write(path: Path, spec: FileSpec, rows: list[dict[str, str]]) -> Path:
    key = spec.key or spec.column_names[:1]
    rows = sorted(rows, key=lambda row: tuple(row.get(c, "") for c in key))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=spec.column_names, restval="", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    return path
