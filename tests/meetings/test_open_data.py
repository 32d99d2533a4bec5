"""The record as JSON (docs/open-data.md): a meeting and the lists, drafts for staff only,
addresses for signed-in readers only, in a fixed number of queries."""

import json

import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.models import Meeting
from tests.factories import (
    make_action_group,
    make_agenda_item,
    make_attendance,
    make_country,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
)

pytestmark = pytest.mark.django_db

# The meeting (and its chair), agenda items, interventions, on behalf of, attendances;
# signed in, also the session, the user and the addresses shown.
MEETING_QUERIES = 5
MEETING_QUERIES_SIGNED_IN = MEETING_QUERIES + 3
# The count and the page; for the action groups, also their leads.
LIST_QUERIES = {
    "meetings:list_json": 2,
    "meetings:events_json": 2,
    "pathfinders:country_list_json": 2,
    "directory:organization_list_json": 2,
    "directory:action_group_list_json": 3,
}


def data(response):
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def meeting_url(meeting):
    return reverse("meetings:detail_json", kwargs={"slug": meeting.slug})


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_the_meeting_as_an_ocd_event(self, client, django_assert_num_queries):
        meeting = Meeting.objects.get()
        with django_assert_num_queries(MEETING_QUERIES):
            found = data(client.get(meeting_url(meeting)))
        assert found["id"] == f"meeting/{meeting.slug}"
        assert found["start_date"] == "2019-07-17"
        assert found["location"] == {"name": "New York"}
        assert len(found["agenda"]) == 7
        assert found["agenda"][0]["order"] == 1
        assert len(found["speeches"]) == 31
        assert len(found["participants"]) == 43
        guzman = next(p for p in found["persons"] if p["name"] == "Graciela Guzman")
        assert "email" not in guzman and "contact_details" not in guzman
        assert "@" not in json.dumps(found)

    def test_members_get_the_addresses_the_directory_shows(
        self, client, member, django_assert_num_queries
    ):
        client.force_login(member)
        url = meeting_url(Meeting.objects.get())
        with django_assert_num_queries(MEETING_QUERIES_SIGNED_IN):
            response = client.get(url)
        assert "no-store" in response["Cache-Control"]
        guzman = next(p for p in data(response)["persons"] if p["name"] == "Graciela Guzman")
        assert guzman["email"] == "gbguzman@trabajo.gob.ar"

    def test_linked_from_the_meeting_page(self, client):
        meeting = Meeting.objects.get()
        html = client.get(meeting.get_absolute_url()).content.decode()
        assert (
            f'<link rel="alternate" type="application/json" href="{meeting_url(meeting)}">' in html
        )

    @pytest.mark.parametrize(
        ("name", "count"),
        [
            ("meetings:list_json", 1),
            ("meetings:events_json", 15),
            ("pathfinders:country_list_json", 24),
            ("directory:organization_list_json", 34),
            ("directory:action_group_list_json", 4),
            ("directory:people_json", 43),
        ],
    )
    def test_the_lists_count_everything_visible(self, client, name, count):
        found = data(client.get(reverse(name)))
        assert found["count"] == count
        assert len(found["results"]) == count
        assert found["next"] is None and found["previous"] is None
        assert "@" not in json.dumps(found)

    def test_the_directory_keeps_its_filters_and_addresses_rule(self, client, member):
        found = data(client.get(reverse("directory:people_json"), {"q": "ilo"}))
        assert found["count"] == 4
        client.force_login(member)
        found = data(client.get(reverse("directory:people_json"), {"q": "ilo"}))
        assert "andrees@ilo.org" in [p["email"] for p in found["results"]]


def test_a_drafts_json_is_for_staff_only(client, member, staff):
    draft = make_meeting(status=PublicationStatus.DRAFT)
    make_event(title="Qzdraftevent", meeting=draft)
    assert client.get(meeting_url(draft)).status_code == 404
    assert "Qzdraftevent" not in client.get(reverse("meetings:events_json")).content.decode()
    client.force_login(member)
    assert client.get(meeting_url(draft)).status_code == 404
    assert data(client.get(reverse("meetings:list_json")))["count"] == 0
    client.force_login(staff)
    assert client.get(meeting_url(draft)).status_code == 200
    assert "Qzdraftevent" in client.get(reverse("meetings:events_json")).content.decode()


def test_a_list_is_paginated_with_next_and_previous(client):
    for n in range(101):
        make_organization(name=f"Organisation {n:03}")
    first = data(client.get(reverse("directory:organization_list_json")))
    assert first["count"] == 101
    assert len(first["results"]) == 100
    assert first["next"] == "http://testserver/organizations.json?page=2"
    second = data(client.get(first["next"]))
    assert [o["name"] for o in second["results"]] == ["Organisation 100"]
    assert second["previous"] == "http://testserver/organizations.json?page=1"
    assert client.get(reverse("directory:organization_list_json"), {"page": "x"}).status_code == 404


def test_a_meeting_costs_the_same_for_ten_times_its_record(client, django_assert_num_queries):
    meeting = make_meeting()

    def build(count):
        item = make_agenda_item(meeting=meeting)
        for _ in range(count):
            make_intervention(agenda_item=item).on_behalf_of.add(make_organization())
            make_attendance(meeting=meeting)

    build(3)
    with django_assert_num_queries(MEETING_QUERIES):
        small = data(client.get(meeting_url(meeting)))
    build(27)
    with django_assert_num_queries(MEETING_QUERIES):
        large = data(client.get(meeting_url(meeting)))
    assert (len(small["speeches"]), len(large["speeches"])) == (3, 30)


# The action groups' alone: tests/scale measures the other lists at 1 and 10 times the record
# (tests/scale/pages.py), but the record has four groups at every size, and no lead.
@pytest.mark.parametrize("name", ["directory:action_group_list_json"])
def test_a_list_costs_the_same_for_ten_times_the_rows(client, name, django_assert_num_queries):
    for count in (3, 30):
        while Meeting.objects.count() < count:
            make_event(meeting=make_meeting())
            make_organization()
            make_country()
            make_action_group().leads.add(make_organization(kind="intergovernmental"))
        with django_assert_num_queries(LIST_QUERIES[name]):
            found = data(client.get(reverse(name)))
        assert len(found["results"]) == found["count"] >= count
