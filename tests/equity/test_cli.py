"""``districtwise audit equity``: every format, the --as view, and clear refusals."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from districtwise.analytics.equity.spec import TIDY_COLUMNS
from districtwise.cli import app
from districtwise.equity.models import AuditRun
from tests.equity.test_run_cache import cast_district_with_data

runner = CliRunner()


def audit(*args: str):
    return runner.invoke(app, ["audit", "equity", *args])


@pytest.fixture
def district(cast, files):
    cast_district_with_data(cast, files)
    return cast.district.code


def test_csv_goes_to_stdout_computed_on_demand_with_nothing_suppressed(district):
    done = audit("--district", district, "--year", "2026")
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert tuple(rows[0]) == TIDY_COLUMNS
    assert {r[0] for r in rows[1:]} == {"2026"}
    assert AuditRun.objects.filter(status="succeeded").count() == 1
    body = [dict(zip(TIDY_COLUMNS, r, strict=True)) for r in rows[1:]]
    assert any(r["denominator"] and 0 < float(r["denominator"]) < 10 for r in body)
    assert not any(r["status"] == "suppressed" for r in body)
    again = audit("--district", district, "--year", "2025-26", "--format", "json")
    assert again.exit_code == 0, again.output
    assert AuditRun.objects.count() == 1  # computed once
    assert len(json.loads(again.stdout)) == len(body)


def test_as_a_principal_it_is_their_view_suppressed(district, cast):
    done = audit(
        "--district", district, "--year", "2026", "--format", "json", "--as", "principal_north_1"
    )
    assert done.exit_code == 0, done.output
    rows = json.loads(done.stdout)
    assert {r["unit_id"] for r in rows} == {district, "0101"}
    assert all(r["denominator"] is None or r["denominator"] >= 10 for r in rows)


def test_one_school_to_an_xlsx_file(district, tmp_path):
    target = tmp_path / "audit.xlsx"
    done = audit(
        "--district",
        district,
        "--year",
        "2026",
        "--format",
        "xlsx",
        "--school",
        "0101",
        "--output",
        str(target),
    )
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(target)
    assert "Settings" in book.sheetnames and len(book.sheetnames) > 1
    for name in book.sheetnames[:-1]:
        values = list(book[name].values)
        assert values[0] == TIDY_COLUMNS
        assert {v[2] for v in values[1:]} == {"0101"}


def test_pdf_is_written_or_refused_clearly(district, tmp_path):
    target = tmp_path / "board.pdf"
    done = audit(
        "--district", district, "--year", "2026", "--format", "pdf", "--output", str(target)
    )
    try:
        import districtwise.equity.report_pdf  # noqa: F401
    except ImportError:
        assert done.exit_code == 2 and "not available" in done.output
    else:
        assert done.exit_code == 0, done.output
        assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--year", "2019"], "no audit data for 2018-19"),
        (["--year", "next year"], "not a school year"),
        (["--year", "2026", "--format", "docx"], "Unknown format"),
        (["--year", "2026", "--format", "xlsx"], "--output"),
        (["--year", "2026", "--as", "nobody"], "not a member"),
        (["--year", "2026", "--as", "outsider"], "not a member"),
        (["--year", "2026", "--school", "9999"], "no school '9999'"),
    ],
)
def test_bad_input_is_refused_with_exit_code_2(district, args, words):
    done = audit("--district", district, *args)
    assert done.exit_code == 2, done.output
    assert words in " ".join(done.output.split())


def test_an_unknown_district_is_refused(cast):
    done = audit("--district", "atlantis", "--year", "2026")
    assert done.exit_code == 2 and "no district 'atlantis'" in done.output


def test_a_district_without_data_is_refused(cast):
    done = audit("--district", cast.district.code, "--year", "2026")
    assert done.exit_code == 2 and "No data is live" in " ".join(done.output.split())
