"""Organisations, people, their addresses and countries: what the database refuses."""

import pytest

from partners.models import EmailAddress, Organization, Person
from tests.factories import assert_refused, make_country, make_organization, make_person

pytestmark = pytest.mark.django_db


def test_two_email_addresses_equal_up_to_case():
    make_person(email="Beate.Andrees@ilo.org")

    assert_refused(lambda: make_person(email="beate.andrees@ILO.org"))
    assert EmailAddress.objects.filter(address__iexact="beate.andrees@ilo.org").count() == 1


BAD_VALUES = {
    "organisation kind": (make_organization, "kind", "partners_organization_kind_valid"),
    "country kind": (make_country, "kind", "pathfinders_country_kind_valid"),
    "country region": (make_country, "region", "partners_country_region_m49"),
    "contact visibility": (
        make_person,
        "contact_visibility",
        "partners_person_contact_visibility_valid",
    ),
}


@pytest.mark.parametrize("factory, field, constraint", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_bad_choice_value(factory, field, constraint):
    obj = factory()
    rows = type(obj).objects.filter(pk=obj.pk)

    assert_refused(lambda: rows.update(**{field: "not-a-choice"}), constraint)


def test_an_organisation_is_not_part_of_itself():
    organization = make_organization()
    rows = Organization.objects.filter(pk=organization.pk)

    assert_refused(lambda: rows.update(parent=organization), "partners_organization_not_own_parent")


def test_a_person_has_a_name():
    person = make_person()

    assert_refused(
        lambda: Person.objects.filter(pk=person.pk).update(name=""), "partners_person_name_given"
    )
