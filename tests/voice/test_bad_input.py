"""Odd input answers with a message (or is ignored), never with an error page; a mail
server that is down never turns a saved change into an error page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districtwise.core.models import Notification, NotificationSetting
from districtwise.voice.models import NeedIssue, NeedState
from tests import factories as f
from tests.voice.matrix import matrix_need

pytestmark = pytest.mark.django_db


def test_an_unknown_move_is_refused_with_a_message(client_as, cast):
    need = matrix_need(cast)
    url = reverse("voice:need_move", args=[need.pk])
    response = client_as("department_lead").post(url, {"to_state": "bogus", "note": ""})
    assert response.status_code == 400
    need.refresh_from_db()
    assert need.state == NeedState.RAISED


@pytest.mark.parametrize("odd", ["²", "x", "-1", ""])
def test_odd_ids_in_the_queue_export_and_issue_unlink_are_not_errors(client_as, cast, odd):
    client = client_as("department_lead")
    export = client.get(reverse("voice:queue_export"), {"department": odd})
    assert export.status_code == 200
    issue = NeedIssue.objects.create(
        district=cast.district, title="Bus stops", category="safety", department=cast.department
    )
    unlink = client.post(reverse("voice:issue_unlink", args=[issue.pk]), {"need": odd})
    assert unlink.status_code == 404


def test_a_mail_server_that_is_down_leaves_the_move_saved_and_the_page_working(
    client_as, cast, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    principal = cast["principal_north_1"]
    principal.email = "principal@example.org"
    principal.save()
    NotificationSetting.objects.create(user=principal, district=cast.district, email=True)
    need = matrix_need(cast)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("department_lead").post(
            reverse("voice:need_move", args=[need.pk]), {"to_state": "acknowledged", "note": ""}
        )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == NeedState.ACKNOWLEDGED
    told = Notification.objects.get(user=principal, kind=Notification.Kind.NEED_ACKNOWLEDGED)
    assert told.emailed_at is None  # not sent: the server refused the connection


def test_the_guidance_library_asks_the_same_queries_for_two_documents_or_twelve(client_as, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client = client_as("principal_north_1")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("voice:guidance")).status_code == 200
        return len(captured)

    for _ in range(2):
        document = f.GuidanceDocumentFactory(district=cast.district, department=cast.department)
        f.GuidanceVersionFactory(document=document, number=1)
    queries()  # the first page of the test also fills the process's caches
    few = queries()
    for _ in range(10):
        document = f.GuidanceDocumentFactory(district=cast.district, department=cast.department)
        f.GuidanceVersionFactory(document=document, number=1)
    assert queries() == few
