"""A list's filters offer only the choices its visible rows hold, and a filter with fewer than two
is left out, unless the request sets it; the cost stays one query whatever the rows."""

import re

import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from partners.models import CountryKind, OrganizationKind
from tests.factories import make_country, make_meeting, make_organization, make_person

pytestmark = pytest.mark.django_db

COUNTRIES = reverse("pathfinders:country_list")
ORGANIZATIONS = reverse("directory:organization_list")
DIRECTORY = reverse("directory:people")
COUNTRY_LIST_QUERIES = 3  # the choices present, the countries with their stage, office terms


def selects(body):
    """{select name: [option values]} of the page's filter form."""
    form = re.search(r'<form method="get" class="filters".*?</form>', body, re.S)
    if not form:
        return {}
    return {
        name: re.findall(r'<option value="([^"]*)"', options)
        for name, options in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', form[0], re.S)
    }


def test_the_helper_reads_a_form():
    html = '<form method="get" class="filters"><select name="a"><option value="1">x</option></select></form>'  # noqa: E501
    assert selects(html) == {"a": ["1"]}
    assert selects("<p>no form</p>") == {}


def test_nothing_to_choose_between_leaves_no_form(client, django_assert_num_queries):
    make_country(name="Ghana")
    make_country(name="Nigeria")  # both countries, both in Africa, neither a pathfinder
    with django_assert_num_queries(COUNTRY_LIST_QUERIES):
        body = client.get(COUNTRIES).content.decode()
    assert selects(body) == {}
    assert 'class="filters"' not in body
    assert "Ghana" in body and "Nigeria" in body


def test_a_second_region_brings_the_region_filter_with_those_two_only(
    client, django_assert_num_queries
):
    make_country(name="Ghana")
    make_country(name="France")
    with django_assert_num_queries(COUNTRY_LIST_QUERIES):
        body = client.get(COUNTRIES).content.decode()
    assert selects(body) == {"region": ["", "002", "150"]}  # M49 Africa and Europe


def test_a_filter_the_request_sets_stays_with_its_value(client):
    make_country(name="Ghana")
    make_country(name="France")
    body = client.get(f"{COUNTRIES}?kind={CountryKind.REGIONAL_BODY}").content.decode()
    # No regional body is there, yet the visitor sees what emptied the list and can clear it.
    assert selects(body)["kind"] == ["", "country", "regional_body"]
    assert 'value="regional_body" selected' in body
    assert "Ghana" not in body


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_only_the_stages_reached_are_offered(self, client):
        body = client.get(COUNTRIES).content.decode()
        assert selects(body)["stage"] == [
            "", "intention_announced", "expression_of_interest", "workshop_scheduled",
            "workshop_held",
        ]  # fmt: skip
        assert selects(body)["kind"] == ["", "country", "regional_body"]

    def test_a_stage_nobody_reached_is_still_a_valid_filter(self, client):
        body = client.get(f"{COUNTRIES}?stage=roadmap").content.decode()
        assert "not valid" not in body
        assert 'value="roadmap" selected' in body

    def test_meetings_are_typed_not_listed(self, client):
        """Their number grows with the record (tests/directory/test_searched_filters.py)."""
        make_meeting(title="6th meeting")
        body = client.get(DIRECTORY).content.decode()
        assert "meeting" not in selects(body)
        assert '<input type="text" name="meeting_search"' in body

    def test_a_draft_meeting_is_not_a_choice_for_the_public(self, client):
        make_meeting(title="Draft meeting", status=PublicationStatus.DRAFT)
        body = client.get(DIRECTORY, {"meeting_search": "draft"}).content.decode()
        assert "No meeting matches “draft”." in body


def test_only_the_kinds_of_organisation_present_are_offered(client):
    make_organization(kind=OrganizationKind.WORKERS)
    make_organization(kind=OrganizationKind.RESEARCH)
    assert selects(client.get(ORGANIZATIONS).content.decode()) == {
        "kind": ["", "workers", "research"]
    }
    make_person(organization=make_organization(kind=OrganizationKind.EMPLOYERS))
    directory = selects(client.get(DIRECTORY).content.decode())
    assert "kind" not in directory  # the people listed all come from employers


def filter_disclosure(body):
    """The page's filter disclosure (which holds the form): ("open" or "closed", its summary)."""
    found = re.search(
        r'<details class="filter-disclosure"( open)?>\s*<summary>([^<]*)</summary>', body
    )
    return found and ("open" if found[1] else "closed", found[2])


def test_the_filter_disclosure_folds_once_the_request_sets_a_filter(client):
    """On a phone the results then come first; the summary says how many filters are set."""
    make_country(name="Ghana")
    make_country(name="France")
    assert filter_disclosure(client.get(COUNTRIES).content.decode()) == ("closed", "Filter")
    unset = client.get(f"{COUNTRIES}?region=").content.decode()
    assert filter_disclosure(unset) == ("closed", "Filter")
    chosen = client.get(f"{COUNTRIES}?region=002").content.decode()
    assert filter_disclosure(chosen) == ("closed", "Filters (1)")
    # A value that is not valid: open, beside the message that says so.
    invalid = client.get(f"{COUNTRIES}?region=nowhere").content.decode()
    assert filter_disclosure(invalid) == ("open", "Filters (1)")
    assert "Some filter values are not valid" in invalid


def test_the_directory_s_sort_order_is_not_counted_as_a_filter(client):
    make_person(name="Ada Lovelace")
    ordered = client.get(f"{DIRECTORY}?sort=first").content.decode()
    assert filter_disclosure(ordered) == ("closed", "Filter")
    searched = client.get(f"{DIRECTORY}?sort=first&q=Ada").content.decode()
    assert filter_disclosure(searched) == ("closed", "Filters (1)")
    two = client.get(f"{DIRECTORY}?q=Ada&kind=civil_society").content.decode()
    assert filter_disclosure(two) == ("closed", "Filters (2)")
