"""The participant directory: filters, pagination, and who may see which e-mail address."""

import html
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting, MeetingStatus
from partners.models import ContactVisibility, Organization, Person
from pathfinders.models import Country
from tests.factories import make_attendance, make_meeting, make_organization, make_person

DIRECTORY = reverse("partners:directory")
MEETING_5 = "5th-meeting-2019-07-17"


def names(body):
    return [html.unescape(name).strip() for name in re.findall(r'<th scope="row">([^<]+)', body)]


def mailto(body):
    return [html.unescape(address) for address in re.findall(r'href="mailto:([^"]+)"', body)]


def get(client, query=""):
    response = client.get(f"{DIRECTORY}?{query}" if query else DIRECTORY)
    assert response.status_code == 200, query
    return response.content.decode()


def ids():
    return {
        "ilo": Organization.objects.get(acronym="ILO").pk,
        "australia": Country.objects.get(name="Australia").pk,
        "meeting": Meeting.objects.get(slug=MEETING_5).pk,
    }


def every_directory_query():
    pk = ids()
    return [
        "",
        "page=1",
        "q=a",
        f"organization={pk['ilo']}",
        "kind=government",
        f"country={pk['australia']}",
        f"meeting={pk['meeting']}",
        "organization=abc",
    ]


# Who sees which address


def test_anonymous_sees_no_address_on_any_directory_page(client, record):
    for query in every_directory_query():
        body = get(client, query)
        assert "@" not in body, query
        assert "mailto" not in body, query
        assert "&#64;" not in body and "%40" not in body, query


def test_the_address_of_people_is_not_even_in_the_context_for_anonymous(client, record):
    response = client.get(DIRECTORY)
    people = response.context["object_list"]
    assert len(people) == 43
    assert not any(hasattr(person, "shown_emails") for person in people)
    assert response.context["show_emails"] is False


def test_a_member_sees_all_44_addresses_as_mailto_links(member_client, record):
    body = get(member_client)
    addresses = mailto(body)
    assert len(addresses) == 44
    assert len(set(addresses)) == 44
    for printed in [
        "Emma.goodwin@dfat.gov.au",
        "Msnorma.flores.lopez@gmail.com",
        "gs@bwint.org",
        "lspagnolo@trabajo.gob.ar",
        "spagnolo.laura@gmail.com",
    ]:
        assert printed in addresses


def test_secretariat_only_addresses_are_for_staff(client, member, staff, record):
    person = Person.objects.get(name="Kevin Willcutts")
    person.contact_visibility = ContactVisibility.SECRETARIAT
    person.save()
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
    client, member, staff, record, who
):
    person = Person.objects.get(name="Brent Wilton")
    person.contact_visibility = ContactVisibility.HIDDEN
    person.save()
    if who != "anonymous":
        client.force_login(member if who == "member" else staff)
    body = get(client)
    assert "Brent Wilton" not in body
    assert "bwilton" not in body
    assert len(names(body)) == 42
    assert get(client, "q=Brent").count('<th scope="row">') == 0
    meeting_page = client.get(reverse("meetings:detail", kwargs={"slug": MEETING_5}))
    assert "Brent Wilton" in meeting_page.content.decode()


# Search on names only


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize(
    "query", ["Emma.goodwin@dfat.gov.au", "@dfat.gov.au", "dfat", "dol.gov", "gmail", "@"]
)
def test_searching_an_address_finds_nobody(client, member, record, signed_in, query):
    if signed_in:
        client.force_login(member)
    body = get(client, f"q={query}")
    assert names(body) == []
    assert "No one matches these filters." in body
    # The one "@" on the page is the visitor's own search, echoed in the search box.
    echoed = f'value="{query}"'
    assert echoed in body
    assert "@" not in body.replace(echoed, "")


def test_name_search(client, record):
    assert names(get(client, "q=goodwin")) == ["Emma Goodwin"]
    assert names(get(client, "q=LAURA")) == ["Laura Rundlet", "Laura Spagnolo"]


# Filters


