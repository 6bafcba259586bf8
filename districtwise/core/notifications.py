"""Notifications: a row per recipient in the app, and an e-mail to those who asked for one.

Services call ``notify`` inside their transaction; the e-mails go after it commits, so a
change that rolls back tells nobody.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from districtwise.core.models import Notification, NotificationSetting


def notify(
    *, district, users: Iterable, kind: str, title: str, url: str, body: str = ""
) -> list[Notification]:
    """Tell each of ``users`` (each once; the acting user included only if passed) about
    something at ``url``. E-mails those who turned e-mail on, after commit."""
    recipients = {user.pk: user for user in users if user is not None}
    rows = [
        Notification(district=district, user=user, kind=kind, title=title[:300], body=body, url=url)
        for user in recipients.values()
    ]
    created = Notification.objects.bulk_create(rows)
    emailed = set(
        NotificationSetting.objects.filter(
            district=district, email=True, user_id__in=list(recipients)
        ).values_list("user_id", flat=True)
    )
    to_mail = [row for row in created if row.user_id in emailed and _address(row.user)]
    if to_mail:
        transaction.on_commit(lambda: _send(to_mail))
    return created


def _address(user) -> str:
    return user.email or ""


def _send(rows: list[Notification]) -> None:
    """Send the e-mails of ``rows`` through Django's e-mail backend and mark them sent."""
    base = settings.DISTRICTWISE_BASE_URL.rstrip("/")
    messages = [
        (
            f"[Districtwise] {row.title}",
            f"{row.body}\n\n{base}{row.url}".strip(),
            settings.DEFAULT_FROM_EMAIL,
            [_address(row.user)],
        )
        for row in rows
    ]
    send_mass_mail(messages, fail_silently=False)
    Notification.objects.filter(pk__in=[row.pk for row in rows]).update(emailed_at=timezone.now())


def unread_count(*, user, district) -> int:
    """How many of the user's notifications in ``district`` are unread."""
    if district is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, district=district, read_at__isnull=True).count()
