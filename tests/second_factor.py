"""The second factor in tests: an account's authenticator app, the code it shows now, and the
two-step sign-in as a browser posts it.

Tests that are not about signing in sign in with `client.force_login`, as if both steps had been
taken (tests/conftest.py): a staff session then carries its second factor, as a real one must to
open the admin. The sign-in itself is tested in tests/security/test_s23_second_factor.py and
tests/browser/test_second_factor.py.
"""

import time

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from base.accounts.second_factor import must_have_a_second_factor

STEP_FIELD = "two_step_sign_in_view-current_step"


def authenticator_app(user):
    """The account's authenticator app (a confirmed TOTP device), made if it has none; named
    "default", as django-two-factor-auth names the device it asks for first."""
    device, _made = TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"confirmed": True}
    )
    return device


def recovery_codes(user, count=3):
    """New recovery codes for the account: the codes."""
    device, _made = StaticDevice.objects.get_or_create(user=user, name="backup")
    device.token_set.all().delete()
    return [device.token_set.create(token=f"recover{n}code{user.pk}").token for n in range(count)]


def code_now(device):
    """The code the app shows, as a person would type it: one the device has not yet accepted
    (it takes each time step's code once), waiting for the next step if it must."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    for _second in range(2 * device.step):
        totp.time = time.time()
        step = max(totp.t(), device.last_t + 1)
        if step <= totp.t() + device.tolerance:
            totp.time = device.t0 + step * device.step
            return f"{totp.token():0{device.digits}d}"
        time.sleep(1)
    raise AssertionError("no unused code: is the clock stopped? Move it on by 30 s.")


def given_the_second_factor(client, user):
    """Marks the client's session as having given the account's second factor."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_app(user).persistent_id
    session.save()


def sign_in_as(client, user, password, **extra):
    """Signs `user` in as they would: staff with the code of their app (made if they have none)."""
    code = None
    if must_have_a_second_factor(user):
        code = code_now(authenticator_app(user))
    return sign_in(client, user.get_username(), password, code=code, **extra)


def sign_in(client, username, password, code=None, recovery_code=None, next=None, **extra):
    """The two steps as a browser posts them (the second only with a code); returns the last
    response. `extra` goes with every request (REMOTE_ADDR, secure=True, follow=True...)."""
    url = reverse("login")
    also = {"next": next} if next is not None else {}
    response = client.post(
        url,
        {STEP_FIELD: "auth", "auth-username": username, "auth-password": password, **also},
        **extra,
    )
    if recovery_code is not None:
        client.post(url, {STEP_FIELD: "token", "wizard_goto_step": "backup"}, **extra)
        return client.post(
            url, {STEP_FIELD: "backup", "backup-otp_token": recovery_code, **also}, **extra
        )
    if code is not None:
        return client.post(url, {STEP_FIELD: "token", "token-otp_token": code, **also}, **extra)
    return response
