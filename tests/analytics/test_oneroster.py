"""OneRoster 1.1 bundle -> contract files, on a hand-made synthetic bundle whose expected
output was worked out by hand (oneroster_fixtures/README.md says what each record tests),
and on garbage (hypothesis): no exception, problems reported, output valid by the contract."""

from __future__ import annotations

import csv
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from districtwise.analytics.contract import ENROLLMENTS, SCHOOLS, STAFF, STUDENTS, FileSpec
from districtwise.analytics.oneroster import (
    OneRosterResult,
    StaffPerson,
    UnmappedItem,
    oneroster_to_contract,
    school_level,
)

FIXTURES = Path(__file__).parent / "oneroster_fixtures"
BUNDLE = FIXTURES / "bundle"
EXPECTED = FIXTURES / "expected"
SPECS = (SCHOOLS, STUDENTS, ENROLLMENTS, STAFF)
# OneRoster carries no experience, certification or FTE; staff.csv leaves them blank
# although the contract does not allow blanks there (see the module docstring).
NOT_IN_ONEROSTER = {("staff.csv", "years_experience"), ("staff.csv", "fte")}


def bundle_files(folder: Path) -> dict[str, Path]:
    return {p.name.lower(): p for p in folder.iterdir() if p.suffix == ".csv"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def convert(folder: Path, out: Path, **kwargs: int) -> OneRosterResult:
    return oneroster_to_contract(bundle_files(folder), out, **kwargs)  # type: ignore[arg-type]


def contract_problems(files: dict[str, Path]) -> list[str]:
    """What the contract importer would reject in the written files (a small re-statement of
    the contract's column rules, so the output is checked against contract.py itself)."""
    problems: list[str] = []
    tables: dict[str, list[dict[str, str]]] = {}
    for spec in SPECS:
        with files[spec.name].open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != spec.column_names:
                problems.append(f"{spec.name}: header {reader.fieldnames}")
            rows = tables[spec.table] = list(reader)
        problems += _row_problems(spec, rows)
    for spec in SPECS:
        for column, table, target in spec.references:
            known = {row[target] for row in tables[table]}
            for row in tables[spec.table]:
                if row[column] and row[column] not in known:
                    problems.append(f"{spec.name}: {column} {row[column]!r} unknown")
    return problems


def _row_problems(spec: FileSpec, rows: list[dict[str, str]]) -> list[str]:
    problems: list[str] = []
    keys = [tuple(row[c] for c in spec.key) for row in rows]
    if len(set(keys)) != len(keys):
        problems.append(f"{spec.name}: duplicate keys")
    for line, row in enumerate(rows, start=2):
        for column in spec.columns:
            value = row[column.name]
            where = f"{spec.name}:{line}:{column.name}={value!r}"
            if not value:
                if not column.nullable and (spec.name, column.name) not in NOT_IN_ONEROSTER:
                    problems.append(f"{where} blank")
            elif column.values and value not in column.values:
                problems.append(f"{where} not in {column.values}")
            elif column.kind in ("year", "int") and not value.isdigit():
                problems.append(f"{where} not a whole number")
            elif column.kind == "date" and date.fromisoformat(value).isoformat() != value:
                problems.append(f"{where} not ISO")
    return problems


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> OneRosterResult:
    return convert(BUNDLE, tmp_path_factory.mktemp("contract"))


@pytest.mark.parametrize("name", [spec.name for spec in SPECS])
def test_it_writes_the_hand_worked_contract_file(result: OneRosterResult, name: str) -> None:
    assert read_rows(result.files[name]) == read_rows(EXPECTED / name)


def test_its_output_is_valid_by_the_contract(result: OneRosterResult) -> None:
    assert contract_problems(result.files) == []


def test_it_reports_each_record_it_cannot_map(result: OneRosterResult) -> None:
    found = {(u.file, u.line, u.column, u.value) for u in result.unmapped}
    assert found == {
        ("classes.csv", 4, "schoolSourcedId", "s9"),
        ("users.csv", 6, "grades", "UG"),
        ("users.csv", 7, "orgSourcedIds", "s99"),  # the unknown org ...
        ("users.csv", 15, "role", "janitor"),
        ("enrollments.csv", 6, "userSourcedId", "ghost"),
        ("demographics.csv", 6, "birthDate", "not-a-date"),
        ("demographics.csv", 8, "sourcedId", "zz"),
    }
    reasons = {(u.file, u.line, u.column): u.reason for u in result.unmapped}
    assert "an unknown record of orgs.csv" in reasons["classes.csv", 4, "schoolSourcedId"]
    assert "not a grade" in reasons["users.csv", 6, "grades"]
    assert "not a OneRoster 1.1 role" in reasons["users.csv", 15, "role"]
    # ... and, separately, the student left without a school
    assert [u.reason for u in result.unmapped if u.line == 7 and u.file == "users.csv"] == [
        "refers to an unknown record of orgs.csv",
        "student without a school",
    ]


def test_it_counts_what_it_wrote_and_skipped(result: OneRosterResult) -> None:
    counts = result.counts
    assert (counts["schools"], counts["students"], counts["enrollments"], counts["staff"]) == (
        2,
        6,
        4,
        5,
    )
    assert counts["tobedeleted"] == 3  # school s3, student stu-7, enrollment e6
    assert counts["not_staff"] == 1  # the guardian
    assert counts["unmapped"] == len(result.unmapped) == 8
    assert "entry_date_assumed" not in counts


def test_it_gives_staff_names_for_the_people_records(result: OneRosterResult) -> None:
    assert sorted(result.people, key=lambda p: p.staff_id) == [
        StaffPerson("A-1", "Jo", "Principalish", "jo.principalish@example.test", "s2"),
        StaffPerson("A-2", "Kim", "Centraloffice", "kim.centraloffice@example.test", None),
        StaffPerson("P-1", "Lee", "Helper", "lee.helper@example.test", "101"),
        StaffPerson("T-1", "Hana", "Teacherly", "hana.teacherly@example.test", "101"),
        StaffPerson("tch-2", "Ian", "Example", "ian.example@example.test", "s2"),
    ]


def test_a_school_year_argument_overrides_the_sessions(tmp_path: Path) -> None:
    result = convert(BUNDLE, tmp_path, school_year=2027)
    rows = read_rows(result.files["enrollments.csv"])
    assert {r["school_year"] for r in rows} == {"2027"}
    # stu-1 and stu-4 have no beginDate and there is no 2026-27 session: 1 July is assumed
    assert [r["entry_date"] for r in rows] == [
        "2026-07-01",
        "2025-09-02",
        "2025-08-25",
        "2026-07-01",
    ]
    assert result.counts["entry_date_assumed"] == 2
    with pytest.raises(ValueError, match="not a year"):
        convert(BUNDLE, tmp_path, school_year=26)


def edited_bundle(tmp_path: Path, name: str, text: str | None) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(BUNDLE, folder)
    if text is None:
        (folder / name).unlink()
    else:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_file_the_manifest_lists_as_absent_is_not_read(tmp_path: Path) -> None:
    manifest = (
        (BUNDLE / "manifest.csv")
        .read_text()
        .replace("file.demographics,bulk", "file.demographics,absent")
    )
    result = convert(edited_bundle(tmp_path, "manifest.csv", manifest), tmp_path / "out")
    students = read_rows(result.files["students.csv"])
    assert {(s["sex"], s["race_ethnicity"], s["birth_year"]) for s in students} == {("", "", "")}
    assert not [u for u in result.unmapped if u.file == "demographics.csv"]


def test_a_file_the_manifest_lists_but_is_missing_is_reported(tmp_path: Path) -> None:
    result = convert(edited_bundle(tmp_path, "classes.csv", None), tmp_path / "out")
    assert (
        UnmappedItem("classes.csv", 0, "", "", "manifest.csv lists it as bulk but it is missing")
        in result.unmapped
    )
    assert contract_problems(result.files) == []


def test_without_a_school_year_it_writes_no_enrollments_and_says_so(tmp_path: Path) -> None:
    header = (BUNDLE / "academicSessions.csv").read_text().splitlines()[0] + "\n"
    result = convert(edited_bundle(tmp_path, "academicSessions.csv", header), tmp_path / "out")
    assert read_rows(result.files["enrollments.csv"]) == []
    assert read_rows(result.files["staff.csv"]) == []
    assert len(result.people) == 5
    assert any(u.reason == "no school year found; pass school_year" for u in result.unmapped)


def test_several_school_years_use_the_latest_with_a_warning(tmp_path: Path) -> None:
    sessions = (BUNDLE / "academicSessions.csv").read_text() + (
        "y2025,active,,2024-25,schoolYear,2024-08-20,2025-06-10,,2025\n"
    )
    result = convert(edited_bundle(tmp_path, "academicSessions.csv", sessions), tmp_path / "out")
    assert {r["school_year"] for r in read_rows(result.files["enrollments.csv"])} == {"2026"}
    assert any(u.value == "2025, 2026" for u in result.unmapped)


@pytest.mark.parametrize(
    ("low", "high", "level"),
    [
        ("KG", "05", "elementary"),
        ("PK", "06", "elementary"),
        ("03", "05", "elementary"),
        ("06", "08", "middle"),
        ("05", "08", "middle"),
        ("09", "12", "high"),
        ("07", "12", "high"),
        ("KG", "08", "k8"),
        ("06", "12", "6-12"),
        ("PK", "12", "k12"),
        ("03", "12", "other"),
        ("10", "11", "other"),
    ],
)
def test_the_school_level_follows_the_grade_span(low: str, high: str, level: str) -> None:
    assert school_level(low, high) == level


# --- garbage ---------------------------------------------------------------------------

ROWS = {
    p.name: list(csv.reader(p.read_text(encoding="utf-8-sig").splitlines()))
    for p in BUNDLE.iterdir()
}
garbage = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["", "TRUE", "maybe", "KG,01", "13", "IT", "s1,s2,s99", "1899-01-01", "9999-99-99"]
    ),
    st.sampled_from(['"', "\x00", "a\nb", "tobedeleted", "student", "administrator", "-1"]),
)
cells = st.lists(
    st.tuples(st.sampled_from(sorted(ROWS)), st.integers(0, 20), st.integers(0, 20), garbage),
    min_size=1,
    max_size=12,
)


