"""The meetings list and one meeting's record."""

import datetime
import re

import pytest
from django.urls import reverse

from base.record.partial_dates import DatePrecision
from meetings.meeting_page import shown_attendances
from meetings.models import (
    ATTENDANCES_SHOWN,
    ActionPointStatus,
    AttendanceMode,
    KeyFigure,
    Meeting,
    Objective,
)
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_country,
    make_document,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

FIFTH = "5th-meeting-2019-07-17"
LIST = reverse("meetings:list")
LIST_QUERIES = 3  # the count for the paginator, the page, the planned meetings
# The meeting's record, its matters arising (none in these tests), its voices by stakeholder group,
# and what it says of its comment round (issue 22: one query, with a round or without).
DETAIL_QUERIES = 16


def detail_url(slug=FIFTH):
    return reverse("meetings:detail", kwargs={"slug": slug})


def organization_url(slug):
    return reverse("directory:organization_detail", kwargs={"slug": slug})


def section(html, section_id):
    """The HTML of the <section id=...> of a page, to assert on one part of it."""
    start = html.index(f'<section id="{section_id}"')
    return html[start : html.index("</section>", start)]


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def listed_titles(html):
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The pages of the July 2019 record, loaded once for the class."""

    def test_the_list_shows_the_meeting_with_its_counts(self, client, django_assert_num_queries):
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get(LIST)
        assert response.status_code == 200
        row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", response.content.decode(), re.S)[0]
        # The report: 7 agenda items, 43 participants (33 in person, 10 remote).
        assert re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-2:] == ["7", "43"]
        assert '<time datetime="2019-07-17">17 July 2019</time>' in row
        assert f'href="{detail_url()}"' in row

    def test_the_page_shows_the_whole_record_in_fixed_queries(
        self, client, django_assert_num_queries
    ):
        with django_assert_num_queries(DETAIL_QUERIES):
            response = client.get(detail_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>5th Meeting of the Global Coordinating Group</h1>" in html
        assert "Chaired by Anousheh Karvar" in html
        assert re.findall(r'id="item-(\d+)"', html) == ["1", "2", "3", "4", "5", "6", "7"]
        assert "Update from Action Groups" in text(html)
        assert "Formalize handover to the new Chair (from Australia to France)" in html

    def test_interventions_in_order_with_speaker_role_and_behalf(self, client):
        html = client.get(detail_url()).content.decode()
        item_one = html[html.index('id="item-1"') : html.index('id="item-2"')]
        # The report's order under item 1: Australia (Lawless), Argentina (Guzman), then the Chair.
        assert item_one.index("Patrick Lawless") < item_one.index("Graciela Guzman")
        assert item_one.index("Graciela Guzman") < item_one.index("Anousheh Karvar")
        assert "speaking as Deputy Chair" in text(item_one)
        item_three = html[html.index('id="item-3"') : html.index('id="item-4"')]
        first = re.search(
            r'<article class="intervention[^"]*" id="intervention-\d+".*?</article>',
            item_three,
            re.S,
        )[0]
        speaker, behalf = text(first).split("on behalf also of")
        assert "United Nations Children" in speaker
        assert behalf.lstrip().startswith("International Organization for Migration")
        assert organization_url("united-nations-childrens-fund") in first
        assert organization_url("international-organization-for-migration") in first
        assert reverse("directory:action_group_detail", kwargs={"slug": "migration"}) in first

    def test_decisions_documents_and_figures(self, client):
        html = client.get(detail_url()).content.decode()
        decisions = text(section(html, "decisions"))
        assert "The two remaining Action Groups needed to be launched this year." in decisions
        assert "end of August 2019" in decisions  # the advance copy, due "by end-August"
        assert "International Labour Organization" in decisions
        assert 'class="badge badge-open"' in section(html, "decisions")
        documents = text(section(html, "documents"))
        assert "Pathfinder Country Guidance Note" in documents
        assert "early September 2019" in documents
        figures = text(section(html, "key-figures"))
        assert "217 active partners of the Alliance" in figures
        assert "over 4,000 persons on the Alliance's mailing list" in figures.replace("&#x27;", "'")

    def test_attendance_in_two_tables(self, client):
        html = section(client.get(detail_url()).content.decode(), "attendance")
        in_person, remote = html.split('id="remote-heading"')
        # The report's participants list: 33 in person, then 10 remote.
        assert in_person.count('<th scope="row">') == 33
        assert remote.count('<th scope="row">') == 10
        assert "Sara Luna" in remote and "Sara Luna" not in in_person
        assert "Permanent Mission of Mexico to the UN" in remote

    def test_on_this_page_lists_the_agenda_items_and_long_parts_lead_back_to_the_top(self, client):
        html = client.get(detail_url()).content.decode()
        contents = re.search(r'<nav aria-labelledby="contents-heading">.*?</nav>', html, re.S)[0]
        # The report's agenda, items 1 to 7, each linked to its place on the page.
        assert re.findall(r'<a href="#item-(\d+)">([^<]+)</a>', contents) == [
            ("1", "Welcome and handover to the new Chair"),
            ("2", "Update from pathfinder countries"),
            ("3", "Update from Action Groups"),
            ("4", "Expanding engagement opportunities for different stakeholder groups"),
            ("5", "Update on communications: calendar of events, online platform, and website"),
            ("6", "Update on Delta 8.7 knowledge platform"),
            ("7", "Closing remarks, any other business and dates for the next meeting"),
        ]
        back_to_top = '<p class="back-to-top"><a href="#top">Back to top</a></p>'
        items = section(html, "agenda").split('<li class="agenda-item"')[1:]
        assert [item.count(back_to_top) for item in items] == [1] * 7
        assert back_to_top in section(html, "decisions")
        assert back_to_top in section(html, "attendance")
        assert '<body id="top">' in html

    def test_an_unknown_meeting_is_not_found(self, client):
        assert client.get(detail_url("no-such-meeting")).status_code == 404


# The list


def test_the_list_is_newest_first(client):
    make_meeting(title="Older meeting", date=datetime.date(2019, 4, 1))
    make_meeting(title="Newer meeting", date=datetime.date(2019, 11, 12))

    assert listed_titles(client.get(LIST).content.decode()) == ["Newer meeting", "Older meeting"]


def test_the_list_is_paginated_by_25(client):
    for day in range(1, 27):
        make_meeting(title=f"Meeting of {day:02} June", date=datetime.date(2019, 6, day))

    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()

    assert len(listed_titles(first)) == 25
    assert listed_titles(first)[0] == "Meeting of 26 June"
    assert listed_titles(second) == ["Meeting of 01 June"]
    assert 'rel="next" href="?page=2"' in first


# One meeting


def build_meeting(scale, **kwargs):
    """A meeting with every part of its record filled, `scale` times over."""
    meeting = make_meeting(**kwargs)
    group = make_action_group()
    for position in range(1, scale + 1):
        Objective.objects.create(meeting=meeting, position=position, text=f"Objective {position}")
    for _ in range(2 * scale):
        item = make_agenda_item(meeting, narrative="What was said of the item.")
        for _ in range(2):
            make_intervention(
                item,
                speaker=make_person(),
                speaking_as="Chair",
                countries=[make_country()],
                action_groups=[group],
            ).on_behalf_of.add(make_organization())
        KeyFigure.objects.create(agenda_item=item, value=217, label="active partners")
        make_action_point(meeting, agenda_item=item).owners.add(make_organization())
        make_document(meeting=meeting, agenda_item=item).organizations.add(make_organization())
    for mode in AttendanceMode.values:
        for _ in range(3 * scale):
            make_attendance(meeting, mode=mode)
    return meeting


def test_the_page_costs_the_same_for_ten_times_the_record(client, django_assert_num_queries):
    small = build_meeting(1)
    large = build_meeting(10)
    with django_assert_num_queries(DETAIL_QUERIES):
        small_html = client.get(small.get_absolute_url()).content.decode()
    with django_assert_num_queries(DETAIL_QUERIES):
        large_html = client.get(large.get_absolute_url()).content.decode()
    assert small_html.count('class="intervention ') == 4
    assert large_html.count('class="intervention ') == 40


def test_an_action_point_shows_its_status_due_date_and_agenda_item(client):
    meeting = make_meeting()
    item = make_agenda_item(meeting, title="Closing remarks")
    make_action_point(
        meeting,
        agenda_item=item,
        status=ActionPointStatus.DONE,
        due_date=datetime.date(2019, 12, 1),
        due_precision=DatePrecision.MONTH,
    )
    html = section(client.get(meeting.get_absolute_url()).content.decode(), "decisions")
    assert 'class="badge badge-done">Done<' in html
    assert "December 2019" in html
    assert f'href="#item-{item.number}"' in html


def test_a_long_attendance_shows_sixty_of_each_mode_and_links_to_everyone(client):
    meeting = make_meeting()
    for position in range(1, 62):
        make_attendance(meeting=meeting, position=position)
    make_attendance(meeting=meeting, mode=AttendanceMode.REMOTE)
    body = client.get(meeting.get_absolute_url()).content.decode()
    in_person = body[body.index('id="in-person-heading"') : body.index('id="remote-heading"')]
    remote = body[body.index('id="remote-heading"') :]
    assert in_person.count('<th scope="row">') == 60
    assert "The first 60 of 61." in in_person
    assert f'href="{reverse("meetings:report", args=[meeting.slug])}#participants"' in in_person
    assert remote.count('<th scope="row">') == 1
    assert "The first" not in remote
    report = client.get(reverse("meetings:report", args=[meeting.slug])).content.decode()
    assert report.count("Person ") >= 62


def test_the_shown_attendances_are_each_modes_first_in_the_lists_order():
    meeting = make_meeting()
    for position in reversed(range(1, ATTENDANCES_SHOWN + 3)):
        make_attendance(meeting=meeting, position=position, position_held=f"P{position}")
    make_attendance(meeting=meeting, mode=AttendanceMode.REMOTE, position=2, position_held="R2")
    make_attendance(meeting=meeting, mode=AttendanceMode.REMOTE, position=1, position_held="R1")
    counted = Meeting.objects.for_detail().get(pk=meeting.pk)

    shown = shown_attendances(counted)

    in_person = [row.position_held for row in shown[AttendanceMode.IN_PERSON]]
    assert in_person == [f"P{position}" for position in range(1, ATTENDANCES_SHOWN + 1)]
    assert [row.position_held for row in shown[AttendanceMode.REMOTE]] == ["R1", "R2"]


def test_the_attendance_shows_the_position_each_held_at_the_meeting(
    client, django_assert_num_queries
):
    meeting = build_meeting(1)
    make_attendance(meeting, person=make_person(name="Test Person A"), position_held="Director")
    make_attendance(meeting, person=make_person(name="Test Person B"))

    with django_assert_num_queries(DETAIL_QUERIES):
        page = client.get(meeting.get_absolute_url()).content.decode()
    report = client.get(reverse("meetings:report", args=[meeting.slug])).content.decode()

    for html in (page, report):
        assert '<th scope="row">Test Person A<br><span class="meta">Director</span></th>' in html
        assert '<th scope="row">Test Person B</th>' in html
