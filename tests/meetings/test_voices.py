"""Whose voice is heard: who took the floor, by stakeholder group, on the meeting page and on
/voices/, checked against the July 2019 report counted by hand."""

import datetime
import re

import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from partners.models import OrganizationKind
from tests.factories import (
    make_agenda_item,
    make_intervention,
    make_meeting,
    make_organization,
)

pytestmark = pytest.mark.django_db

VOICES = reverse("meetings:voices")
FIFTH = reverse("meetings:detail", kwargs={"slug": "5th-meeting-2019-07-17"})
# The paginator's count of meetings, the page of meetings, the voices (one aggregate query).
VOICES_QUERIES = 3

# Counted by hand from /work/shared/reference/gcg-5th-meeting-report-2019-07-17.txt, a voice
# being an organisation taking the floor (its paragraphs in a row are one turn), grouped by who
# the report says spoke:
#  1. Australia, Argentina, the Chair (France), US DOL:                    governments 4
#  2. Secretariat, ITUC, Global March, Coca Cola, UNU, US DOL, UK DFID, Secretariat:
#     Alliance 2, workers 1, civil society 1, employers 1, research 1, governments 2
#  3. UNICEF (also for IOM: one voice), ILO, US DOL, Ireland, UNODC, the Chair:
#     UN and intergovernmental 3, governments 3
#  4. Secretariat, US DOL, Free the Slaves, Global March, UNU, CGIL, the Chair:
#     Alliance 1, governments 2, civil society 2, research 1, workers 1
#  5. Secretariat: Alliance 1.   6. UNU: research 1.   7. The Chair: governments 1.
FIFTH_MEETING_BY_HAND = [
    ("Governments", 12),
    ("UN and intergovernmental", 3),
    ("Workers&#x27; organisations", 2),
    ("Employers&#x27; organisations and business", 1),
    ("Civil society", 3),
    ("Research", 3),
    ("Alliance 8.7 bodies", 4),
]
FIFTH_MEETING_TOTAL = 28


def table_rows(html):
    """[(row heading, [numbers])] of the first table after the voices' chart."""
    table = html[html.index("<table", html.index('class="voices-chart"')) :]
    table = table[: table.index("</table>")]
    return [
        (
            heading,
            [int(number) for number in re.findall(r'<td class="number"[^>]*>(\d+)</td>', cells)],
        )
        for heading, cells in re.findall(
            r'<th scope="row">(?:<a [^>]+>)?([^<]+)(?:</a>)?</th>(.*?)</tr>', table, re.S
        )
    ]


@pytest.mark.usefixtures("record")
class TestThe2019Record:
    def test_the_meeting_page_counts_the_voices_by_group(self, client):
        html = client.get(FIFTH).content.decode()
        rows = table_rows(html)
        assert rows == [(label, [count]) for label, count in FIFTH_MEETING_BY_HAND] + [
            ("All groups", [FIFTH_MEETING_TOTAL])
        ]
        assert "Not yet classified" not in html  # shown only when some voice is

    def test_the_voices_page_shows_the_meeting_as_a_column(self, client, django_assert_num_queries):
        with django_assert_num_queries(VOICES_QUERIES):
            response = client.get(VOICES)
        assert response.status_code == 200
        html = response.content.decode()
        assert table_rows(html) == [
            (
                "5th Meeting of the Global Coordinating Group",
                [count for _label, count in FIFTH_MEETING_BY_HAND] + [FIFTH_MEETING_TOTAL],
            )
        ]
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert 'role="img"' in svg and "aria-labelledby=" in svg
        assert "<title" in svg and "style=" not in html
        # The column's total above it, and its stacked segments, one per group that spoke.
        assert re.search(r'class="chart-total">28</text>', svg)
        segments = re.findall(r'<rect [^>]*fill="url\(#voices-[a-z_]+\)" stroke="#ffffff"', svg)
        assert len(segments) == 7

    def test_one_group_over_time(self, client):
        html = client.get(VOICES, {"group": "civil_society"}).content.decode()
        assert table_rows(html) == [("5th Meeting of the Global Coordinating Group", [3])]
        assert "Times Civil society took the floor" in html

    def test_an_unknown_group_gives_a_message_and_nothing_listed(self, client):
        response = client.get(VOICES, {"group": "pirates"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Some filter values are not valid, so nothing is listed." in html
        assert "<svg" not in html and "<table" not in html

    def test_a_draft_meetings_voices_are_for_staff_only(self, client, staff):
        draft = make_meeting(status=PublicationStatus.DRAFT, date=datetime.date(2020, 1, 1))
        make_intervention(make_agenda_item(draft))
        assert draft.title not in client.get(VOICES).content.decode()
        client.force_login(staff)
        staff_rows = dict(table_rows(client.get(VOICES).content.decode()))
        assert staff_rows[draft.title][-1] == 1


def test_regional_bodies_count_as_intergovernmental_and_others_apart(client):
    item = make_agenda_item()
    make_intervention(item, organization=make_organization(kind=OrganizationKind.REGIONAL_BODY))
    make_intervention(item, organization=make_organization(kind=OrganizationKind.OTHER))
    html = client.get(item.meeting.get_absolute_url()).content.decode()
    rows = dict(table_rows(html))
    assert rows["UN and intergovernmental"] == [1]
    assert rows["Not yet classified"] == [1]
    assert rows["All groups"] == [2]


def test_the_same_organisation_again_after_another_is_a_new_voice(client):
    item = make_agenda_item()
    chair, other = make_organization(kind=OrganizationKind.GOVERNMENT), make_organization()
    for organization in (chair, chair, other, chair):
        make_intervention(item, organization=organization)
    rows = dict(table_rows(client.get(item.meeting.get_absolute_url()).content.decode()))
    assert rows["Governments"] == [2]
    assert rows["Civil society"] == [1]


def make_meetings_with_voices(count, interventions_each):
    for n in range(count):
        meeting = make_meeting(date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n))
        item = make_agenda_item(meeting)
        for _ in range(interventions_each):
            make_intervention(item)


def test_twelve_meetings_a_page(client):
    make_meetings_with_voices(20, 1)
    # Twelve meetings a page: the latest twelve, the others on the next page.
    assert len(table_rows(client.get(VOICES).content.decode())) == 12
    assert len(table_rows(client.get(VOICES, {"page": 2}).content.decode())) == 8
