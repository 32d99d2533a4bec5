"""The look-ups behind a country's code and region (partners/geography.py). The expected values
are typed from ISO 3166-1 and UN M49, not computed by the code tested.
"""

import pytest

from partners import geography

AFRICA, AMERICAS, ASIA, EUROPE, OCEANIA = "002", "019", "142", "150", "009"


@pytest.mark.parametrize(
    ("name", "iso_code"),
    [
        ("Viet Nam", "VN"),  # ISO's short name
        ("Vietnam", "VN"),  # its common name
        ("Socialist Republic of Viet Nam", "VN"),  # its official name
        ("Plurinational State of Bolivia", "BO"),
        ("Côte d'Ivoire", "CI"),
        ("Côte d’Ivoire", "CI"),  # typographic apostrophe
        ("COTE D'IVOIRE", "CI"),  # without accents, in capitals
        ("Turkiye", "TR"),  # ISO: Türkiye
        ("  united   kingdom ", "GB"),
        ("Korea", ""),  # names no one country: nothing is guessed
        ("", ""),
    ],
)
def test_a_name_is_found_whatever_its_case_accents_or_spacing(name, iso_code):
    assert geography.iso_code_for(name) == iso_code


@pytest.mark.parametrize(
    ("iso_code", "region"),
    [
        ("SN", AFRICA),
        ("br", AMERICAS),
        ("NP", ASIA),
        ("AL", EUROPE),
        ("FJ", OCEANIA),
        ("AQ", ""),  # Antarctica: M49 puts it directly under the World
        ("TW", ""),  # an ISO 3166-1 code M49 does not list
        ("XK", ""),  # Kosovo's code is user-assigned, not ISO 3166-1
        ("", ""),
    ],
)
def test_a_code_gives_its_m49_region(iso_code, region):
    assert geography.region_of(iso_code) == region


def test_only_iso_3166_1_alpha_2_codes_are_codes():
    assert [geography.is_iso_code(code) for code in ("FR", "fr", "TW", "XK", "FRA", "")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_the_regions_are_m49s_five_continental_ones():
    assert geography.Region.choices == [
        (AFRICA, "Africa"),
        (AMERICAS, "Americas"),
        (ASIA, "Asia"),
        (EUROPE, "Europe"),
        (OCEANIA, "Oceania"),
    ]
