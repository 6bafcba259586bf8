"""The organisation endpoints of /api/v1/: a token sees exactly what its user sees on the web."""

from __future__ import annotations

import hashlib
import re

import pytest

from districtwise.core.models import ApiToken
from districtwise.core.tokens import api_token_create, api_token_revoke
from districtwise.organization import selectors
from tests.api.conftest import API, bearer
from tests.conftest import NAMED_PEOPLE


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()}


def person_of(cast, name: str):
    return cast[name].people.get()


# --- schools -------------------------------------------------------------------------------


def test_a_principal_lists_only_their_school(cast, api_as):
    assert ids(api_as("principal_north_1").get("/schools")) == {cast.north_1.pk}


def test_a_network_lead_lists_the_schools_of_their_network(cast, api_as):
    assert ids(api_as("north_lead").get("/schools")) == {cast.north_1.pk, cast.north_2.pk}


def test_a_partner_lists_only_the_school_they_serve(cast, api_as):
    assert ids(api_as("partner").get("/schools")) == {cast.south_1.pk}


def test_the_superintendent_lists_every_school_of_the_district_and_no_other(cast, api_as):
    listed = ids(api_as("superintendent").get("/schools"))
    assert listed == {cast.north_1.pk, cast.north_2.pk, cast.south_1.pk}
    assert cast.other_school.pk not in listed


def test_the_outsider_lists_only_their_own_districts_school(cast, api_as):
    assert ids(api_as("outsider").get("/schools")) == {cast.other_school.pk}


def test_a_school_the_token_may_see_is_returned_in_full(cast, api_as):
    response = api_as("principal_north_1").get(f"/schools/{cast.north_1.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == cast.north_1.pk
    assert body["name"] == "North One Elementary"
    assert body["network_id"] == cast.north.pk


@pytest.mark.parametrize(
    ("name", "school"),
    [
        ("principal_north_1", "north_2"),
        ("north_lead", "south_1"),
        ("partner", "north_1"),
        ("superintendent", "other_school"),
        ("outsider", "north_1"),
    ],
)
def test_a_school_the_token_may_not_see_answers_404_like_a_missing_one(cast, api_as, name, school):
    token = api_as(name)
    hidden = token.get(f"/schools/{getattr(cast, school).pk}")
    missing = token.get("/schools/987654321")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


# --- people --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMED_PEOPLE)
def test_the_people_listed_are_exactly_those_the_web_shows(cast, api_as, name):
    expected = selectors.person_list(user=cast[name], district=cast.district)
    assert ids(api_as(name).get("/people", limit=500)) == {p.pk for p in expected}


def test_a_partner_lists_no_people_but_themselves(cast, api_as):
    assert ids(api_as("partner").get("/people")) == {person_of(cast, "partner").pk}


def test_a_family_member_lists_no_people_but_themselves(cast, api_as):
    assert ids(api_as("family").get("/people")) == {person_of(cast, "family").pk}


def test_a_principal_lists_their_staff_and_the_central_office_only(cast, api_as):
    listed = ids(api_as("principal_north_1").get("/people"))
    assert person_of(cast, "coach_north_1").pk in listed
    assert person_of(cast, "department_lead").pk in listed
    assert person_of(cast, "principal_north_2").pk not in listed
    assert person_of(cast, "outsider").pk not in listed


def test_the_superintendent_never_lists_the_other_districts_people(cast, api_as):
    listed = ids(api_as("superintendent").get("/people", limit=500))
    assert person_of(cast, "outsider").pk not in listed
    assert len(listed) == len(NAMED_PEOPLE)


def test_people_pages_cover_the_list_once_each(cast, api_as):
    token = api_as("superintendent")
    everyone = [row["id"] for row in token.get("/people", limit=500).json()]
    paged = []
    for offset in range(0, len(everyone), 5):
        paged += [row["id"] for row in token.get("/people", limit=5, offset=offset).json()]
    assert paged == everyone


def test_a_page_past_the_end_is_empty(cast, api_as):
    response = api_as("superintendent").get("/people", offset=2**63 - 1, limit=500)
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize(
    ("limit", "offset"), [(0, 0), (-1, 0), (10, -5), (501, 0), (10, 2**63), ("ten", 0)]
)
def test_people_paging_out_of_bounds_is_a_422_not_a_crash(cast, api_as, limit, offset):
    response = api_as("superintendent").get("/people", limit=limit, offset=offset)
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("partner", "principal_north_1"),
        ("family", "superintendent"),
        ("principal_north_1", "principal_north_2"),
        ("superintendent", "outsider"),
    ],
)
def test_a_person_the_token_may_not_see_answers_404_like_a_missing_one(cast, api_as, name, other):
    token = api_as(name)
    hidden = token.get(f"/people/{person_of(cast, other).pk}")
    missing = token.get("/people/987654321")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_a_person_the_token_may_see_is_returned(cast, api_as):
    coach = person_of(cast, "coach_north_1")
    response = api_as("principal_north_1").get(f"/people/{coach.pk}")
    assert response.status_code == 200
    assert response.json()["school_id"] == cast.north_1.pk


@pytest.mark.parametrize(
    "path", ["/schools/9223372036854775808", "/schools/0", "/people/-1", "/people/abc"]
)
def test_ids_out_of_range_are_a_422_not_a_crash(cast, api_as, path):
    assert api_as("superintendent").get(path).status_code == 422


