"""validate_and_stage on small hand-made folders whose answers were worked out by hand."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from districtwise.analytics import contract, validate
from districtwise.analytics.validate import (
    ImportCancelled,
    Problem,
    ValidationReport,
    validate_and_stage,
)

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"


@pytest.fixture(autouse=True, params=["held", "streamed"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every answer is the same whether a file is held in the engine or read twice."""
    if request.param == "streamed":
        monkeypatch.setattr(validate, "HOLD_BYTES", 0)
    return str(request.param)


def make_batch(root: Path, changes: dict[str, bytes | str | None] | None = None) -> dict[str, Path]:
    """Copy the valid fixture folder into root/in, apply changes (None removes a file)."""
    folder = root / "in"
    shutil.copytree(VALID, folder)
    for name, content in (changes or {}).items():
        path = folder / name
        if content is None:
            path.unlink()
        elif isinstance(content, str):
            path.write_bytes(content.encode())
        else:
            path.write_bytes(content)
    return {p.name: p for p in sorted(folder.glob("*.csv"))}


def run(
    root: Path, changes: dict[str, bytes | str | None] | None = None, **kwargs
) -> ValidationReport:  # type: ignore[no-untyped-def]
    """Validate a changed copy of the valid folder, staging into root/out."""
    return validate_and_stage(make_batch(root, changes), root / "out", **kwargs)


def with_line(name: str, line: str, after: int | None = None) -> str:
    """The valid fixture file with one more record (appended, or after record ``after``)."""
    lines = (VALID / name).read_text().splitlines()
    if after is None:
        lines.append(line)
    else:
        lines.insert(after, line)
    return "\n".join(lines) + "\n"


def replaced(name: str, old: str, new: str) -> str:
    text = (VALID / name).read_text()
    assert old in text, old
    return text.replace(old, new, 1)


def only(report: ValidationReport, rule: str) -> list[Problem]:
    return [p for p in report.problems if p.rule == rule]


def errors(report: ValidationReport) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.line, p.column, p.rule) for p in report.problems if p.severity == "error"]


def staged_tables(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))


ARROW_TYPE = {
    "VARCHAR": "string",
    "DATE": "date32[day]",
    "SMALLINT": "int16",
    "DOUBLE": "double",
    "INTEGER": "int32",
    "DECIMAL(18,2)": "decimal128(18, 2)",
}


def read(out: Path, table: str, year: int | None = None):  # type: ignore[no-untyped-def]
    folder = out / table if year is None else out / table / f"school_year={year}"
    return pq.read_table(folder / "data.parquet")


# --- the valid folder ------------------------------------------------------------------------


def test_the_valid_folder_is_staged_with_the_exact_layout_and_types(tmp_path: Path) -> None:
    report = run(tmp_path)
    out = tmp_path / "out"
    assert report.problems == [] and not report.has_errors and report.counts == {}
    assert staged_tables(out) == sorted(spec.table for spec in contract.FILES)
    assert sorted(p.name for p in out.iterdir()) == staged_tables(out)  # no scratch left
    assert sorted(p.name for p in (out / "enrollments").iterdir()) == [
        "school_year=2025",
        "school_year=2026",
    ]
    for spec in contract.FILES:
        expected = [(c.name, ARROW_TYPE[contract.STORED_TYPE[c.kind]]) for c in spec.columns]
        if spec.year_from == "date":
            expected.append(("school_year", "int16"))
        year = None if spec.table in contract.UNVERSIONED else 2026
        schema = read(out, spec.table, year).schema
        assert [(f.name, str(f.type)) for f in schema] == expected, spec.table
        if year is not None:
            assert read(out, spec.table, year).column("school_year").to_pylist()[0] == 2026
    assert report.row_counts == {
        "schools.csv": 4,
        "students.csv": 4,
        "enrollments.csv": 6,
        "attendance.csv": 3,
        "attendance_daily.csv": 5,
        "discipline.csv": 2,
        "assessments.csv": 2,
        "course_enrollments.csv": 2,
        "staff.csv": 2,
        "school_finance.csv": 3,
    }
    assert report.rows_by_year["enrollments"] == {2025: 1, 2026: 5}
    assert report.rows_by_year["attendance_daily"] == {2026: 5}
    assert report.years == [2025, 2026]


