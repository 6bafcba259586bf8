"""Personal access tokens for the named people of the suite, and a client that sends them."""

from __future__ import annotations

import pytest

from districtwise.core.tokens import api_token_create

API = "/api/v1"


def bearer(raw: str) -> dict[str, str]:
    """The ``Authorization`` header that carries a personal access token."""
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def raw_token_for(cast):
    """``raw_token_for("north_lead")``: a fresh token of that person in their own district."""

    def make(name: str) -> str:
        user = cast[name]
        district = cast.other_district if name == "outsider" else cast.district
        _, raw = api_token_create(actor=user, district=district, name=f"{name} integration")
        return raw

    return make


@pytest.fixture
def api_as(client, raw_token_for):
    """``api_as("partner").get("/schools")``: GETs under /api/v1/ with that person's token."""

    class TokenClient:
        def __init__(self, raw: str):
            self.raw = raw

        def get(self, path: str, **params):
            return client.get(f"{API}{path}", params, headers=bearer(self.raw))

    return lambda name: TokenClient(raw_token_for(name))
