"""S4: other channels: feeds, exports and error pages, and the log output, carry no address."""

import logging

import pytest
from django.urls import reverse

from partners.models import EmailAddress

from .test_s1_access_matrix import SITE

ADDRESS_SHAPED = ["emma.goodwin@dfat.gov.au", "@dfat.gov.au"]


def test_s4_any_feed_or_export_is_in_the_walked_table():
    """Feeds, sitemaps, JSON and CSV exports are URLs too: S1 and S2 walk each one; here we
    make sure none is hidden under a name that escaped the table."""
    suspicious = [k for k in SITE if any(w in k for w in ("feed", "sitemap", "export", "json"))]
    for key in suspicious:
        assert SITE[key][1]["anonymous"] in (200, "302 to sign-in"), key


@pytest.mark.django_db
def test_s4_error_pages_and_logs_carry_no_address(client, record, users, caplog):
    addresses = [a.lower() for a in EmailAddress.objects.values_list("address", flat=True)]
    caplog.set_level(logging.DEBUG)
    # A 404 (logged with its path: a path the visitor typed is theirs, so it holds no address
    # here), failed sign-ins with an address as the username (the lockout logs), and a
    # directory search for an address (query strings are never logged).
    response = client.get("/organizations/no-such-organisation/")
    assert response.status_code == 404
    assert "@" not in response.content.decode()
    for _ in range(6):
        client.post(reverse("login"), {"username": "Emma.goodwin@dfat.gov.au", "password": "wrong"})
    client.get(reverse("partners:directory"), {"q": "@dfat.gov.au"})
    logged = caplog.text.lower()
    assert "axes" in logged  # the sign-in log did write
    for address in addresses + ADDRESS_SHAPED:
        assert address not in logged, address