def test_identifiers_keep_leading_zeros_and_values_are_typed(tmp_path: Path) -> None:
    run(tmp_path)
    out = tmp_path / "out"
    students = read(out, "students").to_pylist()
    assert [s["student_id"] for s in students] == ["00123", "00124", "00125", "00126"]
    assert students[3] == {
        "student_id": "00126",
        "sex": None,
        "race_ethnicity": "WH",
        "birth_year": None,
    }
    schools = read(out, "schools").to_pylist()
    assert [s["school_id"] for s in schools] == ["0101", "0201", "0202", "0301"]
    assert [s["title_i"] for s in schools] == ["Y", "N", "N", None]  # blank flag is NULL
    enrollment = read(out, "enrollments", 2026).to_pylist()[0]
    assert enrollment["entry_date"] == dt.date(2025, 8, 20) and enrollment["exit_date"] is None
    assert enrollment["section_504"] is None  # optional column absent from the file
    finance = read(out, "school_finance", 2026).column("amount").to_pylist()
    assert [str(a) for a in finance] == ["2606529.20", "1000.00", "0.00"]
    staff = read(out, "staff", 2026).to_pylist()
    assert staff[1]["school_id"] is None and staff[1]["fte"] == 0.5
    assessment = read(out, "assessments", 2026).to_pylist()
    assert assessment[0]["scale_score"] == 2500.5 and assessment[0]["performance_level"] == 3
    assert assessment[1]["performance_level"] is None and assessment[1]["proficient"] is None


def test_a_student_in_two_schools_in_one_year_is_accepted(tmp_path: Path) -> None:
    report = run(tmp_path)
    rows = read(tmp_path / "out", "enrollments", 2026).to_pylist()
    assert [(r["school_id"]) for r in rows if r["student_id"] == "00126"] == ["0201", "0202"]
    assert not report.has_errors


# --- files and headers -----------------------------------------------------------------------


def test_a_missing_required_file_is_an_error_and_nothing_is_staged(tmp_path: Path) -> None:
    report = run(tmp_path, {"students.csv": None})
    assert report.has_errors
    problem = only(report, "missing_file")[0]
    assert (problem.file, problem.line, problem.severity) == ("students.csv", None, "error")
    assert not (tmp_path / "out").exists() or staged_tables(tmp_path / "out") == []


def test_a_missing_optional_file_is_fine(tmp_path: Path) -> None:
    report = run(tmp_path, {"staff.csv": None, "discipline.csv": None})
    assert not report.has_errors
    assert "staff" not in staged_tables(tmp_path / "out")


def test_a_zero_byte_file_is_empty(tmp_path: Path) -> None:
    report = run(tmp_path, {"discipline.csv": b""})
    assert errors(report) == [("discipline.csv", None, None, "empty_file")]
    assert report.row_counts["discipline.csv"] == 0


def test_a_header_only_required_file_is_an_error(tmp_path: Path) -> None:
    header = (VALID / "schools.csv").read_text().splitlines()[0] + "\n"
    report = run(tmp_path, {"schools.csv": header})
    assert ("schools.csv", None, None, "header_only") in errors(report)


def test_a_header_only_optional_file_has_zero_rows(tmp_path: Path) -> None:
    header = (VALID / "discipline.csv").read_text().splitlines()[0]
    report = run(tmp_path, {"discipline.csv": header})
    assert not report.has_errors and report.row_counts["discipline.csv"] == 0
    assert list((tmp_path / "out" / "discipline").iterdir()) == []


def test_a_missing_column_is_an_error_and_a_wrongly_cased_one_says_so(tmp_path: Path) -> None:
    text = replaced("schools.csv", "school_id,name", "School_ID,name")
    report = run(tmp_path, {"schools.csv": text})
    missing = only(report, "missing_column")
    assert [(p.file, p.line, p.column) for p in missing] == [("schools.csv", 1, "school_id")]
    assert "School_ID" in missing[0].message and "lower-case" in missing[0].message
    unknown = only(report, "unknown_column")[0]
    assert unknown.severity == "warning" and "lower-case" in unknown.message


def test_a_duplicate_column_name_is_an_error(tmp_path: Path) -> None:
    text = replaced("students.csv", "birth_year", "sex").replace("2015", "F", 1)
    report = run(tmp_path, {"students.csv": text})
    assert ("students.csv", 1, "sex", "duplicate_column") in errors(report)


def test_an_extra_column_is_kept_in_parquet_with_one_warning(tmp_path: Path) -> None:
    lines = (VALID / "students.csv").read_text().splitlines()
    text = (
        "\n".join([lines[0] + ",Home Room"] + [f"{line},R{i}" for i, line in enumerate(lines[1:])])
        + "\n"
    )
    report = run(tmp_path, {"students.csv": text})
    assert not report.has_errors
    assert [(p.rule, p.severity, p.column) for p in report.problems] == [
        ("unknown_column", "warning", "Home Room")
    ]
    assert report.extra_columns == {"students.csv": ["Home Room"]}
    table = read(tmp_path / "out", "students")
    assert table.schema.names[-1] == "Home Room"
    assert table.column("Home Room").to_pylist() == ["R0", "R1", "R2", "R3"]


