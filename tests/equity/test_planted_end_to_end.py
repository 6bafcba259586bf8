"""The equity issue's "done": the audit of the demo district shows its planted disparities
in the pages, the findings list, every export and the PDF board report.

The default demo district is generated, imported through the real import service and
audited by the worker once for the module; then, as the district's superintendent, each
planted pattern of the manifest is looked for on every surface: the right unit, the right
group and the planted magnitude (tests/analytics/equity/test_planted.py checks the same
patterns in the computed table alone)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from districtwise.analytics.equity.spec import DIMENSIONS, TIDY_COLUMNS
from districtwise.core.roles import Role
from districtwise.data import services as data_services
from districtwise.data.models import Job
from districtwise.data.worker import run_worker
from districtwise.demo.files import generate_district_files
from districtwise.equity.charts.labels import DIMENSION_ABOUT, DIMENSION_NAMES
from districtwise.equity.models import AuditRun
from districtwise.equity.report_pdf import board_report_pdf
from districtwise.organization.models import District
from tests import factories as f
from tests.analytics.equity.planted import (
    DEMO_SEED,
    DEMO_STUDENTS,
    PLANTED,
    assert_planted_found,
    plant_of,
)

# Every test reads the database (through the pages or the fixtures): each runs in its own
# transaction, nested in the module's (see ``demo``). The board report alone draws for a
# minute: the module is slow.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

NUMBERS = ("numerator", "denominator", "value", "comparison_value", "ratio")

# How the pages and the report name each plant's metric, its group in a finding, and its
# group's row in a table.
WORDS = {
    "oss_black_students": (
        "Out-of-school suspension",
        "Race and ethnicity: Black or African American",
        "Black or African American",
    ),
    "disability_black_students": (
        "Identified with a disability",
        "Race and ethnicity: Black or African American",
        "Black or African American",
    ),
    "ap_economically_disadvantaged": (
        "Taking an Advanced Placement course",
        "Economically disadvantaged: Yes",
        "Yes",
    ),
    "novice_teachers_high_poverty": (
        "Teacher FTE in their first two years",
        "School poverty quartile: Q4 (highest poverty)",
        "Q4 (highest poverty)",
    ),
    "chronic_absence_homeless": ("Chronic absenteeism", "Experiencing homelessness: Yes", "Yes"),
    "math_proficiency_english_learners": ("Proficient: STATE_MATH", "English learners: Yes", "Yes"),
}


@dataclass
class Demo:
    manifest: dict[str, Any]
    district: District
    superintendent: Any
    year: int

    def unit_name(self, plant: dict[str, Any], unit: str) -> str:
        """The name a reader knows the unit by: the school's in the files, or the district's."""
        if plant["unit_type"] == "district":
            assert unit == self.district.code
            return self.district.name
        return next(s["name"] for s in self.manifest["schools"] if s["school_id"] == unit)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Demo]:
    """The default demo district, imported and audited as in production, for the module.

    It is built inside one transaction, rolled back when the module ends, so no other test
    module sees it; each test's own transaction nests in it as a savepoint (on SQLite and
    PostgreSQL alike)."""
    source = tmp_path_factory.mktemp("planted-demo") / "files"
    manifest = generate_district_files(source, seed=DEMO_SEED, students=DEMO_STUDENTS)
    (source / "manifest.json").unlink()
    module_transaction = transaction.atomic()
    with override_settings(DATA_DIR=tmp_path_factory.mktemp("planted-var")):
        with django_db_blocker.unblock():
            module_transaction.__enter__()
            try:
                built = _import_and_audit(manifest, source)
            except BaseException:
                module_transaction.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


def _import_and_audit(manifest: dict[str, Any], source: Path) -> Demo:
    """What `districtwise import --district demo` and `districtwise worker` do, then the
    district's superintendent."""
    district, _ = data_services.district_for_import(code="demo", create=True)
    data_services.import_queue(
        actor=None, district=district, source=source, source_name="demo district files"
    )
    assert run_worker(once=True, say=lambda _: None) == 1  # the import
    assert run_worker(once=True, say=lambda _: None) == 1  # the audit it queued
    job = Job.objects.get(kind="audit", district=district)
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert AuditRun.objects.filter(district=district, status="succeeded").count() == 1
    person = f.PersonFactory(district=district, user__username="demo_superintendent")
    f.MembershipFactory(person=person, role=Role.SUPERINTENDENT)
    return Demo(
        manifest=manifest,
        district=district,
        superintendent=person.user,
        year=plant_of(manifest, PLANTED[0])["school_year"],
    )


