"""The participant directory: who is listed, the name search and filters, pagination, and the
Secretariat-only addresses. (That anonymous visitors never see an address, and members see each
person's, is S2 in tests/security.)"""

import html
import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.participant_import import attendance_import
from partners.models import ContactVisibility, Country, Organization, Person
from tests.factories import make_meeting, make_organization, make_person

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("directory:people")
MEETING_5 = "5th-meeting-2019-07-17"
# The kinds present; country choices; count; the page; attendances. (Organisations and meetings
# are typed, not listed: one query more for each set, to find what the text matches.)
ANONYMOUS_QUERIES = 5
MEMBER_QUERIES = 8  # the session and the user, as above, and the addresses


def names(body):
    return [html.unescape(name).strip() for name in re.findall(r'<th scope="row">([^<]+)', body)]


def mailto(body):
    return [html.unescape(address) for address in re.findall(r'href="mailto:([^"]+)"', body)]


def get(client, query=""):
    response = client.get(f"{DIRECTORY}?{query}" if query else DIRECTORY)
    assert response.status_code == 200, query
    return response.content.decode()


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The directory of the July 2019 record, loaded once for the class."""

    def test_everyone_listed_by_family_name(self, client, django_assert_num_queries):
        with django_assert_num_queries(ANONYMOUS_QUERIES):
            everyone = names(get(client))
        assert len(everyone) == 43
        assert everyone[:4] == [
            "Dania AlRashed AlHumaid",
            "Beate Andrees",
            "Ursula Antwi-Boasiako",
            "Noela Barasa",
        ]
        assert everyone[-3:] == ["Brent Wilton", "Thomas Wissing", "Ambet Yuson"]

    def test_the_order_is_switchable_to_first_name(self, client, django_assert_num_queries):
        with django_assert_num_queries(ANONYMOUS_QUERIES):
            body = get(client, "sort=first")
        everyone = names(body)
        assert len(everyone) == 43
        assert everyone[:3] == ["Ambet Yuson", "Andria Kenney", "Anousheh Karvar"]
        assert everyone == sorted(everyone)
        assert names(get(client, "sort=family"))[0] == "Dania AlRashed AlHumaid"
        assert '<option value="first" selected>' in body

    def test_query_count_for_a_member(self, member_client, django_assert_num_queries):
        with django_assert_num_queries(MEMBER_QUERIES):
            assert len(names(get(member_client))) == 43

    def test_name_search(self, client):
        assert names(get(client, "q=goodwin")) == ["Emma Goodwin"]
        assert names(get(client, "q=LAURA")) == ["Laura Rundlet", "Laura Spagnolo"]

    @pytest.mark.parametrize(
        ("query", "found"),
        [
            ("guzman", ["Graciela Guzman"]),
            ("Guzmán", ["Graciela Guzman"]),
            ("GUZMAN graciela", ["Graciela Guzman"]),
            ("Spagnolo Laura", ["Laura Spagnolo"]),
            ("spagnolo, laura", ["Laura Spagnolo"]),
            ("D'Ovidio", ["Francesco d'Ovidio"]),
            ("D’Ovidio", ["Francesco d'Ovidio"]),
            ("ovidio", ["Francesco d'Ovidio"]),
            ("Stewart-Evans", ["Michael Stewart-Evans"]),
            ("evans", ["Michael Stewart-Evans"]),
            ("Milot", ["Roxane Milot"]),
            ("aura", []),  # inside a name, not the start of a word
        ],
    )
    def test_name_search_ignores_accents_case_and_word_order(self, client, query, found):
        assert names(get(client, f"q={quote(query)}")) == found

    @pytest.mark.parametrize("query", ["ILO", "ilo", "International Labour Organization"])
    def test_an_acronym_or_organisation_name_finds_its_people(self, client, query):
        assert names(get(client, f"q={quote(query)}")) == [
            "Beate Andrees",
            "Francesco d'Ovidio",
            "Katherine Torres",
            "Thomas Wissing",
        ]

    def test_organisation_and_name_words_combine(self, client):
        assert names(get(client, "q=ILO+beate")) == ["Beate Andrees"]
        assert names(get(client, "q=unicef")) == ["Noela Barasa"]

    def test_search_keeps_the_query_count(self, client, member, django_assert_num_queries):
        with django_assert_num_queries(ANONYMOUS_QUERIES):
            assert len(names(get(client, "q=ILO&sort=first"))) == 4
        client.force_login(member)
        with django_assert_num_queries(MEMBER_QUERIES):
            assert names(get(client, "q=dol.gov")) == ["Marcia Eugenio", "Kevin Willcutts"]

    def test_result_count_and_clear_link(self, client):
        ilo = Organization.objects.get(acronym="ILO").pk
        everyone = get(client)
        assert "43 people" in everyone
        assert "Clear filters" not in everyone
        assert "Clear filters" not in get(client, "sort=first")  # an order is not a filter
        filtered = get(client, f"organization={ilo}&sort=first")
        assert "4 people" in filtered
        assert f'href="{DIRECTORY}?sort=first" class="clear-filters">Clear filters</a>' in filtered
        assert ">Clear filters</a>" in get(client, "q=goodwin")
        assert "1 person" in get(client, "q=goodwin")

    def test_no_result_suggests_dropping_each_filter(self, client):
        ilo = Organization.objects.get(acronym="ILO").pk
        body = html.unescape(get(client, f"q=goodwin&organization={ilo}&page=1"))
        assert names(body) == []
        assert "No one matches these filters." in body
        assert (
            f'<a href="{DIRECTORY}?organization={ilo}">Without Name or organisation: “goodwin”'
            in body
        )
        assert (
            f'<a href="{DIRECTORY}?q=goodwin">Without Organisation: '
            "“International Labour Organization”" in body
        )
        assert names(get(client, f"organization={ilo}"))  # each link finds someone
        assert names(get(client, "q=goodwin")) == ["Emma Goodwin"]

    def test_no_result_for_a_misspelt_name_suggests_the_nearest(
        self, client, django_assert_num_queries
    ):
        # No list and no attendances to read (the count is 0), and one query for the names.
        with django_assert_num_queries(ANONYMOUS_QUERIES - 2 + 1):
            body = html.unescape(get(client, "q=Spagnollo+laura"))
        assert names(body) == []
        assert (
            f'<a href="{DIRECTORY}?q=Laura+Spagnolo" class="nearest-name">Laura Spagnolo</a>'
            in body
        )
        assert "nearest-name" not in get(client, "q=zqxv")
        assert "nearest-name" not in get(client, "q=x@dol.gov")

    @pytest.mark.parametrize(
        "query", ["Willcutts.kevin@dol.gov", "nobody@dol.gov", "dol.gov", "@dol.gov", "x@y.example"]
    )
    def test_anonymous_visitors_cannot_search_addresses(self, client, query):
        """Whether the address exists or not, it matches nobody, as a random string would."""
        body = get(client, f"q={quote(query)}")
        assert names(body) == []
        assert "needs signing in" in body
        assert names(get(client, f"q=Willcutts+{quote(query)}")) == []
        assert names(get(client, "q=Willcutts")) == ["Kevin Willcutts"]

    def test_members_search_the_addresses_they_may_read(self, client, member, staff):
        Person.objects.filter(name="Kevin Willcutts").update(
            contact_visibility=ContactVisibility.SECRETARIAT
        )
        client.force_login(member)
        assert names(get(client, "q=Eugenio.marcia@DOL.gov")) == ["Marcia Eugenio"]
        assert names(get(client, "q=dol.gov")) == ["Marcia Eugenio"]
        assert names(get(client, "q=Willcutts.kevin@dol.gov")) == []
        assert names(get(client, "q=ilo.org+beate")) == ["Beate Andrees"]
        assert "needs signing in" not in get(client, "q=dol.gov")
        client.force_login(staff)
        assert names(get(client, "q=dol.gov")) == ["Marcia Eugenio", "Kevin Willcutts"]

    def test_names_and_sort_names_come_with_the_record(self):
        person = Person.objects.get(name="Francesco d'Ovidio")
        assert person.sort_name == "d'Ovidio Francesco"
        assert person.search_name == "francesco d'ovidio d ovidio dovidio"
        ilo = Organization.objects.get(acronym="ILO")
        assert ilo.search_name == "international labour organization"

    def test_each_filter_narrows_the_list(self, client):
        ilo = Organization.objects.get(acronym="ILO").pk
        australia = Country.objects.get(name="Australia").pk
        meeting = Meeting.objects.get(slug=MEETING_5).pk
        assert names(get(client, f"organization={ilo}")) == [
            "Beate Andrees",
            "Francesco d'Ovidio",
            "Katherine Torres",
            "Thomas Wissing",
        ]
        assert len(names(get(client, "kind=government"))) == 16
        assert names(get(client, "kind=workers")) == [
            "Silvana Cappuccio",
            "Diego Lopez Gonzalez",  # the last word first, unless the Secretariat sets it
            "Jin Sook Lee",
            "Ambet Yuson",
        ]
        assert names(get(client, f"country={australia}")) == [
            "Emma Goodwin",
            "Carla Ienco",
            "Patrick Lawless",
        ]
        assert len(names(get(client, f"meeting={meeting}"))) == 43
        assert names(get(client, f"kind=government&country={australia}&q=carla")) == ["Carla Ienco"]

    def test_each_row_shows_the_organisation_and_meetings_attended(self, client):
        body = get(client, "q=Zahra")
        assert names(body) == ["Zahra Fatbi"]
        assert "International Organization for Migration" in body
        assert f'href="/meetings/{MEETING_5}/"' in body
        assert "(Remote)" in body  # listed under the report's Remote Participants

    def test_secretariat_only_addresses_are_shown_to_staff_not_members(self, client, member, staff):
        Person.objects.filter(name="Kevin Willcutts").update(
            contact_visibility=ContactVisibility.SECRETARIAT
        )
        address = "Willcutts.kevin@dol.gov"
        client.force_login(member)
        member_page = get(client, "q=Willcutts")
        assert names(member_page) == ["Kevin Willcutts"]
        assert address not in member_page
        assert mailto(member_page) == []
        client.force_login(staff)
        staff_page = get(client, "q=Willcutts")
        assert mailto(staff_page) == [address]

    @pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
    def test_hidden_people_are_not_listed_but_stay_named_on_the_meeting_page(
        self, client, member, staff, who
    ):
        Person.objects.filter(name="Brent Wilton").update(
            contact_visibility=ContactVisibility.HIDDEN
        )
        if who != "anonymous":
            client.force_login(member if who == "member" else staff)
        body = get(client)
        assert "Brent Wilton" not in body
        assert "bwilton" not in body
        assert len(names(body)) == 42
        assert names(get(client, "q=Brent")) == []
        meeting_page = client.get(reverse("meetings:detail", kwargs={"slug": MEETING_5}))
        assert "Brent Wilton" in meeting_page.content.decode()


def test_paginated_by_fifty_keeping_the_filters(client):
    organization = make_organization()
    for index in range(60):
        make_person(name=f"Person {index:02}", organization=organization)

    first = get(client)
    second = get(client, "page=2")
    filtered = get(client, f"organization={organization.pk}")

    assert names(first) == [f"Person {index:02}" for index in range(50)]
    assert names(second) == [f"Person {index:02}" for index in range(50, 60)]
    assert 'rel="next" href="?page=2"' in first
    assert f'href="?organization={organization.pk}&amp;page=2"' in filtered


def test_a_page_holds_the_people_listed_there_whoever_is_hidden_before_it(client):
    """A page's people are found by their keys first (PeopleView.paginate_queryset): the people
    not listed, before and on the page, move no one off it, and a filter's page 2 is its own."""
    organization = make_organization()
    other = make_organization(name="Other Organisation")
    for index in range(60):
        make_person(name=f"Person {index:02}", organization=organization)
        if index % 7 == 0:
            hidden = make_person(name=f"Person {index:02}", organization=organization)
            Person.objects.filter(pk=hidden.pk).update(contact_visibility=ContactVisibility.HIDDEN)
            make_person(name=f"Person {index:02}", organization=other)

    filtered_second = get(client, f"organization={organization.pk}&page=2")

    assert names(filtered_second) == [f"Person {index:02}" for index in range(50, 60)]


def test_a_position_imported_from_a_list_shows_under_the_name(client, django_assert_num_queries):
    attendance_import(
        make_meeting(),
        "Test Person A\tDirector of Test Studies\tTest Union\ta@example.org\n"
        "Test Person B\t\tTest Union\tb@example.org\n",
    )

    with django_assert_num_queries(ANONYMOUS_QUERIES):
        body = get(client)

    assert names(body) == ["Test Person A", "Test Person B"]
    assert (
        '<th scope="row">Test Person A<br><span class="meta">Director of Test Studies</span></th>'
        in body
    )
    assert '<th scope="row">Test Person B</th>' in body
