"""The calendar of events as an iCalendar feed, read back by two calendar libraries."""

import datetime
import uuid

import icalendar
import ics
import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.models import Event, EventKind
from tests.factories import make_event, make_meeting

pytestmark = pytest.mark.django_db

FEED = reverse("meetings:events_ics")
EVENTS_IN_THE_2019_RECORD = 15
QUERIES = 1  # the events, with their meeting


def uid(event):
    """The UID the feed promises for the event, whatever its title or dates become."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://127.0.0.1:8000/events/{event.pk}"))


def parsed(response):
    return icalendar.Calendar.from_ical(response.content)


def by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_the_feed_is_valid_icalendar_with_every_event(self, client, django_assert_num_queries):
        with django_assert_num_queries(QUERIES):
            response = client.get(FEED)
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = parsed(response)
        assert calendar["VERSION"] == "2.0"
        assert calendar["PRODID"] == "-//Alliance 8.7//GCG portal//EN"
        assert calendar["X-WR-CALNAME"] == "Alliance 8.7 GCG calendar"
        events = calendar.walk("VEVENT")
        assert len(events) == EVENTS_IN_THE_2019_RECORD
        assert all("DTSTAMP" in event for event in events)
        text = response.content.decode()
        assert "\n" not in text.replace("\r\n", "")
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))

    def test_an_event_known_to_the_day_is_all_day_with_an_exclusive_end(self, client):
        bali = Event.objects.get(title__startswith="Bali Process")
        event = by_uid(parsed(client.get(FEED)))[uid(bali)]
        assert str(event["SUMMARY"]).startswith("Bali Process Steering Group")
        assert event["DTSTART"].dt == datetime.date(2019, 7, 22)
        assert event["DTEND"].dt == datetime.date(2019, 7, 24)  # the day after the 23rd
        assert event["STATUS"] == "CONFIRMED"

    def test_an_event_known_to_the_month_says_so_in_its_summary(self, client):
        forum = Event.objects.get(title="Freedom from Slavery Forum")
        event = by_uid(parsed(client.get(FEED)))[uid(forum)]
        assert event["SUMMARY"] == "Freedom from Slavery Forum (December 2019, day not yet known)"
        assert event["DTSTART"].dt == datetime.date(2019, 12, 1)
        assert event["STATUS"] == "TENTATIVE"
        assert event["LOCATION"] == "Addis Ababa"

    def test_the_gcg_meeting_links_to_its_record(self, client):
        meeting = Event.objects.get(kind=EventKind.GCG_MEETING, meeting__isnull=False)
        event = by_uid(parsed(client.get(FEED)))[uid(meeting)]
        assert event["URL"] == f"http://testserver{meeting.meeting.get_absolute_url()}"

    def test_a_second_library_imports_it(self, client):
        calendar = ics.Calendar(client.get(FEED).content.decode())
        assert len(calendar.events) == EVENTS_IN_THE_2019_RECORD
        paris = next(e for e in calendar.events if e.name == "Paris Peace Forum")
        assert paris.all_day
        assert paris.begin.date() == datetime.date(2019, 11, 11)

    def test_uids_stay_the_same_across_requests_and_edits(self, client):
        before = set(by_uid(parsed(client.get(FEED))))
        Event.objects.filter(title="Paris Peace Forum").update(title="Paris Peace Forum 2019")
        after = by_uid(parsed(client.get(FEED)))
        assert set(after) == before == {uid(event) for event in Event.objects.all()}
        assert "Paris Peace Forum 2019" in [str(e["SUMMARY"]) for e in after.values()]

    def test_linked_from_the_events_page(self, client):
        html = client.get(reverse("meetings:events")).content.decode()
        assert f'<link rel="alternate" type="text/calendar" href="{FEED}"' in html
        assert f'href="{FEED}" type="text/calendar">Subscribe / download calendar</a>' in html


def test_a_draft_meetings_events_are_for_staff_only(client, member, staff):
    draft = make_meeting(status=PublicationStatus.DRAFT)
    make_event(title="Qzdraftevent", meeting=draft)
    make_event(title="Published event")
    client.force_login(member)
    assert "Qzdraftevent" not in client.get(FEED).content.decode()
    assert "Published event" in client.get(FEED).content.decode()
    client.force_login(staff)
    assert "Qzdraftevent" in client.get(FEED).content.decode()
