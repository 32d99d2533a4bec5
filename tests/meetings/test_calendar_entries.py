"""A published meeting is on the calendar (meetings/calendar_entries.py): publishing adds its
event, or turns the plan recorded for it into its event, never a second one; later edits of
the meeting move it; returned to draft, it is hidden with the meeting."""

import datetime
import uuid

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from base.record.partial_dates import DatePrecision
from base.record.visibility import PublicationStatus
from meetings.calendar_entries import calendar_changes, meeting_event_keep_in_step
from meetings.models import Event, EventKind, EventStatus, Meeting
from meetings.publishing import meetings_publish, meetings_return_to_draft
from tests.admin_forms import page_text, posted_data
from tests.factories import assert_refused, make_agenda_item, make_event, make_meeting

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED
EVENTS = reverse("meetings:events")
FEED = reverse("meetings:events_ics")
PLAN_2019 = "Next meeting of the Global Coordinating Group"
# Test data: a 6th meeting as an officer might record it (the 2019 record stops at the 5th).
SIXTH = "6th Meeting of the Global Coordinating Group (test data)"


def publish(meeting):
    return meetings_publish(Meeting.objects.filter(pk=meeting.pk))


def return_to_draft(meeting):
    return meetings_return_to_draft(Meeting.objects.filter(pk=meeting.pk))


def make_sixth(date, city="Paris", **kwargs):
    return make_meeting(number=6, title=SIXTH, date=date, city=city, status=DRAFT, **kwargs)


def uid(event):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://127.0.0.1:8000/events/{event.pk}"))


