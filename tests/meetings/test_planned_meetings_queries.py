"""What the pages that show planned meetings cost, for a visitor, a member and staff: the same
number of queries with one planned meeting of ten agenda items as with ten of a hundred each
(and their calendar entries), and the number each page's own tests count."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import Meeting
from tests.alliance87.test_home import QUERIES as HOME_QUERIES
from tests.factories import make_announced_meeting
from tests.meetings.test_calendar_feed import QUERIES as FEED_QUERIES
from tests.meetings.test_events import QUERIES as EVENTS_QUERIES
from tests.meetings.test_meeting_pages import LIST_QUERIES as MEETINGS_QUERIES
from tests.meetings.test_open_data import LIST_QUERIES as JSON_QUERIES

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2019, 10, 1)
AGENDA_ITEMS = 10  # a planned meeting's draft agenda, at 1×
# What a reader's request costs before the page: a member's session and user; staff's, and
# their second factor.
READER = {"anonymous": 0, "member": 2, "staff": 3}
# The announcement, to anyone but staff: the meeting looked for among those published, then
# among those announced, then its circulated draft agenda.
ANNOUNCEMENT_QUERIES = 3
# Staff read the whole draft as the meeting page shows any meeting: the meeting with its
# attendance counts, its objectives, agenda items, their interventions and key figures, its
# decisions and follow-ups, documents, matters arising (the points, their owners), the voices
# heard and the attendance listed (a draft holding only its agenda: none of the rows the 5th
# meeting's page links besides, DETAIL_QUERIES).
STAFF_ANNOUNCEMENT_QUERIES = 12  # and what it says of a comment round (issue 22)
PAGES = {
    "home": (lambda meeting: reverse("home"), HOME_QUERIES),
    "meetings": (lambda meeting: reverse("meetings:list"), MEETINGS_QUERIES),
    "announcement": (lambda meeting: meeting.get_absolute_url(), ANNOUNCEMENT_QUERIES),
    "events": (lambda meeting: reverse("meetings:events"), EVENTS_QUERIES),
    "events.ics": (lambda meeting: reverse("meetings:events_ics"), FEED_QUERIES),
    "meetings.json": (
        lambda meeting: reverse("meetings:list_json"),
        JSON_QUERIES["meetings:list_json"],
    ),
}


def planned(factor):
    """`factor` planned meetings a month apart from November 2019, every third cancelled, each
    with AGENDA_ITEMS × `factor` agenda items circulated and its entry on the calendar; the
    first, the one whose page is read."""
    meetings = [
        make_announced_meeting(
            agenda=[f"Item {n}" for n in range(1, AGENDA_ITEMS * factor + 1)],
            date=datetime.date(2019 + (10 + index) // 12, (10 + index) % 12 + 1, 1),
            agenda_circulated=True,
            cancelled=index % 3 == 2,
        )
        for index in range(factor)
    ]
    return meetings[0]


def expected(page, role):
    if page == "announcement" and role == "staff":
        return STAFF_ANNOUNCEMENT_QUERIES + READER[role]
    return PAGES[page][1] + READER[role]


@pytest.mark.usefixtures("record")
class TestOverThe2019Record:
    @pytest.mark.parametrize("role", READER)
    @pytest.mark.parametrize("page", PAGES)
    @pytest.mark.parametrize("factor", [1, 10])
    def test_each_page_costs_the_same_whatever_is_planned(
        self, page, role, factor, member, staff, today_is, django_assert_num_queries
    ):
        today_is(TODAY)
        meeting = planned(factor)
        client = Client()
        if role != "anonymous":
            client.force_login({"member": member, "staff": staff}[role])
        url = PAGES[page][0](meeting)

        with django_assert_num_queries(expected(page, role)):
            response = client.get(url)

        assert response.status_code == 200
        body = response.content.decode()
        if page in ("home", "meetings", "announcement", "events.ics", "meetings.json"):
            assert meeting.title in body
        if page == "announcement" and role != "staff":
            assert f"{AGENDA_ITEMS * factor}. Item {AGENDA_ITEMS * factor}" in body
        assert Meeting.objects.announced().count() == factor
