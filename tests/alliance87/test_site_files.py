"""`/robots.txt` and `/.well-known/security.txt` (RFC 9116), written from the settings."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone


def fields(body):
    return dict(line.split(": ", 1) for line in body.decode().splitlines())


# No django_db mark on these tests: pytest-django refuses any database access, so a query fails.


def test_robots_txt_keeps_crawlers_out_of_admin_and_accounts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines and "Disallow: /accounts/" in lines


def test_security_txt_names_the_configured_contact(client, settings):
    settings.SECURITY_CONTACT = "security@gcg.example.org"
    response = client.get("/.well-known/security.txt", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    found = fields(response.content)
    assert found["Contact"] == "mailto:security@gcg.example.org"
    assert found["Preferred-Languages"] == "en-gb"
    assert found["Canonical"] == "https://testserver/.well-known/security.txt"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", found["Expires"])
    expires = datetime.datetime.fromisoformat(found["Expires"])
    # RFC 9116: in the future, and less than a year away.
    assert timezone.now() < expires < timezone.now() + datetime.timedelta(days=365)


def test_security_txt_keeps_a_contact_uri_as_it_is(client, settings):
    settings.SECURITY_CONTACT = "https://gcg.example.org/report-a-problem"
    response = client.get(reverse("security_txt"))
    assert fields(response.content)["Contact"] == "https://gcg.example.org/report-a-problem"


def test_no_security_txt_without_a_contact(client, settings):
    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404