def feed(client):
    calendar = icalendar.Calendar.from_ical(client.get(FEED).content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def summaries(client):
    return [str(event["SUMMARY"]) for event in feed(client).values()]


def event_titles(client, **params):
    return page_text(client.get(EVENTS, params))


def publish_url(meeting):
    return reverse("admin:meetings_meeting_publish", args=[meeting.pk])


@pytest.fixture
def on_1_november_2019(time_machine):
    time_machine.move_to(datetime.date(2019, 11, 1), tick=False)


@pytest.mark.usefixtures("record")
class TestThe2019Plan:
    """The 5th meeting's report planned the next one for November 2019 in Paris (Event 7)."""

    def plan(self):
        return Event.objects.get(title=PLAN_2019)

    def test_a_6th_meeting_in_paris_in_november_2019_replaces_the_plan(self, on_1_november_2019):
        plan, events = self.plan(), Event.objects.count()
        sixth = make_sixth(datetime.date(2019, 11, 20))

        publish(sixth)

        event = Event.objects.get(meeting=sixth)
        assert event.pk == plan.pk
        assert Event.objects.count() == events  # replaced, not added beside it
        assert (
            event.kind,
            event.title,
            event.start_date,
            event.end_date,
            event.date_precision,
            event.city,
            event.status,
        ) == (
            EventKind.GCG_MEETING,
            SIXTH,
            datetime.date(2019, 11, 20),
            None,
            DatePrecision.DAY,
            "Paris",
            EventStatus.CONFIRMED,  # still ahead on 1 November 2019
        )
        # Still what the 5th meeting mentioned, under the same slug (its open-data id).
        assert (event.mentioned_at_id, event.slug) == (plan.mentioned_at_id, plan.slug)
        versions = list(event.history.order_by("history_id"))
        assert versions[-1].history_change_reason == "Published"
        before = versions[-2]
        assert (before.title, before.status, before.date_precision, before.meeting_id) == (
            PLAN_2019,
            EventStatus.TO_BE_CONFIRMED,
            DatePrecision.MONTH,
            None,
        )

    def test_a_6th_meeting_on_another_date_replaces_the_plan_the_5th_mentioned(self):
        plan = self.plan()
        sixth = make_sixth(datetime.date(2020, 2, 5), city="Geneva")

        publish(sixth)

        event = Event.objects.get(meeting=sixth)
        assert event.pk == plan.pk
        assert (event.start_date, event.city) == (datetime.date(2020, 2, 5), "Geneva")
        assert event.status == EventStatus.HELD  # its date has passed
        assert not Event.objects.filter(title=PLAN_2019).exists()

    def test_the_events_page_the_feed_and_the_home_page_show_the_6th_once(
        self, client, on_1_november_2019
    ):
        sixth = make_sixth(datetime.date(2019, 11, 20))
        assert SIXTH not in event_titles(client)

        publish(sixth)

        events = event_titles(client, kind=EventKind.GCG_MEETING)
        assert events.count(SIXTH) == 1
        assert PLAN_2019 not in events
        entries = feed(client)
        assert summaries(client).count(SIXTH) == 1
        assert not [summary for summary in summaries(client) if summary.startswith(PLAN_2019)]
        entry = entries[uid(self.plan_now(sixth))]  # the plan's UID: subscribers see it move
        assert entry["SUMMARY"] == SIXTH
        assert entry["DTSTART"].dt == datetime.date(2019, 11, 20)
        assert entry["DTEND"].dt == datetime.date(2019, 11, 21)
        assert (entry["STATUS"], entry["LOCATION"]) == ("CONFIRMED", "Paris")
        assert entry["URL"] == f"http://testserver{sixth.get_absolute_url()}"
        home = page_text(client.get(reverse("home")))
        assert SIXTH in home and PLAN_2019 not in home

    def plan_now(self, meeting):
        return Event.objects.get(meeting=meeting)

    def test_the_confirmation_page_says_it_replaces_the_plan_and_why(self, staff_client):
        sixth = make_sixth(datetime.date(2019, 11, 20))

        body = page_text(staff_client.get(publish_url(sixth)))

        assert (
            "Publishing replaces the calendar's entry “Next meeting of the Global Coordinating "
            "Group (November 2019, Paris)” with “6th Meeting of the Global Coordinating Group "
            "(test data) (20 November 2019, Paris)”; the entry's history keeps what it was."
        ) in body
        assert (
            "Taken as this meeting's plan: it was mentioned at the 5th meeting, and its dates "
            "include this meeting's date."
        ) in body
        assert "could also be this meeting's plan" not in body

    def test_a_7th_meeting_far_from_the_plan_gets_an_entry_of_its_own(self):
        plan, events = self.plan(), Event.objects.count()
        seventh = make_meeting(number=7, date=datetime.date(2021, 3, 10), status=DRAFT)

        publish(seventh)

        assert Event.objects.count() == events + 1
        assert Event.objects.get(pk=plan.pk).meeting is None


def test_a_meeting_with_no_plan_gets_a_new_entry(client, staff):
    meeting = make_meeting(
        status=DRAFT,
        title="Test meeting",
        date=datetime.date(2019, 7, 17),
        city="New York",
        occasion="In the margins of a forum (test data).",
    )
    make_event(title="An outside event", start_date=meeting.date)  # not a GCG meeting

    publish(meeting)

    event = Event.objects.get(meeting=meeting)
    assert (event.kind, event.title, event.start_date, event.date_precision, event.city) == (
        EventKind.GCG_MEETING,
        "Test meeting",
        datetime.date(2019, 7, 17),
        DatePrecision.DAY,
        "New York",
    )
    assert event.description == "In the margins of a forum (test data)."
    assert event.status == EventStatus.HELD
    assert event.history.get().history_change_reason == "Published"
    assert "Test meeting" in event_titles(client)
    assert summaries(client) == ["Test meeting", "An outside event"]


def test_the_confirmation_page_says_it_adds_the_meeting_to_the_calendar(staff_client):
    meeting = make_meeting(status=DRAFT, title="Test meeting", date=datetime.date(2019, 11, 20))

    body = page_text(staff_client.get(publish_url(meeting)))

    assert "Publishing adds “Test meeting (20 November 2019, New York)” to the calendar." in body


def test_republishing_after_a_return_to_draft_brings_its_entry_up_to_date(staff_client):
    meeting = make_meeting(status=DRAFT, date=datetime.date(2019, 11, 20))
    publish(meeting)
    event = Event.objects.get(meeting=meeting)
    return_to_draft(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(date=datetime.date(2019, 12, 4), city="Geneva")

    page = page_text(staff_client.get(publish_url(meeting)))
    publish(meeting)

    assert f"Publishing brings the meeting's calendar entry “{event.title} (20 November 2019, " in (
        page
    )
    assert list(Event.objects.filter(meeting=meeting).values_list("pk", "start_date", "city")) == [
        (event.pk, datetime.date(2019, 12, 4), "Geneva")
    ]
    assert Event.objects.count() == 1


def test_a_meeting_is_on_the_calendar_once_the_database_says_so():
    meeting = make_meeting()
    make_event(meeting=meeting)
    second = Event(title="Again", start_date=meeting.date, meeting=meeting)

    with pytest.raises(ValidationError) as refused:  # as the admin's form says it
        second.validate_constraints()
    assert refused.value.messages == [
        "This meeting is already on the calendar: change its entry instead."
    ]
    assert_refused(second.save)  # SQLite does not name a unique index's constraint
    make_event(meeting=None)
    make_event(meeting=None)  # entries of no meeting are as many as need be


def test_its_own_entry_is_kept_and_a_plan_that_could_be_it_is_named_not_touched(staff_client):
    meeting = make_meeting(number=6, status=DRAFT, date=datetime.date(2019, 11, 20))
    own = make_event(title="Recorded by hand", kind=EventKind.EXTERNAL, meeting=meeting)
    plan = make_event(
        title="Next meeting (test data)",
        kind=EventKind.GCG_MEETING,
        start_date=datetime.date(2019, 11, 1),
        date_precision=DatePrecision.MONTH,
    )

    body = page_text(staff_client.get(publish_url(meeting)))
    publish(meeting)

    assert "These entries could also be this meeting's plan, and are left as they are:" in body
    assert "Next meeting (test data) (November 2019)" in body
    own.refresh_from_db()
    assert (own.kind, own.title) == (EventKind.GCG_MEETING, meeting.title)
    plan.refresh_from_db()
    assert (plan.meeting, plan.title) == (None, "Next meeting (test data)")


class TestWhichPlan:
    """The rule (meetings.calendar_entries): mentioned at the meeting just before and dated to
    include it; then mentioned there; then dated to include it, the most precise first."""

    DATE = datetime.date(2019, 11, 20)

    @pytest.fixture
    def fifth(self):
        return make_agenda_item(make_meeting(number=5, date=datetime.date(2019, 7, 17)))

    def plan(self, title, start, precision=DatePrecision.MONTH, **kwargs):
        kwargs.setdefault("kind", EventKind.GCG_MEETING)
        kwargs.setdefault("status", EventStatus.TO_BE_CONFIRMED)
        return make_event(title=title, start_date=start, date_precision=precision, **kwargs)

    def chosen(self, meeting):
        publish(meeting)
        return Event.objects.get(meeting=meeting).pk

    def test_the_first_of_the_rule_is_taken_and_the_others_are_named(self, fifth, staff_client):
        dated = self.plan("Dated to the day", self.DATE, DatePrecision.DAY)
        mentioned = self.plan("Mentioned", datetime.date(2020, 1, 1), mentioned_at=fifth)
        both = self.plan("Mentioned and dated", datetime.date(2019, 11, 1), mentioned_at=fifth)
        sixth = make_sixth(self.DATE)

        body = page_text(staff_client.get(publish_url(sixth)))

        assert "entry “Mentioned and dated (November 2019)” with" in body
        others = body.split("and are left as they are:")[1]
        assert others.index("Mentioned (January 2020)") < others.index("Dated to the day (20 ")
        assert "When several entries could be this meeting's plan, the one mentioned" in body
        assert self.chosen(sixth) == both.pk
        assert Event.objects.filter(pk__in=[dated.pk, mentioned.pk], meeting=None).count() == 2

    def test_mentioned_at_the_meeting_before_comes_before_dated_to_include_it(self, fifth):
        self.plan("Dated", self.DATE, DatePrecision.DAY)
        mentioned = self.plan("Mentioned", datetime.date(2020, 1, 1), mentioned_at=fifth)
        assert self.chosen(make_sixth(self.DATE)) == mentioned.pk

    def test_among_dated_ones_the_most_precisely_dated(self):
        self.plan("The year", datetime.date(2019, 1, 1), DatePrecision.YEAR)
        self.plan("Early in the month", datetime.date(2019, 11, 1), DatePrecision.EARLY_MONTH)
        day = self.plan("The days", datetime.date(2019, 11, 19), DatePrecision.DAY)
        Event.objects.filter(pk=day.pk).update(end_date=datetime.date(2019, 11, 21))
        assert self.chosen(make_sixth(self.DATE)) == day.pk

    @pytest.mark.parametrize(
        ("title", "start", "precision", "extra"),
        [
            ("Held already", datetime.date(2019, 11, 1), "month", {"status": EventStatus.HELD}),
            ("Not a GCG meeting", datetime.date(2019, 11, 1), "month", {"kind": "external"}),
            ("Another month", datetime.date(2019, 12, 1), "month", {}),
            ("The day before", datetime.date(2019, 11, 19), "day", {}),
            ("Another year", datetime.date(2020, 1, 1), "year", {}),
            ("Mentioned at the 6th itself", datetime.date(2019, 11, 1), "month", {"at": 6}),
            ("Mentioned at a later one", datetime.date(2019, 11, 1), "month", {"at": 8}),
            ("Another meeting's", datetime.date(2019, 11, 1), "month", {"linked": True}),
        ],
    )
    def test_what_is_not_a_plan(self, title, start, precision, extra):
        extra = dict(extra)
        sixth = make_sixth(self.DATE)
        if "at" in extra:
            at = sixth if extra.pop("at") == 6 else make_meeting(number=8)
            extra["mentioned_at"] = make_agenda_item(at)
        if extra.pop("linked", False):
            extra["meeting"] = make_meeting(number=4)
        other = self.plan(title, start, precision, **extra)

        chosen = self.chosen(sixth)

        assert chosen != other.pk
        assert Event.objects.get(pk=other.pk).title == title

    def test_meetings_published_together_take_a_plan_each_once(self, staff_client):
        plan = self.plan("November", datetime.date(2019, 11, 1))
        sixth = make_sixth(self.DATE)
        seventh = make_meeting(number=7, date=datetime.date(2019, 11, 28), status=DRAFT)

        meetings_publish(Meeting.objects.filter(pk__in=[seventh.pk, sixth.pk]))

        assert Event.objects.get(meeting=sixth).pk == plan.pk
        assert Event.objects.get(meeting=seventh).pk != plan.pk
        assert Event.objects.count() == 2

    def test_one_query_whatever_the_meetings(self, django_assert_num_queries):
        meetings = [
            make_meeting(number=10 + n, date=datetime.date(2019, 11, 1 + n)) for n in range(10)
        ]
        for meeting in meetings[:4]:
            self.plan(f"Plan {meeting.number}", meeting.date, DatePrecision.DAY)
        for meeting in meetings[4:7]:
            make_event(meeting=meeting)

        with django_assert_num_queries(1):
            changes = calendar_changes(meetings)

        actions = [change.action for change in changes.values()]
        assert actions == ["replace"] * 4 + ["update"] * 3 + ["add"] * 3


# Later edits: the entry follows the meeting.


def change_meeting(client, meeting, **changes):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = client.post(url, posted_data(client.get(url), **changes))
    assert response.status_code == 302, response.context and response.context["errors"]


@pytest.fixture
def published(time_machine):
    time_machine.move_to(datetime.date(2019, 11, 1), tick=False)
    meeting = make_meeting(status=DRAFT, title="Test meeting", date=datetime.date(2019, 11, 20))
    publish(meeting)
    meeting.refresh_from_db()
    return meeting


def test_a_date_title_and_city_edit_moves_its_entry(staff_client, published, time_machine):
    change_meeting(
        staff_client,
        published,
        date="04/12/2019",
        city="Geneva",
        title="Test meeting, moved",
        history_change_reason="Dates confirmed",
    )

    event = Event.objects.get(meeting=published)
    assert (event.start_date, event.city, event.title) == (
        datetime.date(2019, 12, 4),
        "Geneva",
        "Test meeting, moved",
    )
    assert event.history.order_by("history_id").last().history_change_reason == "Dates confirmed"
    assert feed(Client())[uid(event)]["DTSTART"].dt == datetime.date(2019, 12, 4)

    time_machine.move_to(datetime.date(2019, 12, 5), tick=False)
    change_meeting(staff_client, published, occasion="Now held.")
    event.refresh_from_db()
    assert event.status == EventStatus.HELD  # its date has passed since


def test_a_revert_to_an_earlier_version_moves_its_entry_back(staff_client, published):
    change_meeting(staff_client, published, date="04/12/2019")
    earlier = published.history.filter(date=datetime.date(2019, 11, 20)).latest("history_id")
    url = reverse("admin:meetings_meeting_simple_history", args=[published.pk, earlier.history_id])

    response = staff_client.post(url, posted_data(staff_client.get(url)))

    assert response.status_code == 302
    assert Event.objects.get(meeting=published).start_date == datetime.date(2019, 11, 20)


def test_an_edit_that_changes_nothing_of_the_entry_leaves_its_history_alone(
    staff_client, published
):
    event = Event.objects.get(meeting=published)
    versions = event.history.count()

    change_meeting(staff_client, published, occasion="Something the calendar does not show.")

    assert event.history.count() == versions


def test_a_two_day_meeting_keeps_its_span_when_its_date_moves(published):
    Event.objects.filter(meeting=published).update(end_date=datetime.date(2019, 11, 21))
    published.date = datetime.date(2019, 12, 4)
    published.save()

    meeting_event_keep_in_step(published)

    event = Event.objects.get(meeting=published)
    assert (event.start_date, event.end_date) == (
        datetime.date(2019, 12, 4),
        datetime.date(2019, 12, 5),
    )


def test_a_draft_s_entry_waits_for_its_publication(staff_client, published):
    return_to_draft(published)
    published.refresh_from_db()

    change_meeting(staff_client, published, date="04/12/2019")

    event = Event.objects.get(meeting=published)
    assert event.start_date == datetime.date(2019, 11, 20)
    publish(published)
    event.refresh_from_db()
    assert event.start_date == datetime.date(2019, 12, 4)


def test_a_draft_s_entry_is_for_staff_only(client, member, staff, published):
    visitor = Client()
    assert "Test meeting" in event_titles(visitor)

    return_to_draft(published)

    assert "Test meeting" not in event_titles(visitor)
    assert "Test meeting" not in summaries(visitor)
    client.force_login(member)
    assert "Test meeting" not in event_titles(client)
    assert "Test meeting" not in summaries(client)
    client.force_login(staff)
    assert "Test meeting" in event_titles(client)
    assert "Test meeting" in summaries(client)


def test_the_visitors_kept_pages_are_retired_on_publication(
    staff_client, django_assert_num_queries
):
    meeting = make_meeting(status=DRAFT, title="Test meeting")
    visitor = Client()
    for page in (EVENTS, FEED):
        visitor.get(page)
        with django_assert_num_queries(0):
            assert "Test meeting" not in visitor.get(page).content.decode()  # the kept page

    page = staff_client.get(publish_url(meeting))
    staff_client.post(publish_url(meeting), {"post": "yes", "checked": page.context["checked"]})

    assert "Test meeting" in visitor.get(EVENTS).content.decode()
    assert "Test meeting" in visitor.get(FEED).content.decode()