# --- bytes and CSV structure -----------------------------------------------------------------


def test_a_file_that_is_not_utf8_reports_the_line(tmp_path: Path) -> None:
    text = (VALID / "schools.csv").read_bytes().replace(b"Birch", b"B\xe9rch")  # Latin-1 é
    report = run(tmp_path, {"schools.csv": text})
    assert errors(report)[0] == ("schools.csv", 4, "name", "not_utf8")
    assert "UTF-8" in report.problems[0].message


def test_bom_crlf_quoted_commas_and_quoted_newlines_are_accepted(tmp_path: Path) -> None:
    text = (
        "\ufeffschool_id,name,network_id,level,grade_low,grade_high,title_i\r\n"
        '0101,"Hawthorn, the ""Grove"" School",N1,elementary,KG,05,Y\r\n'
        '0201,"Poplar\r\nMiddle",N1,middle,06,08,N\r\n'
        "0202,Birch Middle,N2,middle,06,08,N\r\n"
        "0301,Cedar High,,High,09,12,\r\n"  # an error after the quoted newline: line 5
    )
    report = run(tmp_path, {"schools.csv": text.encode()})
    assert errors(report) == [("schools.csv", 5, "level", "bad_enum")]
    fixed = text.replace(",High,", ",high,")
    report = run(tmp_path / "again", {"schools.csv": fixed.encode()})
    assert not report.has_errors
    names = read(tmp_path / "again" / "out", "schools").column("name").to_pylist()
    assert names[:2] == ['Hawthorn, the "Grove" School', "Poplar\r\nMiddle"]


def test_a_ragged_row_is_an_error_with_its_line_and_later_lines_stay_right(tmp_path: Path) -> None:
    text = with_line("students.csv", "00127,F", after=2)  # line 3: too few fields
    text = text.replace("00125,X,,2009", "00125,Q,,2009")  # now line 5
    text += "00128,F,HL,2015,extra\n"  # line 7: too many fields
    report = run(tmp_path, {"students.csv": text})
    assert errors(report)[:3] == [
        ("students.csv", 3, None, "bad_row_shape"),
        ("students.csv", 5, "sex", "bad_enum"),
        ("students.csv", 7, None, "bad_row_shape"),
    ]
    assert report.row_counts["students.csv"] == 6


def test_an_unclosed_quote_is_an_error(tmp_path: Path) -> None:
    text = with_line("students.csv", '00127,"F,HL,2015')
    report = run(tmp_path, {"students.csv": text})
    assert [(p.line, p.rule) for p in report.problems] == [(6, "bad_quoting")]


def test_mixed_line_endings_are_a_clear_error_not_an_exception(tmp_path: Path) -> None:
    text = (VALID / "students.csv").read_text().replace("\n", "\r\n", 2)
    report = run(tmp_path, {"students.csv": text})
    assert report.has_errors
    assert {p.rule for p in report.problems if p.file == "students.csv"} <= {
        "unreadable_csv",
        "bad_row_shape",
    }


# --- cells -----------------------------------------------------------------------------------


def test_an_enum_violation_names_file_line_column_and_value(tmp_path: Path) -> None:
    report = run(tmp_path, {"schools.csv": replaced("schools.csv", "middle,06", "Middle,06")})
    problem = only(report, "bad_enum")[0]
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "schools.csv",
        3,
        "level",
        "Middle",
    )
    assert "schools.csv line 3, column level" in problem.message


def test_an_impossible_date_is_an_error(tmp_path: Path) -> None:
    text = replaced("enrollments.csv", "2025-08-20,,Y", "2026-02-30,,Y")
    report = run(tmp_path, {"enrollments.csv": text})
    assert errors(report) == [("enrollments.csv", 2, "entry_date", "bad_date")]


