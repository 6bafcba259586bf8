"""Log-in: a generic message for a wrong password, and a pause after repeated failures."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD


def test_the_right_password_logs_in_and_lands_home(client, cast):
    response = client.post(
        reverse("login"), {"username": "principal_north_1", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "North One Elementary" in client.get(reverse("home")).content.decode()


def test_a_wrong_password_gets_a_generic_message(client, cast):
    response = client.post(reverse("login"), {"username": "principal_north_1", "password": "x"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "do not match an account" in page
    # The same message for an account that does not exist: nothing to learn by guessing.
    other = client.post(reverse("login"), {"username": "nobody_here", "password": "x"})
    assert "do not match an account" in other.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_it_pauses_an_account_after_repeated_failures(client, cast):
    for _ in range(3):
        client.post(reverse("login"), {"username": "superintendent", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "superintendent", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_a_success_clears_earlier_failures(client, cast):
    for _ in range(2):
        client.post(reverse("login"), {"username": "superintendent", "password": "wrong"})
    client.post(reverse("login"), {"username": "superintendent", "password": PASSWORD})
    client.logout()
    client.post(reverse("login"), {"username": "superintendent", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "superintendent", "password": PASSWORD})
    assert response.status_code == 302


def test_an_unknown_url_is_a_404_inside_the_layout(client_as):
    response = client_as("superintendent").get("/no/such/page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page
    assert 'aria-label="Capabilities"' in page  # the navigation is still there


def test_logout_ends_the_session(client_as):
    client = client_as("superintendent")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
