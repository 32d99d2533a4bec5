"""S6: security headers on every kind of HTML response, the admin included, under a strict CSP."""

import re

import pytest
from django.urls import reverse

from alliance87 import views

from .conftest import client_for
from .url_table import public_urls


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def assert_security_headers(response):
    hsts = response["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    script_src = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


# A data block (JSON, and a page's JSON-LD for search engines) is never run: the CSP ignores it.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)


def assert_nothing_inline(html):
    """What the CSP would block in a browser: inline scripts, style elements and attributes."""
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group()
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html).group()


@pytest.mark.django_db
def test_s6_headers_on_pages_and_404(client):
    for url in [reverse("home"), reverse("login"), reverse("password_reset"), "/no-such-page/"]:
        response = client.get(url, secure=True)
        assert response.status_code in (200, 404)
        assert_security_headers(response)
        assert_nothing_inline(response.content.decode())


@pytest.mark.django_db
def test_s6_headers_on_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client.raise_request_exception = False
    response = client.get(reverse("home"), secure=True)
    assert response.status_code == 500
    assert_security_headers(response)
    assert_nothing_inline(response.content.decode())


def test_s6_admin_works_under_the_csp(users, every_model):
    client = client_for(users["secretariat"])
    meeting = every_model.meeting
    for url in [
        reverse("admin:index"),
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        reverse("admin:meetings_meeting_history", args=[meeting.pk]),
    ]:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_security_headers(response)
        # Django's admin scripts cannot run under Trusted Types: the rest of the policy holds.
        assert "require-trusted-types-for" not in csp_directives(response), url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group())
        # Every script the admin needs comes from this site, which script-src 'self' allows.
        for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html):
            assert src.startswith("/") and not src.startswith("//"), src


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_s6_every_public_page_works_under_the_csp(self, client, users):
        """Every public page of the S1 table, with every object, anonymous and signed in:
        nothing the CSP would block."""
        member = client_for(users["member"])
        urls = public_urls()
        # 26 public entries (the search, the meeting's briefing pack, the site's four pages about
        # itself and the contact form's thank-you among them; documents' files and the packs'
        # ZIPs and files, of which the record has none, aside), 4 for servers and robots
        # (/healthz, /readyz, /robots.txt, /sitemap.xml), 10 exports and 7 Atom feeds; 23 more
        # countries, 3 more action groups and 33 more organisations; the feeds of each country,
        # action group and organisation, and of all meetings (following/).
        assert len(urls) == 26 + 4 + 10 + 7 + 23 + 3 + 33 + (24 + 4 + 34 + 1)
        for visitor in (client, member):
            for url in urls:
                response = visitor.get(url, secure=True)
                assert response.status_code == 200, url
                assert "script-src 'self'" in response["Content-Security-Policy"]
                trusted_types = csp_directives(response).get("require-trusted-types-for")
                # Everywhere but the admin's sign-in page (test_s6_admin_works_under_the_csp).
                in_admin = url.startswith(reverse("admin:index"))
                assert trusted_types == (None if in_admin else ["'script'"]), url
                html = response.content.decode()
                assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group())
                assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html).group())
