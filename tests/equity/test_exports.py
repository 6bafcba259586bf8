"""The tidy exports: exact columns, plain full-precision numbers, safe text, and the
selector's scoping and suppression in every format."""

from __future__ import annotations

import csv
import io
import json

import openpyxl

from districtwise.analytics.equity.spec import TIDY_COLUMNS, AuditSettings
from districtwise.core.exports import neutralise
from districtwise.equity import exports
from tests.equity.conftest import YEAR, figure, tidy_table


def odd_table():
    return tidy_table(
        [
            figure("district", "=cmd|' /C calc'!A0", "all", "all", 3, 300000, value=1e-05),
            figure(
                "school",
                "0101",
                "sex",
                "F",
                1234567,
                2469134,
                comparison_value=None,
                ratio=None,
                status="insufficient_n",
            ),
            figure("school", "0101", "sex", "M", 1, 3, dimension="attendance"),
        ]
    )


def test_the_csv_has_the_exact_header_and_plain_decimals():
    text = exports.tidy_csv(odd_table())
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == TIDY_COLUMNS
    first = dict(zip(TIDY_COLUMNS, rows[1], strict=True))
    assert first["value"] == "0.00001"  # never 1e-05
    assert first["denominator"] == "300000.0"  # no thousands separator
    assert first["unit_id"] == "'=cmd|' /C calc'!A0"  # a formula is neutralised
    assert first["school_year"] == str(YEAR)
    second = dict(zip(TIDY_COLUMNS, rows[2], strict=True))
    assert second["comparison_value"] == "" and second["ratio"] == ""
    assert second["value"] == "0.5"
    third = dict(zip(TIDY_COLUMNS, rows[3], strict=True))
    assert float(third["value"]) == 1 / 3 and third["value"] == repr(1 / 3)  # full precision
    assert "," not in third["value"] and "%" not in text


def test_a_negative_figure_is_a_plain_decimal_in_the_csv():
    # An effect size below 0 was written "'-1.25", neutralised as if it were a formula.
    effect = figure(
        "school",
        "0101",
        "sex",
        "F",
        0,
        40,
        metric="scale_score_effect_size:STATE_ELA",
        dimension="achievement",
        value=-1.25,
    ) | {"numerator": None}
    rows = list(csv.DictReader(io.StringIO(exports.tidy_csv(tidy_table([effect])))))
    assert rows[0]["value"] == "-1.25"
    assert neutralise("-2") == "-2"
    assert neutralise("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0"  # still a formula


def test_the_json_has_exactly_the_tidy_keys_numbers_and_nulls():
    rows = json.loads(exports.tidy_json(odd_table()))
    assert [list(r) for r in rows] == [list(TIDY_COLUMNS)] * 3
    assert rows[0]["value"] == 1e-05 and isinstance(rows[0]["numerator"], float)
    assert rows[0]["school_year"] == YEAR
    assert rows[1]["ratio"] is None and rows[1]["comparison_value"] is None
    assert rows[2]["value"] == 1 / 3


def test_a_negative_figure_is_a_plain_negative_decimal_in_the_csv():
    table = tidy_table([figure("school", "-1+1", "sex", "F", 1, 4, value=-0.25, ratio=-5.0)])
    rows = list(csv.DictReader(io.StringIO(exports.tidy_csv(table))))
    assert (rows[0]["value"], rows[0]["ratio"]) == ("-0.25", "-5.0")  # numbers, not text
    assert rows[0]["unit_id"] == "'-1+1"  # a formula that starts like a number is not one


def test_the_workbook_has_a_sheet_per_dimension_and_the_settings():
    settings = AuditSettings(minimum_display_n=12)
    data = exports.tidy_xlsx(odd_table(), audit_settings=settings, about={"district": "x"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["discipline", "attendance", "Settings"]
    discipline = list(book["discipline"].values)
    assert discipline[0] == TIDY_COLUMNS and len(discipline) == 3
    assert discipline[1][2] == "'=cmd|' /C calc'!A0"  # stored as text, not a formula
    assert book["discipline"].cell(row=2, column=3).data_type == "s"
    settings_rows = dict(list(book["Settings"].values)[1:])
    assert settings_rows["minimum_display_n"] == 12
    assert settings_rows["risk_ratio_threshold"] == 2.0
    assert settings_rows["district"] == "x"


def small_figures(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["group"] == "F"]


def test_every_export_is_suppressed_for_the_superintendent(cast, stored_audit):
    user, district = cast["superintendent"], cast.district
    as_csv = exports.audit_export(user=user, district=district, school_year=YEAR, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert small_figures(rows) and all(
        r["status"] == "suppressed" and r["denominator"] == "" and r["value"] == ""
        for r in small_figures(rows)
    )
    as_json = json.loads(
        exports.audit_export(user=user, district=district, school_year=YEAR, fmt="json")
    )
    assert small_figures(as_json) and all(
        r["status"] == "suppressed" and r["numerator"] is None for r in small_figures(as_json)
    )
    book = openpyxl.load_workbook(
        io.BytesIO(exports.audit_export(user=user, district=district, school_year=YEAR, fmt="xlsx"))
    )
    sheet = [dict(zip(TIDY_COLUMNS, r, strict=True)) for r in list(book["discipline"].values)[1:]]
    assert small_figures(sheet) and all(
        r["status"] == "suppressed" and r["denominator"] is None for r in small_figures(sheet)
    )


def test_no_export_is_suppressed_for_the_data_steward(cast, stored_audit):
    user, district = cast["data_steward"], cast.district
    as_json = json.loads(
        exports.audit_export(user=user, district=district, school_year=YEAR, fmt="json")
    )
    assert len(small_figures(as_json)) == 6
    assert all(r["status"] == "ok" and r["denominator"] == 4 for r in small_figures(as_json))
    as_csv = exports.audit_export(user=user, district=district, school_year=YEAR, fmt="csv")
    assert all(
        r["denominator"] == "4.0" for r in small_figures(list(csv.DictReader(io.StringIO(as_csv))))
    )


def test_an_export_holds_only_the_users_units(cast, stored_audit):
    as_json = json.loads(
        exports.audit_export(
            user=cast["principal_north_1"], district=cast.district, school_year=YEAR, fmt="json"
        )
    )
    assert {r["unit_id"] for r in as_json} == {cast.district.code, cast.north_1.code}
