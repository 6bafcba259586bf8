"""/api/v1/equity/{year}: the tidy rows the token's owner may see, suppressed like the pages."""

from __future__ import annotations

import pytest

from districtwise.analytics.equity.spec import TIDY_COLUMNS
from tests.equity.conftest import YEAR


def test_the_superintendent_gets_every_unit_with_small_figures_suppressed(api_as, stored_audit):
    response = api_as("superintendent").get(f"/equity/{YEAR}")
    assert response.status_code == 200
    rows = response.json()
    assert rows and all(list(r) == list(TIDY_COLUMNS) for r in rows)
    assert len({(r["unit_type"], r["unit_id"]) for r in rows}) == 6
    small = [r for r in rows if r["group"] == "F"]
    assert small and all(r["status"] == "suppressed" and r["value"] is None for r in small)


def test_the_data_steward_gets_small_figures(api_as, stored_audit):
    rows = api_as("data_steward").get(f"/equity/{YEAR}").json()
    small = [r for r in rows if r["group"] == "F"]
    assert small and all(r["status"] == "ok" and r["denominator"] == 4 for r in small)


def test_a_principal_gets_their_school_and_the_district(api_as, cast, stored_audit):
    rows = api_as("principal_north_1").get(f"/equity/{YEAR}").json()
    assert {r["unit_id"] for r in rows} == {cast.district.code, cast.north_1.code}
    only = api_as("principal_north_1").get(
        f"/equity/{YEAR}", unit_type="school", unit_id=cast.north_1.code, dimension="discipline"
    )
    assert {r["unit_id"] for r in only.json()} == {cast.north_1.code}
    other = api_as("principal_north_1").get(f"/equity/{YEAR}", unit_id=cast.south_1.code)
    assert other.status_code == 200 and other.json() == []


@pytest.mark.parametrize("person", ["family", "outsider"])
def test_those_who_may_not_see_the_audit_get_404(api_as, stored_audit, person):
    assert api_as(person).get(f"/equity/{YEAR}").status_code == 404


def test_a_year_without_data_is_404_and_a_malformed_one_422(api_as, stored_audit):
    client = api_as("superintendent")
    assert client.get("/equity/2019").status_code == 404
    assert client.get("/equity/nineteen").status_code == 422
    assert client.get(f"/equity/{YEAR}", unit_type="county").status_code == 422
    assert client.get(f"/equity/{YEAR}", dimension="happiness").status_code == 422


def test_without_a_token_it_is_401(client, stored_audit):
    assert client.get(f"/api/v1/equity/{YEAR}").status_code == 401


def test_the_operation_is_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/equity/{year}"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "year",
        "unit_type",
        "unit_id",
        "dimension",
    }
    assert {"200", "401", "404", "422"} <= set(operation["responses"])