def test_filters_each_narrow_the_list(client, record):
    pk = ids()
    everyone = names(get(client))
    assert len(everyone) == 43
    assert everyone == sorted(everyone)  # ordered by name
    assert names(get(client, f"organization={pk['ilo']}")) == [
        "Beate Andrees",
        "Francesco d'Ovidio",
        "Katherine Torres",
        "Thomas Wissing",
    ]
    assert len(names(get(client, "kind=government"))) == 16
    assert names(get(client, "kind=workers")) == [
        "Ambet Yuson",
        "Diego Lopez Gonzalez",
        "Jin Sook Lee",
        "Silvana Cappuccio",
    ]
    assert names(get(client, f"country={pk['australia']}")) == [
        "Carla Ienco",
        "Emma Goodwin",
        "Patrick Lawless",
    ]
    assert len(names(get(client, f"meeting={pk['meeting']}"))) == 43
    assert names(get(client, f"kind=government&country={pk['australia']}&q=carla")) == [
        "Carla Ienco"
    ]


def test_each_row_shows_the_organisation_and_meetings_attended(client, record):
    body = get(client, "q=Zahra")
    assert names(body) == ["Zahra Fatbi"]
    assert "International Organization for Migration" in body
    assert f'href="/meetings/{MEETING_5}/"' in body
    assert "(Remote)" in body  # listed under the report's Remote Participants


@pytest.mark.parametrize(
    "query", ["organization=abc", "organization=999999", "kind=planet", "country=x", "meeting=0"]
)
def test_bad_filter_values_answer_200_with_a_message(client, record, query):
    body = get(client, query)
    assert "Some filter values are not valid" in body
    assert names(body) == []


@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1"])
def test_bad_page_is_a_404(client, record, page):
    assert client.get(f"{DIRECTORY}?page={page}").status_code == 404


def test_paginated_by_fifty(member_client, db):
    organization = make_organization()
    for index in range(60):
        make_person(name=f"Person {index:02}", organization=organization)
    first = get(member_client)
    second = get(member_client, "page=2")
    assert names(first) == [f"Person {index:02}" for index in range(50)]
    assert names(second) == [f"Person {index:02}" for index in range(50, 60)]
    assert 'rel="next" href="?page=2"' in first
    assert len(mailto(first)) == 50
    filtered = get(member_client, f"organization={organization.pk}")
    assert f'href="?organization={organization.pk}&amp;page=2"' in filtered


def test_anonymous_sees_no_address_on_a_second_page(client, db):
    organization = make_organization()
    for index in range(60):
        make_person(name=f"Person {index:02}", organization=organization)
    body = get(client, "page=2")
    assert len(names(body)) == 10
    assert "@" not in body


# Drafts


def test_a_draft_meeting_is_for_staff_only(client, member, staff, record):
    draft = make_meeting(status=MeetingStatus.DRAFT, title="Draft meeting")
    make_attendance(meeting=draft, person=Person.objects.get(name="Noela Barasa"))
    for user in [None, member]:
        if user:
            client.force_login(user)
        assert "Draft meeting" not in get(client, "q=Noela")
        assert "Some filter values are not valid" in get(client, f"meeting={draft.pk}")
    client.force_login(staff)
    assert "Draft meeting" in get(client, "q=Noela")
    assert names(get(client, f"meeting={draft.pk}")) == ["Noela Barasa"]


# Query counts


def test_query_count_anonymous(client, record, django_assert_num_queries):
    # organisation, country and meeting choices; count; the page; its attendances
    with django_assert_num_queries(6):
        get(client)


def test_query_count_member(member_client, record, django_assert_num_queries):
    # the session and the user, then as above, and the addresses
    with django_assert_num_queries(9):
        get(member_client)


def populate(people):
    meeting = make_meeting()
    for _ in range(people):
        country = Country.objects.create(name=f"Land {Country.objects.count()}")
        person = make_person(organization=make_organization(country=country))
        make_attendance(meeting=meeting, person=person)


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_count_is_the_same_with_ten_times_the_data(
    client, member, db, django_assert_num_queries, signed_in
):
    if signed_in:
        client.force_login(member)
    expected = 9 if signed_in else 6
    populate(4)
    with django_assert_num_queries(expected):
        small = get(client)
    populate(36)
    with django_assert_num_queries(expected):
        large = get(client)
    assert len(names(small)) == 4
    assert len(names(large)) == 40
