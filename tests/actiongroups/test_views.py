"""The action groups list and a group's page: status, leads, its record grouped by meeting."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import MeetingStatus
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

LIST = reverse("actiongroups:list")


def detail(slug):
    return reverse("actiongroups:detail", kwargs={"slug": slug})


def test_list_shows_the_four_groups_with_status_and_leads(client, record):
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    cards = re.findall(r'<h2 id="group-\d+"><a href="[^"]+">([^<]+)</a></h2>\s*<p>(.*?)</p>', body)
    not_launched = '<span class="badge badge-not_launched">Not yet launched</span>'
    active = '<span class="badge badge-active">Active</span>'
    assert cards == [
        ("Conflict and Humanitarian Settings", not_launched),
        ("Migration", active),
        ("Rule of Law and Governance", not_launched),
        ("Supply Chains", active),
    ]
    assert body.count("Lead organisations: Not recorded") == 4  # the report names no lead


def test_list_query_count(client, record, django_assert_num_queries):
    with django_assert_num_queries(2):  # the groups, then their leads
        assert client.get(LIST).status_code == 200


def test_list_query_count_is_the_same_with_ten_times_the_data(
    client, db, django_assert_num_queries
):
    def add_groups(count):
        for _ in range(count):
            make_action_group().leads.add(make_organization(), make_organization())

    add_groups(2)
    with django_assert_num_queries(2):
        small = client.get(LIST).content.decode()
    add_groups(18)
    with django_assert_num_queries(2):
        large = client.get(LIST).content.decode()
    assert small.count('class="card"') == 2
    assert large.count('class="card"') == 20
    assert large.count("/organizations/organisation-") == 40


def test_leads_are_listed_when_recorded(client, db):
    group = make_action_group(name="Testing Group")
    group.leads.add(make_organization(name="Lead One"))
    body = client.get(detail(group.slug)).content.decode()
    assert "Lead One" in body
    assert "Not recorded" not in body


def test_unknown_group_is_a_404(client, record):
    assert client.get(detail("no-such-group")).status_code == 404


def test_migration_update_grouped_under_the_5th_meeting(client, record):
    response = client.get(detail("migration"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<span class="badge badge-active">Active</span>' in body
    meeting_group = re.search(
        r'<h3><a href="/meetings/5th-meeting-2019-07-17/">5th Meeting of the Global Coordinating '
        r"Group</a></h3>(.*?)</ul>\s*</li>",
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


def test_supply_chains_outputs_and_events(client, record):
    body = client.get(detail("supply-chains")).content.decode()
    assert "Draft Outcomes Report" in body
    assert "Second Global Workshop" in body
    assert "May 2019" in body  # the Abidjan workshop, dated to the month as the report does
    assert "early September 2019" in body  # the consortium report, as the report dates it
    assert body.index("May 2019") < body.index("17 July 2019") < body.index("early September 2019")


def test_detail_query_count(client, record, django_assert_num_queries):
    # group, leads, interventions, their on-behalf-of, action points, their owners, documents,
    # their authors, events
    with django_assert_num_queries(9):
        assert client.get(detail("supply-chains")).status_code == 200


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


def test_detail_query_count_is_the_same_with_ten_times_the_data(
    client, db, django_assert_num_queries
):
    group = make_action_group(name="Busy Group")
    populate(group, 1)
    with django_assert_num_queries(9):
        small = client.get(detail(group.slug)).content.decode()
    populate(group, 9)
    with django_assert_num_queries(9):
        large = client.get(detail(group.slug)).content.decode()
    assert small.count("<h3>") == 1
    assert large.count("<h3>") == 10  # one per meeting
    assert large.count("Event: ") == 10


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_a_draft_meetings_record_is_for_staff_only(staff_client, member, db, who):
    group = make_action_group(name="Quiet Group")
    draft = make_meeting(status=MeetingStatus.DRAFT, title="Draft meeting")
    item = make_agenda_item(meeting=draft)
    make_intervention(agenda_item=item, action_groups=[group], summary="SECRET intervention")
    make_action_point(meeting=draft, text="SECRET action").action_groups.add(group)
    make_document(title="SECRET document", agenda_item=item).action_groups.add(group)
    make_event(title="SECRET event", mentioned_at=item).action_groups.add(group)
    client = Client()
    if who == "member":
        client.force_login(member)
    assert "SECRET" not in client.get(detail(group.slug)).content.decode()
    staff_sees = staff_client.get(detail(group.slug)).content.decode()
    for text in ["SECRET intervention", "SECRET action", "SECRET document", "SECRET event"]:
        assert text in staff_sees
    assert ActionGroup.objects.count() == 1