@pytest.mark.parametrize(
    ("name", "old", "new", "column", "rule"),
    [
        ("discipline.csv", "OSS,2,", "OSS,-1,", "days_removed", "negative"),
        ("discipline.csv", "OSS,2,", "OSS,1e2,", "days_removed", "bad_number"),
        ("discipline.csv", "OSS,2,", 'OSS,"1,000",', "days_removed", "bad_number"),
        ("discipline.csv", "OSS,2,", "OSS,$2,", "days_removed", "bad_number"),
        ("discipline.csv", "OSS,2,", "OSS,+2,", "days_removed", "bad_number"),
        ("discipline.csv", "I-1,00124", ",00124", "incident_id", "blank_value"),
        ("staff.csv", "Y,1,67200", "Y,0,67200", "fte", "out_of_range"),
        ("staff.csv", "Y,1,67200", "Y,1.5,67200", "fte", "out_of_range"),
        ("staff.csv", "Y,1,67200", 'Y,1,"67,200"', "salary", "bad_number"),
        ("assessments.csv", ",3,Y", ",6,Y", "performance_level", "out_of_range"),
        ("assessments.csv", ",3,Y", ",3.5,Y", "performance_level", "bad_int"),
        ("assessments.csv", ",3,Y", ",3,yes", "proficient", "bad_flag"),
        ("enrollments.csv", "00123,0101,2026,05", "00123,0101,2026,5", "grade_level", "bad_grade"),
        ("enrollments.csv", "00123,0101,2026,05", "00123,0101,26,05", "school_year", "bad_year"),
        ("attendance.csv", "00124,0201,2026", "00124,0201,1850", "school_year", "bad_year"),
        ("attendance.csv", "00124,0201,2026", "00124,0201,2e03", "school_year", "bad_year"),
        ("attendance.csv", "00124,0201,2026", "00124,0201,?", "school_year", "bad_year"),
        ("discipline.csv", "2025-09-10,OSS", "2025-9-10,OSS", "date", "bad_date"),
        ("students.csv", "2012", "1850", "birth_year", "out_of_range"),
    ],
)
def test_each_cell_rule(
    tmp_path: Path, name: str, old: str, new: str, column: str, rule: str
) -> None:
    report = run(tmp_path, {name: replaced(name, old, new)})
    assert (name, column, rule) in [(p.file, p.column, p.rule) for p in report.problems]
    assert report.has_errors and staged_tables(tmp_path / "out") == []


def test_days_absent_over_days_enrolled_is_an_error(tmp_path: Path) -> None:
    text = replaced("attendance.csv", "00123,0101,2025,178,7.5", "00123,0101,2025,178,180")
    report = run(tmp_path, {"attendance.csv": text})
    assert errors(report) == [("attendance.csv", 4, "days_absent", "absent_exceeds_enrolled")]
    assert "180" in report.problems[0].message and "178" in report.problems[0].message


def test_formula_looking_cells_are_kept_verbatim(tmp_path: Path) -> None:
    schools = replaced("schools.csv", "Cedar High", '=HYPERLINK("x")')
    discipline = replaced("discipline.csv", "OSS,2,FIGHT", "OSS,2,+1 @x -2")
    courses = replaced("course_enrollments.csv", "Algebra II", "-Algebra @II")
    report = run(
        tmp_path,
        {"schools.csv": schools, "discipline.csv": discipline, "course_enrollments.csv": courses},
    )
    assert not report.has_errors
    out = tmp_path / "out"
    assert read(out, "schools").column("name").to_pylist()[3] == '=HYPERLINK("x")'
    assert read(out, "discipline", 2026).column("offense").to_pylist()[0] == "+1 @x -2"
    assert read(out, "course_enrollments", 2026).column("course_name").to_pylist()[0] == (
        "-Algebra @II"
    )


def test_a_formula_in_a_number_column_is_an_error_kept_verbatim(tmp_path: Path) -> None:
    report = run(tmp_path, {"discipline.csv": replaced("discipline.csv", "OSS,2,", "OSS,=2+3,")})
    problem = only(report, "bad_number")[0]
    assert problem.value == "=2+3"


# --- keys and references ---------------------------------------------------------------------


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = with_line("enrollments.csv", "00124,0201,2026,08,2025-08-20,,N,Y,N")
    report = run(tmp_path, {"enrollments.csv": text})
    assert errors(report) == [
        ("enrollments.csv", 8, "student_id, school_id, school_year", "duplicate_key")
    ]
    assert "line 3" in report.problems[0].message and "00124, 0201, 2026" in (
        report.problems[0].value or ""
    )


def test_a_duplicate_day_in_the_daily_file_is_an_error(tmp_path: Path) -> None:
    text = with_line("attendance_daily.csv", "00123,0101,2025-09-03,P")
    report = run(tmp_path, {"attendance_daily.csv": text})
    duplicate = only(report, "duplicate_key")
    assert [(p.file, p.line) for p in duplicate] == [("attendance_daily.csv", 7)]
    assert "line 3" in duplicate[0].message


