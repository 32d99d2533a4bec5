"""The sort name and search keys each person and organisation keeps: filled on save, by the
participant import's bulk creation and by the migration; a sort name set by hand stays."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from partners import names
from partners.models import Organization, Person
from partners.services import organizations_create, people_create
from tests.admin_forms import posted_data
from tests.factories import make_organization, make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "search_name", "sort_name"),
    [
        ("Graciela Guzmán", "graciela guzman", "Guzmán Graciela"),
        ("Francesco d’Ovidio", "francesco d'ovidio d ovidio dovidio", "d’Ovidio Francesco"),
        (
            "Ursula Antwi-Boasiako",
            "ursula antwi-boasiako antwi boasiako antwiboasiako",
            "Antwi-Boasiako Ursula",
        ),
        ("  Jin   Sook LEE ", "jin sook lee", "LEE Jin Sook"),
    ],
)
def test_keys_of_a_name(name, search_name, sort_name):
    assert names.search_name(name) == search_name
    assert names.default_sort_name(name) == sort_name


def test_saving_fills_an_empty_sort_name_and_keeps_one_set_by_hand():
    person = make_person(name="Graciela Guzmán")
    assert (person.sort_name, person.sort_key) == ("Guzmán Graciela", "guzman graciela")
    person.sort_name = "López Gonzalez Diego"
    person.save()
    person.refresh_from_db()
    assert person.sort_name == "López Gonzalez Diego"
    assert person.sort_key == "lopez gonzalez diego"


def test_bulk_creation_fills_the_keys_too():
    [organization] = organizations_create([Organization(name="Ministère du Travail", kind="other")])
    [person] = people_create([Person(name="Émilie Zoë Dupré", organization=organization)])
    person.refresh_from_db()
    organization.refresh_from_db()
    assert organization.search_name == "ministere du travail"
    assert (person.sort_name, person.search_name) == ("Dupré Émilie Zoë", "emilie zoe dupre")


def test_the_migration_fills_rows_saved_before_it():
    person = make_person(name="Graciela Guzmán")
    Person.objects.filter(pk=person.pk).update(sort_name="", search_name="", sort_key="")
    Organization.objects.filter(pk=person.organization_id).update(search_name="")
    migration = importlib.import_module("partners.migrations.0007_person_search_and_sort_names")

    migration.derive_names(apps, connection.schema_editor())

    person.refresh_from_db()
    assert (person.sort_name, person.search_name) == ("Guzmán Graciela", "graciela guzman")
    assert person.organization.search_name == names.search_name(person.organization.name)


def change_page(client, person, **changes):
    url = reverse("admin:partners_person_change", args=[person.pk])
    response = client.post(url, posted_data(client.get(url), **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    return person


def test_the_secretariat_edits_the_sort_name(staff_client):
    person = make_person(name="Diego Lopez Gonzalez", organization=make_organization())
    assert person.sort_name == "Gonzalez Diego Lopez"

    change_page(staff_client, person, sort_name="Lopez Gonzalez Diego")
    assert (person.sort_name, person.sort_key) == ("Lopez Gonzalez Diego", "lopez gonzalez diego")

    # Set by hand, it stays when the name is corrected.
    change_page(staff_client, person, name="Diego López González")
    assert person.sort_name == "Lopez Gonzalez Diego"


def test_a_default_sort_name_follows_a_corrected_name(staff_client):
    person = make_person(name="Graciela Guzman")
    change_page(staff_client, person, name="Graciela Guzmán")
    assert (person.sort_name, person.search_name) == ("Guzmán Graciela", "graciela guzman")
