"""No one without student-record rights can obtain, from any page, export or API answer of
a real audit, a figure under the minimum display n, directly or by working it out from the
published figures (spec "Privacy"; the equity-audit issue).

Each example is a random small district (``tests/equity/districts.py``) written as contract
CSV files, imported by the import service and audited by the worker, as in production. For
each person without the student-record grant (the superintendent, a network lead, a
principal, a partner) the test collects every figure they obtain from the CSV, JSON and XLSX
exports, the API, and the tables of the overview and of the dimension pages drilled to every
unit they see (the superintendent every dimension at every unit, the others one drawn per
unit), and checks that every number is the true one, that the surfaces agree, and that none
belongs to a figure under the minimum display n. Then the attacker of
``tests/analytics/equity/attacker.py``, who also knows the schools' networks and poverty
quartiles, gets what all of them obtained together: the coalition knows at least what each
member knows, and what more knowledge leaves undetermined less knowledge cannot determine,
so if the coalition works out no small figure, none of them alone does.

The data steward (with the grant) is the control: they see the small figures on every
surface, so the checks can fail; and ``test_the_attacker_works_out_...`` shows the attacker
working out what suppression without its complementary rule leaves exposed. (The web PDF
is drawn from the same selector as the XLSX and is left out.)
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import shutil
from collections import defaultdict
from html.parser import HTMLParser

import openpyxl
import pyarrow as pa
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from districtwise.analytics.equity.memberships import school_memberships
from districtwise.analytics.equity.spec import DIMENSIONS, GROUP_TYPES, QUARTILES, TIDY_COLUMNS
from districtwise.data.worker import run_worker
from districtwise.equity import selectors
from districtwise.equity.charts.labels import group_name, metric_name, value_kind, year_label
from districtwise.equity.views import figures
from tests.analytics.equity.attacker import key_of, n_of, recovered_small_figures
from tests.api.conftest import API, bearer
from tests.data.test_import import run_import
from tests.equity.districts import small_district, small_districts

PEOPLE = ("superintendent", "north_lead", "principal_north_1", "partner")
STEWARD = "data_steward"
CHOOSABLE = tuple(g for g in GROUP_TYPES if g != "all")
NUMBERS = ("numerator", "denominator", "value", "comparison_value", "ratio")
# How far a page's rounded figure may be from the true one, by the kind of figure.
SHOWN_TO = {"percent": 0.0005, "money": 0.5, "number": 0.05, "effect": 0.005, "count": 0.05}


def test_no_one_without_student_record_rights_can_obtain_a_small_figure(
    cast, client, raw_token_for, tmp_path
):
    tokens = {name: raw_token_for(name) for name in (*PEOPLE, STEWARD)}
    cast_schools = tuple((s.code, s.name) for s in (cast.north_1, cast.north_2, cast.south_1))

    # Each example imports and audits a district: a failure is reported as found, not
    # shrunk (shrinking would take many minutes).
    @hyp_settings(
        max_examples=3,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(district=small_districts(cast_schools), data=st.data())
    def example(district, data):
        folder = tmp_path / "example"
        shutil.rmtree(folder, ignore_errors=True)
        with transaction.atomic(), override_settings(DATA_DIR=folder / "var"):
            truth = audited(cast, district.write(folder / "files"))
            world = World(cast, district, truth)
            smallest = world.smallest_unit()
            steward = world.obtained(
                client,
                STEWARD,
                tokens[STEWARD],
                data,
                lambda unit: ("programmatic",) if unit == smallest else (),
            )
            world.surfaces_agree(steward)
            for surface in ("csv", "json", "xlsx", "api", "page"):
                assert world.small_figures(steward, surfaces=(surface,)), surface
            everyone = Obtained()
            for person in PEOPLE:
                pages = every_dimension if person == "superintendent" else one_dimension(data)
                obtained = world.obtained(client, person, tokens[person], data, pages)
                assert obtained.units == world.visible_units(person), person
                world.surfaces_agree(obtained)
                assert not world.small_figures(obtained), person
                everyone.add(obtained)
            found = recovered_small_figures(
                world.published(everyone), truth, world.networks, world.quartiles
            )
            assert not found, sorted(found, key=repr)[:5]
            world.primary_suppression_is_attackable()
            transaction.set_rollback(True)

    example()


def every_dimension(unit) -> tuple[str, ...]:
    return DIMENSIONS


def one_dimension(data):
    return lambda unit: (data.draw(st.sampled_from(DIMENSIONS), label=f"dimension at {unit}"),)


def test_the_attacker_works_out_what_hiding_only_the_small_figures_leaves(cast, tmp_path):
    """The attacker is no straw man: on a real audit they work out the small groups that
    suppression without its complementary rule would leave exposed."""
    named = [(s.code, s.name) for s in (cast.north_1, cast.north_2, cast.south_1)]
    networks = {named[0][0]: "N", named[1][0]: "N", named[2][0]: "S"}
    sizes = {(named[0][0], 2026): 34, (named[1][0], 2026): 25, (named[2][0], 2026): 6}
    district = small_district(named, networks, sizes, {"staff.csv"}, random.Random(7))
    with override_settings(DATA_DIR=tmp_path / "var"):
        truth = audited(cast, district.write(tmp_path / "files"))
        assert World(cast, district, truth).primary_suppression_is_attackable()


def audited(cast, files) -> pa.Table:
    """Import the files into the cast's district and let the worker compute the audit;
    returns the stored (unsuppressed) figures."""
    batch = run_import(files, code=cast.district.code)
    assert batch.status == "live", (batch.message, batch.problems[:3])
    assert run_worker(once=True, say=lambda _: None) == 1
    return selectors.audit_table(user=selectors.OPERATOR, district=cast.district)


class Obtained:
    """What one person obtained: key -> field -> [(surface, number, how a page showed it
    or None for an exact number)], and the units of the exports and API answers."""

    def __init__(self) -> None:
        self.figures: dict[tuple, dict[str, list[tuple[str, float, str | None]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.units: set[tuple[int, str, str]] = set()

    def add(self, other: Obtained) -> None:
        for key, fields in other.figures.items():
            for field, seen in fields.items():
                self.figures[key][field] += seen
        self.units |= other.units

    def rows(self, surface: str, rows: list[dict]) -> None:
        for row in rows:
            key = key_of(row)
            self.units.add(key[:3])
            for field in NUMBERS:
                if row[field] is not None:
                    self.figures[key][field].append((surface, float(row[field]), None))

    def shown(self, key: tuple, field: str, text: str, kind: str) -> None:
        """A figure as a page shows it (``suppressed`` and ``—`` are no figure)."""
        number = shown_number(text)
        if number is not None:
            self.figures[key][field].append(("page", number, kind))


def shown_number(text: str) -> float | None:
    text = text.strip()
    if text in ("", "—", "suppressed"):
        return None
    percent = text.endswith("%") or text.endswith(" points")
    number = float(text.removesuffix(" points").strip("%$+").replace(",", "").replace("$", ""))
    return number / 100 if percent else number


class World:
    """One example: the district, its true figures, and the ways of reading them."""

    def __init__(self, cast, district, truth: pa.Table):
        self.cast = cast
        self.district = district
        self.truth = {key_of(r): r for r in truth.to_pylist()}
        self.truth_table = truth
        self.years = sorted({key[0] for key in self.truth})
        self.settings = selectors.district_audit_settings(district=cast.district)
        self.networks = district.networks
        members = school_memberships(truth, district.networks).to_pylist()
        self.quartiles = {
            (m["school_year"], m["school_id"]): m["poverty_quartile"] for m in members
        }
        self.names = figures.unit_names(user=cast[STEWARD], district=cast.district)
        self.captions = self._captions()

    # ------------------------------------------------------------ what a person obtains

    def obtained(self, client, person: str, token: str, data, dimensions_at) -> Obtained:
        """What ``person`` gets from the CSV, JSON and API answers of every year of the
        audit, the XLSX of the latest year (the slowest to make), and the tables of the
        overview and of the ``dimensions_at(unit)`` pages at every unit they see, in the
        latest year (whose trend tables hold the earlier ones), each page comparing the
        groups of a type drawn by hypothesis."""
        got = Obtained()
        client.force_login(self.cast[person])
        for year in self.years:
            for fmt in ("csv", "json", "xlsx") if year == self.years[-1] else ("csv", "json"):
                response = client.get(reverse("equity:export", args=[fmt]) + f"?year={year}")
                assert response.status_code == 200, (person, fmt)
                got.rows(fmt, export_rows(fmt, response.content))
            answer = client.get(f"{API}/equity/{year}", headers=bearer(token))
            assert answer.status_code in (200, 404), person
            got.rows("api", answer.json() if answer.status_code == 200 else [])
        year = self.years[-1]
        overview = client.get(reverse("equity:overview") + f"?year={year}")
        self.read_page(got, overview, year, None, None)
        for unit in sorted(u[1:] for u in got.units if u[0] == year):
            for dimension in dimensions_at(unit):
                group_type = data.draw(st.sampled_from(CHOOSABLE), label="group type")
                query = f"?year={year}&unit_type={unit[0]}&unit_id={unit[1]}"
                page = client.get(
                    reverse("equity:dimension", args=[dimension])
                    + f"{query}&group_type={group_type}"
                )
                self.read_page(got, page, year, unit, group_type)
        return got

    def read_page(self, got: Obtained, response, year: int, unit, group_type) -> None:
        assert response.status_code == 200
        tables = Tables()
        tables.feed(response.content.decode())
        for caption, head, rows in tables.found:
            kind, metric, at = self.captions[caption]
            if unit is not None and kind == "groups":
                assert at == unit, caption
            for row in rows:
                if len(row) > 1:
                    self._read_row(got, kind, year, metric, at, head, row, group_type)

    def _read_row(self, got, kind, year, metric, at, head, row, group_type) -> None:
        label, cells = row[0], dict(zip(head[1:], row[1:], strict=True))
        value = value_kind(metric)
        if kind in ("groups", "trend"):
            group = self._group(label, group_type or "race_ethnicity")
            key = (year, *at, metric, *group)
        elif kind == "units":
            key = (year, *self._unit(label), metric, "all", "all")
        else:
            key = (year, *at, metric, *self._group(label, "poverty_quartile"))
        if kind == "trend":
            for y in self.years:
                if year_label(y) in cells:
                    got.shown((y, *key[1:]), "value", cells[year_label(y)], value)
            return
        got.shown(key, "value", cells["Value"], value)
        got.shown(key, "denominator", cells["Students (n)"], "count")
        if kind == "groups":
            got.shown(key, "comparison_value", cells["All other students"], value)
            got.shown(key, "gap", cells["Gap"], "number" if value == "effect" else value)
            got.shown(key, "ratio", cells["Ratio"], "effect")
            got.shown(key, "numerator", cells["Count"], "count")

    def _group(self, label: str, group_type: str) -> tuple[str, str]:
        for gt in ("all", group_type):
            for g in GROUP_TYPES.get(gt, QUARTILES):
                if group_name(gt, g) == label:
                    return gt, g
        raise AssertionError(f"no group is called {label!r}")

    def _unit(self, label: str) -> tuple[str, str]:
        return next(u for u in self.names if figures.unit_label(self.names, *u) == label)

    def _captions(self) -> dict[str, tuple[str, str, tuple[str, str]]]:
        """Every caption a page can give a table: (kind, metric, unit)."""
        captions: dict[str, tuple[str, str, tuple[str, str]]] = {}
        metrics = {k[3] for k in self.truth}
        district = ("district", self.cast.district.code)
        for metric in metrics:
            name = metric_name(metric)
            captions[f"{name} by school poverty quartile"] = ("quartiles", metric, district)
            for unit in self.names:
                label = figures.unit_label(self.names, *unit)
                for kind, caption in (
                    ("groups", f"{name}, {label}"),
                    ("trend", f"{name} over the years, {label}"),
                    ("units", f"{name}: the units of {label} compared"),
                ):
                    assert caption not in captions, caption
                    captions[caption] = (kind, metric, unit)
        return captions

    def smallest_unit(self) -> tuple[str, str]:
        """The unit with the fewest students (at least one) in the latest year."""
        sizes = {
            key[1:3]: row["denominator"]
            for key, row in self.truth.items()
            if key[0] == self.years[-1] and key[3:] == ("identification:disability", "all", "all")
        }
        return min((n, unit) for unit, n in sizes.items() if n)[1]

    # ------------------------------------------------------------ checks

    def small_figures(self, got: Obtained, surfaces=("csv", "json", "xlsx", "api", "page")):
        """The figures under the minimum display n of which ``got`` holds any number, after
        checking every number obtained against the true figure."""
        small = set()
        for key, fields in got.figures.items():
            assert key in self.truth, key
            row = self.truth[key]
            for field, seen in fields.items():
                for surface, number, kind in seen:
                    assert self._agrees(row, field, number, kind), (key, field, surface, number)
                    if surface in surfaces and row["denominator"] < self.settings.minimum_display_n:
                        small.add(key)
        return small

    def surfaces_agree(self, got: Obtained) -> None:
        """The exports and the API give the same figures (the XLSX those of the latest
        year), and the pages none that they do not."""
        given: dict[str, set[tuple]] = defaultdict(set)
        for key, fields in got.figures.items():
            for field, seen in fields.items():
                for surface, _, _ in seen:
                    given[surface].add((key, field))
        assert given["json"] == given["csv"] == given["api"]
        assert given["xlsx"] == {(k, f) for k, f in given["csv"] if k[0] == self.years[-1]}
        assert {(k, f) for k, f in given["page"] if f != "gap"} <= given["csv"]

    def _agrees(self, row: dict, field: str, number: float, kind: str | None) -> bool:
        true = row["value"] - row["comparison_value"] if field == "gap" else row[field]
        if true is None:
            return False
        tolerance = SHOWN_TO[kind] if kind else 0.0
        return math.isclose(number, true, rel_tol=1e-9, abs_tol=tolerance + 1e-9)

    def visible_units(self, person: str) -> set[tuple[int, str, str]]:
        units = {k[:3] for k in self.truth}
        mine = (("district", self.cast.district.code), ("school", self.cast.north_1.code))
        schools_in_n = {s for s, n in self.networks.items() if n == "N"}
        wanted = {
            "superintendent": lambda u: True,
            "north_lead": lambda u: (
                u[1] == "district"
                or u[1:] == ("network", "N")
                or (u[1] == "school" and u[2] in schools_in_n)
            ),
            "principal_north_1": lambda u: u[1:] in mine,
            "partner": lambda u: u[1:] == ("school", self.cast.south_1.code),
        }[person]
        return {u for u in units if wanted(u)}

    def published(self, got: Obtained) -> pa.Table:
        """The true table as far as ``got`` reaches: a figure is published with the numbers
        obtained (or implied: a value and its n give the count), hidden otherwise."""
        rows = []
        for key, row in self.truth.items():
            fields = set(got.figures.get(key, {}))
            if {"value", "denominator"} <= fields and row["value"]:
                fields.add("numerator")
            if {"value", "numerator"} <= fields and row["value"]:
                fields.add("denominator")
            shown = {f: (row[f] if f in fields else None) for f in NUMBERS}
            hidden = row["status"] != "unavailable" and shown["denominator"] is None
            rows.append(row | shown | ({"status": "suppressed"} if hidden else {}))
        return pa.Table.from_pylist(rows, schema=self.truth_table.schema)

    def primary_suppression_is_attackable(self) -> bool:
        """Hide only the figures under the display n (and no complementary ones): the
        attacker must then work out every small group that is alone in its group type
        under a published all row. Whether the district has any."""
        display = self.settings.minimum_display_n
        lonely = set()
        by_type = defaultdict(list)
        for key, row in self.truth.items():
            if key[4] not in ("all", "poverty_quartile") and row["denominator"] is not None:
                by_type[(*key[:4], key[4])].append(key)
        for (year, unit_type, unit_id, metric, _), keys in by_type.items():
            whole = self.truth.get((year, unit_type, unit_id, metric, "all", "all"))
            small = [k for k in keys if 0 < self.truth[k]["denominator"] < display]
            if whole and whole["denominator"] >= display and len(small) == 1:
                lonely.add(n_of(small[0]))
        naive = [
            r | (dict.fromkeys(NUMBERS) | {"status": "suppressed"})
            if r["denominator"] is not None and 0 < r["denominator"] < display
            else r
            for r in self.truth.values()
        ]
        table = pa.Table.from_pylist(naive, schema=self.truth_table.schema)
        found = recovered_small_figures(table, self.truth_table, self.networks, self.quartiles)
        assert lonely <= {n_of(key) for key, part in found if part == "n"}
        return bool(lonely)


def export_rows(fmt: str, content: bytes) -> list[dict]:
    """The tidy rows of an export, numbers as floats and empty figures as None."""
    if fmt == "json":
        return json.loads(content)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(content.decode())))
    else:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        rows = []
        for sheet in book.worksheets:
            if sheet.title in DIMENSIONS:
                head, *body = list(sheet.iter_rows(values_only=True))
                assert tuple(head) == TIDY_COLUMNS
                rows += [dict(zip(head, line, strict=True)) for line in body]
    for row in rows:
        row["school_year"] = int(row["school_year"])
        for field in NUMBERS:
            row[field] = None if row[field] in ("", None) else float(row[field])
    return rows


class Tables(HTMLParser):
    """The tables of a page: (caption, column headings, rows of cell texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[str], list[list[str]]]] = []
        self.text: list[str] | None = None
        self.cells: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "table":
            self.found.append(("", [], []))
        elif tag in ("caption", "th", "td"):
            self.text = []
        elif tag == "tr":
            self.cells = []

    def handle_data(self, data) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag) -> None:
        if tag in ("caption", "th", "td") and self.text is not None:
            text = " ".join("".join(self.text).split())
            self.text = None
            if tag == "caption":
                _, head, rows = self.found[-1]
                self.found[-1] = (text, head, rows)
            else:
                self.cells.append(text)
        elif tag == "tr" and self.found:
            _, head, rows = self.found[-1]
            if not head:
                head.extend(self.cells)
            else:
                rows.append(self.cells)
