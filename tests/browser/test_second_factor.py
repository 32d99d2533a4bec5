"""A Secretariat officer signs in with a password, then a code from an authenticator app; with
the password alone, no admin page opens, whichever of the admin's URLs is asked for; recovery
codes work once each (docs/security.md, S23)."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse
from playwright.sync_api import expect

from tests.factories import make_roles
from tests.second_factor import authenticator_app, code_now, recovery_codes
from tests.security.url_table import walk

from .conftest import audit, describe, give_the_password, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OFFICER = ("browser-2fa-officer", "a-long-browser-password-10")
# What each kind of path part stands for in the enumeration: an admin URL answers "sign in"
# before it looks anything up, so an object that is not there is as good as one that is.
PLACEHOLDERS = {"int": "1", "path": "1", "str": "meetings.objective", "uuid": str(uuid.uuid4())}


@pytest.fixture(scope="module")
def officer(site):
    """An officer with an authenticator app and recovery codes, committed for the live server
    to see (a test's own writes are rolled back, and on PostgreSQL the server never sees them)."""
    user = get_user_model().objects.create_user(OFFICER[0], password=OFFICER[1], is_staff=True)
    user.groups.add(make_roles().secretariat)
    authenticator_app(user)
    user.recovery_codes = recovery_codes(user)
    return user


@pytest.fixture(scope="module")
def passkey_member(site):
    account = ("browser-passkey-member", "a-long-browser-password-11")
    get_user_model().objects.create_user(account[0], password=account[1])
    return account


def every_admin_url():
    """Every URL of the admin site, from its own URL patterns (each model's pages, each app's
    index, the portal's own admin pages), its path parts filled in."""
    filled = set()
    for namespace, _name, route in walk(get_resolver().url_patterns):
        if namespace != "admin":
            continue
        if route.startswith("admin/^"):  # an app's index: one of the apps it lists
            filled.add(reverse("admin:app_list", kwargs={"app_label": "meetings"}))
        elif "(?P<url>" in route:  # the catch-all of unknown admin addresses
            filled.add("/admin/no-such-page/")
        else:
            filled.add(
                "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: PLACEHOLDERS[m[1] or "str"], route)
            )
    return sorted(filled)


def test_an_officer_signs_in_with_password_then_code_and_the_password_alone_opens_nothing(
    page, site, officer, axe_path
):
    app = authenticator_app(officer)  # the module's
    page.goto(f"{site}/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    give_the_password(page, site, OFFICER, next_path="/admin/")
    code_field = page.get_by_label("Code from your authenticator app")
    expect(code_field).to_be_visible()
    screenshot(page, "second-factor-code.png")
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the code step:\n{describe(blocking)}"

    # With the password given, and in this browser's session, every admin URL: none opens.
    urls = every_admin_url()
    assert len(urls) > 100
    opened = {}
    for url in urls:
        response = page.request.get(site + url)
        if not response.url.startswith(f"{site}{reverse('login')}"):
            opened[url] = (response.status, response.url)
    assert opened == {}

    # Asking the admin's pages started the sign-in again, as opening the sign-in page does.
    give_the_password(page, site, OFFICER, next_path="/admin/")
    code_field.fill("123")
    page.locator("main").get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("alert").or_(page.locator(".errorlist"))).not_to_have_count(0)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on a wrong code:\n{describe(blocking)}"

    page.wait_for_timeout(1100)  # a wrong code costs a second's wait
    code_field.fill(code_now(app))
    page.locator("main").get_by_role("button", name="Confirm").click()
    expect(page.locator("#user-tools")).to_contain_text(OFFICER[0])
    expect(page.locator("#content-main")).to_contain_text("Record a meeting")


def test_each_recovery_code_signs_in_once(page, site, officer):
    first, *_others = officer.recovery_codes

    def sign_in_with(code):
        give_the_password(page, site, OFFICER, next_path="/admin/")
        page.get_by_role("button", name="Use a recovery code").click()
        page.get_by_label("Recovery code").fill(code)
        page.locator("main").get_by_role("button", name="Confirm").click()

    sign_in_with(first)
    expect(page.locator("#user-tools")).to_contain_text(OFFICER[0])
    page.locator("#logout-form button").click()
    expect(page.locator("#user-tools")).to_have_count(0)

    sign_in_with(first)
    expect(page.locator(".errorlist")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert page.request.get(f"{site}/admin/").url.startswith(f"{site}{reverse('login')}")


def test_a_member_sets_up_a_passkey_and_signs_in_with_it(page, site, passkey_member, axe_path):
    """WebAuthn, with Chromium's virtual authenticator standing for a security key."""
    account = passkey_member
    authenticator = page.context.new_cdp_session(page)
    authenticator.send("WebAuthn.enable")
    authenticator.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, site, account)
    page.goto(f"{site}{reverse('directory:me')}")
    # Each audit waits for the next page's own content: a click only starts the navigation,
    # and axe injected into a page being replaced finds no document to add itself to.
    page.get_by_role("link", name="Your second factor").click()
    expect(page.get_by_role("link", name="Set up a second factor")).to_be_visible()
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the second factor's page:\n{describe(blocking)}"
    page.get_by_role("link", name="Set up a second factor").click()
    expect(page.locator("main").get_by_role("button", name="Next")).to_be_visible()
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the set-up:\n{describe(blocking)}"
    page.locator("main").get_by_role("button", name="Next").click()
    expect(page.get_by_label("A passkey")).to_be_visible()
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the set-up's choice:\n{describe(blocking)}"
    page.get_by_label("A passkey").check()
    page.locator("main").get_by_role("button", name="Next").click()
    # The browser asks the authenticator, which answers; the page posts its answer itself.
    expect(page.get_by_role("heading", name="Your second factor is set up")).to_be_visible()
    screenshot(page, "second-factor-passkey-set-up.png")
    page.get_by_role("link", name="Get your recovery codes").click()
    page.locator("main").get_by_role("button", name="Make my recovery codes").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the recovery codes:\n{describe(blocking)}"

    page.locator(".account").get_by_role("button", name="Sign out").click()
    expect(page.locator(".account").get_by_role("link", name="Sign in")).to_be_visible()
    give_the_password(page, site, account)
    # The passkey's answer is posted by the page as soon as the authenticator gives it.
    expect(page.locator(".account")).to_contain_text(f"Signed in as {account[0]}", timeout=15_000)
