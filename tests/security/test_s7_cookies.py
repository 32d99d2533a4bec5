"""S7: after signing in, or choosing a language, under production settings, the cookies are
Secure, HttpOnly, SameSite."""

from django.conf import settings
from django.urls import reverse

from tests.second_factor import sign_in

from .conftest import PASSWORD


def test_s7_cookies_after_sign_in(client, users):
    client.get(reverse("login"), secure=True)
    response = sign_in(client, "a-member", PASSWORD, secure=True)
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"


def test_s7_the_language_cookie(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"}, secure=True)
    assert response.status_code == 302
    language = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert language.value == "fr"
    assert language["secure"] is True
    assert language["httponly"] is True
    assert language["samesite"] == "Lax"
