"""A meeting's interventions and attendance as CSV: for anyone who may see the meeting, never
with an address."""

import csv
import io

import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.models import Meeting
from tests.factories import make_agenda_item, make_attendance, make_intervention, make_meeting

pytestmark = pytest.mark.django_db

QUERIES = {"interventions_csv": 3, "attendance_csv": 2}  # the meeting, its rows (and on behalf of)


def url(name, meeting):
    return reverse(f"meetings:{name}", kwargs={"slug": meeting.slug})


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_interventions_in_the_report_order(self, client, django_assert_num_queries):
        meeting = Meeting.objects.get()
        with django_assert_num_queries(QUERIES["interventions_csv"]):
            response = client.get(url("interventions_csv", meeting))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        header, *interventions = rows(response)
        assert header == [
            "Position",
            "Agenda item",
            "Organisation",
            "Speaker",
            "Speaking as",
            "On behalf of",
            "Kind",
            "Summary",
        ]
        assert len(interventions) == 31
        assert interventions[0][1].startswith("1. ")

    def test_attendance_in_person_then_remote(self, client, django_assert_num_queries):
        meeting = Meeting.objects.get()
        with django_assert_num_queries(QUERIES["attendance_csv"]):
            response = client.get(url("attendance_csv", meeting))
        header, *attendances = rows(response)
        assert header == ["Name", "Organisation as listed", "Attended"]
        assert len(attendances) == 43
        modes = [row[2] for row in attendances]
        assert modes == sorted(modes, key=["In person", "Remote"].index)
        assert ["Anousheh Karvar", "Chair"] == attendances[0][:2]
        assert ["Graciela Guzman", "Ministry of Production and Labour (Argentina)"] in [
            row[:2] for row in attendances
        ]

    @pytest.mark.parametrize("name", ["interventions_csv", "attendance_csv"])
    def test_no_address_for_anyone(self, client, member, staff, name):
        meeting = Meeting.objects.get()
        for user in (None, member, staff):
            if user:
                client.force_login(user)
            assert "@" not in client.get(url(name, meeting)).content.decode()

    def test_linked_from_the_meeting_page(self, client):
        meeting = Meeting.objects.get()
        html = client.get(meeting.get_absolute_url()).content.decode()
        assert f'href="{url("interventions_csv", meeting)}"' in html
        assert f'href="{url("attendance_csv", meeting)}"' in html


@pytest.mark.parametrize("name", ["interventions_csv", "attendance_csv"])
def test_a_drafts_files_are_for_staff_only(client, member, staff, name):
    draft = make_meeting(status=PublicationStatus.DRAFT)
    assert client.get(url(name, draft)).status_code == 404
    client.force_login(member)
    assert client.get(url(name, draft)).status_code == 404
    client.force_login(staff)
    assert client.get(url(name, draft)).status_code == 200


def test_cost_the_same_for_ten_times_the_meeting(client, django_assert_num_queries):
    meeting = make_meeting()

    def build(count):
        item = make_agenda_item(meeting=meeting)
        for _ in range(count):
            make_intervention(agenda_item=item)
            make_attendance(meeting=meeting)

    for size in (3, 30):
        build(size - meeting.attendances.count())
        for name, queries in QUERIES.items():
            with django_assert_num_queries(queries):
                found = rows(client.get(url(name, meeting)))
            assert len(found) == 1 + size
