"""S23: a second factor for staff (django-otp, django-two-factor-auth): the admin is unreachable
with a password alone, for every admin URL; staff without one set it up at their next sign-in;
codes work once; wrong codes are throttled; members may set one up and turn it off; a superuser
resets a lost one, in the account's history."""

import datetime
import re
from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.second_factor import (
    STEP_FIELD,
    authenticator_app,
    code_now,
    recovery_codes,
    sign_in,
)

from .conftest import PASSWORD
from .url_table import MODEL_KINDS, url_entries, url_for

STAFF_ROLES = ["staff", "secretariat", "superuser"]


def signed_in(client):
    return "_auth_user_id" in client.session


def admin_urls(data):
    """Every admin URL the URL configuration declares, each with an object to open."""
    urls = []
    for key, model, kind in url_entries():
        if kind in MODEL_KINDS or kind == "app_list" or key.startswith("admin:"):
            urls.append(url_for(key, model, kind, data))
    return urls


def where(response):
    return urlsplit(response["Location"]).path if response.status_code == 302 else None


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_s23_a_password_alone_opens_no_admin_page(users, every_model, role):
    every_model.users = users
    user = users[role]
    device = authenticator_app(user)
    client = Client()
    asked = sign_in(client, user.get_username(), PASSWORD)
    assert asked.status_code == 200  # the second step
    assert 'name="token-otp_token"' in asked.content.decode()
    assert not signed_in(client)
    urls = admin_urls(every_model)
    assert len(urls) > 100  # the walk really covered the admin
    opened = {}
    for url in urls:
        response = client.get(url, follow=True)
        if response.request["PATH_INFO"] != reverse("login"):
            opened[url] = (response.status_code, response.request["PATH_INFO"])
    assert opened == {}
    # Opening the sign-in page started it again: the password, the second step, and the admin.
    sign_in(client, user.get_username(), PASSWORD)
    done = client.post(reverse("login"), {STEP_FIELD: "token", "token-otp_token": code_now(device)})
    assert done.status_code == 302 and signed_in(client)
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_s23_staff_without_one_set_it_up_before_anything_else(users, every_model, role):
    every_model.users = users
    user = users[role]
    client = Client()
    assert sign_in(client, user.get_username(), PASSWORD).status_code == 302
    assert signed_in(client)  # signed in with a password: only to set up the second factor
    setup = reverse("two_factor:setup")
    elsewhere = {}
    for url in [*admin_urls(every_model), reverse("directory:me"), reverse("directory:people")]:
        response = client.get(url)
        if where(response) != setup:
            elsewhere[url] = response.status_code
    assert elsewhere == {}
    page = client.get(setup, follow=True)
    assert "The Secretariat&#x27;s accounts sign in with a second factor" in (page.content.decode())


def set_up_an_authenticator_app(client):
    """The set-up's steps as a person takes them; returns the app's secret."""
    setup = reverse("two_factor:setup")
    step = "set_up_view-current_step"
    client.post(setup, {step: "welcome"})
    page = client.post(setup, {step: "method", "method-method": "generator"}).content.decode()
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    totp = TOTP(b32decode(secret))
    response = client.post(setup, {step: "generator", "generator-token": f"{totp.token():06d}"})
    return secret, response


