"""Throttling of repeated failed log-ins, per account name and per address."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from districtwise.core.models import LoginFailure


def _recent(username: str, address: str | None):
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    match = Q(username=username.lower())
    if address:
        match |= Q(address=address)
    return LoginFailure.objects.filter(match, at__gte=since)


def login_is_throttled(*, username: str, address: str | None) -> bool:
    """True once the account name or the address has failed too often in the window."""
    limit = settings.LOGIN_FAILURE_LIMIT
    since = _recent(username, address)
    by_name = since.filter(username=username.lower()).count()
    by_address = since.filter(address=address).count() if address else 0
    return by_name >= limit or by_address >= limit * 4


def login_failure_record(*, username: str, address: str | None) -> None:
    """Remember one failed attempt."""
    LoginFailure.objects.create(username=username.lower()[:150], address=address)


def login_failures_clear(*, username: str) -> None:
    """Forget the account's failures after a successful log-in."""
    LoginFailure.objects.filter(username=username.lower()).delete()
