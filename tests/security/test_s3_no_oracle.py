"""S3: searching the directory for an address (or a part of one) matches nobody, for anyone."""

import pytest
from django.urls import reverse

from .conftest import client_for


def listed(client, **params):
    response = client.get(reverse("directory:people"), params)
    assert response.status_code == 200
    return [person.name for person in response.context["object_list"]]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_s3_address_searches_find_nobody(record, users, role):
    client = client_for(users[role])
    assert listed(client, q="Emma") == ["Emma Goodwin"]  # the name search itself works
    nobody = listed(client, q="zq-no-such-name-xv")
    assert nobody == []
    for probe in ["Emma.goodwin@dfat.gov.au", "@dfat.gov.au", "dfat.gov.au", "gs@bwint.org"]:
        assert listed(client, q=probe) == nobody, probe
    # An unknown parameter is ignored: the result does not depend on the address given.
    assert listed(client, email="Emma.goodwin@dfat.gov.au") == listed(client, email="zq-xv")
