"""A planned meeting (meetings.planned_meetings): the 6th meeting announced while its record is a
draft, shown to visitors and members on the home page, the meetings list, its own page, the
calendar and its feed as its announcement (date as far as it is known, city, occasion, draft
agenda once circulated, cancelled or not), and nothing else of the draft; staff see the draft.
Confirming its date changes every one of those places; cancelling it says so in each."""

import datetime
import re
import uuid

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from meetings.calendar_entries import meeting_event_keep_in_step
from meetings.models import Event
from tests.admin_forms import page_text, posted_data
from tests.factories import (
    make_action_point,
    make_announced_meeting,
    make_attendance,
    make_country,
    make_document,
    make_intervention,
    make_person,
)

pytestmark = pytest.mark.django_db

HOME, LIST, EVENTS, FEED = (
    reverse("home"),
    reverse("meetings:list"),
    reverse("meetings:events"),
    reverse("meetings:events_ics"),
)
MEETINGS_JSON = reverse("meetings:list_json")
TITLE = "6th Meeting of the Global Coordinating Group"
OCCASION = "Back to back with the Paris Peace Forum."
AGENDA = ["Welcome and adoption of the agenda", "Update from pathfinder countries"]
# What the draft holds besides its announcement: none of it may reach a visitor or a member.
DRAFT_ONLY = {
    "narrative": "Qzplannednarrative",
    "chair": "Qzplannedchair",
    "participant": "Qzplannedparticipant",
    "intervention": "Qzplannedintervention",
    "decision": "Qzplanneddecision",
    "document": "Qzplanneddocument",
}
BEFORE = datetime.date(2019, 10, 1)  # the day the pages are read: the meeting is to come
PLAN = "Next meeting of the Global Coordinating Group"  # the fixture's plan of the 6th meeting


def text(response):
    """The page's words as read, without the space page_text leaves for a tag before a comma."""
    return re.sub(r" ([,.])", r"\1", page_text(response))


def without_csrf(body):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", body)


