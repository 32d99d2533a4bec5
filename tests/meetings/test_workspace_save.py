"""Saving the meeting workspace costs a fixed number of queries, whatever the number of rows it
posts back unchanged (it was ~20 queries a row: 1,773 for the 2019 meeting), whether the rows are
posted as a browser posts them (each saved row a line, unopened) or all opened."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Attendance, Intervention, Meeting
from tests.admin_forms import inline_prefix, posted_data
from tests.factories import make_attendance, make_intervention, make_person
from tests.meetings.workspace_page import open_row, row_of, workspace_form

# Saving the 2019 meeting's page as it was shown: the session, user and their second factor, the
# edit state, the
# meeting; each inline's posted rows with their many-to-many links, the agenda items' with every
# row nested in them (interventions, key figures, events) prefetched; nothing for a row left as
# it was; the database's check of the precision its date is known to (a savepoint, the check,
# its release); and the meeting's calendar entry, kept in step (meetings.calendar_entries). It
# was about five queries more for each agenda item (87 for the 2019 meeting).
UNCHANGED_SAVE_QUERIES = 58
# The same with every row opened: and the choices of the decisions' and documents' agenda-item
# and intervention selects, read once for each formset.
ALL_OPENED_SAVE_QUERIES = UNCHANGED_SAVE_QUERIES + 3


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def save_unchanged(client, meeting):
    url = change_url(meeting)
    return client.post(url, posted_data(client.get(url)))


@pytest.mark.usefixtures("record")
class TestSavingTheWorkspace:
    @pytest.mark.parametrize("rows", ["as the browser posts them", "all opened"])
    def test_unchanged_costs_a_fixed_number_of_queries(
        self, superuser_client, django_assert_num_queries, rows
    ):
        meeting = Meeting.objects.get(number=5)
        url = change_url(meeting)
        if rows == "all opened":
            data, queries = posted_data(superuser_client.get(url)), ALL_OPENED_SAVE_QUERIES
        else:
            data, queries = (
                workspace_form(superuser_client, meeting).post_data(),
                UNCHANGED_SAVE_QUERIES,
            )
            assert sum(key.endswith("-COMPACT") for key in data) > 100
        with django_assert_num_queries(queries):
            response = superuser_client.post(url, data)
        assert response.status_code == 302

    def test_more_rows_left_as_they_were_cost_nothing_more(
        self, superuser_client, django_assert_num_queries
    ):
        meeting = Meeting.objects.get(number=5)
        item = AgendaItem.objects.get(meeting=meeting, number=2)
        last = Attendance.objects.filter(meeting=meeting).order_by("-position").first().position
        for number in range(1, 11):
            # Numbered after the others: rows sharing a number would be renumbered, and saved.
            make_attendance(meeting=meeting, position=last + number)
            make_intervention(agenda_item=item)
        url = change_url(meeting)
        data = posted_data(superuser_client.get(url))
        with django_assert_num_queries(ALL_OPENED_SAVE_QUERIES):
            response = superuser_client.post(url, data)
        assert response.status_code == 302

    def test_a_changed_row_is_still_checked_and_saved(self, staff_client):
        meeting = Meeting.objects.get(number=5)
        url = change_url(meeting)
        data = posted_data(staff_client.get(url))
        attendance = Attendance.objects.filter(meeting=meeting).order_by("pk").first()
        prefix = inline_prefix(data, "attendances", attendance.pk)
        data[f"{prefix}-listed_as"] = "Listed anew"
        assert staff_client.post(url, data).status_code == 302
        attendance.refresh_from_db()
        assert attendance.listed_as == "Listed anew"

    def test_a_row_opened_and_changed_among_unopened_rows_is_saved(self, staff_client):
        meeting = Meeting.objects.get(number=5)
        attendance = Attendance.objects.filter(meeting=meeting).order_by("pk").last()
        form = workspace_form(staff_client, meeting)
        row = row_of(form, "attendances", attendance.pk)
        assert open_row(staff_client, form, row)
        form.set(f"{row}-listed_as", "Listed anew")

        response = staff_client.post(change_url(meeting), form.post_data())

        assert response.status_code == 302
        attendance.refresh_from_db()
        assert attendance.listed_as == "Listed anew"
        assert Attendance.history.filter(history_type="~").count() == 1

    def test_a_changed_row_that_breaks_a_rule_is_refused(self, staff_client):
        meeting = Meeting.objects.get(number=5)
        url = change_url(meeting)
        data = posted_data(staff_client.get(url))
        intervention = Intervention.objects.filter(speaker__isnull=False).order_by("pk").first()
        prefix = next(
            key.removesuffix("-id")
            for key, value in data.items()
            if key.endswith("-id") and "interventions" in key and value == str(intervention.pk)
        )
        # A speaker from another organisation than the one that took the floor (clean()).
        data[f"{prefix}-speaker"] = str(make_person().pk)
        response = staff_client.post(url, data)
        assert response.status_code == 200
        assert "neither this organisation nor part of the same body" in response.content.decode()
        intervention.refresh_from_db()
        assert intervention.speaker.organization_id == intervention.organization_id or (
            intervention.speaker.organization.parent_id is not None
        )
