"""The organisations list (by kind, filterable) and an organisation's page."""

import re

import pytest
from django.urls import reverse

from partners.models import Country, OrganizationKind
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_document,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

LIST = reverse("directory:organization_list")
# The kinds present, how many in all (the paginator), how many of each kind, a page of
# organisations with their people count, country choices.
LIST_QUERIES = 5
# organisation (with country and parent), children, people; for each of meetings, interventions,
# action points and documents a page of them, with how many in all (its pages, COUNT OVER ());
# interventions' on-behalf-of, action points' owners, documents' authors
DETAIL_QUERIES = 10


def detail(slug):
    return reverse("directory:organization_detail", kwargs={"slug": slug})


def kind_headings(body):
    return re.findall(r'<h2 id="kind-\d+">([^<]+?) <span class="meta">\((\d+)\)</span></h2>', body)


def rows(body):
    """(name, acronym, country, people) per table row."""
    pattern = (
        r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*<td[^>]*>([^<]*)</td>\s*'
        r'<td[^>]*>(?:<a href="[^"]+">([^<]+)</a>)?</td>\s*<td[^>]*>(\d+)</td>'
    )
    return [
        (name, acronym, country, int(people))
        for name, acronym, country, people in re.findall(pattern, body)
    ]


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The organisations of the July 2019 record, loaded once for the class."""

    def test_grouped_by_kind_with_acronym_country_and_people(
        self, client, django_assert_num_queries
    ):
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get(LIST)
        assert response.status_code == 200
        body = response.content.decode()
        headings = [name for name, _count in kind_headings(body)]
        # Sections in the order of the kinds, each kind once.
        assert headings[:3] == [
            "Government",
            "UN and intergovernmental",
            "Workers&#x27; organisation",
        ]
        assert len(headings) == len(set(headings))
        listed = {row[0]: row for row in rows(body)}
        assert listed["International Labour Organization"] == (
            "International Labour Organization",
            "ILO",
            "",
            4,
        )
        assert listed["Department for Foreign Affairs and Trade"][2:] == ("Australia", 2)
        assert listed["Free the Slaves"][3] == 3
        assert listed["Global March against Child Labour"][3] == 3

    def test_filters_by_kind_and_country(self, client):
        workers = rows(client.get(f"{LIST}?kind=workers").content.decode())
        assert sorted(row[0] for row in workers) == [
            "Building and Wood Workers International",
            "Confederazione Generale Italiana del Lavoro",
            "International Trade Union Confederation",
        ]
        australia = Country.objects.get(name="Australia")
        body = client.get(f"{LIST}?country={australia.pk}").content.decode()
        assert [row[0] for row in rows(body)] == [
            "Department for Foreign Affairs and Trade",
            "Government of Australia",
            "Permanent Mission of Australia to the UN",
        ]
        assert [name for name, _ in kind_headings(body)] == ["Government"]

    def test_an_unknown_organisation_is_not_found(self, client):
        assert client.get(detail("nobody")).status_code == 404

    def test_unicefs_page(self, client, django_assert_num_queries):
        with django_assert_num_queries(DETAIL_QUERIES):
            response = client.get(detail("united-nations-childrens-fund"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "UN and intergovernmental" in body
        assert "Noela Barasa" in body
        assert "5th Meeting of the Global Coordinating Group" in body
        assert "On behalf also of IOM, UNICEF presented progress" in body
        assert re.search(r'href="/meetings/5th-meeting-2019-07-17/#intervention-\d+"', body)
        assert "advance copy" in body  # the follow-up it owns with ILO, IOM and OECD

    def test_iom_page_shows_what_was_said_on_its_behalf(self, client):
        body = client.get(detail("international-organization-for-migration")).content.decode()
        assert "On behalf also of IOM, UNICEF presented progress" in body

    def test_parent_and_children(self, client):
        body = client.get(detail("government-of-australia")).content.decode()
        assert "Permanent Mission of Australia to the UN" in body
        mission = client.get(detail("permanent-mission-of-australia-to-the-un")).content.decode()
        assert re.search(r"Part of</dt><dd><a [^>]+>Government of Australia</a>", mission)


def populate(organization, meetings):
    for _ in range(meetings):
        meeting = make_meeting()
        item = make_agenda_item(meeting=meeting)
        make_attendance(meeting=meeting, person=make_person(organization=organization))
        make_intervention(agenda_item=item, organization=organization).on_behalf_of.add(
            make_organization()
        )
        make_action_point(meeting=meeting, agenda_item=item).owners.add(organization)
        make_document(meeting=meeting).organizations.add(organization)
        make_organization(parent=organization)


def test_detail_query_count_is_the_same_with_ten_times_the_data(client, django_assert_num_queries):
    organization = make_organization(name="Busy Organisation")
    populate(organization, 2)
    with django_assert_num_queries(DETAIL_QUERIES):
        small = client.get(detail(organization.slug)).content.decode()
    populate(organization, 18)
    with django_assert_num_queries(DETAIL_QUERIES):
        large = client.get(detail(organization.slug)).content.decode()
    assert small.count('class="intervention ') == 2
    assert large.count('class="intervention ') == 20


def test_the_list_is_paged_and_each_kind_counts_all_its_pages(client, django_assert_num_queries):
    for number in range(1, 52):
        make_organization(name=f"Union {number:02}", kind=OrganizationKind.WORKERS)
    with django_assert_num_queries(LIST_QUERIES):
        first = client.get(LIST).content.decode()
    with django_assert_num_queries(LIST_QUERIES):
        second = client.get(f"{LIST}?page=2").content.decode()
    assert len(rows(first)) == 50 and len(rows(second)) == 1
    assert rows(second)[0][0] == "Union 51"
    assert kind_headings(first) == [("Workers&#x27; organisation", "51")]
    assert kind_headings(second) == [("Workers&#x27; organisation", "51")]
    assert 'href="?page=2"' in first


def test_each_list_of_an_organisation_is_paged_on_its_own(client, django_assert_num_queries):
    organization = make_organization(name="Talkative Organisation")
    item = make_agenda_item(meeting=make_meeting())
    for _ in range(21):
        make_intervention(agenda_item=item, organization=organization)
    # An empty list costs its page alone, found empty: no follow-ups' owners, documents' authors
    # to read.
    with django_assert_num_queries(DETAIL_QUERIES - 2):
        first = client.get(detail(organization.slug)).content.decode()
    with django_assert_num_queries(DETAIL_QUERIES - 2):
        second = client.get(detail(organization.slug) + "?interventions_page=2").content.decode()
    assert first.count('class="intervention ') == 20
    assert second.count('class="intervention ') == 1
    assert 'href="?interventions_page=2"' in first
    assert 'aria-label="Pages of what it said"' in first


@pytest.mark.usefixtures("record")
class TestVoicesLinks:
    def test_each_kind_links_to_its_stakeholder_groups_voices(self, client):
        body = client.get(LIST).content.decode()
        heading_and_link = r'<h2 id="kind-\d+">([^<]+) <span.*?href="/voices/\?group=(\w+)"'
        links = re.findall(heading_and_link, body, re.S)
        assert dict(links)["Government"] == "governments"
        assert dict(links)["Research and academia"] == "research"
        assert dict(links)["Alliance 8.7 body"] == "alliance"


def test_a_regional_body_links_to_the_intergovernmental_voices(client):
    make_organization(kind=OrganizationKind.REGIONAL_BODY)
    body = client.get(LIST).content.decode()
    assert 'href="/voices/?group=intergovernmental"' in body


def test_a_list_page_out_of_range_is_paged_as_django_pages_it(client):
    organization = make_organization(name="Talkative Organisation")
    item = make_agenda_item(meeting=make_meeting())
    for _ in range(21):
        make_intervention(agenda_item=item, organization=organization)
    url = detail(organization.slug) + "?interventions_page="
    # Past the last page, or below the first: the last page; not a number: the first.
    for number, shown in [("99", 1), ("0", 1), ("-1", 1), ("x", 20), ("", 20), ("2", 1)]:
        body = client.get(url + number).content.decode()
        assert body.count('class="intervention ') == shown, number