def test_s23_an_officer_sets_one_up_and_the_admin_opens(users):
    officer = users["secretariat"]
    client = Client()
    sign_in(client, officer.get_username(), PASSWORD, next=reverse("admin:index"))
    secret, response = set_up_an_authenticator_app(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup_complete")
    # The end of the set-up offers the recovery codes, then the page the sign-in was opening.
    done = client.get(reverse("two_factor:setup_complete"))
    assert done.status_code == 200
    assert f'href="{reverse("admin:index")}"' in done.content.decode()
    assert client.get(reverse("two_factor:setup_complete")).status_code == 200  # and stays
    assert client.get(reverse("admin:index")).status_code == 200
    (device,) = devices_for_user(officer)
    assert isinstance(device, TOTPDevice) and device.name == "default"
    # Recovery codes, made from the page the set-up ends on.
    page = client.get(reverse("two_factor:setup_complete")).content.decode()
    assert reverse("two_factor:backup_tokens") in page
    client.post(reverse("two_factor:backup_tokens"))
    codes = re.findall(
        r"<li>([a-z2-7]{8,})</li>", client.get(reverse("two_factor:backup_tokens")).content.decode()
    )
    assert len(codes) == 10


def test_s23_a_wrong_code_at_set_up_is_said_and_nothing_is_kept(users):
    officer = users["secretariat"]
    client = Client()
    sign_in(client, officer.get_username(), PASSWORD)
    setup = reverse("two_factor:setup")
    step = "set_up_view-current_step"
    client.post(setup, {step: "welcome"})
    client.post(setup, {step: "method", "method-method": "generator"})
    wrong = client.post(setup, {step: "generator", "generator-token": "not a code"})
    assert wrong.status_code == 200
    assert 'class="errorlist"' in wrong.content.decode()
    assert list(devices_for_user(officer, confirmed=None)) == []
    assert client.get(reverse("admin:index")).status_code == 302


def test_s23_each_recovery_code_works_once(users, time_machine):
    officer = users["secretariat"]
    authenticator_app(officer)
    first, second, _third = recovery_codes(officer)
    client = Client()
    sign_in(client, officer.get_username(), PASSWORD, recovery_code=first)
    assert client.get(reverse("admin:index")).status_code == 200
    again = Client()
    refused = sign_in(again, officer.get_username(), PASSWORD, recovery_code=first)
    assert refused.status_code == 200 and not signed_in(again)
    assert 'class="errorlist' in refused.content.decode()
    assert again.get(reverse("admin:index")).status_code == 302
    # Another code, once the wait a wrong code costs (1 s) is over.
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=2))
    other = Client()
    sign_in(other, officer.get_username(), PASSWORD, recovery_code=second)
    assert other.get(reverse("admin:index")).status_code == 200


def test_s23_a_recovery_code_typed_from_a_printout_works(users):
    officer = users["secretariat"]
    authenticator_app(officer)
    code, *_others = recovery_codes(officer)
    client = Client()
    typed = f" {code[:4].upper()} {code[4:].upper()} "
    sign_in(client, officer.get_username(), PASSWORD, recovery_code=typed)
    assert signed_in(client)


def test_s23_a_code_is_taken_once(users):
    officer = users["secretariat"]
    device = authenticator_app(officer)
    code = code_now(device)
    first = Client()
    sign_in(first, officer.get_username(), PASSWORD, code=code)
    assert signed_in(first)
    replay = Client()
    sign_in(replay, officer.get_username(), PASSWORD, code=code)
    assert not signed_in(replay)


