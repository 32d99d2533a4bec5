"""The action groups list and a group's page: status, leads, its record grouped by meeting."""

import datetime
import re

import pytest
from django.urls import reverse

from actiongroups.models import ActionGroupStatus
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
)

pytestmark = pytest.mark.django_db

LIST = reverse("directory:action_group_list")
LIST_QUERIES = 2  # the groups, then their leads
# group, leads; the timeline's count and its page's places; the page's interventions, their
# on-behalf-of, action points, their owners, documents, their authors, events (asked whichever
# kinds the page shows)
DETAIL_QUERIES = 11


def detail(slug):
    return reverse("directory:action_group_detail", kwargs={"slug": slug})


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The action groups of the July 2019 record, loaded once for the class."""

    def test_list_shows_the_four_groups_with_status_and_leads(
        self, client, django_assert_num_queries
    ):
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get(LIST)
        assert response.status_code == 200
        body = response.content.decode()
        cards = re.findall(
            r'<h2 id="group-\d+"><a href="[^"]+">([^<]+)</a></h2>\s*<p>(.*?)</p>', body
        )
        not_launched = '<span class="badge badge-not_launched">Not yet launched</span>'
        active = '<span class="badge badge-active">Active</span>'
        assert cards == [
            ("Conflict and Humanitarian Settings", not_launched),
            ("Migration", active),
            ("Rule of Law and Governance", not_launched),
            ("Supply Chains", active),
        ]
        # The report names no lead: a gap for the two active groups; the two not yet launched
        # have none to name, so they say nothing of leads.
        assert body.count("Lead organisations: Not recorded") == 2
        assert body.count("Lead organisations:") == 2

    def test_an_unknown_group_is_not_found(self, client):
        assert client.get(detail("no-such-group")).status_code == 404

    def test_migration_update_grouped_under_the_5th_meeting(self, client):
        response = client.get(detail("migration"))
        assert response.status_code == 200
        body = response.content.decode()
        assert '<span class="badge badge-active">Active</span>' in body
        meeting_group = re.search(
            r'<h3><a href="/meetings/5th-meeting-2019-07-17/">'
            r"5th Meeting of the Global Coordinating Group</a></h3>(.*?)</ul>\s*</li>",
            body,
            re.S,
        )
        assert meeting_group, "no group for the 5th meeting"
        update = meeting_group.group(1)
        assert "United Nations Children&#x27;s Fund" in update
        assert "On behalf also of" in update
        assert "International Organization for Migration" in update
        assert re.search(r'href="/meetings/5th-meeting-2019-07-17/#intervention-\d+"', update)
        assert "item 3, Update from Action Groups" in update

    def test_supply_chains_outputs_and_events(self, client, django_assert_num_queries):
        with django_assert_num_queries(DETAIL_QUERIES):
            body = client.get(detail("supply-chains")).content.decode()
        assert "Draft Outcomes Report" in body
        assert "Second Global Workshop" in body
        assert "May 2019" in body  # the Abidjan workshop, dated to the month as the report does
        assert "early September 2019" in body  # the consortium report, as the report dates it
        assert (
            body.index("May 2019") < body.index("17 July 2019") < body.index("early September 2019")
        )


def test_list_query_count_is_the_same_with_ten_times_the_data(client, django_assert_num_queries):
    def add_groups(count):
        for _ in range(count):
            make_action_group().leads.add(make_organization(), make_organization())

    add_groups(2)
    with django_assert_num_queries(LIST_QUERIES):
        small = client.get(LIST).content.decode()
    add_groups(18)
    with django_assert_num_queries(LIST_QUERIES):
        large = client.get(LIST).content.decode()
    assert small.count('class="card"') == 2
    assert large.count('class="card"') == 20
    assert large.count("/organizations/organisation-") == 40


def test_a_group_not_yet_launched_says_nothing_of_leads(client):
    group = make_action_group(name="Future Group", status=ActionGroupStatus.NOT_LAUNCHED)
    body = client.get(detail(group.slug)).content.decode()
    assert "Lead organisations" not in body
    group.leads.add(make_organization(name="Early Lead"))
    body = client.get(detail(group.slug)).content.decode()
    assert "Lead organisations:" in body and "Early Lead" in body


def test_leads_are_listed_when_recorded(client):
    group = make_action_group(name="Testing Group")
    group.leads.add(make_organization(name="Lead One"))
    body = client.get(detail(group.slug)).content.decode()
    assert "Lead One" in body
    assert "Not recorded" not in body


def populate(group, meetings):
    for index in range(meetings):
        meeting = make_meeting(date=datetime.date(2019, 1, 1) + datetime.timedelta(days=index))
        item = make_agenda_item(meeting=meeting)
        intervention = make_intervention(agenda_item=item, action_groups=[group])
        intervention.on_behalf_of.add(make_organization())
        action_point = make_action_point(meeting=meeting, agenda_item=item)
        action_point.action_groups.add(group)
        action_point.owners.add(intervention.organization)
        document = make_document(meeting=meeting, agenda_item=item)
        document.action_groups.add(group)
        document.organizations.add(intervention.organization)
        make_event(mentioned_at=item, start_date=datetime.date(2021, 1, 1)).action_groups.add(group)
        group.leads.add(intervention.organization)


def test_detail_query_count_is_the_same_with_ten_times_the_data(client, django_assert_num_queries):
    group = make_action_group(name="Busy Group")
    populate(group, 1)
    with django_assert_num_queries(DETAIL_QUERIES):
        small = client.get(detail(group.slug)).content.decode()
    populate(group, 9)
    with django_assert_num_queries(DETAIL_QUERIES):
        large = client.get(detail(group.slug)).content.decode()
    assert small.count("<h3>") == 1
    assert large.count("<h3>") == 10  # one per meeting
    assert large.count("Event: ") == 10
