"""Dates as people type them, in the admin: the meeting workspace and the pages of every record
with a date known to the day, the month or the year take one box ("20/12/2019", "December 2019",
"early September 2019") and store the precision read from it; no precision is chosen apart."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from meetings.models import ActionPoint, Document, Event, Meeting, Office, OfficeTerm
from pathfinders.models import Milestone
from tests.admin_forms import inline_prefix, page_text, posted_data
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_country,
    make_event,
    make_meeting,
)

pytestmark = pytest.mark.django_db

EXAMPLE = "Type a date such as 20/12/2019, December 2019 or 2019."


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def speaking(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


class TestTheWorkspace:
    def test_dates_typed_as_people_write_them_are_saved_with_their_precision(self, staff_client):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        item = make_agenda_item(meeting=meeting, number=1)
        data = posted_data(staff_client.get(change_url(meeting)))
        assert "action_points-0-due_precision" not in data  # nothing to choose apart
        data.update(
            {
                "action_points-TOTAL_FORMS": 1,
                "action_points-0-kind": "follow_up",
                "action_points-0-status": "open",
                "action_points-0-text": "Circulate the revised terms of reference.",
                "action_points-0-due_date": "20/12/2019",
                "documents-TOTAL_FORMS": 1,
                "documents-0-title": "Communications strategy",
                "documents-0-kind": "strategy",
                "documents-0-date": "December 2019",
                "agenda_items-0-events_mentioned-TOTAL_FORMS": 1,
                "agenda_items-0-events_mentioned-0-title": "Alliance 8.7 global conference",
                "agenda_items-0-events_mentioned-0-kind": "alliance",
                "agenda_items-0-events_mentioned-0-status": "planned",
                "agenda_items-0-events_mentioned-0-start_date": "early September 2019",
            }
        )

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.context["errors"]
        point = ActionPoint.objects.get(meeting=meeting)
        assert (point.due_date, point.due_precision) == (datetime.date(2019, 12, 20), "day")
        document = Document.objects.get(meeting=meeting)
        assert (document.date, document.date_precision) == (datetime.date(2019, 12, 1), "month")
        event = Event.objects.get(mentioned_at=item)
        assert (event.start_date, event.end_date, event.date_precision) == (
            datetime.date(2019, 9, 1),
            None,
            "early_month",
        )

    def test_the_workspace_shows_each_date_as_it_would_be_typed(self, staff_client):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        make_action_point(
            meeting=meeting, due_date=datetime.date(2019, 8, 1), due_precision="end_month"
        )
        make_event(
            mentioned_at=make_agenda_item(meeting=meeting),
            start_date=datetime.date(2019, 7, 22),
            end_date=datetime.date(2019, 7, 23),
        )

        data = posted_data(speaking(staff_client, "es").get(change_url(meeting)))

        assert data["action_points-0-due_date"] == "finales de agosto de 2019"
        assert data["agenda_items-0-events_mentioned-0-start_date"] == "22 de julio de 2019"
        assert data["agenda_items-0-events_mentioned-0-end_date"] == "23 de julio de 2019"

    def test_a_date_not_understood_is_refused_with_an_example_and_kept(self, staff_client):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        point = make_action_point(meeting=meeting, text="Circulate the paper.")
        data = posted_data(staff_client.get(change_url(meeting)))
        prefix = inline_prefix(data, "action_points", point.pk)
        data[f"{prefix}-due_date"] = "31/02/2019"
        data[f"{prefix}-text"] = "Circulate the revised paper."

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 200
        assert f"There is no day 31 in February 2019. {EXAMPLE}" in page_text(response)
        again = posted_data(response)
        assert (again[f"{prefix}-due_date"], again[f"{prefix}-text"]) == (
            "31/02/2019",
            "Circulate the revised paper.",
        )
        point.refresh_from_db()
        assert (point.text, point.due_date) == ("Circulate the paper.", None)

        again[f"{prefix}-due_date"] = "28/02/2020"
        assert staff_client.post(change_url(meeting), again).status_code == 302
        point.refresh_from_db()
        assert (point.text, point.due_date) == (
            "Circulate the revised paper.",
            datetime.date(2020, 2, 28),
        )

    def test_an_events_end_typed_less_precisely_than_its_start_is_refused(self, staff_client):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        event = make_event(
            mentioned_at=make_agenda_item(meeting=meeting),
            start_date=datetime.date(2019, 11, 11),
        )
        data = posted_data(staff_client.get(change_url(meeting)))
        data["agenda_items-0-events_mentioned-0-end_date"] = "November 2019"

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 200
        assert (
            "Type this date as precisely as “11 November 2019” (the two share one precision), "
            "or leave it empty."
        ) in page_text(response)
        event.refresh_from_db()
        assert event.end_date is None


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    @pytest.mark.parametrize("language", ["en-gb", "fr", "es"])
    def test_the_record_saved_as_shown_changes_no_date_in_any_language(
        self, staff_client, language
    ):
        """The 2019 record's dates (to the day, early in a month, end of a month, a year; an
        event over two days), shown in the page's language and posted back, are unchanged
        rows: none is saved, none gets a history entry."""
        meeting = Meeting.objects.get()
        dates, history = self.dates(), self.history()
        client = speaking(staff_client, language)

        response = client.post(change_url(meeting), posted_data(client.get(change_url(meeting))))

        assert response.status_code == 302
        assert (self.dates(), self.history()) == (dates, history)
        assert {row[-1] for row in dates} >= {
            "day",
            "early_month",
            "month",
            "end_month",
            "year",
        }

    PARTS = [
        (ActionPoint, ["due_date", "due_precision"]),
        (Document, ["date", "date_precision"]),
        (Event, ["start_date", "end_date", "date_precision"]),
    ]

    def dates(self):
        return [
            row
            for model, fields in self.PARTS
            for row in model.objects.order_by("pk").values_list(*fields)
        ]

    def history(self):
        return [model.history.count() for model, _fields in self.PARTS]


class TestTheStandalonePages:
    def test_a_follow_up_due_on_a_day_needs_no_precision(self, staff_client):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        page = staff_client.get(add_url(ActionPoint))
        assert 'id="id_due_date"' in page.content.decode()
        assert 'id="id_due_precision"' not in page.content.decode()
        data = posted_data(
            page,
            meeting=meeting.pk,
            kind="follow_up",
            text="Circulate the revised terms of reference.",
            due_date="20/12/2019",
        )

        response = staff_client.post(add_url(ActionPoint), data)

        assert response.status_code == 302, page_text(response)[:3000]
        point = ActionPoint.objects.get()
        assert (point.due_date, point.due_precision) == (datetime.date(2019, 12, 20), "day")

    def test_an_event_over_two_days_is_shown_and_changed_as_two_days(self, staff_client):
        event = make_event(
            title="Global Conference on the Sustained Eradication of Child Labour (test data)",
            start_date=datetime.date(2019, 7, 22),
            end_date=datetime.date(2019, 7, 23),
        )
        page = staff_client.get(change_url(event))
        data = posted_data(page)
        assert (data["start_date"], data["end_date"]) == ("22 July 2019", "23 July 2019")
        assert "date_precision" not in data

        response = staff_client.post(change_url(event), {**data, "end_date": "24/07/2019"})

        assert response.status_code == 302, page_text(response)[:3000]
        event.refresh_from_db()
        assert (event.start_date, event.end_date, event.date_precision) == (
            datetime.date(2019, 7, 22),
            datetime.date(2019, 7, 24),
            "day",
        )

    def test_an_event_known_to_the_month(self, staff_client):
        page = staff_client.get(add_url(Event))
        data = posted_data(
            page,
            title="Next GCG meeting (test data)",
            slug="next-gcg-meeting",
            kind="gcg_meeting",
            status="planned",
            start_date="novembre 2019",
        )

        response = staff_client.post(add_url(Event), data)

        assert response.status_code == 302, page_text(response)[:3000]
        event = Event.objects.get()
        assert (event.start_date, event.date_precision) == (datetime.date(2019, 11, 1), "month")

    def test_an_office_term_takes_its_two_dates_each_with_its_own_precision(self, staff_client):
        country = make_country(name="Nepal")
        page = staff_client.get(add_url(OfficeTerm))
        data = posted_data(
            page,
            office=Office.CHAIR,
            country=country.pk,
            start_date="17/07/2019",
            end_date="mediados de 2021",
        )

        response = staff_client.post(add_url(OfficeTerm), data)

        assert response.status_code == 302, page_text(response)[:3000]
        term = OfficeTerm.objects.get()
        assert (term.start_date, term.start_precision, term.end_date, term.end_precision) == (
            datetime.date(2019, 7, 17),
            "day",
            datetime.date(2021, 1, 1),
            "year",
        )
        again = posted_data(staff_client.get(change_url(term)))
        assert (again["start_date"], again["end_date"]) == ("17 July 2019", "2021")

    def test_a_document_known_to_the_month(self, staff_client):
        page = staff_client.get(add_url(Document))
        data = posted_data(
            page, title="Work plan (test data)", slug="work-plan", kind="work_plan", date="12/2019"
        )

        response = staff_client.post(add_url(Document), data)

        assert response.status_code == 302, page_text(response)[:3000]
        document = Document.objects.get()
        assert (document.date, document.date_precision) == (datetime.date(2019, 12, 1), "month")

    def test_a_milestone_known_to_the_year(self, staff_client):
        meeting = make_meeting()
        country = make_country(name="Nepal")
        page = staff_client.get(add_url(Milestone))
        data = posted_data(
            page,
            country=country.pk,
            kind="expression_of_interest",
            source_meeting=meeting.pk,
            date="2019",
        )

        response = staff_client.post(add_url(Milestone), data)

        assert response.status_code == 302, page_text(response)[:3000]
        milestone = Milestone.objects.get()
        assert (milestone.date, milestone.date_precision) == (datetime.date(2019, 1, 1), "year")

    def test_a_refused_date_names_what_was_not_understood(self, staff_client):
        point = make_action_point()
        data = posted_data(staff_client.get(change_url(point)), due_date="next week")

        response = staff_client.post(change_url(point), data)

        assert response.status_code == 200
        assert f"“next” is not understood. {EXAMPLE}" in page_text(response)
        assert 'value="next week"' in response.content.decode()


# A date changed by someone else meanwhile: the save is refused, the change named, and the form
# takes it where this officer left the date alone (base.admin.locking, base.admin.stale_form_merge).


@pytest.fixture
def other_officer(django_user_model):
    officer = django_user_model.objects.create_superuser(
        "other-officer", password="a-long-test-password-1"
    )
    client = Client()
    client.force_login(officer)
    return client


def refusal(response):
    assert response.status_code == 200
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


class TestADateChangedMeanwhile:
    def point(self, due_date, due_precision):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        return make_action_point(
            meeting=meeting,
            text="Circulate the paper.",
            due_date=due_date,
            due_precision=due_precision,
        )

    def test_it_is_named_and_the_form_takes_it(self, staff_client, other_officer):
        point = self.point(datetime.date(2019, 12, 20), "day")
        page = staff_client.get(change_url(point))
        theirs = posted_data(other_officer.get(change_url(point)), due_date="end of August 2019")
        assert other_officer.post(change_url(point), theirs).status_code == 302

        response = staff_client.post(change_url(point), posted_data(page, text="Circulate it."))

        assert refusal(response)[1] == (
            "Due: 20 December 2019 → 1 August 2019; due date known to the: day → end of the month"
        )
        form = response.context["adminform"].form
        assert (form["text"].value(), form["due_date"].value()) == (
            "Circulate it.",
            "end of August 2019",
        )
        assert staff_client.post(change_url(point), posted_data(response)).status_code == 302
        point.refresh_from_db()
        assert (point.text, point.due_date, point.due_precision) == (
            "Circulate it.",
            datetime.date(2019, 8, 1),
            "end_month",
        )

    def test_a_change_of_precision_alone_is_taken_too(self, staff_client, other_officer):
        """ "1 December 2019" made "December 2019": the date stored is the same, its precision
        is not; the form must show the month, or saving it again would undo that."""
        point = self.point(datetime.date(2019, 12, 1), "day")
        page = staff_client.get(change_url(point))
        theirs = posted_data(other_officer.get(change_url(point)), due_date="December 2019")
        assert other_officer.post(change_url(point), theirs).status_code == 302

        response = staff_client.post(change_url(point), posted_data(page, text="Circulate it."))

        assert refusal(response)[1] == "Due date known to the: day → month"
        assert response.context["adminform"].form["due_date"].value() == "December 2019"
        assert staff_client.post(change_url(point), posted_data(response)).status_code == 302
        point.refresh_from_db()
        assert (point.text, point.due_date, point.due_precision) == (
            "Circulate it.",
            datetime.date(2019, 12, 1),
            "month",
        )

    def test_where_both_changed_it_the_form_keeps_this_officers(self, staff_client, other_officer):
        point = self.point(datetime.date(2019, 12, 20), "day")
        page = staff_client.get(change_url(point))
        theirs = posted_data(other_officer.get(change_url(point)), due_date="end of August 2019")
        assert other_officer.post(change_url(point), theirs).status_code == 302

        response = staff_client.post(change_url(point), posted_data(page, due_date="2020"))

        assert refusal(response)[1] == (
            "Due: 20 December 2019 → 1 August 2019 (you changed it too: the form keeps yours); "
            "due date known to the: day → end of the month (you changed it too: the form keeps "
            "yours)"
        )
        assert response.context["adminform"].form["due_date"].value() == "2020"
        assert staff_client.post(change_url(point), posted_data(response)).status_code == 302
        point.refresh_from_db()
        assert (point.due_date, point.due_precision) == (datetime.date(2020, 1, 1), "year")

    def test_in_the_workspace_the_row_takes_it(self, staff_client, other_officer):
        point = self.point(datetime.date(2019, 12, 20), "day")
        meeting = point.meeting
        page = staff_client.get(change_url(meeting))
        theirs = posted_data(other_officer.get(change_url(point)), due_date="early 2020")
        assert other_officer.post(change_url(point), theirs).status_code == 302

        response = staff_client.post(change_url(meeting), posted_data(page, city="Geneva"))

        assert f"Decision or follow-up “{point}”: due: 20 December 2019 → 1 January 2020; " in (
            "\n".join(refusal(response))
        )
        prefix = inline_prefix(posted_data(response), "action_points", point.pk)
        assert posted_data(response)[f"{prefix}-due_date"] == "early 2020"
        assert staff_client.post(change_url(meeting), posted_data(response)).status_code == 302
        point.refresh_from_db()
        meeting.refresh_from_db()
        assert (meeting.city, point.due_date, point.due_precision) == (
            "Geneva",
            datetime.date(2020, 1, 1),
            "early_year",
        )


class TestTheHistoryOfATypedDate:
    def test_the_reason_is_kept_and_the_history_says_the_dates_in_words(self, staff_client):
        point = make_action_point(due_date=datetime.date(2020, 1, 1), due_precision="early_year")
        data = posted_data(
            staff_client.get(change_url(point)),
            due_date="20/12/2019",
            history_change_reason="Date confirmed",
        )

        assert staff_client.post(change_url(point), data).status_code == 302

        latest = point.history.latest("history_id")
        assert (latest.due_date, latest.due_precision, latest.history_change_reason) == (
            datetime.date(2019, 12, 20),
            "day",
            "Date confirmed",
        )
        history_url = reverse("admin:meetings_actionpoint_history", args=[point.pk])
        text = page_text(staff_client.get(history_url))
        assert "Due: early 2020 → 20 December 2019" in text
        assert "Date confirmed" in text

    def test_the_revert_page_shows_the_earlier_date_and_restores_it(self, staff_client):
        point = make_action_point(due_date=datetime.date(2019, 8, 1), due_precision="end_month")
        first = point.history.get()
        data = posted_data(staff_client.get(change_url(point)), due_date="2020")
        assert staff_client.post(change_url(point), data).status_code == 302
        url = reverse("admin:meetings_actionpoint_simple_history", args=[point.pk, first.pk])

        page = staff_client.get(url)
        reverted = posted_data(page)
        assert reverted["due_date"] == "end of August 2019"
        assert staff_client.post(url, reverted).status_code == 302

        point.refresh_from_db()
        assert (point.due_date, point.due_precision) == (datetime.date(2019, 8, 1), "end_month")
