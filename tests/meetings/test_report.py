"""The meeting report, generated from the record (/meetings/<slug>/report/): the whole record in
the order of the report the Secretariat wrote by hand, addresses for signed-in members only."""

import html as html_module
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from partners.models import ContactVisibility
from tests.factories import make_attendance, make_meeting, make_person

from .test_meeting_pages import FIFTH, build_meeting, detail_url

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "gcg-5th-meeting-2019-07-17.json"
# The meeting, its objectives, agenda items (interventions with their behalf organisations, key
# figures), follow-ups with their owners, and the attendance (both lists in one query), and what
# it says of its comment round (issue 22, one query even without a round): 10 queries, whatever
# its size.
ANONYMOUS_REPORT_QUERIES = 10
# A member's: also the session and the user, and the participants' addresses (an anonymous
# visitor's report asks for no address at all).
REPORT_QUERIES = ANONYMOUS_REPORT_QUERIES + 2 + 1


def report_url(slug=FIFTH):
    return reverse("meetings:report", kwargs={"slug": slug})


def rows(model):
    """The fixture file's rows of `model`, read directly: not through the code under test."""
    return [row for row in json.loads(FIXTURE.read_text()) if row["model"] == model]


def by_pk(model):
    return {row["pk"]: row["fields"] for row in rows(model)}


def text(page):
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))).strip()


@pytest.mark.usefixtures("record")
class TestThe2019Report:
    def test_every_agenda_item_intervention_and_participant_in_fixed_queries(
        self, client, member, django_assert_num_queries
    ):
        client.force_login(member)
        with django_assert_num_queries(REPORT_QUERIES):
            response = client.get(report_url())
        assert response.status_code == 200
        page = text(response.content.decode())
        items = sorted(rows("meetings.agendaitem"), key=lambda row: row["fields"]["number"])
        assert len(items) == 7
        for row in items:
            assert f"{row['fields']['number']}. {row['fields']['title']}" in page
        organizations = by_pk("partners.organization")
        interventions = rows("meetings.intervention")
        assert len(interventions) == 31
        for row in interventions:
            assert organizations[row["fields"]["organization"]]["name"] in page
        people = rows("partners.person")
        assert len(people) == 43
        for row in people:
            assert row["fields"]["name"] in page
        for row in rows("partners.emailaddress"):
            assert row["fields"]["address"] in page

    def test_in_the_order_of_the_handwritten_report(self, client):
        page = text(client.get(report_url()).content.decode().split("<main", 1)[1])
        headings = [
            "5th Meeting of the Global Coordinating Group",
            "Objectives of the meeting",
            "Formalize handover to the new Chair (from Australia to France)",
            "Participants",
            "43 participants: 33 in person, 10 remote.",
            "Agenda",
            "1. Welcome and handover to the new Chair",
            "7. Closing remarks, any other business and dates for the next meeting",
            "Decisions and follow-ups",
            "Annex I: Participants list",
            "Anousheh Karvar",
            "Remote participants",
            "Zahra Fatbi",
        ]
        position = 0
        for heading in headings:  # each one after the one before
            position = page.index(heading, position) + len(heading)
        assert "Meeting report 17 July 2019 , New York" in page

    def test_interventions_with_speaker_role_and_figures(self, client):
        page = client.get(report_url()).content.decode()
        item_one = text(page[page.index('id="item-1"') : page.index('id="item-2"')])
        assert "(Graciela Guzman)" in item_one
        assert "speaking as Deputy Chair" in item_one
        whole = text(page)
        assert "217 active partners of the Alliance" in whole
        assert 'class="badge badge-open"' in page  # the meeting page's status display

    def test_no_address_reaches_an_anonymous_visitor(self, client, django_assert_num_queries):
        with django_assert_num_queries(ANONYMOUS_REPORT_QUERIES):
            page = client.get(report_url()).content.decode()
        assert "@" not in page
        assert "mailto:" not in page
        for row in rows("partners.emailaddress"):
            assert row["fields"]["address"] not in page
        assert "E-mail addresses are shown to signed-in members only." in page

    def test_the_meeting_page_links_to_it(self, client):
        page = client.get(detail_url()).content.decode()
        assert f'<a href="{report_url()}">The meeting report, printable</a>' in page


def test_an_unknown_meeting_has_no_report(client):
    assert client.get(report_url("no-such-meeting")).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_a_drafts_report_is_not_found_but_by_staff(client, member, staff, who):
    meeting = make_meeting(status=PublicationStatus.DRAFT, title="A draft meeting")
    if who == "member":
        client.force_login(member)
    assert client.get(report_url(meeting.slug)).status_code == 404
    client.force_login(staff)
    response = client.get(report_url(meeting.slug))
    assert response.status_code == 200
    assert "A draft meeting" in response.content.decode()


def test_a_member_reads_only_the_addresses_shared_with_members(client, member, staff):
    meeting = make_meeting()
    shared = make_person(email="shared@example.org")
    private = make_person(
        email="secretariat-only@example.org", contact_visibility=ContactVisibility.SECRETARIAT
    )
    make_attendance(meeting, person=shared)
    make_attendance(meeting, person=private)
    client.force_login(member)
    page = client.get(report_url(meeting.slug)).content.decode()
    assert "shared@example.org" in page
    assert "secretariat-only@example.org" not in page
    assert private.name in page
    client.force_login(staff)
    assert "secretariat-only@example.org" in client.get(report_url(meeting.slug)).content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_report_costs_the_same_for_ten_times_the_record(
    client, member, django_assert_num_queries, signed_in
):
    if signed_in:
        client.force_login(member)
    expected = REPORT_QUERIES if signed_in else ANONYMOUS_REPORT_QUERIES
    small = build_meeting(1)
    large = build_meeting(10)
    with django_assert_num_queries(expected):
        small_page = client.get(report_url(small.slug)).content.decode()
    with django_assert_num_queries(expected):
        large_page = client.get(report_url(large.slug)).content.decode()
    assert small_page.count('class="intervention ') == 4
    assert large_page.count('class="intervention ') == 40
    assert large_page.count("mailto:") == (60 if signed_in else 0)