@pytest.fixture(scope="module")
def downloads(demo, django_db_blocker) -> dict[str, Any]:
    """The superintendent's downloads of the planted year, as a browser gets them, read as
    a user's tools read them: the tidy rows of the CSV and the JSON, the workbook's sheets."""
    client = Client()
    with django_db_blocker.unblock():
        client.force_login(demo.superintendent)
        got = {
            fmt: client.get(reverse("equity:export", args=[fmt]), {"year": demo.year})
            for fmt in ("csv", "json", "xlsx")
        }
    for fmt, response in got.items():
        assert response.status_code == 200, fmt
    book = openpyxl.load_workbook(io.BytesIO(got["xlsx"].content), read_only=True)
    sheets = {name: list(book[name].values) for name in book.sheetnames}
    book.close()
    text = got["csv"].content.decode("utf-8")
    return {
        "csv": tidy_rows(list(csv.DictReader(io.StringIO(text)))),
        "json": tidy_rows(json.loads(got["json"].content)),
        "xlsx": sheets,
    }


@pytest.fixture(scope="module")
def report_findings(demo, django_db_blocker, tmp_path_factory) -> str:
    """The findings section of the superintendent's board report (PDF) as plain text."""
    with django_db_blocker.unblock():
        pdf = board_report_pdf(
            user=demo.superintendent, district=demo.district, school_year=demo.year
        )
    path = tmp_path_factory.mktemp("board-report") / "report.pdf"
    path.write_bytes(pdf)
    text = plain(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    first = DIMENSIONS[0]  # the report's sections follow the findings in this order
    start = text.index(" Findings ")
    end = text.index(plain(f"{DIMENSION_NAMES[first]} {DIMENSION_ABOUT[first]}"), start)
    return text[start:end]


def plain(text: str) -> str:
    """Text with every run of white space one space (lines wrap differently everywhere)."""
    return " " + " ".join(unicodedata.normalize("NFKC", text).split()) + " "


# ---------------------------------------------------------------- reading what a user sees


class _Tables(HTMLParser):
    """The tables of a page: each its caption and its rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = plain("".join(self._caption)).strip()
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(plain("".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    """caption -> rows (cell texts) of every table in ``html``."""
    parser = _Tables()
    parser.feed(html)
    return {t["caption"]: t["rows"] for t in parser.tables}


def text_of(markup: str) -> str:
    """The text of some HTML as a reader sees it (tags gone, entities read)."""
    return plain(unescape(re.sub(r"<[^>]+>", " ", markup)))


def percent(text: str) -> float:
    assert text.endswith("%"), text
    return float(text[:-1]) / 100


def finding_figures(text: str, title: str) -> dict[str, float]:
    """The figure, its comparison and ratio of the one finding titled ``title`` in ``text``
    (a findings list in words: "<title> (<dimension>, <kind>) 12.3% against 4.5% …; risk
    ratio 2.73. n = 1,234.")."""
    pattern = (
        rf" {re.escape(title)} \([^)]*\) (?P<value>[\d.]+)% against (?P<comparison>[\d.]+)% "
        r"(?:(?! n = ).)*?; risk ratio (?P<ratio>[\d.]+)\. n = "  # within the one finding
    )
    found = list(re.finditer(pattern, text))
    assert len(found) == 1, f"{title!r} is listed {len(found)} times"
    return {
        "value": float(found[0]["value"]) / 100,
        "comparison_value": float(found[0]["comparison"]) / 100,
        "ratio": float(found[0]["ratio"]),
    }


def assert_planted_magnitude(plant: dict[str, Any], shown: dict[str, float], where: str) -> None:
    """A shown figure is the plant's: its ratio within the plant's tolerance of the planted
    magnitude, its rates close to the planted ones where the manifest gives them."""
    assert shown["ratio"] == pytest.approx(
        plant["expected_ratio_approx"], abs=plant["tolerance"]
    ), where
    for name in ("value", "comparison_value"):
        if f"expected_{name}_approx" in plant and name in shown:
            assert shown[name] == pytest.approx(plant[f"expected_{name}_approx"], abs=0.05), where


def tidy_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Export rows with the tidy columns exactly, numbers as numbers (empty as None)."""
    for record in records:
        assert tuple(record) == TIDY_COLUMNS
    return [
        record
        | {"school_year": int(record["school_year"])}
        | {c: None if record[c] in ("", None) else float(record[c]) for c in NUMBERS}
        for record in records
    ]


# ---------------------------------------------------------------- the surfaces


def finding_title(demo: Demo, plant: dict[str, Any], unit: str) -> str:
    metric, group, _ = WORDS[plant["id"]]
    return f"{metric}: {group} at {demo.unit_name(plant, unit)}"


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_findings_page_lists_the_planted_disparity(client, demo, plant_id):
    """Filtered as the page offers (the dimension, the group, the school), the list holds
    the planted finding at every planted unit, with its figure."""
    plant = plant_of(demo.manifest, plant_id)
    client.force_login(demo.superintendent)
    for unit in plant["unit_ids"]:
        query = {
            "year": demo.year,
            "dimension": plant["dimension"],
            "group_type": plant["group_type"],
        }
        if plant["unit_type"] == "school":
            query["school"] = unit
        response = client.get(reverse("equity:findings"), query)
        assert response.status_code == 200
        items = re.findall(r'<li class="dw-finding">.*?</li>', response.content.decode(), re.S)
        listed = plain(" ".join(text_of(item) for item in items))
        shown = finding_figures(listed, finding_title(demo, plant, unit))
        assert_planted_magnitude(plant, shown, unit)


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_dimension_page_at_the_planted_unit_shows_the_group(client, demo, plant_id):
    """Drilled down to the planted unit, the dimension's table shows the planted group's
    figure (for the poverty quartiles, the district's table of quartiles)."""
    plant = plant_of(demo.manifest, plant_id)
    metric, _, group_label = WORDS[plant["id"]]
    client.force_login(demo.superintendent)
    for unit in plant["unit_ids"]:
        query = {"year": demo.year, "unit_type": plant["unit_type"], "unit_id": unit}
        if plant["group_type"] != "poverty_quartile":
            query["group_type"] = plant["group_type"]
        response = client.get(reverse("equity:dimension", args=[plant["dimension"]]), query)
        assert response.status_code == 200
        page = tables(response.content.decode())
        name = demo.unit_name(plant, unit)
        if "comparison_group" in plant:
            rows = {r[0]: r for r in page[f"{metric} by school poverty quartile"]}
            q4, q1 = percent(rows[group_label][1]), percent(rows["Q1 (lowest poverty)"][1])
            shown = {"value": q4, "comparison_value": q1, "ratio": q4 / q1}
        else:
            row = next(r for r in page[f"{metric}, {name}"] if r[0] == group_label)
            shown = {
                "value": percent(row[1]),
                "comparison_value": percent(row[2]),
                "ratio": float(row[4]),
            }
        assert_planted_magnitude(plant, shown, unit)


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_csv_download_has_the_planted_figure(downloads, demo, plant_id):
    assert_planted_found(downloads["csv"], plant_of(demo.manifest, plant_id))


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_json_download_has_the_planted_figure(downloads, demo, plant_id):
    assert_planted_found(downloads["json"], plant_of(demo.manifest, plant_id))


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_xlsx_download_has_the_planted_figure_on_its_dimension_sheet(downloads, demo, plant_id):
    plant = plant_of(demo.manifest, plant_id)
    header, *values = downloads["xlsx"][plant["dimension"]]
    assert header == TIDY_COLUMNS
    assert_planted_found(
        tidy_rows([dict(zip(TIDY_COLUMNS, v, strict=True)) for v in values]), plant
    )


@pytest.mark.parametrize("plant_id", PLANTED)
def test_the_board_report_lists_the_planted_disparity(report_findings, demo, plant_id):
    """The PDF's findings name the planted school (or the district) and group, with the
    planted magnitude."""
    plant = plant_of(demo.manifest, plant_id)
    for unit in plant["unit_ids"]:
        shown = finding_figures(report_findings, finding_title(demo, plant, unit))
        assert_planted_magnitude(plant, shown, unit)
