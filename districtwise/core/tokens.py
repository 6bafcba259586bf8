"""Personal access tokens for the REST API: made and revoked by their user, stored hashed."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from districtwise.core.models import ApiToken

TOKEN_PREFIX = "dw_"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor, district, name: str) -> tuple[ApiToken, str]:
    """Make a token for the actor in ``district``; the raw token is returned once only."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, district=district, name=name, prefix=raw[:10], digest=_digest(raw)
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    if token.user_id != actor.pk:
        raise PermissionError("Only the token's owner may revoke it.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_user(raw: str) -> ApiToken | None:
    """The live token matching ``raw``, or None. Comparison is on the hash."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "district")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def api_token_list(*, user):
    """The user's own tokens, newest first."""
    return ApiToken.objects.filter(user=user).select_related("district")
