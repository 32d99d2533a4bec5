"""S9: hostile `next` values never send anyone off the site, at sign-in or sign-out."""

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.second_factor import sign_in

from .conftest import PASSWORD

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "%2F%2Fevil.example",
    "https://testserver@evil.example/",
    " //evil.example",
    "http://evil.example\\@testserver/",
]


def assert_on_site(location):
    """Where a browser would go: the address resolved against the page, as browsers do."""
    target = urlsplit(urljoin("http://testserver/accounts/login/", location.replace("\\", "/")))
    assert target.scheme == "http" and target.netloc == "testserver", location


def assert_stays_on_site(response):
    assert response.status_code == 302
    assert_on_site(response["Location"])


@pytest.mark.parametrize("next_url", HOSTILE)
def test_s9_sign_in_and_out_stay_on_site(client, users, next_url):
    response = sign_in(client, "a-member", PASSWORD, next=next_url)
    assert_stays_on_site(response)
    # Nor does the form carry the value on to the next request.
    page = client.get(reverse("login"), {"next": next_url}).content.decode()
    if carried := re.search(r'name="next" value="([^"]*)"', page):
        assert_on_site(html.unescape(carried.group(1)))
    assert_stays_on_site(client.post(reverse("logout"), {"next": next_url}))


@pytest.mark.parametrize("next_url", HOSTILE[:4])
def test_s9_admin_sign_in_stays_on_site(client, users, next_url):
    response = client.post(
        reverse("admin:login"),
        {"username": "an-officer", "password": PASSWORD, "next": next_url},
    )
    assert_stays_on_site(response)


def test_s9_a_safe_next_is_followed(client, users):
    response = sign_in(client, "a-member", PASSWORD, next=reverse("directory:people"))
    assert response["Location"] == reverse("directory:people")
    page = Client().get(reverse("login"), {"next": reverse("directory:people")})
    assert f'name="next" value="{reverse("directory:people")}"' in page.content.decode()