def uid(event_pk):
    """The UID the feed promises for an event (tests/meetings/test_calendar_feed.py)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://127.0.0.1:8000/events/{event_pk}"))


def feed_event(client, event_pk):
    calendar = icalendar.Calendar.from_ical(client.get(FEED).content)
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    return found.get(uid(event_pk))


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def plan_the_sixth(**kwargs):
    """The 6th meeting as the Secretariat plans it after the 5th: November 2019 in Paris, its
    draft agenda circulated; with a draft record besides (chair, narrative, participant,
    intervention, decision, document), each piece marked."""
    m = DRAFT_ONLY
    kwargs.setdefault("agenda_circulated", True)
    meeting = make_announced_meeting(
        agenda=AGENDA,
        number=6,
        title=TITLE,
        occasion=OCCASION,
        chair=make_person(name=f"{m['chair']} Example"),
        **kwargs,
    )
    item = meeting.agenda_items.get(number=1)
    item.narrative = f"The {m['narrative']}."
    item.save()
    make_attendance(meeting=meeting, person=make_person(name=f"{m['participant']} Example"))
    make_intervention(agenda_item=item, summary=f"The {m['intervention']}.")
    make_action_point(meeting=meeting, text=m["decision"])
    make_document(meeting=meeting, title=m["document"])
    return meeting


def assert_nothing_of_the_draft(page):
    found = [name for name, marker in DRAFT_ONLY.items() if marker in page]
    assert found == []


@pytest.fixture
def readers(member, staff):
    return {"anonymous": Client(), "member": signed_in(member), "staff": signed_in(staff)}


@pytest.mark.usefixtures("record")
class TestTheSixthMeetingAnnounced:
    """The 2019 record, and the 6th meeting planned after it."""

    @pytest.fixture(autouse=True)
    def before_the_meeting(self, today_is):
        today_is(BEFORE)

    def test_the_plan_on_the_calendar_becomes_the_meetings_entry(self):
        plan = Event.objects.get(title=PLAN)
        meeting = plan_the_sixth()

        plan.refresh_from_db()
        assert Event.objects.filter(meeting=meeting).get() == plan  # the same entry, linked
        assert (plan.title, plan.start_date, plan.date_precision, plan.city) == (
            TITLE,
            datetime.date(2019, 11, 1),
            "month",
            "Paris",
        )
        assert plan.status == "to_be_confirmed"
        assert plan.description == OCCASION
        assert plan.history.order_by("-history_id").first().history_change_reason == "Announced"

    @pytest.mark.parametrize("role", ["anonymous", "member"])
    def test_visitors_and_members_see_the_announcement_and_nothing_else(self, readers, role):
        meeting = plan_the_sixth()
        client = readers[role]

        home = client.get(HOME)
        next_meeting = home.content.decode().split('id="next-meeting-heading"')[1]
        assert f"{TITLE} November 2019 (date to be confirmed), Paris" in text(home)
        assert meeting.get_absolute_url() in next_meeting.split("</section>")[0]

        listed = text(client.get(LIST))
        assert f"Planned meetings {TITLE} November 2019 (date to be confirmed), Paris" in listed

        page = client.get(meeting.get_absolute_url())
        assert page.status_code == 200
        shown = text(page)
        assert "November 2019 (date to be confirmed), Paris" in shown
        assert "The day is not yet known" in shown
        assert OCCASION in shown
        assert "Draft agenda 1. Welcome and adoption of the agenda 2. Update from" in shown
        assert "Draft" not in shown.replace("Draft agenda", "")  # no staff's notice
        for response in (home, client.get(LIST), page, client.get(EVENTS), client.get(FEED)):
            assert_nothing_of_the_draft(response.content.decode())

        # The rest of its record is the draft's: not found, as any draft's.
        for name in ["report", "detail_json", "interventions_csv", "attendance_csv"]:
            url = reverse(f"meetings:{name}", kwargs={"slug": meeting.slug})
            assert client.get(url).status_code == 404, name

    def test_staff_see_the_whole_draft_said_to_be_announced(self, readers):
        meeting = plan_the_sixth()

        page = readers["staff"].get(meeting.get_absolute_url())

        body = page.content.decode()
        assert all(marker in body for marker in DRAFT_ONLY.values())
        assert "Announced: visitors and members see only its date" in text(page)
        assert "November 2019, Paris" in text(page)

    def test_the_draft_agenda_waits_until_it_is_circulated(self, client):
        meeting = plan_the_sixth(agenda_circulated=False)

        shown = text(client.get(meeting.get_absolute_url()))

        assert "The draft agenda will be circulated before the meeting." in shown
        assert AGENDA[0] not in shown

    def test_a_circulated_agenda_without_items_says_there_is_none_yet(self, client):
        meeting = make_announced_meeting(number=6, title=TITLE, agenda_circulated=True)

        assert "Draft agenda No agenda yet." in text(client.get(meeting.get_absolute_url()))

    def test_a_draft_not_announced_stays_unseen(self, client):
        meeting = plan_the_sixth(announced=False)

        assert client.get(meeting.get_absolute_url()).status_code == 404
        assert TITLE not in text(client.get(HOME)) + text(client.get(LIST))
        assert TITLE not in client.get(FEED).content.decode()
        assert PLAN in text(client.get(EVENTS))  # the plan is left as it was

    def test_the_calendar_shows_the_meeting_once_in_place_of_its_plan(self, client):
        meeting = plan_the_sixth()
        entry = Event.objects.get(meeting=meeting)

        events = text(client.get(EVENTS))
        assert events.count(TITLE) == 1
        assert PLAN not in events
        assert f"{TITLE} November 2019, Paris Dates to be confirmed" in events
        feed = client.get(FEED).content.decode()
        assert PLAN not in feed and feed.count("6th Meeting of the Global Coordinating") == 1
        event = feed_event(client, entry.pk)
        assert str(event["SUMMARY"]) == f"{TITLE} (November 2019, day not yet known)"
        assert event["STATUS"] == "TENTATIVE"
        assert event["URL"] == f"http://testserver{meeting.get_absolute_url()}"

    def test_its_entry_names_no_country_or_group_the_draft_alone_knows(self, readers):
        meeting = plan_the_sixth()
        country = make_country(name="Qzplannedcountry")
        Event.objects.get(meeting=meeting).countries.add(country)

        assert Client().get(country.get_absolute_url()).status_code == 404
        for role, client in readers.items():
            shown = "Qzplannedcountry" in client.get(EVENTS).content.decode()
            assert shown == (role == "staff"), role

    def test_the_meetings_json_lists_it_as_planned_without_its_record(self, client):
        meeting = plan_the_sixth()

        results = client.get(MEETINGS_JSON).json()["results"]

        planned = next(row for row in results if row["number"] == 6)
        assert planned["status"] == "planned"
        assert (planned["start_date"], planned["date_precision"]) == ("2019-11-01", "month")
        assert planned["json_url"] is None
        assert planned["url"] == f"http://testserver{meeting.get_absolute_url()}"
        assert next(row for row in results if row["number"] == 5)["status"] == "published"

    def test_confirming_the_date_changes_every_place_that_shows_it(self, readers, staff_client):
        meeting = plan_the_sixth()
        entry = Event.objects.get(meeting=meeting)
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        page = staff_client.get(url)
        assert page.context["adminform"].form["date"].value() == "November 2019"

        response = staff_client.post(url, posted_data(page, date="14 November 2019"))

        assert response.status_code == 302
        meeting.refresh_from_db()
        assert (meeting.date, meeting.date_precision) == (datetime.date(2019, 11, 14), "day")
        for role, client in readers.items():
            for address in (HOME, LIST, meeting.get_absolute_url(), EVENTS):
                shown = text(client.get(address))
                assert "14 November 2019" in shown, (role, address)
                assert "November 2019 (date to be confirmed)" not in shown, (role, address)
            event = feed_event(client, entry.pk)  # the same UID: subscribers' entry moves
            assert event["DTSTART"].dt == datetime.date(2019, 11, 14)
            assert str(event["SUMMARY"]) == TITLE
            assert event["STATUS"] == "CONFIRMED"
            assert "2019-11-14" in client.get(MEETINGS_JSON).content.decode()
        assert "The day is not yet known" not in text(
            readers["anonymous"].get(meeting.get_absolute_url())
        )
        assert Event.objects.filter(meeting=meeting).get().status == "confirmed"

    def test_a_cancelled_meeting_is_said_to_be_cancelled_everywhere(self, readers):
        meeting = plan_the_sixth(cancelled=True)
        entry = Event.objects.get(meeting=meeting)

        for role, client in readers.items():
            assert "Cancelled" in text(client.get(meeting.get_absolute_url())), role
            event = feed_event(client, entry.pk)
            assert event["STATUS"] == "CANCELLED"
            assert str(event["SUMMARY"]) == f"{TITLE} (cancelled)"
            assert f"{TITLE} November 2019, Paris Cancelled" in text(client.get(EVENTS))
        visitor = readers["anonymous"]
        page = text(visitor.get(meeting.get_absolute_url()))
        assert "This meeting has been cancelled: it will not take place." in page
        assert AGENDA[0] not in page  # nothing to prepare
        home = text(visitor.get(HOME))
        assert f"Next meeting {TITLE} Cancelled November 2019" in home
        assert "No other meeting is announced yet." in home
        row = next(r for r in visitor.get(MEETINGS_JSON).json()["results"] if r["number"] == 6)
        assert row["status"] == "cancelled"
        events = visitor.get(reverse("meetings:events_json")).json()["results"]
        assert next(e for e in events if e["name"] == TITLE)["status"] == "cancelled"

    def test_the_home_page_shows_the_next_meeting_not_cancelled(self, client):
        cancelled = plan_the_sixth(cancelled=True)
        seventh = make_announced_meeting(
            number=7,
            title="7th Meeting of the GCG",
            date=datetime.date(2020, 3, 12),
            date_precision="day",
            city="Geneva",
        )

        home = text(client.get(HOME))

        assert f"Next meeting {cancelled.title} Cancelled November 2019" in home
        assert f"{seventh.title} 12 March 2020, Geneva" in home
        assert "No other meeting is announced yet." not in home

    def test_a_meeting_whose_month_is_over_is_no_longer_upcoming(self, client, today_is):
        meeting = plan_the_sixth()
        today_is(datetime.date(2019, 11, 30))
        assert TITLE in text(client.get(HOME))

        today_is(datetime.date(2019, 12, 1))
        assert "next-meeting-heading" not in client.get(HOME).content.decode()
        assert "Planned meetings" not in text(client.get(LIST))
        page = text(client.get(meeting.get_absolute_url()))  # its announcement stays
        assert "This meeting has been held: its record will be published here." in page

    def test_a_cached_page_is_never_the_staffs_draft(self, readers):
        meeting = plan_the_sixth()
        url = meeting.get_absolute_url()

        visitors_page = readers["anonymous"].get(url).content.decode()
        staffs_page = readers["staff"].get(url).content.decode()
        visitors_page_again = Client().get(url).content.decode()

        assert DRAFT_ONLY["decision"] in staffs_page
        assert without_csrf(visitors_page_again) == without_csrf(visitors_page)
        assert_nothing_of_the_draft(visitors_page_again)

    def test_a_kept_page_retires_when_the_date_is_confirmed(self, client):
        meeting = plan_the_sixth()
        assert "November 2019 (date to be confirmed)" in text(client.get(HOME))

        meeting.date, meeting.date_precision = datetime.date(2019, 11, 14), "day"
        meeting.save()
        meeting_event_keep_in_step(meeting)

        assert "14 November 2019, Paris" in text(Client().get(HOME))
