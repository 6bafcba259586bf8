"""Personal access tokens: made by their user, stored hashed, revoked by their owner only."""

from __future__ import annotations

import hashlib

import pytest

from districtwise.core.models import ApiToken
from districtwise.core.tokens import (
    TOKEN_PREFIX,
    api_token_create,
    api_token_list,
    api_token_revoke,
    api_token_user,
)


@pytest.fixture
def made(cast):
    """A token of north_lead in Riverside: (token, raw)."""
    return api_token_create(actor=cast["north_lead"], district=cast.district, name="roster sync")


def test_it_returns_the_raw_token_once_and_stores_only_its_hash(made):
    token, raw = made
    assert raw.startswith(TOKEN_PREFIX)
    assert len(raw) > 40
    token.refresh_from_db()
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:10]
    assert raw not in {token.digest, token.prefix, token.name}


def test_each_token_is_different(cast):
    raws = {
        api_token_create(actor=cast["family"], district=cast.district, name=f"t{n}")[1]
        for n in range(5)
    }
    assert len(raws) == 5


def test_the_raw_token_finds_its_token_and_its_user(cast, made):
    token, raw = made
    found = api_token_user(raw)
    assert found == token
    assert found.user == cast["north_lead"]
    assert found.district == cast.district


def test_finding_a_token_records_its_last_use(made):
    token, raw = made
    assert token.last_used_at is None
    api_token_user(raw)
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("raw", ["", "dw_", "dw_wrong", "not-a-token", "DW_ABC"])
def test_an_unknown_or_malformed_token_finds_nothing(made, raw):
    assert api_token_user(raw) is None


def test_the_digest_itself_does_not_authenticate(made):
    token, _ = made
    assert api_token_user(token.digest) is None
    assert api_token_user(TOKEN_PREFIX + token.digest) is None


def test_the_owner_revokes_and_the_token_no_longer_authenticates(cast, made):
    token, raw = made
    revoked = api_token_revoke(actor=cast["north_lead"], token=token)
    assert revoked.revoked_at is not None
    assert api_token_user(raw) is None


def test_revoking_twice_keeps_the_first_revocation_time(cast, made):
    token, _ = made
    first = api_token_revoke(actor=cast["north_lead"], token=token).revoked_at
    again = api_token_revoke(actor=cast["north_lead"], token=token).revoked_at
    assert again == first


@pytest.mark.parametrize("other", ["superintendent", "sysadmin", "outsider"])
def test_nobody_but_the_owner_may_revoke(cast, made, other):
    token, raw = made
    with pytest.raises(PermissionError):
        api_token_revoke(actor=cast[other], token=token)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_token_user(raw) == token


def test_a_deactivated_users_token_no_longer_authenticates(cast, made):
    _, raw = made
    cast["north_lead"].is_active = False
    cast["north_lead"].save()
    assert api_token_user(raw) is None


def test_the_token_list_is_the_users_own(cast, made):
    token, _ = made
    api_token_create(actor=cast["family"], district=cast.district, name="someone else's")
    assert list(api_token_list(user=cast["north_lead"])) == [token]
    assert ApiToken.objects.count() == 2