def test_unknown_students_and_schools_are_errors_on_every_line(tmp_path: Path) -> None:
    text = with_line("assessments.csv", "00999,0101,2026,STATE_ELA,ELA,05,,,")
    text += "00123,9999,2026,STATE_MATH,MATH,05,,,\n00999,0101,2026,STATE_MATH,MATH,05,,,\n"
    report = run(tmp_path, {"assessments.csv": text})
    assert errors(report) == [
        ("assessments.csv", 4, "student_id", "unknown_student"),
        ("assessments.csv", 5, "school_id", "unknown_school"),
        ("assessments.csv", 6, "student_id", "unknown_student"),
    ]
    assert report.counts[("assessments.csv", "unknown_student", "error")] == 2


def test_records_without_an_enrollment_that_year_are_a_warning(tmp_path: Path) -> None:
    text = with_line("discipline.csv", "I-2,00125,0101,2025-10-01,OTH,0,")  # 00125 is at 0301
    report = run(tmp_path, {"discipline.csv": text})
    assert not report.has_errors
    warning = only(report, "no_enrollment")[0]
    assert (warning.file, warning.line, warning.value, warning.severity) == (
        "discipline.csv",
        4,
        "00125",
        "warning",
    )
    assert "0101" in warning.message and "2026" in warning.message
    assert read(tmp_path / "out", "discipline", 2026).num_rows == 3  # kept


# --- school years and attendance totals ------------------------------------------------------


def test_the_school_year_of_a_discipline_date_follows_the_district_calendar(tmp_path: Path) -> None:
    enrollments = with_line("enrollments.csv", "00124,0201,2025,07,2024-08-21,,N,Y,N")
    discipline = with_line("discipline.csv", "I-3,00124,0201,2025-06-30,ISS,1,LATE")
    discipline += "I-4,00124,0201,2025-07-01,ISS,1,LATE\n"
    changes = {"enrollments.csv": enrollments, "discipline.csv": discipline}
    report = run(tmp_path, changes)
    assert report.rows_by_year["discipline"] == {2025: 1, 2026: 3}
    last_year = read(tmp_path / "out", "discipline", 2025).to_pylist()
    assert [(r["incident_id"], r["school_year"]) for r in last_year] == [("I-3", 2025)]
    # A district whose year starts on 1 August puts 2025-07-01 in 2025 too.
    report = run(tmp_path / "august", changes, year_start_month=8)
    assert report.rows_by_year["discipline"] == {2025: 2, 2026: 2}


def test_daily_totals_that_disagree_with_attendance_are_a_warning_per_student(
    tmp_path: Path,
) -> None:
    text = replaced("attendance.csv", "00123,0101,2026,3,1.5", "00123,0101,2026,3,1")
    report = run(tmp_path, {"attendance.csv": text})
    assert not report.has_errors
    warning = only(report, "attendance_totals_disagree")
    assert [(p.file, p.line, p.value) for p in warning] == [("attendance.csv", 2, "00123")]
    assert "1.5" in warning[0].message


# --- limits, progress, cancellation ----------------------------------------------------------


def test_the_first_problems_are_listed_and_all_are_counted(tmp_path: Path) -> None:
    lines = [f"{i:05d},Q,HL,2015" for i in range(200, 2700)]  # 2,500 bad sex values
    text = (VALID / "students.csv").read_text() + "\n".join(lines) + "\n"
    report = run(tmp_path, {"students.csv": text}, max_problems=1000)
    assert len(report.problems) == 1000
    assert report.counts[("students.csv", "bad_enum", "error")] == 2500
    assert [p.line for p in report.problems[:2]] == [6, 7]
    assert report.problems[-1].line == 1005
    assert report.rule_counts() == [("students.csv", "bad_enum", "error", 2500)]


def test_progress_is_reported_up_to_one(tmp_path: Path) -> None:
    seen: list[tuple[str, float, int]] = []
    run(tmp_path, progress=lambda step, fraction, rows: seen.append((step, fraction, rows)))
    fractions = [f for _s, f, _r in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[-1][2] == 33  # every data row of the valid folder was checked


def test_cancelling_raises_and_stages_nothing(tmp_path: Path) -> None:
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(ImportCancelled):
        run(tmp_path, cancelled=cancelled)
    out = tmp_path / "out"
    assert staged_tables(out) == [] and list(out.iterdir()) == []


def test_scratch_can_live_in_a_temp_dir(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    files = make_batch(tmp_path)
    report = validate_and_stage(files, tmp_path / "out", temp_dir=temp, memory_limit="200MB")
    assert not report.has_errors and list(temp.iterdir()) == []
