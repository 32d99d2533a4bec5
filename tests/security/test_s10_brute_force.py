"""S10: repeated failed sign-ins are refused for a while, per account and per address."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.second_factor import sign_in

from .conftest import PASSWORD

LIMIT = 5  # typed from settings.py's default, so a change there is a deliberate one


def attempt(client, url, username, password, address):
    assert url == reverse("login")  # the one sign-in, the admin's too
    return sign_in(client, username, password, REMOTE_ADDR=address)


def end_cool_off():
    """As if the cool-off had passed: move every recorded failure back beyond it."""
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )


def test_s10_the_admin_signs_in_on_the_portal_s_sign_in(client):
    response = client.post(reverse("admin:login"), {"username": "an-officer", "password": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_s10_one_account_from_many_addresses(client, users):
    url = reverse("login")
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    for n in range(LIMIT - 1):
        response = attempt(client, url, "an-officer", "wrong", f"198.51.100.{n}")
        assert response.status_code == 200  # the form again, with its error
    response = attempt(client, url, "an-officer", "wrong", "198.51.100.99")
    assert response.status_code == 429
    # Now even the right password, from a fresh address, is refused, with a clear message.
    response = attempt(client, url, "an-officer", PASSWORD, "203.0.113.7")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in paused" in page
    assert "try again in 15 minutes" in page
    assert "_auth_user_id" not in client.session
    end_cool_off()
    response = attempt(client, url, "an-officer", PASSWORD, "203.0.113.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["secretariat"].pk)


def test_s10_one_address_trying_many_accounts(client, users):
    url = reverse("login")
    for n in range(LIMIT):
        attempt(client, url, f"guess-{n}", "wrong", "198.51.100.1")
    # A real account with its right password, from that address: refused.
    assert attempt(client, url, "a-member", PASSWORD, "198.51.100.1").status_code == 429
    # The same account from another address is not locked: the account was not attacked.
    assert attempt(client, url, "a-member", PASSWORD, "203.0.113.9").status_code == 302


def test_s10_behind_a_proxy_the_client_address_counts(client, users, settings):
    """With TRUSTED_PROXY_COUNT=1, X-Forwarded-For's last hop is the client, not the proxy."""
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("login")
    assert url == reverse("login")
    for n in range(LIMIT):
        sign_in(
            client,
            f"guess-{n}",
            "wrong",
            REMOTE_ADDR="10.0.0.1",
            # A forged first entry must not help: only the proxy's own entry is read.
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.1",
        )
    locked = sign_in(
        client, "a-member", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert locked.status_code == 429
    other_client = sign_in(
        client, "a-member", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert other_client.status_code == 302
