"""The allocation's pages, each with its three tests: the cabinet can, a reader cannot
write (403), an outsider to it finds nothing (404); and what the pages and downloads say."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districtwise.strategy.models import AllocationScenario
from districtwise.strategy.services.allocation import scenario_adopt
from tests.strategy.allocation_fixtures import SPEC_WEIGHTS, audit, new_scenario  # noqa: F401

pytestmark = pytest.mark.usefixtures("audit")
FORM = {
    "name": "Spec weights",
    "school_year": "2026",
    "unit": "dollars",
    "pool": "1000",
    "base_weight": "1",
    **SPEC_WEIGHTS,
}


def _adopted(cast, **more):
    scenario = new_scenario(cast, **more)
    scenario_adopt(actor=cast["superintendent"], district=cast.district, scenario=scenario)
    return scenario


# ------------------------------------------------------------------ the list


def test_the_cabinet_sees_every_scenario_and_may_start_one(cast, client_as):
    new_scenario(cast, name="Draft A")
    page = client_as("superintendent").get(reverse("strategy:allocation_list"))
    assert page.status_code == 200
    assert "Draft A" in page.text and "New scenario" in page.text


def test_a_principal_lists_adopted_allocations_only_and_may_not_start_one(cast, client_as):
    new_scenario(cast, name="Draft A")
    _adopted(cast, name="Adopted B")
    page = client_as("principal_north_1").get(reverse("strategy:allocation_list"))
    assert "Adopted B" in page.text and "Draft A" not in page.text
    assert "New scenario" not in page.text


@pytest.mark.parametrize("person", ["partner", "family", "coach_north_1"])
def test_partners_family_and_coaches_find_no_allocation(cast, client_as, person):
    assert client_as(person).get(reverse("strategy:allocation_list")).status_code == 404


# ------------------------------------------------------------------ create


def test_the_cabinet_creates_a_scenario(cast, client_as):
    response = client_as("superintendent").post(reverse("strategy:allocation_create"), FORM)
    scenario = AllocationScenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("strategy:allocation_detail", args=[scenario.pk])


def test_a_pool_in_currency_format_is_answered_on_the_form_and_nothing_is_saved(cast, client_as):
    data = FORM | {"pool": "$1,200", "weight_english_learner": "-1"}
    page = client_as("superintendent").post(reverse("strategy:allocation_create"), data)
    assert page.status_code == 400
    assert "Nothing was saved" in page.text
    assert "Pool: “$1,200” is not a number" in page.text
    assert "must not be negative" in page.text
    assert not AllocationScenario.objects.exists()


def test_a_reader_may_not_create_a_scenario(cast, client_as):
    response = client_as("data_steward").post(reverse("strategy:allocation_create"), FORM)
    assert response.status_code == 403
    assert not AllocationScenario.objects.exists()


def test_a_partner_finds_no_scenario_form(cast, client_as):
    response = client_as("partner").post(reverse("strategy:allocation_create"), FORM)
    assert response.status_code == 404


# ------------------------------------------------------------------ detail


def test_the_allocation_page_shows_the_shares_gaps_and_quartiles(cast, client_as):
    scenario = new_scenario(cast)
    page = client_as("data_steward").get(reverse("strategy:allocation_detail", args=[scenario.pk]))
    assert page.status_code == 200
    for text in ("$298.35", "$525.94", "$175.71", "$25.94", "Q4 (highest poverty)", "<svg"):
        assert text in page.text


def test_without_student_record_rights_the_page_says_why_counts_are_hidden(cast, client_as):
    scenario = new_scenario(cast)
    page = client_as("superintendent").get(
        reverse("strategy:allocation_detail", args=[scenario.pk])
    )
    assert "fewer than 10 students" in page.text
    assert "$175.71" in page.text  # the money is still shown


def test_a_principal_sees_their_school_in_the_adopted_allocation_only(cast, client_as):
    scenario = _adopted(cast)
    page = client_as("principal_north_1").get(
        reverse("strategy:allocation_detail", args=[scenario.pk])
    )
    assert page.status_code == 200
    assert "North One Elementary" in page.text and "South One High" not in page.text
    assert "Per poverty quartile" not in page.text


def test_a_draft_is_not_found_by_a_principal_and_nothing_by_a_partner(cast, client_as):
    draft = _adopted(cast)
    draft = new_scenario(cast, name="Draft")
    url = reverse("strategy:allocation_detail", args=[draft.pk])
    assert client_as("principal_north_1").get(url).status_code == 404
    assert client_as("partner").get(url).status_code == 404


# ------------------------------------------------------------------ edit


def test_the_cabinet_edits_a_draft(cast, client_as):
    scenario = new_scenario(cast)
    url = reverse("strategy:allocation_edit", args=[scenario.pk])
    response = client_as("superintendent").post(url, FORM | {"pool": "2000", "version": "1"})
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert str(scenario.pool) == "2000.00"


def test_a_reader_may_not_edit_and_an_adopted_scenario_is_copied_not_edited(cast, client_as):
    draft, adopted = new_scenario(cast), _adopted(cast, name="Adopted")
    steward = client_as("data_steward")
    assert (
        steward.post(reverse("strategy:allocation_edit", args=[draft.pk]), FORM).status_code == 403
    )
    cabinet = client_as("superintendent")
    assert cabinet.get(reverse("strategy:allocation_edit", args=[adopted.pk])).status_code == 403


def test_an_outsider_finds_no_scenario_to_edit(cast, client_as):
    scenario = new_scenario(cast)
    url = reverse("strategy:allocation_edit", args=[scenario.pk])
    assert client_as("outsider").post(url, FORM).status_code == 404
    assert client_as("principal_north_1").get(url).status_code == 404


# ------------------------------------------------------------------ copy and adopt


def test_the_cabinet_copies_a_scenario_to_edit(cast, client_as):
    scenario = _adopted(cast)
    response = client_as("sysadmin").post(reverse("strategy:allocation_copy", args=[scenario.pk]))
    copy = AllocationScenario.objects.get(copied_from=scenario)
    assert response["Location"] == reverse("strategy:allocation_edit", args=[copy.pk])


def test_readers_may_not_copy_or_adopt(cast, client_as):
    scenario = new_scenario(cast)
    steward = client_as("data_steward")
    assert steward.post(reverse("strategy:allocation_copy", args=[scenario.pk])).status_code == 403
    assert steward.post(reverse("strategy:allocation_adopt", args=[scenario.pk])).status_code == 403
    scenario.refresh_from_db()
    assert AllocationScenario.objects.count() == 1 and not scenario.is_adopted


def test_the_cabinet_adopts_a_scenario(cast, client_as):
    scenario = new_scenario(cast)
    response = client_as("superintendent").post(
        reverse("strategy:allocation_adopt", args=[scenario.pk])
    )
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.is_adopted and scenario.lines.count() == 3


@pytest.mark.parametrize("person", ["family", "partner", "principal_north_1", "outsider"])
def test_others_find_nothing_to_copy_or_adopt(cast, client_as, person):
    scenario = new_scenario(cast)
    client = client_as(person)
    assert client.post(reverse("strategy:allocation_copy", args=[scenario.pk])).status_code == 404
    assert client.post(reverse("strategy:allocation_adopt", args=[scenario.pk])).status_code == 404


# ------------------------------------------------------------------ compare


def test_scenarios_side_by_side_with_their_differences(cast, client_as):
    first = new_scenario(cast, name="Spec")
    second = new_scenario(
        cast,
        name="Flat",
        weight_economically_disadvantaged="0",
        weight_english_learner="0",
        weight_disability="0",
    )
    url = reverse("strategy:allocation_compare") + f"?scenario={first.pk}&scenario={second.pk}"
    page = client_as("department_lead").get(url)
    assert page.status_code == 200
    # Flat: 1000 by 100/200/50 students of 350 = 285.71, 571.43, 142.86 (largest remainder:
    # 28571.43, 57142.86, 14285.71 cents; the one cent left goes to North Two, .86).
    assert "$571.43" in page.text and "$45.49" in page.text  # 571.43 - 525.94


def test_comparing_fewer_than_two_scenarios_is_answered_clearly(cast, client_as):
    only = new_scenario(cast)
    url = reverse("strategy:allocation_compare") + f"?scenario={only.pk}"
    page = client_as("superintendent").get(url)
    assert page.status_code == 400 and "Choose between 2 and 4" in page.text


@pytest.mark.parametrize("person", ["principal_north_1", "north_lead", "partner"])
def test_school_leaders_and_partners_do_not_compare_scenarios(cast, client_as, person):
    first, second = new_scenario(cast), _adopted(cast, name="Adopted")
    url = reverse("strategy:allocation_compare") + f"?scenario={first.pk}&scenario={second.pk}"
    assert client_as(person).get(url).status_code == 404


# ------------------------------------------------------------------ export


def test_the_allocation_table_downloads_as_csv(cast, client_as):
    scenario = new_scenario(cast)
    url = reverse("strategy:allocation_export", args=[scenario.pk, "csv"])
    rows = list(csv.DictReader(io.StringIO(client_as("data_steward").get(url).text)))
    assert [r["allocation"] for r in rows] == ["298.35", "525.94", "175.71"]
    assert sum(float(r["allocation"]) for r in rows) == pytest.approx(1000)
    assert rows[1]["gap"] == "25.94"
    assert Decimal(rows[1]["weighted_enrolment"]) == Decimal("223")


def test_the_workbook_neutralises_formulas(cast, client_as):
    scenario = new_scenario(cast, name='=HYPERLINK("http://x")')
    url = reverse("strategy:allocation_export", args=[scenario.pk, "xlsx"])
    book = load_workbook(io.BytesIO(client_as("superintendent").get(url).content))
    about = {row[0]: row[1] for row in book["Scenario"].iter_rows(values_only=True)}
    assert about["scenario"].startswith("'=")
    assert book["Allocation"].max_row == 4
    quartiles = list(book["Poverty quartiles"].iter_rows(values_only=True))
    assert quartiles[4][:4] == ("Q4", 1, 50, 175.71)


def test_a_principal_downloads_their_school_only(cast, client_as):
    scenario = _adopted(cast)
    url = reverse("strategy:allocation_export", args=[scenario.pk, "csv"])
    rows = list(csv.DictReader(io.StringIO(client_as("principal_north_1").get(url).text)))
    assert [r["school"] for r in rows] == ["North One Elementary"]


def test_a_partner_downloads_nothing(cast, client_as):
    scenario = _adopted(cast)
    url = reverse("strategy:allocation_export", args=[scenario.pk, "csv"])
    assert client_as("partner").get(url).status_code == 404


def test_a_second_editor_is_told_and_shown_the_difference(cast, client_as):
    scenario = new_scenario(cast)
    cabinet = client_as("superintendent")
    url = reverse("strategy:allocation_edit", args=[scenario.pk])
    assert cabinet.post(url, FORM | {"pool": "2000", "version": "1"}).status_code == 302
    page = cabinet.post(url, FORM | {"pool": "3000", "version": "1"})
    assert page.status_code == 400
    assert "Someone else changed this scenario" in page.text
    assert "<td>2000.00</td><td>3000</td>" in page.text
    scenario.refresh_from_db()
    assert str(scenario.pool) == "2000.00"
    # Saving again, knowingly, keeps what the second editor typed.
    assert cabinet.post(url, FORM | {"pool": "3000", "version": "2"}).status_code == 302


def test_a_positions_scenario_says_when_teacher_positions_are_not_known(cast, client_as):
    from districtwise.strategy.services.allocation import scenario_create

    scenario = scenario_create(
        actor=cast["superintendent"],
        district=cast.district,
        name="Coaches",
        school_year="2026",
        unit="positions",
        pool="3",
        base_weight="1",
        weights={"english_learner": "0.5"},
    )
    page = client_as("data_steward").get(reverse("strategy:allocation_detail", args=[scenario.pk]))
    # 3 positions by 105, 200 and 60 weighted students (365): 86.30, 164.38 and 49.32
    # hundredths; 299 whole ones, and the one left goes to the largest remainder (.38).
    assert "0.86 FTE" in page.text and "1.65 FTE" in page.text and "0.49 FTE" in page.text
    assert "staff.csv was not imported" in page.text
