"""schema.org Events as JSON-LD (meetings.structured_data): on a meeting's page, a planned
meeting's announcement and the calendar, checked against what the vocabulary requires
(tests/structured_data.py); an announcement's says nothing of its draft."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from base.web.structured_data import iso_date
from meetings.models import Event, Meeting
from tests.factories import make_event, make_meeting
from tests.meetings.test_planned_meetings import DRAFT_ONLY, OCCASION, TITLE, plan_the_sixth
from tests.structured_data import checked, json_ld, problems

pytestmark = pytest.mark.django_db

EVENTS = reverse("meetings:events")
# As tests/meetings/test_events.py and test_meeting_pages.py count them: the JSON-LD is built
# from what the page has read.
EVENTS_QUERIES = 5
SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"


def event_on(path, client=None):
    (event,) = checked((client or Client()).get(path).content.decode(), "Event")
    return event


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_the_fifth_meeting(self):
        meeting = Meeting.objects.get(number=5)
        event = event_on(meeting.get_absolute_url())
        assert event.pop("description").startswith(
            "The 5th meeting of the Global Coordinating Group took place in the margins"
        )
        assert event == {
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": "http://testserver/meetings/5th-meeting-2019-07-17/",
            "name": "5th Meeting of the Global Coordinating Group",
            "url": "http://testserver/meetings/5th-meeting-2019-07-17/",
            "startDate": "2019-07-17",
            "eventStatus": SCHEDULED,
            "location": {
                "@type": "Place",
                "name": "New York",
                "address": {"@type": "PostalAddress", "addressLocality": "New York"},
            },
        }

    def test_the_calendar(self, django_assert_num_queries):
        with django_assert_num_queries(EVENTS_QUERIES):
            body = Client().get(EVENTS).content.decode()
        events = checked(body, "Event")
        by_name = {event["name"]: event for event in events}
        assert by_name["5th Meeting of the Global Coordinating Group"]["url"] == (
            "http://testserver/meetings/5th-meeting-2019-07-17/"
        )
        # Every entry of the record's calendar (one page) but those without a city.
        with_a_city = Event.objects.exclude(city="").values_list("title", flat=True)
        assert sorted(by_name) == sorted(with_a_city)
        assert Event.objects.filter(city="").exists()


@pytest.mark.usefixtures("record")
class TestThePlannedSixthMeeting:
    @pytest.fixture(autouse=True)
    def before_the_meeting(self, today_is):
        today_is(datetime.date(2019, 10, 1))

    def test_its_announcement_gives_only_announced_facts_and_its_month(self):
        meeting = plan_the_sixth()
        body = Client().get(meeting.get_absolute_url()).content.decode()
        (event,) = checked(body, "Event")
        assert event == {
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": f"http://testserver/meetings/{meeting.slug}/",
            "name": TITLE,
            "url": f"http://testserver/meetings/{meeting.slug}/",
            "startDate": "2019-11",
            "eventStatus": SCHEDULED,
            "location": {
                "@type": "Place",
                "name": "Paris",
                "address": {"@type": "PostalAddress", "addressLocality": "Paris"},
            },
            "description": OCCASION,
        }
        assert not [marker for marker in DRAFT_ONLY.values() if marker in json.dumps(event)]

    def test_cancelled(self):
        meeting = plan_the_sixth(cancelled=True)
        assert event_on(meeting.get_absolute_url())["eventStatus"] == CANCELLED
        listed = checked(Client().get(EVENTS).content.decode(), "Event")
        (entry,) = [event for event in listed if event["name"] == TITLE]
        assert entry["eventStatus"] == CANCELLED
        assert entry["startDate"] == "2019-11"

    def test_a_draft_not_announced_has_no_page_and_no_json_ld(self):
        meeting = make_meeting(number=7, title="Qzdraftseventh", status="draft")
        response = Client().get(meeting.get_absolute_url())
        assert response.status_code == 404
        assert json_ld(response.content.decode()) == []
        assert "Qzdraftseventh" not in Client().get(EVENTS).content.decode()


def test_an_entry_without_a_city_is_left_out_and_one_with_dates_has_both():
    make_event(title="Somewhere unknown", city="")
    make_event(
        title="Regional workshop",
        city="Kathmandu",
        start_date=datetime.date(2019, 12, 2),
        end_date=datetime.date(2019, 12, 4),
    )
    events = checked(Client().get(EVENTS).content.decode(), "Event")
    assert [(e["name"], e["startDate"], e.get("endDate")) for e in events] == [
        ("Regional workshop", "2019-12-02", "2019-12-04")
    ]


def test_text_cannot_close_the_script():
    hostile = "</script><script>alert(1)</script> & <!--"
    meeting = make_meeting(occasion=hostile)
    body = Client().get(meeting.get_absolute_url()).content.decode()
    head = body.split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert "\\u003C/script\\u003E" in head
    (event,) = json_ld(body)
    assert event["description"] == hostile


@pytest.mark.parametrize("times", [1, 10])
def test_the_calendar_reads_nothing_more_for_its_json_ld(times, django_assert_num_queries):
    for n in range(times):
        make_event(title=f"Counted event {n}", city="Geneva")
    with django_assert_num_queries(EVENTS_QUERIES):
        body = Client().get(EVENTS).content.decode()
    assert len(checked(body, "Event")) == times


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        ("day", "2019-11-14"),
        ("early_month", "2019-11"),
        ("month", "2019-11"),
        ("end_month", "2019-11"),
        ("early_year", "2019"),
        ("year", "2019"),
    ],
)
def test_a_date_to_the_precision_it_is_known(precision, expected):
    assert iso_date(datetime.date(2019, 11, 14), precision) == expected


def test_the_check_finds_what_is_missing_or_wrong():
    bad = {
        "@type": "Event",
        "name": "x",
        "startDate": "14/11/2019",
        "eventStatus": "Scheduled",
        "url": "/meetings/x/",
        "location": {"@type": "Place", "name": "Paris"},
    }
    assert problems(bad) == [
        "$.startDate: '14/11/2019' is not an ISO 8601 date",
        "$.eventStatus: 'Scheduled'",
        "$.url: '/meetings/x/' is not an absolute http(s) URL",
        "$.location (Place): missing ['address']",
    ]
    assert problems({"@type": "Organization", "name": "x"}) == ["$ (Organization): missing ['url']"]
