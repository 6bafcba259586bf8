"""Notifications in the app: the unread count in the header, the list of one's own, opening
one (read, then on to its page, never off-site), marking all read, and e-mail on or off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from districtwise.core.models import AuditEntry, Notification, NotificationSetting
from districtwise.core.notifications import is_local_url, notify
from districtwise.web import context
from districtwise.web.views import NOTIFICATIONS_PER_PAGE

pytestmark = pytest.mark.django_db

OWNER = "principal_north_1"


def note(cast, *, user=OWNER, title="Agenda published", url="/voice/", district=None, **extra):
    return Notification.objects.create(
        district=district or cast.district,
        user=cast[user] if isinstance(user, str) else user,
        kind=Notification.Kind.AGENDA_PUBLISHED,
        title=title,
        url=url,
        **extra,
    )


def header_link(page: str) -> str:
    start = page.index('class="usa-nav-link dw-notifications-link"')
    return page[start : page.index("</a>", start)]


# ---- the count in the header ----


def test_the_header_shows_how_many_are_unread_in_words_and_as_a_badge(cast, client_as):
    note(cast, title="First")
    note(cast, title="Second")
    note(cast, title="Already read", read_at=timezone.now())
    link = header_link(client_as(OWNER).get(reverse("home")).content.decode())
    assert 'aria-label="Notifications, 2 unread"' in link
    assert '<span class="dw-badge">2</span>' in link


def test_the_header_shows_no_count_when_everything_is_read(cast, client_as):
    note(cast, read_at=timezone.now())
    link = header_link(client_as(OWNER).get(reverse("home")).content.decode())
    assert "Notifications" in link
    assert "dw-badge" not in link
    assert "unread" not in link


def test_the_header_counts_only_the_users_own_in_the_current_district(cast, client_as):
    note(cast, user="principal_north_2")
    note(cast, district=cast.other_district)
    link = header_link(client_as(OWNER).get(reverse("home")).content.decode())
    assert "dw-badge" not in link


def test_anonymous_visitors_get_no_notifications_link(client):
    page = client.get(reverse("login")).content.decode()
    assert "dw-notifications-link" not in page


def test_the_count_costs_one_query_and_none_for_anonymous(cast, django_assert_num_queries):
    note(cast)
    request = RequestFactory().get("/")
    request.user = cast[OWNER]
    request.district = cast.district
    with django_assert_num_queries(1):
        assert context.notifications(request) == {"unread_notifications": 1}
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert context.notifications(request) == {"unread_notifications": None}


# ---- the list ----


def test_the_list_shows_only_the_users_own_newest_first(cast, client_as):
    older = note(cast, title="Older need answered")
    Notification.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    note(cast, title="Newer agenda published")
    note(cast, user="principal_north_2", title="Someone else's")
    note(cast, district=cast.other_district, title="Another district's")
    page = client_as(OWNER).get(reverse("notifications")).content.decode()
    assert page.index("Newer agenda published") < page.index("Older need answered")
    assert "Someone else's" not in page
    assert "Another district's" not in page


def test_unread_ones_say_so_in_words(cast, client_as):
    note(cast, title="Not yet seen")
    note(cast, title="Seen", read_at=timezone.now())
    page = client_as(OWNER).get(reverse("notifications")).content.decode()
    unread_item = page[page.index("dw-notification--unread") : page.index("Not yet seen")]
    assert '<span class="usa-tag margin-right-1">Unread</span>' in unread_item
    read_item = page[page.index("dw-notification--read") : page.index(">Seen<")]
    assert "Unread" not in read_item


def test_the_list_links_each_to_its_opening(cast, client_as):
    found = note(cast)
    page = client_as(OWNER).get(reverse("notifications")).content.decode()
    assert f'href="{reverse("notification_open", args=[found.pk])}"' in page


def test_the_list_comes_a_page_at_a_time(cast, client_as):
    for number in range(NOTIFICATIONS_PER_PAGE + 3):
        note(cast, title=f"Agenda number {number:02d}")
    client = client_as(OWNER)
    first = client.get(reverse("notifications")).content.decode()
    second = client.get(reverse("notifications"), {"page": 2}).content.decode()
    assert first.count("Agenda number") == NOTIFICATIONS_PER_PAGE
    assert second.count("Agenda number") == 3
    assert "Page 2 of 2" in second


def test_an_empty_list_says_there_is_nothing(cast, client_as):
    page = client_as(OWNER).get(reverse("notifications")).content.decode()
    assert "You have no notifications in Riverside Unified (test)." in page
    assert "Mark all as read" not in page


# ---- opening one ----


def test_opening_marks_it_read_and_goes_to_its_page(cast, client_as):
    found = note(cast, url="/voice/")
    response = client_as(OWNER).get(reverse("notification_open", args=[found.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/voice/"
    found.refresh_from_db()
    assert found.read_at is not None


def test_opening_twice_keeps_the_first_reading(cast, client_as):
    found = note(cast)
    client = client_as(OWNER)
    client.get(reverse("notification_open", args=[found.pk]))
    first = Notification.objects.get(pk=found.pk).read_at
    client.get(reverse("notification_open", args=[found.pk]))
    assert Notification.objects.get(pk=found.pk).read_at == first


def test_another_persons_notification_is_not_found_and_stays_unread(cast, client_as):
    theirs = note(cast, user="principal_north_2")
    response = client_as(OWNER).get(reverse("notification_open", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_ones_own_notification_of_another_district_is_not_found_here(cast, client_as):
    elsewhere = note(cast, district=cast.other_district)
    response = client_as(OWNER).get(reverse("notification_open", args=[elsewhere.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/phish",
        "//elsewhere.example/phish",
        "/\\elsewhere.example/phish",
        "/\t/elsewhere.example/phish",
        "javascript:alert(1)",
        "voice/",
    ],
)
def test_opening_never_leads_off_site(cast, client_as, url):
    found = note(cast, title="Suspicious", url=url)
    client = client_as(OWNER)
    response = client.get(reverse("notification_open", args=[found.pk]))
    assert response["Location"] == reverse("notifications")
    page = client.get(reverse("notifications")).content.decode()
    assert "points outside Districtwise, so it was not followed" in page
    found.refresh_from_db()
    assert found.read_at is not None


@pytest.mark.parametrize("url", ["/", "/voice/needs/3/", "/improvement/?tab=cycles#top"])
def test_local_paths_are_followed(url):
    assert is_local_url(url)


# ---- mark all as read ----


def test_mark_all_as_read_reads_only_ones_own_in_this_district(cast, client_as):
    mine = [note(cast, title=f"Mine {n}") for n in range(3)]
    theirs = note(cast, user="principal_north_2")
    elsewhere = note(cast, district=cast.other_district)
    client = client_as(OWNER)
    response = client.post(reverse("notifications_mark_read"), follow=True)
    assert "3 notifications marked as read." in response.content.decode()
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert Notification.objects.get(pk=elsewhere.pk).read_at is None
    assert "dw-badge" not in header_link(response.content.decode())


def test_mark_all_as_read_is_a_post(cast, client_as):
    note(cast)
    assert client_as(OWNER).get(reverse("notifications_mark_read")).status_code == 405
    assert Notification.objects.get(user=cast[OWNER]).read_at is None


# ---- e-mail settings ----


def with_address(cast, name=OWNER, address="principal.north1@example.org"):
    user = cast[name]
    user.email = address
    user.save()
    return user


def test_settings_show_the_address_e_mails_go_to(cast, client_as):
    with_address(cast)
    page = client_as(OWNER).get(reverse("notification_settings")).content.decode()
    assert "E-mails go to <strong>principal.north1@example.org</strong>" in page
    assert "E-mail is now <strong>off</strong>" in page


def test_settings_say_when_there_is_no_address(cast, client_as):
    page = client_as(OWNER).get(reverse("notification_settings")).content.decode()
    assert "Your account has no e-mail address, so no e-mail can be sent." in page


def test_turning_e_mail_on_sends_the_next_notification_by_e_mail(
    cast, client_as, django_capture_on_commit_callbacks
):
    user = with_address(cast)
    response = client_as(OWNER).post(reverse("notification_settings"), {"email": "on"}, follow=True)
    assert "E-mail is on: each new notification goes to principal.north1@example.org." in (
        response.content.decode()
    )
    assert NotificationSetting.objects.get(user=user, district=cast.district).email is True
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            district=cast.district,
            users=[user],
            kind=Notification.Kind.NEED_ANSWERED,
            title="Your need was answered",
            url="/voice/",
        )
    assert [message.to for message in mail.outbox] == [["principal.north1@example.org"]]
    assert mail.outbox[0].subject == "[Districtwise] Your need was answered"


def test_turning_e_mail_off_stops_the_e_mails(cast, client_as, django_capture_on_commit_callbacks):
    user = with_address(cast)
    NotificationSetting.objects.create(user=user, district=cast.district, email=True)
    client_as(OWNER).post(reverse("notification_settings"), {})
    assert NotificationSetting.objects.get(user=user, district=cast.district).email is False
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            district=cast.district, users=[user], kind="need_answered", title="Answered", url="/"
        )
    assert mail.outbox == []
    assert Notification.objects.filter(user=user, title="Answered").exists()


def test_the_choice_is_for_the_current_district_only(cast, client_as):
    user = with_address(cast)
    client_as(OWNER).post(reverse("notification_settings"), {"email": "on"})
    assert not NotificationSetting.objects.filter(user=user, district=cast.other_district).exists()


def test_changing_the_choice_is_audited_and_saving_it_unchanged_is_not(cast, client_as):
    user = with_address(cast)
    client = client_as(OWNER)
    client.post(reverse("notification_settings"), {"email": "on"})
    client.post(reverse("notification_settings"), {"email": "on"})
    client.post(reverse("notification_settings"), {})
    entries = AuditEntry.objects.filter(
        object_type="core.notificationsetting", actor=user
    ).order_by("id")
    assert [(e.action, e.changes) for e in entries] == [
        ("create", {"email": [None, True]}),
        ("update", {"email": [True, False]}),
    ]


def test_e_mail_cannot_be_turned_on_without_an_address(cast, client_as):
    response = client_as(OWNER).post(reverse("notification_settings"), {"email": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in page
    assert "Your account has no e-mail address, so there is nowhere to send e-mails." in page
    assert 'aria-invalid="true"' in page
    assert not NotificationSetting.objects.filter(user=cast[OWNER]).exists()


# ---- the services underneath ----


def test_only_the_recipient_may_open_a_notification(cast):
    from districtwise.core.notifications import notification_open

    theirs = note(cast, user="principal_north_2")
    with pytest.raises(PermissionError):
        notification_open(actor=cast[OWNER], notification=theirs)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_each_notification_says_what_kind_it_is(cast, client_as):
    Notification.objects.create(
        district=cast.district,
        user=cast[OWNER],
        kind=Notification.Kind.GUIDANCE_TO_ACKNOWLEDGE,
        title="Field trip guidance, version 2",
        url="/voice/",
    )
    page = client_as(OWNER).get(reverse("notifications")).content.decode()
    assert "Guidance to acknowledge ·" in page
