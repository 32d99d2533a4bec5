"""The calendar of events: upcoming first (soonest first), then past (most recent first), at the
precision each date is known."""

import datetime
import re

import pytest
from django.urls import reverse

from base.record.partial_dates import DatePrecision
from meetings.models import Event, EventKind
from tests.factories import make_event

pytestmark = pytest.mark.django_db

EVENTS = reverse("meetings:events")
# The kinds present, the count for the paginator, the page, its action groups, its countries.
QUERIES = 5


def titles(html):
    """The events' titles, in the order shown (a GCG meeting's title is a link)."""
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'<h3 class="event-title">(.*?)</h3>', html, re.S)
    ]


def part(html, heading_id):
    """The <section> under the heading with this id: upcoming-heading or past-heading."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def on_18_july_2019(time_machine):
    time_machine.move_to(datetime.date(2019, 7, 18), tick=False)


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The calendar of the July 2019 record, loaded once for the class."""

    def test_upcoming_first_then_past_most_recent_first(
        self, client, on_18_july_2019, django_assert_num_queries
    ):
        with django_assert_num_queries(QUERIES):
            response = client.get(EVENTS)
        assert response.status_code == 200
        html = response.content.decode()
        upcoming, past = part(html, "upcoming-heading"), part(html, "past-heading")
        # Upcoming, soonest first: the Bali Process (22–23 July 2019) before anything later.
        upcoming_titles = titles(upcoming)
        assert upcoming_titles[0].startswith("Bali Process")
        assert upcoming_titles.index("Paris Peace Forum") < upcoming_titles.index(
            "Freedom from Slavery Forum"
        )
        assert "22–23 July 2019" in upcoming
        assert "early September 2019" in upcoming
        assert "December 2019" in upcoming
        # Past, most recent first: the meeting (17 July 2019) before the Code 8.7 conference
        # (February 2019), and the IV Global Conference (November 2017) last.
        past_titles = titles(past)
        assert past_titles.index("5th Meeting of the Global Coordinating Group") < (
            past_titles.index("Code 8.7 conference")
        )
        assert past_titles[-1].startswith("IV Global Conference")
        assert "No upcoming events" not in html

    def test_says_plainly_when_nothing_is_upcoming(self, client, time_machine):
        time_machine.move_to(datetime.date(2030, 1, 1), tick=False)
        html = client.get(EVENTS).content.decode()
        assert "No upcoming events are recorded." in html
        assert 'id="upcoming-heading"' not in html
        assert "Child Labour Forum" in titles(part(html, "past-heading"))

    def test_a_gcg_meeting_links_to_its_record_and_events_to_what_they_concern(
        self, client, on_18_july_2019
    ):
        html = client.get(EVENTS).content.decode()
        meeting = reverse("meetings:detail", kwargs={"slug": "5th-meeting-2019-07-17"})
        assert re.search(
            rf'<h3 class="event-title"><a href="{meeting}">5th Meeting of the Global', html
        )
        assert reverse("directory:action_group_detail", kwargs={"slug": "supply-chains"}) in html

    def test_the_kind_filter_narrows_the_list(self, client):
        html = client.get(EVENTS, {"kind": EventKind.GCG_MEETING}).content.decode()
        assert sorted(titles(html)) == [
            "5th Meeting of the Global Coordinating Group",
            "Next meeting of the Global Coordinating Group",
        ]


def test_paginated_by_fifty_upcoming_then_past(client, time_machine):
    time_machine.move_to(datetime.date(2019, 7, 18), tick=False)
    for day in range(1, 31):
        make_event(title=f"Upcoming {day:02}", start_date=datetime.date(2019, 8, day))
        make_event(title=f"Past {day:02}", start_date=datetime.date(2019, 6, day))

    first = client.get(EVENTS).content.decode()
    second = client.get(EVENTS, {"page": 2}).content.decode()

    assert titles(part(first, "upcoming-heading")) == [f"Upcoming {day:02}" for day in range(1, 31)]
    assert titles(part(first, "past-heading")) == [f"Past {day:02}" for day in range(30, 10, -1)]
    assert titles(second) == [f"Past {day:02}" for day in range(10, 0, -1)]
    assert 'id="upcoming-heading"' not in second
    assert "No upcoming events" not in second  # there are some, on the first page
    assert 'rel="next" href="?page=2"' in first


# "Upcoming" at the precision a date is known: the last day it can mean is today or later.
TODAY = datetime.date(2019, 11, 15)


@pytest.mark.parametrize(
    ("start", "end", "precision", "upcoming"),
    [
        (datetime.date(2019, 11, 15), None, DatePrecision.DAY, True),
        (datetime.date(2019, 11, 14), None, DatePrecision.DAY, False),
        (datetime.date(2019, 11, 11), datetime.date(2019, 11, 13), DatePrecision.DAY, False),
        (datetime.date(2019, 11, 11), datetime.date(2019, 11, 15), DatePrecision.DAY, True),
        (datetime.date(2019, 11, 1), None, DatePrecision.MONTH, True),  # "November 2019"
        (datetime.date(2019, 11, 1), None, DatePrecision.EARLY_MONTH, True),
        (datetime.date(2019, 10, 1), None, DatePrecision.END_MONTH, False),  # "end of October"
        (datetime.date(2019, 1, 1), None, DatePrecision.YEAR, True),  # "2019"
        (datetime.date(2018, 1, 1), None, DatePrecision.EARLY_YEAR, False),
        (datetime.date(2020, 1, 1), None, DatePrecision.YEAR, True),
    ],
)
def test_upcoming_at_the_precision_known(start, end, precision, upcoming):
    event = make_event(start_date=start, end_date=end, date_precision=precision)

    assert Event.objects.in_calendar_order(TODAY).get(pk=event.pk).is_upcoming is upcoming
