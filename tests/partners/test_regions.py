"""Countries' ISO 3166-1 codes and UN M49 regions: found through partners/geography.py on every
save, the raw ones of `load_record` and `restore` too, and by the migration for the rows already
there. The expected values are typed from ISO 3166-1 and UN M49, not computed by the code tested.
"""

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from partners.models import Country, CountryKind
from tests.factories import assert_refused, make_country

pytestmark = pytest.mark.django_db

AFRICA, AMERICAS, ASIA, EUROPE, OCEANIA = "002", "019", "142", "150", "009"


@pytest.mark.parametrize(
    ("name", "iso_code", "region"),
    [
        ("Ghana", "GH", AFRICA),
        ("Vietnam", "VN", ASIA),  # ISO's name is "Viet Nam"; the common one is found too
        ("United Kingdom", "GB", EUROPE),
        ("Bolivia", "BO", AMERICAS),
        ("Samoa", "WS", OCEANIA),
        ("Atlantis", "", ""),  # no such country: nothing is guessed
    ],
)
def test_a_country_gets_its_code_from_its_name_and_its_region_from_its_code(name, iso_code, region):
    country = make_country(name=name)
    country.refresh_from_db()
    assert (country.iso_code, country.region) == (iso_code, region)


def test_a_corrected_code_moves_the_country_to_that_codes_region():
    country = make_country(name="Atlantis", iso_code="GR")
    assert country.region == EUROPE
    country.iso_code = "CL"
    country.save()
    country.refresh_from_db()
    assert country.region == AMERICAS


def test_antarctica_is_in_no_m49_region():
    # CLDR puts it in its own "Outlying Oceania"; M49 in no region.
    assert make_country(name="Antarctica").region == ""


def test_a_regional_body_keeps_the_region_it_was_given():
    body = make_country(name="African Union", kind=CountryKind.REGIONAL_BODY, region=AFRICA)
    body.refresh_from_db()
    assert (body.iso_code, body.region) == ("", AFRICA)


def test_a_fixture_row_loaded_raw_gets_its_code_and_region():
    row = '[{"model": "partners.country", "pk": 900, "fields": {"name": "Malawi", "slug": "malawi", "kind": "country", "region": ""}}]'  # noqa: E501
    for obj in serializers.deserialize("json", row):
        obj.save()  # raw: Country.save() is not called
    assert Country.objects.filter(pk=900).values_list("iso_code", "region").get() == (
        "MW",
        AFRICA,
    )


def test_two_countries_with_one_code_refused():
    make_country(name="Atlantis", iso_code="FR")
    # SQLite names the column, PostgreSQL the constraint: both say "iso_code".
    assert_refused(lambda: make_country(name="Lemuria", iso_code="FR"), "iso_code")


def test_a_regional_body_with_a_code_refused():
    body = make_country(name="A regional body", kind=CountryKind.REGIONAL_BODY)
    assert_refused(
        lambda: Country.objects.filter(pk=body.pk).update(iso_code="FR"),
        "partners_country_regional_body_has_no_iso_code",
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "Atlantis"}, "iso_code", "ISO 3166-1 names no country “Atlantis”"),
        ({"name": "Atlantis", "iso_code": "ZZ"}, "iso_code", "“ZZ” is not an ISO 3166-1"),
        (
            {"name": "The body", "kind": CountryKind.REGIONAL_BODY, "iso_code": "FR"},
            "iso_code",
            "A regional body has no ISO 3166-1 code.",
        ),
    ],
)
def test_validation_says_what_is_wrong(fields, field, message):
    country = Country(slug="x", **fields)
    with pytest.raises(ValidationError) as refused:
        country.full_clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_validation_takes_a_lower_case_code():
    country = Country(name="Atlantis", slug="atlantis", iso_code="gr")
    country.full_clean()
    assert (country.iso_code, country.region) == ("GR", EUROPE)


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_countries_already_there():
    """A database where `load_record` ran before this change: the rows are never loaded again,
    so the migration itself gives them their codes and regions."""
    call_command("load_record", verbosity=0)
    call_command("migrate", "partners", "0005", verbosity=0)
    with connection.cursor() as cursor:  # as every such database was: no region anywhere
        cursor.execute("UPDATE pathfinders_country SET region = ''")
    call_command("migrate", verbosity=0)
    codes = dict(Country.objects.values_list("name", "iso_code"))
    regions = dict(Country.objects.values_list("name", "region"))
    assert len(codes) == 24
    assert (codes["France"], regions["France"]) == ("FR", EUROPE)
    assert (codes["Vietnam"], regions["Vietnam"]) == ("VN", ASIA)
    assert (codes["Fiji"], regions["Fiji"]) == ("FJ", OCEANIA)
    assert (codes["African Union"], regions["African Union"]) == ("", "")
    assert all(codes[name] for name in codes if name != "African Union")
