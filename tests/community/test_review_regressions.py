"""Regressions found in review of the partners, needs and stakeholder pages (issue 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "param"),
    [
        ("community:partnerships", "school"),
        ("community:partnership_health", "school"),
        ("community:stakeholder_grid", "goal"),
    ],
)
def test_an_id_written_with_a_superscript_digit_is_ignored_not_a_server_error(
    client_as, page, param
):
    # "²".isdigit() is true but int("²") fails: the filter must not take it for an id.
    response = client_as("superintendent").get(reverse(page), {param: "²"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("page", "param"),
    [
        ("community:needs", "school"),
        ("community:needs", "network"),
        ("community:needs_map", "network"),
    ],
)
def test_an_id_too_large_for_the_database_is_ignored_not_a_server_error(client_as, page, param):
    # SQLite cannot bind an integer past 64 bits: the filter must not reach the query.
    response = client_as("superintendent").get(reverse(page), {param: "9" * 20})
    assert response.status_code == 200
