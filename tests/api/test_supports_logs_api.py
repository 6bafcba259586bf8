"""The delivery-log endpoints of /api/v1/: the same checks as the page, scoped like it."""

from __future__ import annotations

import pytest

from districtwise.supports.models import DeliveryLog
from tests.api.conftest import API, bearer
from tests.supports.logs_fixtures import north_1

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_as(client, raw_token_for):
    def send(name: str, body: dict):
        return client.post(
            f"{API}/supports/logs",
            body,
            content_type="application/json",
            headers=bearer(raw_token_for(name)),
        )

    return send


def body(cast, **changes) -> dict:
    values = {
        "support": "logs-plc",
        "school": cast.north_1.pk,
        "date": "2025-10-20",
        "minutes": 45,
        "teachers": ["LT-ADA", "LT-BEN"],
        "notes": "From the scheduling system",
    }
    return values | changes


def test_a_coach_sends_a_log_and_gets_it_back(cast, post_as):
    n = north_1(cast)
    response = post_as("coach_north_1", body(cast))
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["teachers"] == ["LT-ADA", "LT-BEN"] and sent["source"] == "api"
    log = DeliveryLog.objects.get(pk=sent["id"])
    assert set(log.teachers.all()) == {n.ada, n.ben}


def test_a_bad_log_answers_422_with_every_problem_and_saves_nothing(cast, post_as):
    north_1(cast)
    before = DeliveryLog.objects.count()
    response = post_as("coach_north_1", body(cast, minutes=0, teachers=["LT-CY"]))
    assert response.status_code == 422
    fields = {d["loc"][-1]: d["msg"] for d in response.json()["detail"]}
    assert set(fields) == {"minutes", "teachers"}
    assert "starts teaching at" in fields["teachers"]
    assert DeliveryLog.objects.count() == before


def test_unknown_codes_answer_422_naming_them(cast, post_as):
    north_1(cast)
    response = post_as("coach_north_1", body(cast, support="nope", teachers=["LT-GHOST"]))
    assert response.status_code == 422
    messages = [d["msg"] for d in response.json()["detail"]]
    assert "No current support has the code 'nope'." in messages
    assert "No person has the staff_id 'LT-GHOST'." in messages


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("north_lead", 403),
        ("superintendent", 403),
        ("principal_north_2", 404),
        ("partner", 404),
        ("outsider", 404),
    ],
)
def test_who_may_not_log_at_the_school_is_refused(cast, post_as, name, status):
    north_1(cast)
    before = DeliveryLog.objects.count()
    assert post_as(name, body(cast)).status_code == status
    assert DeliveryLog.objects.count() == before


def test_without_a_token_nothing_is_logged(cast, client):
    north_1(cast)
    response = client.post(f"{API}/supports/logs", body(cast), content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("principal_north_1", 200),
        ("coach_north_1", 200),
        ("north_lead", 200),
        ("superintendent", 200),
        ("principal_north_2", 404),
        ("south_lead", 404),
        ("partner", 404),
        ("family", 404),
        ("outsider", 404),
    ],
)
def test_the_list_is_scoped_like_the_pages(cast, api_as, name, status):
    n = north_1(cast)
    response = api_as(name).get("/supports/logs", school=cast.north_1.pk)
    assert response.status_code == status
    if status == 200:
        assert [row["id"] for row in response.json()] == [n.log.pk]


def test_the_list_starts_from_since(cast, api_as):
    north_1(cast)
    token = api_as("principal_north_1")
    assert token.get("/supports/logs", school=cast.north_1.pk, since="2025-10-07").json() == []
    assert len(token.get("/supports/logs", school=cast.north_1.pk, since="2025-10-06").json()) == 1
