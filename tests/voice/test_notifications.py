"""Notifications: one row per recipient; an e-mail, after commit, to those who asked."""

from __future__ import annotations

import pytest
from django.core import mail

from districtwise.core.models import Notification, NotificationSetting
from districtwise.core.notifications import notify, unread_count

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_one_notification_even_if_named_twice(cast):
    principal = cast["principal_north_1"]
    notify(
        district=cast.district,
        users=[principal, principal, cast["north_lead"]],
        kind=Notification.Kind.AGENDA_PUBLISHED,
        title="Agenda published",
        url="/voice/",
    )
    assert Notification.objects.filter(user=principal).count() == 1
    assert unread_count(user=principal, district=cast.district) == 1
    assert unread_count(user=principal, district=cast.other_district) == 0


def test_only_those_who_turned_email_on_are_emailed_and_only_after_commit(
    cast, django_capture_on_commit_callbacks
):
    principal, lead = cast["principal_north_1"], cast["north_lead"]
    principal.email = "principal@example.org"
    principal.save()
    lead.email = "lead@example.org"
    lead.save()
    NotificationSetting.objects.create(user=principal, district=cast.district, email=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            district=cast.district,
            users=[principal, lead],
            kind=Notification.Kind.NEED_ANSWERED,
            title="Your need was answered",
            url="/voice/needs/1/",
        )
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["principal@example.org"]]
    assert "/voice/needs/1/" in mail.outbox[0].body
    assert Notification.objects.get(user=principal).emailed_at is not None
    assert Notification.objects.get(user=lead).emailed_at is None
