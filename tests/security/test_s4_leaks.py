"""S4: other channels carry no address: error pages and the log output. (Feeds, sitemaps, JSON
and CSV exports are URLs: once in the S1 table, S2's walk searches them: the calendar feed, the
JSON views and a meeting's CSV files are there.)"""

import logging

import pytest
from django.urls import reverse

from partners.models import EmailAddress
from tests.second_factor import sign_in

ADDRESS_SHAPED = ["emma.goodwin@dfat.gov.au", "@dfat.gov.au"]


@pytest.mark.django_db
def test_s4_error_pages_and_logs_carry_no_address(client, record, caplog):
    addresses = [a.lower() for a in EmailAddress.objects.values_list("address", flat=True)]
    assert len(addresses) == 44
    caplog.set_level(logging.DEBUG)
    # A 404 (logged with its path: a path the visitor typed is theirs, so it holds no address
    # here), failed sign-ins with an address as the username (the lockout logs), and a
    # directory search for an address (query strings are never logged).
    response = client.get("/organizations/no-such-organisation/")
    assert response.status_code == 404
    assert "@" not in response.content.decode()
    for _ in range(6):
        sign_in(client, "Emma.goodwin@dfat.gov.au", "wrong")
    client.get(reverse("directory:people"), {"q": "@dfat.gov.au"})
    # The same search of the directory's JSON, and of its download (sent to sign in).
    assert (
        "@"
        not in client.get(reverse("directory:people_json"), {"q": "@dfat.gov.au"}).content.decode()
    )
    response = client.get(reverse("directory:people_csv"), {"q": "@dfat.gov.au"})
    assert response.status_code == 302
    assert "dfat" not in response.content.decode()
    logged = caplog.text.lower()
    assert "axes" in logged  # the sign-in log did write
    for address in addresses + ADDRESS_SHAPED:
        assert address not in logged, address
