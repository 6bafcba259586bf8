"""Notifications: a row per recipient in the app, and an e-mail to those who asked for one.

Services call ``notify`` inside their transaction; the e-mails go after it commits, so a
change that rolls back tells nobody.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from districtwise.core.audit import audit_record
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
        # robust: the change is committed by then; a mail server that is down must not
        # turn it into an error page (the failure is logged, the in-app rows stand).
        transaction.on_commit(lambda: _send(to_mail), robust=True)
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


def notification_list(*, user, district) -> QuerySet[Notification]:
    """The user's own notifications in ``district``, newest first; nobody else's, and none
    of another district (a person in two districts sees each district's on its own)."""
    if district is None or not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user, district=district).order_by("-created_at", "-id")


def is_local_url(url: str) -> bool:
    """True for a path inside the app (``/voice/needs/3/``); False for anything that could
    lead off-site: another host, a scheme, a protocol-relative ``//host`` or ``/\\host``."""
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=None)


@transaction.atomic
def notification_open(*, actor, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (the first opening counts; later ones
    change nothing)."""
    if notification.user_id != actor.pk:
        raise PermissionError("Only the notification's recipient may open it.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor, district) -> int:
    """Mark every unread notification of the actor in ``district`` read; how many were."""
    return (
        notification_list(user=actor, district=district)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now())
    )


def notification_setting(*, user, district) -> NotificationSetting:
    """The user's e-mail choice in ``district``; an unsaved one (e-mail off) if they never
    chose."""
    found = NotificationSetting.objects.filter(user=user, district=district).first()
    return found or NotificationSetting(user=user, district=district, email=False)


@transaction.atomic
def notification_email_set(*, actor, district, email: bool) -> NotificationSetting:
    """Turn e-mail of the actor's notifications in ``district`` on or off; audited."""
    setting, created = NotificationSetting.objects.select_for_update().get_or_create(
        user=actor, district=district, defaults={"email": email}
    )
    before = None if created else setting.email
    if created or setting.email != email:
        setting.email = email
        setting.save()
        audit_record(
            actor=actor,
            district=district,
            action="create" if created else "update",
            obj=setting,
            changes={"email": [before, email]},
        )
    return setting
