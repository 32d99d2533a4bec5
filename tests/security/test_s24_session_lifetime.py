"""S24: sessions end. A staff session idle 31 minutes or 12 hours old, a member's idle 13 hours or
15 days old, is ended and the reader told why; "Sign out everywhere" and a password change end the
account's other sessions (base/accounts/sessions.py, base/accounts/sign_out_everywhere.py)."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.second_factor import sign_in, sign_in_as

from .conftest import PASSWORD

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def signed_in(time_machine, user):
    """A client signed in as `user` at START (the clock then stops, moved only by the test)."""
    time_machine.move_to(START, tick=False)
    client = Client()
    sign_in_as(client, user, PASSWORD)
    assert client.get(reverse("password_change")).status_code == 200
    return client


def still_signed_in(client):
    return client.get(reverse("password_change")).status_code == 200


def test_the_limits_are_the_settings_defaults():
    assert settings.STAFF_SESSION_IDLE_SECONDS == 30 * 60
    assert settings.STAFF_SESSION_MAX_SECONDS == 12 * 3600
    assert settings.MEMBER_SESSION_IDLE_SECONDS == 12 * 3600
    assert settings.MEMBER_SESSION_MAX_SECONDS == 14 * 86400


@pytest.mark.parametrize(
    ("role", "idle_for", "ends"),
    [
        ("secretariat", 29 * MINUTE, False),
        ("secretariat", 31 * MINUTE, True),
        ("member", 11 * HOUR, False),
        ("member", 13 * HOUR, True),
    ],
)
def test_s24_an_idle_session_ends(users, time_machine, role, idle_for, ends):
    client = signed_in(time_machine, users[role])
    time_machine.move_to(START + idle_for, tick=False)
    assert still_signed_in(client) is not ends


def test_s24_the_reader_is_told_why(users, time_machine):
    client = signed_in(time_machine, users["secretariat"])
    time_machine.move_to(START + 31 * MINUTE, tick=False)
    response = client.get(reverse("home"))
    assert "You were signed out after 30 minutes without activity." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_s24_a_session_in_use_lasts_until_its_limit_in_all(users, time_machine):
    """An officer at work, a request every 20 minutes: signed in until 12 hours, then not."""
    client = signed_in(time_machine, users["secretariat"])
    elapsed = datetime.timedelta(0)
    while elapsed + 20 * MINUTE <= 12 * HOUR:
        elapsed += 20 * MINUTE
        time_machine.move_to(START + elapsed, tick=False)
        assert still_signed_in(client), elapsed
    time_machine.move_to(START + 12 * HOUR + 10 * MINUTE, tick=False)
    response = client.get(reverse("home"))
    assert "a session lasts at most 12 hours" in response.content.decode()
    assert not still_signed_in(client)


def test_s24_a_members_session_ends_after_fourteen_days_in_all(users, time_machine):
    client = signed_in(time_machine, users["member"])
    elapsed = datetime.timedelta(0)
    while elapsed + 10 * HOUR <= 14 * DAY:
        elapsed += 10 * HOUR
        time_machine.move_to(START + elapsed, tick=False)
        assert still_signed_in(client), elapsed
    time_machine.move_to(START + 14 * DAY + 10 * HOUR, tick=False)
    assert not still_signed_in(client)


def test_s24_the_cookie_says_the_limit_in_all(users, client):
    response = sign_in_as(client, users["secretariat"], PASSWORD, secure=True)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 12 * 3600


def test_s24_sign_out_everywhere_asks_the_password_and_ends_every_session(users, client):
    member = users["member"]
    here, elsewhere = Client(), Client()
    for device in (here, elsewhere):
        sign_in(device, "a-member", PASSWORD)
        assert still_signed_in(device)
    page = reverse("sign_out_everywhere")

    wrong = here.post(page, {"password": "not-the-password"})
    assert wrong.status_code == 200
    assert "That is not your password." in wrong.content.decode()
    assert still_signed_in(here) and still_signed_in(elsewhere)

    done = here.post(page, {"password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    assert not still_signed_in(here)
    assert not still_signed_in(elsewhere)
    member.refresh_from_db()
    assert member.check_password(PASSWORD)  # the same password: sign in again with it
    again = Client()
    sign_in(again, "a-member", PASSWORD)
    assert still_signed_in(again)


def test_s24_a_password_change_ends_the_other_sessions(users):
    here, elsewhere = Client(), Client()
    for device in (here, elsewhere):
        sign_in(device, "a-member", PASSWORD)
    new = "a-new-long-password-for-s24"
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert still_signed_in(here)  # the device that changed it stays signed in
    assert not still_signed_in(elsewhere)


def test_s24_sign_out_everywhere_is_linked_from_my_page(users):
    client = Client()
    client.force_login(users["member"])
    assert reverse("sign_out_everywhere") in client.get(reverse("directory:me")).content.decode()
