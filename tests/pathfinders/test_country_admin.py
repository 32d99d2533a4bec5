"""A country the Secretariat adds in the admin gets its ISO 3166-1 code and UN M49 region (typed
here from the standards), and a code can be corrected there."""

import pytest
from django.urls import reverse

from partners.models import Country, CountryKind
from tests.factories import make_country
from tests.security.test_admin_validation import field_error, get_and_post

pytestmark = pytest.mark.django_db

ADD = reverse("admin:partners_country_add")


def add(client, **fields):
    return get_and_post(client, ADD, **{"kind": CountryKind.COUNTRY, **fields})


def test_a_new_country_gets_its_code_and_region_from_its_name(officer_client):
    response = add(officer_client, name="Ghana", slug="ghana")
    assert response.status_code == 302
    assert Country.objects.values_list("iso_code", "region").get(slug="ghana") == ("GH", "002")


def test_a_name_iso_does_not_know_asks_for_the_code_then_takes_it(officer_client):
    response = add(officer_client, name="Côte d’Ivoire (Republic)", slug="ivory")
    assert response.status_code == 200
    assert "ISO 3166-1 names no country" in field_error(response, "id_iso_code")
    assert not Country.objects.filter(slug="ivory").exists()

    response = add(officer_client, name="Côte d’Ivoire (Republic)", slug="ivory", iso_code="ci")
    assert response.status_code == 302
    assert Country.objects.values_list("iso_code", "region").get(slug="ivory") == ("CI", "002")


def test_a_region_against_the_code_is_refused_not_replaced(officer_client):
    response = add(officer_client, name="Ghana", slug="ghana", region="150")
    assert response.status_code == 200
    assert "follows from its ISO 3166-1 code" in field_error(response, "id_region")
    assert not Country.objects.filter(slug="ghana").exists()


def test_a_regional_body_takes_the_region_the_secretariat_gives_and_no_code(officer_client):
    fields = {"name": "ECOWAS", "slug": "ecowas", "kind": CountryKind.REGIONAL_BODY}
    response = add(officer_client, **fields, iso_code="NG", region="002")
    assert response.status_code == 200
    assert field_error(response, "id_iso_code") == "A regional body has no ISO 3166-1 code."

    response = add(officer_client, **fields, iso_code="", region="002")
    assert response.status_code == 302
    assert Country.objects.values_list("iso_code", "region").get(slug="ecowas") == ("", "002")


def test_correcting_a_code_moves_the_country_to_its_region(officer_client):
    country = make_country(name="Atlantis", iso_code="GR")
    url = reverse("admin:partners_country_change", args=[country.pk])
    page = officer_client.get(url).content.decode()
    assert 'name="region"' not in page  # a country's region is shown, not edited

    response = get_and_post(officer_client, url, iso_code="PE")
    assert response.status_code == 302
    country.refresh_from_db()
    assert (country.iso_code, country.region) == ("PE", "019")
