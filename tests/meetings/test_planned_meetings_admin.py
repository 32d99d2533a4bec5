"""The meeting's admin page before the meeting: its date typed to the day or the month, the
"Before the meeting" fieldset, announcing it (its calendar entry made or taken from its plan),
and publishing refused, with a message, while its day is not known or it is cancelled."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.models import Event, EventKind, Meeting
from meetings.publishing import meetings_publish, why_not_publishable
from tests.admin_forms import page_text, posted_data
from tests.factories import make_announced_meeting, make_event, make_meeting

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED
ADD = reverse("admin:meetings_meeting_add")


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def publish_url(meeting):
    return reverse("admin:meetings_meeting_publish", args=[meeting.pk])


def errors_on_date(response):
    return response.context["adminform"].form.errors.get("date", [])


def saved(meeting):
    meeting.refresh_from_db()
    return meeting.date, meeting.date_precision


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


class TestTheForm:
    def test_before_the_meeting_is_a_fieldset_of_its_own(self, staff_client):
        page = staff_client.get(change_url(make_meeting(status=DRAFT)))

        fieldsets = {name: fields for name, fields in page.context["adminform"].fieldsets}
        assert fieldsets["Before the meeting"]["fields"] == [
            "announced",
            "cancelled",
            "agenda_circulated",
            "draft_agenda",
            "registration_deadline",
        ]
        assert "date_precision" not in page.context["adminform"].form.fields  # typed in the date

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("November 2019", (datetime.date(2019, 11, 1), "month")),
            ("novembre 2019", (datetime.date(2019, 11, 1), "month")),
            ("14 November 2019", (datetime.date(2019, 11, 14), "day")),
            ("14/11/2019", (datetime.date(2019, 11, 14), "day")),
        ],
    )
    def test_the_date_is_typed_to_the_day_or_the_month(self, staff_client, typed, stored):
        meeting = make_meeting(status=DRAFT)
        page = staff_client.get(change_url(meeting))

        response = staff_client.post(change_url(meeting), posted_data(page, date=typed))

        assert response.status_code == 302
        assert saved(meeting) == stored

    @pytest.mark.parametrize("typed", ["early November 2019", "end of November 2019", "2019"])
    def test_a_date_known_less_well_is_refused_and_shown_back(self, staff_client, typed):
        meeting = make_meeting(status=DRAFT, date=datetime.date(2019, 7, 17))
        page = staff_client.get(change_url(meeting))

        response = staff_client.post(change_url(meeting), posted_data(page, date=typed))

        assert response.status_code == 200
        assert errors_on_date(response) == [
            "A meeting's date is known to the day or to the month: type “1 November 2019”, or "
            "“November 2019” while the day is not known."
            if typed != "2019"
            else "A meeting's date is known to the day or to the month: type “1 January 2019”, "
            "or “January 2019” while the day is not known."
        ]
        assert response.context["adminform"].form["date"].value() == typed  # nothing lost
        assert saved(meeting) == (datetime.date(2019, 7, 17), "day")

    def test_a_published_meeting_keeps_its_day(self, staff_client):
        meeting = make_meeting(status=PUBLISHED, date=datetime.date(2019, 7, 17))
        page = staff_client.get(change_url(meeting))

        response = staff_client.post(change_url(meeting), posted_data(page, date="July 2019"))

        assert response.status_code == 200
        assert errors_on_date(response) == [
            "A published meeting's record has its day: type it (“1 July 2019”), or return the "
            "meeting to draft first."
        ]
        assert saved(meeting) == (datetime.date(2019, 7, 17), "day")

    def test_a_month_is_kept_as_its_first_day(self):
        meeting = make_meeting(
            status=DRAFT, date=datetime.date(2019, 11, 14), date_precision="month"
        )

        with pytest.raises(ValidationError) as refused:
            meeting.full_clean()

        assert refused.value.message_dict["date"] == [
            "A date known only to the month is kept as the month's first day (1 November 2019): "
            "give the day if it is known."
        ]

    def test_a_circulated_agenda_without_items_says_there_is_none_yet(self, staff_client):
        meeting = make_announced_meeting(agenda_circulated=True)
        assert "No agenda yet: the announcement says so" in page_text(
            staff_client.get(change_url(meeting))
        )

        make_announced_meeting(agenda=["Welcome", "Pathfinders"], agenda_circulated=True)
        with_items = Meeting.objects.order_by("-pk").first()
        assert "The 2 agenda items below, their numbers and titles." in page_text(
            staff_client.get(change_url(with_items))
        )

    def test_cancelling_an_announced_meeting_is_kept_and_said_on_its_entry(self, staff_client):
        meeting = make_announced_meeting()
        page = staff_client.get(change_url(meeting))

        response = staff_client.post(change_url(meeting), posted_data(page, cancelled="on"))

        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.cancelled
        entry = Event.objects.select_related("meeting").get(meeting=meeting)
        assert (entry.display_status, entry.status_style) == ("Cancelled", "cancelled")


@pytest.mark.usefixtures("record")
class TestAnnouncingWithThe2019Record:
    def test_announcing_the_sixth_through_its_page_takes_its_plan(self, staff_client):
        plan = Event.objects.get(title="Next meeting of the Global Coordinating Group")
        data = posted_data(staff_client.get(ADD))
        data.update(
            number=6,
            title="6th Meeting of the Global Coordinating Group",
            slug="6th-meeting",
            date="November 2019",
            city="Paris",
            announced="on",
        )

        response = staff_client.post(ADD, data)

        assert response.status_code == 302, response.context["adminform"].form.errors
        meeting = Meeting.objects.get(number=6)
        assert (meeting.status, meeting.date, meeting.date_precision) == (
            DRAFT,
            datetime.date(2019, 11, 1),
            "month",
        )
        assert Event.objects.get(meeting=meeting) == plan
        assert Event.objects.filter(kind=EventKind.GCG_MEETING, meeting=None).count() == 0
        assert Client().get(meeting.get_absolute_url()).status_code == 200

    def test_a_plan_left_beside_the_meetings_own_entry_is_named(self, staff_client):
        meeting = make_meeting(
            number=6, status=DRAFT, date=datetime.date(2019, 11, 12), city="Paris"
        )
        make_event(title="Its own entry", kind=EventKind.GCG_MEETING, meeting=meeting)
        page = staff_client.get(change_url(meeting))

        response = staff_client.post(change_url(meeting), posted_data(page, announced="on"))

        assert response.status_code == 302
        assert messages_of(response)[0] == (
            "The calendar also holds “Next meeting of the Global Coordinating Group (November "
            "2019, Paris)”, which could be this meeting's plan: it is left as it is, beside "
            "the meeting's own entry. Delete it if it is this meeting."
        )
        assert Event.objects.get(meeting=meeting).title == meeting.title

    def test_returned_from_announced_its_entry_is_a_drafts_again(self, staff_client):
        meeting = make_announced_meeting(number=6, title="6th Meeting")
        assert "6th Meeting" in Client().get(reverse("meetings:events")).content.decode()
        page = staff_client.get(change_url(meeting))
        data = posted_data(page)
        del data["announced"]

        assert staff_client.post(change_url(meeting), data).status_code == 302

        assert "6th Meeting" not in Client().get(reverse("meetings:events")).content.decode()
        assert Client().get(meeting.get_absolute_url()).status_code == 404


class TestPublishing:
    def test_a_meeting_whose_day_is_not_known_is_not_published_and_says_why(self, staff_client):
        meeting = make_announced_meeting(title="6th Meeting")

        page = staff_client.get(publish_url(meeting))

        assert page.status_code == 200
        shown = page_text(page)
        assert "This meeting cannot be published, and is left as it is:" in shown
        assert (
            "Its date is known only to the month (November 2019): a meeting's record is "
            "published with its day. Type the day on the meeting's page first." in shown
        )
        assert 'type="submit"' not in page.content.decode().split('<form method="post">')[1]

        response = staff_client.post(
            publish_url(meeting), {"post": "yes", "checked": page.context["checked"]}
        )

        assert response.status_code == 302
        assert meeting.status == DRAFT and saved(meeting)[1] == "month"
        assert messages_of(response) == [
            "6th Meeting was not published. Its date is known only to the month (November "
            "2019): a meeting's record is published with its day. Type the day on the "
            "meeting's page first."
        ]

    def test_a_cancelled_meeting_is_not_published(self, staff_client):
        meeting = make_announced_meeting(
            date=datetime.date(2019, 11, 14), date_precision="day", cancelled=True
        )

        page = staff_client.get(publish_url(meeting))
        staff_client.post(publish_url(meeting), {"post": "yes", "checked": page.context["checked"]})

        assert "It is cancelled: a meeting that did not take place" in page_text(page)
        meeting.refresh_from_db()
        assert meeting.status == DRAFT

    def test_the_list_action_publishes_those_that_can_be_and_names_the_others(self, staff_client):
        planned = make_announced_meeting(title="Planned")
        ready = make_meeting(status=DRAFT, title="Ready")
        data = {"action": "publish_selected", "_selected_action": [planned.pk, ready.pk]}
        changelist = reverse("admin:meetings_meeting_changelist")
        page = staff_client.post(changelist, data)
        assert 'type="submit" class="default"' in page.content.decode()

        response = staff_client.post(
            changelist, {**data, "post": "yes", "checked": page.context["checked"]}
        )

        assert response.status_code == 302
        ready.refresh_from_db()
        planned.refresh_from_db()
        assert (ready.status, planned.status) == (PUBLISHED, DRAFT)
        assert messages_of(response)[0].startswith("Planned was not published. Its date")

    def test_the_service_leaves_them_as_they_are_whatever_calls_it(self):
        month = make_announced_meeting()
        cancelled = make_meeting(status=DRAFT, cancelled=True)
        both = Meeting.objects.filter(pk__in=[month.pk, cancelled.pk])

        assert meetings_publish(both) == []  # no IntegrityError: nothing is tried

        assert set(why_not_publishable(both)) == {month.pk, cancelled.pk}
        assert not Meeting.objects.filter(status=PUBLISHED, pk__in=[month.pk, cancelled.pk])

    def test_confirmed_and_published_it_keeps_its_calendar_entry(self, staff_client):
        meeting = make_announced_meeting(title="6th Meeting", agenda_circulated=True)
        entry = Event.objects.get(meeting=meeting)
        page = staff_client.get(change_url(meeting))
        staff_client.post(change_url(meeting), posted_data(page, date="14 November 2019"))
        page = staff_client.get(publish_url(meeting))

        staff_client.post(publish_url(meeting), {"post": "yes", "checked": page.context["checked"]})

        meeting.refresh_from_db()
        assert meeting.status == PUBLISHED
        assert Event.objects.get(meeting=meeting).pk == entry.pk  # the feed's UID unchanged
        assert Event.objects.filter(meeting=meeting).count() == 1