# --- networks, departments, the district ----------------------------------------------------


def test_networks_follow_the_visible_schools(cast, api_as):
    assert ids(api_as("principal_north_1").get("/networks")) == {cast.north.pk}
    assert ids(api_as("partner").get("/networks")) == {cast.south.pk}
    assert ids(api_as("superintendent").get("/networks")) == {cast.north.pk, cast.south.pk}


def test_departments_are_the_districts_own(cast, api_as):
    assert ids(api_as("family").get("/departments")) == {cast.department.pk}
    assert cast.department.pk not in ids(api_as("outsider").get("/departments"))


def test_the_district_is_the_tokens_district(cast, api_as):
    assert api_as("north_lead").get("/district").json()["code"] == "riverside"
    assert api_as("outsider").get("/district").json()["code"] == "lakeside"


# --- authentication -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer dw_"},
        {"Authorization": "Bearer dw_not-a-real-token"},
        {"Authorization": "Bearer not-even-the-prefix"},
        {"Authorization": "Basic c3VwZXJpbnRlbmRlbnQ6cGFzc3dvcmQ="},
        {"Authorization": "dw_missing-the-scheme"},
    ],
)
@pytest.mark.parametrize(
    "path", ["/district", "/schools", "/people", "/schools/1", "/supports/logs?school=1"]
)
def test_without_a_valid_token_the_api_answers_401(cast, client, headers, path):
    response = client.get(f"{API}{path}", headers=headers)
    assert response.status_code == 401


def test_a_signed_in_web_session_is_not_enough_for_the_api(cast, client_as):
    assert client_as("superintendent").get(f"{API}/schools").status_code == 401


def test_a_revoked_token_answers_401(cast, client):
    token, raw = api_token_create(actor=cast["north_lead"], district=cast.district, name="sync")
    assert client.get(f"{API}/schools", headers=bearer(raw)).status_code == 200
    api_token_revoke(actor=cast["north_lead"], token=token)
    assert client.get(f"{API}/schools", headers=bearer(raw)).status_code == 401


def test_a_token_of_a_deactivated_user_answers_401(cast, client, raw_token_for):
    raw = raw_token_for("north_lead")
    cast["north_lead"].is_active = False
    cast["north_lead"].save()
    assert client.get(f"{API}/schools", headers=bearer(raw)).status_code == 401


def test_a_token_stops_working_when_its_user_leaves_the_district(cast, client, raw_token_for):
    raw = raw_token_for("principal_north_1")
    person_of(cast, "principal_north_1").memberships.all().delete()
    assert client.get(f"{API}/schools", headers=bearer(raw)).status_code == 401


def test_a_token_for_a_district_its_user_is_not_in_answers_401(cast, client):
    _, raw = api_token_create(actor=cast["outsider"], district=cast.district, name="sneaky")
    assert client.get(f"{API}/schools", headers=bearer(raw)).status_code == 401


def test_only_the_digest_of_the_token_is_stored(cast):
    token, raw = api_token_create(actor=cast["partner"], district=cast.district, name="sync")
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert row["digest"] == hashlib.sha256(raw.encode()).hexdigest()
    assert all(raw not in str(value) for value in row.values())
    assert not ApiToken.objects.filter(digest=raw).exists()


def test_using_a_token_records_when_it_was_last_used(cast, client):
    token, raw = api_token_create(actor=cast["partner"], district=cast.district, name="sync")
    assert token.last_used_at is None
    client.get(f"{API}/district", headers=bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


# --- the schema -------------------------------------------------------------------------------


def test_the_openapi_schema_is_served_without_a_token(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/schools/{school_id}" in schema["paths"]
    assert "PersonalAccessToken" in schema["components"]["securitySchemes"]


# --- the token page: /account/tokens/ -----------------------------------------------------------

RAW_TOKEN = re.compile(r"dw_[A-Za-z0-9_-]{20,}")


def test_a_token_made_on_the_web_page_is_shown_once_and_works(cast, client_as):
    client = client_as("principal_north_1")
    made = client.post("/account/tokens/", {"name": "roster sync"})
    assert made.status_code == 200
    raw = RAW_TOKEN.search(made.content.decode()).group()
    assert raw not in client.get("/account/tokens/").content.decode()
    client.logout()
    response = client.get(f"{API}/schools", headers=bearer(raw))
    assert ids(response) == {cast.north_1.pk}


def test_a_token_revoked_on_the_web_page_answers_401(cast, client_as):
    client = client_as("principal_north_1")
    raw = RAW_TOKEN.search(client.post("/account/tokens/", {"name": "sync"}).content.decode())
    token = ApiToken.objects.get(user=cast["principal_north_1"])
    revoked = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get(f"{API}/schools", headers=bearer(raw.group())).status_code == 401


def test_nobody_else_can_revoke_a_token_on_the_web_page(cast, client, raw_token_for):
    raw = raw_token_for("principal_north_1")
    token = ApiToken.objects.get(user=cast["principal_north_1"])
    client.force_login(cast["superintendent"])
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    client.logout()
    assert client.get(f"{API}/schools", headers=bearer(raw)).status_code == 200


def test_revoking_on_the_web_page_needs_a_post(cast, client_as, raw_token_for):
    raw_token_for("principal_north_1")
    token = ApiToken.objects.get(user=cast["principal_north_1"])
    response = client_as("principal_north_1").get(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
