"""S11: the session key changes at sign-in; sign-out and deactivation end the session."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.second_factor import sign_in

from .conftest import PASSWORD


def test_s11_session_key_changes_at_sign_in(client, users):
    before = client.session
    before["seen"] = True
    before.save()
    key_before = client.cookies[settings.SESSION_COOKIE_NAME].value
    sign_in(client, "a-member", PASSWORD)
    key_after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert key_after and key_after != key_before


def test_s11_old_cookie_is_anonymous_after_sign_out(client, users):
    sign_in(client, "a-member", PASSWORD)
    old = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("password_change")).status_code == 200
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old
    response = replay.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_s11_deactivated_user_is_anonymous(client, users):
    member = users["member"]
    client.force_login(member)
    assert client.get(reverse("password_change")).status_code == 200
    member.is_active = False
    member.save()
    assert client.get(reverse("password_change")).status_code == 302