def write_garbled(folder: Path, edits: list[tuple[str, int, int, str]]) -> None:
    tables = {name: [list(row) for row in rows] for name, rows in ROWS.items()}
    for name, r, c, value in edits:
        rows = tables[name]
        row = rows[r % len(rows)]
        row[c % len(row)] = value
    for name, rows in tables.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=cells)
def test_garbage_cells_are_reported_never_raised_nor_written(
    edits: list[tuple[str, int, int, str]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bundle"
        folder.mkdir()
        write_garbled(folder, edits)
        result = convert(folder, Path(tmp) / "out")
        assert contract_problems(result.files) == []
        assert all(isinstance(u, UnmappedItem) and u.reason for u in result.unmapped)


@settings(max_examples=100, deadline=None)
@given(grades=st.text(max_size=12))
def test_a_grade_is_either_mapped_or_reported(grades: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bundle"
        folder.mkdir()
        write_garbled(folder, [("users.csv", 1, 16, grades)])  # stu-1's grades
        result = convert(folder, Path(tmp) / "out")
        enrolled = any(
            r["student_id"] == "5001" for r in read_rows(result.files["enrollments.csv"])
        )
        reported = any(u.file == "users.csv" and u.line == 2 for u in result.unmapped)
        assert enrolled != reported


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(ROWS)), raw=st.binary(max_size=400))
def test_a_file_of_random_bytes_is_reported_never_raised(name: str, raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bundle"
        shutil.copytree(BUNDLE, folder)
        (folder / name).write_bytes(raw)
        result = convert(folder, Path(tmp) / "out")
        assert contract_problems(result.files) == []


def test_references_to_deleted_records_and_to_non_schools_say_so(tmp_path: Path) -> None:
    enrollments = (BUNDLE / "enrollments.csv").read_text() + (
        "e7,active,,cl2,d1,stu-4,student,false,2025-08-20,,\n"
    )
    folder = edited_bundle(tmp_path, "enrollments.csv", enrollments)
    users = (folder / "users.csv").read_text(encoding="utf-8-sig")
    (folder / "users.csv").write_text(users.replace(",s99,student,", ",s3,student,"))
    result = convert(folder, tmp_path / "out")
    found = {(u.file, u.value, u.reason) for u in result.unmapped}
    assert ("enrollments.csv", "d1", "refers to an org that is not a school") in found
    assert ("users.csv", "s3", "refers to a deleted (tobedeleted) record of orgs.csv") in found


def test_a_delta_file_is_read_with_a_warning(tmp_path: Path) -> None:
    manifest = (BUNDLE / "manifest.csv").read_text().replace("file.users,bulk", "file.users,delta")
    result = convert(edited_bundle(tmp_path, "manifest.csv", manifest), tmp_path / "out")
    assert result.counts["students"] == 6
    assert (
        UnmappedItem("users.csv", 0, "", "delta", "a delta file holds only changes since the last")
        in result.unmapped
    )