def test_s23_wrong_codes_make_the_next_try_wait(users, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    officer = users["secretariat"]
    device = authenticator_app(officer)
    client = Client()
    # Three wrong codes, each once the wait after the one before is over: 1 s, 2 s, then 4 s.
    for wait_before in (0, 2, 3):
        time_machine.shift(datetime.timedelta(seconds=wait_before))
        sign_in(client, officer.get_username(), PASSWORD, code="000000")
    device.refresh_from_db()
    assert device.throttling_failure_count == 3
    # The right code 3 s later: refused, the 4 s are not over, and the page says why.
    time_machine.shift(datetime.timedelta(seconds=3))
    waiting = sign_in(client, officer.get_username(), PASSWORD, code=code_now(device))
    assert not signed_in(client)
    assert "Verification temporarily disabled because of 3 failed attempts" in (
        waiting.content.decode()
    )
    time_machine.shift(datetime.timedelta(seconds=2))
    sign_in(client, officer.get_username(), PASSWORD, code=code_now(device))
    assert signed_in(client)


def test_s23_a_sign_in_left_at_the_second_step_starts_again(users, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    officer = users["secretariat"]
    device = authenticator_app(officer)
    client = Client()
    sign_in(client, officer.get_username(), PASSWORD)
    time_machine.shift(datetime.timedelta(minutes=11))
    late = client.post(reverse("login"), {STEP_FIELD: "token", "token-otp_token": code_now(device)})
    assert not signed_in(client)
    assert 'name="auth-password"' in late.content.decode()


def test_s23_a_staff_session_from_before_the_rule_is_signed_out(users):
    officer = users["secretariat"]
    authenticator_app(officer)
    client = Client()
    # A session signed in with the password alone, as sessions were before this rule.
    session = client.session
    session[SESSION_KEY] = str(officer.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = officer.get_session_auth_hash()
    session.save()
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert not signed_in(client)
    assert where(client.get(reverse("directory:me"))) == reverse("login")


def test_s23_members_may_set_one_up_from_their_page_and_turn_it_off(users):
    member = users["member"]
    client = Client()
    sign_in(client, member.get_username(), PASSWORD)
    me = client.get(reverse("directory:me")).content.decode()
    assert reverse("two_factor:profile") in me
    _secret, response = set_up_an_authenticator_app(client)
    assert response.status_code == 302
    # From now on, the member's password alone does not sign them in.
    later = Client()
    sign_in(later, member.get_username(), PASSWORD)
    assert not signed_in(later)
    sign_in(later, member.get_username(), PASSWORD, code=code_now(authenticator_app(member)))
    assert signed_in(later)
    # They may turn it off.
    off = later.post(reverse("two_factor:disable"), {"understand": "on"})
    assert off.status_code == 302
    assert list(devices_for_user(member, confirmed=None)) == []


def test_s23_staff_may_not_turn_theirs_off(users):
    officer = users["secretariat"]
    client = Client()
    client.force_login(officer)  # with its second factor given (tests/conftest.py)
    response = client.post(reverse("two_factor:disable"), {"understand": "on"}, follow=True)
    assert "keep their second factor" in response.content.decode()
    assert list(devices_for_user(officer))
    profile = client.get(reverse("two_factor:profile")).content.decode()
    assert reverse("two_factor:disable") not in profile


def test_s23_a_superuser_resets_a_lost_second_factor_in_the_history(users):
    officer, superuser = users["secretariat"], users["superuser"]
    authenticator_app(officer)
    recovery_codes(officer)
    reset = reverse("admin:auth_user_reset_second_factor", args=[officer.pk])
    # The Secretariat may not reset one, not even its own colleague's.
    colleague = Client()
    colleague.force_login(users["staff"])
    assert colleague.post(reset).status_code == 403
    assert len(list(devices_for_user(officer, confirmed=None))) == 2

    client = Client()
    client.force_login(superuser)
    change_page = client.get(reverse("admin:auth_user_change", args=[officer.pk]))
    assert reset in change_page.content.decode()
    confirm = client.get(reset)
    assert confirm.status_code == 200
    assert list(devices_for_user(officer, confirmed=None))  # a GET removes nothing
    done = client.post(reset)
    assert done.status_code == 302
    assert list(devices_for_user(officer, confirmed=None)) == []
    entry = LogEntry.objects.get(object_id=str(officer.pk))
    assert entry.user == superuser
    assert "Reset the second factor" in entry.get_change_message()
    history = client.get(reverse("admin:auth_user_history", args=[officer.pk]))
    assert "Reset the second factor" in history.content.decode()
    # The officer's next sign-in: set up a new one.
    again = Client()
    sign_in(again, officer.get_username(), PASSWORD)
    assert where(again.get(reverse("admin:index"))) == reverse("two_factor:setup")


def test_s23_the_accounts_list_says_who_has_one_without_a_query_per_row(users, django_user_model):
    authenticator_app(users["secretariat"])
    client = Client()
    client.force_login(users["superuser"])
    with CaptureQueriesContext(connection) as five_accounts:
        client.get(reverse("admin:auth_user_changelist"))
    for n in range(10):
        authenticator_app(django_user_model.objects.create_user(f"more-{n}"))
    with CaptureQueriesContext(connection) as fifteen_accounts:
        response = client.get(reverse("admin:auth_user_changelist"))
    assert len(fifteen_accounts) == len(five_accounts)
    page = response.content.decode()
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    officer_row = next(row for row in rows if ">an-officer<" in row)
    member_row = next(row for row in rows if ">a-member<" in row)
    assert 'alt="True"' in officer_row.split("field-second_factor")[1]
    assert 'alt="False"' in member_row.split("field-second_factor")[1]


def test_s23_opening_the_sign_in_page_makes_no_session(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
