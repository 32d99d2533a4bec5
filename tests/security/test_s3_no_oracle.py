"""S3: searching the directory for an address (or a part of one) matches nobody for an anonymous
visitor; a member finds by address only the people whose address that member may read."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from partners.models import ContactVisibility, Person

from .conftest import client_for

PROBES = ["Emma.goodwin@dfat.gov.au", "@dfat.gov.au", "dfat.gov.au", "gs@bwint.org"]


def listed(client, **params):
    """The names the view lists (rendered, not served from the page cache, which keeps no
    context: two addresses given in an unknown parameter are one page there)."""
    caches["default"].clear()
    response = client.get(reverse("directory:people"), params)
    assert response.status_code == 200
    return [person["name"] for person in response.context["object_list"]]


@pytest.mark.django_db
def test_s3_address_searches_find_nobody_for_anonymous_visitors(record, users):
    client = client_for(users["anonymous"])
    assert listed(client, q="Emma") == ["Emma Goodwin"]  # the name search itself works
    nobody = listed(client, q="zq-no-such-name-xv")
    assert nobody == []
    for probe in [*PROBES, "zq-no-such-name@example.org", "zq-no-such-domain.example"]:
        assert listed(client, q=probe) == nobody, probe
    # An unknown parameter is ignored: the result does not depend on the address given.
    assert listed(client, email="Emma.goodwin@dfat.gov.au") == listed(client, email="zq-xv")


@pytest.mark.django_db
def test_s3_members_find_by_address_only_the_addresses_they_may_read(record, users):
    Person.objects.filter(name="Ambet Yuson").update(
        contact_visibility=ContactVisibility.SECRETARIAT
    )
    client = client_for(users["member"])
    found = [listed(client, q=probe) for probe in PROBES]
    assert found == [
        ["Emma Goodwin"],
        ["Emma Goodwin", "Carla Ienco", "Patrick Lawless"],
        ["Emma Goodwin", "Carla Ienco", "Patrick Lawless"],
        [],  # a Secretariat-only address: as if it did not exist
    ]
