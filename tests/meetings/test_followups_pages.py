"""/follow-ups/, every decision and follow-up across meetings; and each meeting page's
"Matters arising", the follow-ups of earlier meetings as they stood when it was held."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from base.record.partial_dates import DatePrecision
from base.record.visibility import PublicationStatus
from meetings.models import ActionPoint, ActionPointStatus
from partners.models import Organization
from tests.factories import (
    make_action_point,
    make_meeting,
    make_organization,
)
from tests.meetings.test_meeting_pages import build_meeting

pytestmark = pytest.mark.django_db

FOLLOW_UPS = reverse("meetings:followups")
# The filters' choices (one DISTINCT for the kinds; countries, action groups), the paginator's
# count, the page, its owners. (Owners and meetings are typed, not listed: one query more for
# each set, to find what the text matches.)
LIST_QUERIES = 6
# The meeting page's 13, its voices by stakeholder group, what it says of its comment round
# (issue 22), then the matters arising and, when there are any, their owners.
DETAIL_QUERIES = 17
NOTHING_ARISING_QUERIES = 16
FIFTH = "5th-meeting-2019-07-17"


def row_texts(html):
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', html)


def section(html, section_id):
    start = html.index(f'<section id="{section_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_every_decision_and_follow_up_links_to_where_it_was_decided(
        self, client, django_assert_num_queries
    ):
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get(FOLLOW_UPS)
        assert response.status_code == 200
        html = response.content.decode()
        assert "7 decisions and follow-ups" in html
        point = ActionPoint.objects.get(text__startswith="The two remaining Action Groups")
        assert f'href="/meetings/{FIFTH}/#decision-{point.pk}"' in html
        meeting_page = client.get(f"/meetings/{FIFTH}/").content.decode()
        assert f'<tr id="decision-{point.pk}">' in meeting_page

    @time_machine.travel(datetime.date(2019, 9, 2), tick=False)
    def test_overdue_is_said_in_words_and_filtered(self, client):
        # Due "end of August 2019" and "2019": on 2 September 2019 only the first is overdue.
        html = client.get(FOLLOW_UPS, {"status": "overdue"}).content.decode()
        assert len(row_texts(html)) == 1
        assert row_texts(html)[0].startswith("All GCG members will receive an advance copy")
        assert 'class="badge badge-overdue">Overdue<' in html

    def test_filter_by_owner_and_action_group(self, client):
        fields = client.get(FOLLOW_UPS).context["filter"].form.fields
        assert "owner" not in fields  # typed, not listed
        for typed in ("UNICEF", "unicef", "united nations child"):
            html = client.get(FOLLOW_UPS, {"owner_search": typed}).content.decode()
            assert [t[:30] for t in row_texts(html)] == ["All GCG members will receive a"]
        # A link made when owners were listed: an id.
        owner = Organization.objects.get(acronym="UNICEF")
        html = client.get(FOLLOW_UPS, {"owner": owner.pk}).content.decode()
        assert [t[:30] for t in row_texts(html)] == ["All GCG members will receive a"]
        assert f'name="owner_search" value="{escape(owner.name)}"' in html
        html = client.get(FOLLOW_UPS, {"owner_search": "nobody at all"}).content.decode()
        assert "No organisation matches “nobody at all”." in html
        assert row_texts(html) == []
        rule_of_law = fields["action_group"].queryset.get(name="Rule of Law and Governance")
        html = client.get(FOLLOW_UPS, {"action_group": rule_of_law.pk}).content.decode()
        assert [t[:30] for t in row_texts(html)] == ["The two remaining Action Group"]

    def test_bad_filter_values_get_a_message_not_an_error(self, client):
        response = client.get(FOLLOW_UPS, {"status": "finished", "owner": "x", "page": "2"})
        assert response.status_code in (200, 404)
        response = client.get(FOLLOW_UPS, {"status": "finished", "owner": "x"})
        assert response.status_code == 200
        assert "Some filter values are not valid" in response.content.decode()
        assert row_texts(response.content.decode()) == []

    def test_the_first_meeting_has_nothing_arising(self, client, django_assert_num_queries):
        with django_assert_num_queries(NOTHING_ARISING_QUERIES):
            html = client.get(f"/meetings/{FIFTH}/").content.decode()
        arising = section(html, "matters-arising")
        assert "No follow-up of an earlier meeting was open when this meeting was held." in arising


def test_drafts_are_left_out_for_visitors(staff_client):
    client = Client()
    draft = make_meeting(status=PublicationStatus.DRAFT)
    make_action_point(draft, text="Prepare the draft workshop.")
    make_action_point(make_meeting(), text="Circulate the published paper.")
    assert row_texts(client.get(FOLLOW_UPS).content.decode()) == ["Circulate the published paper."]
    assert "Prepare the draft workshop." in staff_client.get(FOLLOW_UPS).content.decode()
    # Nor is the draft found by typing its title, or chosen by its id.
    for query in ({"meeting_search": draft.title}, {"meeting": draft.pk}):
        html = client.get(FOLLOW_UPS, query).content.decode()
        assert row_texts(html) == []
        assert "No meeting matches" in html
    assert draft.title not in html  # what the visitor typed is echoed, never the draft's name
    html = staff_client.get(FOLLOW_UPS, {"meeting_search": draft.title}).content.decode()
    assert row_texts(html) == ["Prepare the draft workshop."]


def test_the_page_does_not_grow_with_owners_and_meetings(client):
    def add(count, start):
        for index in range(start, start + count):
            meeting = make_meeting(title=f"Meeting number {index}", date=datetime.date(2000, 1, 1))
            point = make_action_point(meeting, text=f"Point {index}")
            point.owners.add(make_organization(name=f"Owner number {index}"))

    first = make_meeting(date=datetime.date(2024, 1, 1))
    for index in range(50):  # a full first page, the same at both sizes
        make_action_point(first, text=f"First point {index}")
    add(5, 100)
    small = len(client.get(FOLLOW_UPS).content)
    add(45, 200)
    large = len(client.get(FOLLOW_UPS).content)
    assert abs(large - small) < 200, (small, large)


# Matters arising


JULY = datetime.date(2019, 7, 17)
NOVEMBER = datetime.date(2019, 11, 12)
MARCH = datetime.date(2020, 3, 4)


@pytest.fixture
def three_meetings():
    return make_meeting(date=JULY), make_meeting(date=NOVEMBER), make_meeting(date=MARCH)


def arising_rows(client, meeting):
    html = section(client.get(meeting.get_absolute_url()).content.decode(), "matters-arising")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]
    return {
        re.search(r'<th scope="row"><a [^>]+>([^<]+)</a>', row)[1]: re.findall(
            r"<td[^>]*>(.*?)</td>", row, re.S
        )[3]
        for row in rows
    }


def test_a_later_meeting_lists_what_was_open_then_and_what_it_closed(client, three_meetings):
    fifth, sixth, seventh = three_meetings
    make_action_point(fifth, text="Still open everywhere.")
    closed = make_action_point(fifth, text="Closed at the sixth.")
    closed.status, closed.closed_at = ActionPointStatus.DONE, sixth
    closed.save()
    make_action_point(fifth, text="Carried at the sixth.", carried_over_to=sixth)
    between = make_action_point(fifth, text="Dropped in August.")
    between.status, between.closed_on = ActionPointStatus.DROPPED, datetime.date(2019, 8, 20)
    between.save()
    make_action_point(sixth, text="Decided at the sixth.")
    make_action_point(seventh, text="Decided at the seventh.")

    assert arising_rows(client, sixth) == {
        "Still open everywhere.": "Still open",
        "Closed at the sixth.": "Closed here: Done",
        "Carried at the sixth.": "Carried over, still open",
    }
    assert arising_rows(client, seventh) == {
        "Still open everywhere.": "Still open",
        "Carried at the sixth.": "Still open",
        "Decided at the sixth.": "Still open",
    }
    assert arising_rows(client, fifth) == {}


def test_matters_arising_from_a_draft_meeting_are_for_staff(staff_client, three_meetings):
    client = Client()
    fifth, sixth, _seventh = three_meetings
    fifth.status = PublicationStatus.DRAFT
    fifth.save()
    make_action_point(fifth, text="Drafted follow-up.")
    assert arising_rows(client, sixth) == {}
    assert arising_rows(staff_client, sixth) == {"Drafted follow-up.": "Still open"}


def test_the_meeting_page_costs_the_same_for_ten_times_the_matters_arising(
    client, django_assert_num_queries
):
    earlier, later = make_meeting(date=JULY), build_meeting(1, date=NOVEMBER)
    for scale in (3, 30):
        while earlier.action_points.count() < scale:
            point = make_action_point(earlier, text=f"Follow-up {earlier.action_points.count()}.")
            point.owners.add(make_organization())
        with django_assert_num_queries(DETAIL_QUERIES):
            rows = arising_rows(client, later)
        assert len(rows) == scale


def test_matters_arising_are_capped_with_a_link_to_the_rest(client):
    earlier, later = make_meeting(date=JULY), make_meeting(date=NOVEMBER)
    for number in range(51):
        make_action_point(earlier, text=f"Follow-up {number}.", position=number)
    html = section(client.get(later.get_absolute_url()).content.decode(), "matters-arising")
    assert html.count('<th scope="row">') == 50
    assert f'href="{FOLLOW_UPS}"' in html


def test_a_due_date_shows_in_matters_arising(client, three_meetings):
    fifth, sixth, _ = three_meetings
    make_action_point(
        fifth, due_date=datetime.date(2019, 8, 1), due_precision=DatePrecision.END_MONTH
    )
    html = section(client.get(sixth.get_absolute_url()).content.decode(), "matters-arising")
    assert "end of August 2019" in html
