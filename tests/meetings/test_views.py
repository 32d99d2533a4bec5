"""The meetings list, one meeting's record, and the events calendar."""

import datetime
import re

import pytest
from django.urls import reverse

from alliance87 import partial_dates
from alliance87.partial_dates import DatePrecision
from meetings.models import (
    ActionPointStatus,
    AttendanceMode,
    Event,
    EventKind,
    KeyFigure,
    MeetingStatus,
    Objective,
)
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)

# WhiteNoise warns while STATIC_ROOT is not collected yet: the foundation's, not these pages'.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")

FIFTH = "5th-meeting-2019-07-17"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def detail_url(slug=FIFTH):
    return reverse("meetings:detail", kwargs={"slug": slug})


def organization_url(slug):
    return reverse("partners:organization_detail", kwargs={"slug": slug})


def section(html, section_id):
    """The HTML of the <section id=...> of a page, to assert on one part of it."""
    start = html.index(f'<section id="{section_id}"')
    return html[start : html.index("</section>", start)]


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


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


# The meetings list


@pytest.mark.django_db
def test_meeting_list_shows_the_record_with_counts(record, client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the count for the paginator, then the page
        response = client.get(reverse("meetings:list"))
    assert response.status_code == 200
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", response.content.decode(), re.S)[0]
    # The report: 7 agenda items, 43 participants (33 in person, 10 remote).
    assert [cell for cell in re.findall(r"<td>(.*?)</td>", row, re.S)][-2:] == ["7", "43"]
    assert "17 July 2019" in row
    assert f'href="{detail_url()}"' in row


@pytest.mark.django_db
def test_meeting_list_costs_the_same_for_ten_times_the_meetings(client, django_assert_num_queries):
    def build(count):
        for _ in range(count):
            meeting = make_meeting()
            make_agenda_item(meeting)
            make_attendance(meeting)

    build(2)
    with django_assert_num_queries(2):
        assert client.get(reverse("meetings:list")).status_code == 200
    build(18)
    with django_assert_num_queries(2):
        assert client.get(reverse("meetings:list")).status_code == 200


@pytest.mark.django_db
def test_meeting_list_is_newest_first(client):
    make_meeting(title="Older meeting", date=datetime.date(2019, 4, 1))
    make_meeting(title="Newer meeting", date=datetime.date(2019, 11, 12))
    html = client.get(reverse("meetings:list")).content.decode()
    assert html.index("Newer meeting") < html.index("Older meeting")


@pytest.mark.django_db
def test_meeting_list_hides_drafts_except_from_staff(client, member, staff):
    make_meeting(title="Published meeting")
    make_meeting(title="Draft meeting", status=MeetingStatus.DRAFT)
    url = reverse("meetings:list")
    assert "Draft meeting" not in client.get(url).content.decode()
    client.force_login(member)
    assert "Draft meeting" not in client.get(url).content.decode()
    client.force_login(staff)
    html = client.get(url).content.decode()
    assert "Draft meeting" in html and "Published meeting" in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "99999"])
def test_meeting_list_bad_page_is_404(client, page):
    make_meeting()
    assert client.get(reverse("meetings:list"), {"page": page}).status_code == 404


# One meeting's record


@pytest.mark.django_db
def test_meeting_page_shows_the_whole_record_in_fixed_queries(
    record, client, django_assert_num_queries
):
    with django_assert_num_queries(14):
        response = client.get(detail_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>5th Meeting of the Global Coordinating Group</h1>" in html
    assert "Chaired by Anousheh Karvar" in html
    for number in range(1, 8):
        assert f'id="item-{number}"' in html
    assert "Update from Action Groups" in text(html)
    assert "Formalize handover to the new Chair (from Australia to France)" in html


@pytest.mark.django_db
def test_meeting_page_interventions_in_order_with_speaker_role_and_behalf(record, client):
    html = client.get(detail_url()).content.decode()
    item_one = html[html.index('id="item-1"') : html.index('id="item-2"')]
    # The report's order under item 1: Australia (Lawless), Argentina (Guzman), then the Chair.
    assert item_one.index("Patrick Lawless") < item_one.index("Graciela Guzman")
    assert item_one.index("Graciela Guzman") < item_one.index("Anousheh Karvar")
    assert "speaking as Deputy Chair" in text(item_one)
    item_three = html[html.index('id="item-3"') : html.index('id="item-4"')]
    first = re.search(
        r'<article class="intervention[^"]*" id="intervention-\d+">.*?</article>', item_three, re.S
    )[0]
    speaker, behalf = text(first).split("on behalf also of")
    assert "United Nations Children" in speaker
    assert behalf.lstrip().startswith("International Organization for Migration")
    assert organization_url("united-nations-childrens-fund") in first
    assert organization_url("international-organization-for-migration") in first
    assert reverse("actiongroups:detail", kwargs={"slug": "migration"}) in first


@pytest.mark.django_db
def test_meeting_page_decisions_documents_figures(record, client):
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


@pytest.mark.django_db
def test_meeting_page_attendance_in_two_tables(record, client):
    html = section(client.get(detail_url()).content.decode(), "attendance")
    in_person, remote = html.split('id="remote-heading"')
    # The report's participants list: 33 in person, then 10 remote.
    assert in_person.count('<th scope="row">') == 33
    assert remote.count('<th scope="row">') == 10
    assert "Sara Luna" in remote and "Sara Luna" not in in_person
    assert "Permanent Mission of Mexico to the UN" in remote


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_meeting_page_never_shows_an_email_address(record, client, member, signed_in):
    if signed_in:
        client.force_login(member)
    html = client.get(detail_url()).content.decode()
    assert "Laura Spagnolo" in html
    assert EMAIL.findall(html) == []
    assert "mailto:" not in html


@pytest.mark.django_db
def test_meeting_page_costs_the_same_for_ten_times_the_record(client, django_assert_num_queries):
    small = build_meeting(1)
    large = build_meeting(10)
    with django_assert_num_queries(14):
        small_html = client.get(small.get_absolute_url()).content.decode()
    with django_assert_num_queries(14):
        large_html = client.get(large.get_absolute_url()).content.decode()
    assert small_html.count('class="intervention ') == 4
    assert large_html.count('class="intervention ') == 40


@pytest.mark.django_db
def test_meeting_page_unknown_slug_is_404(client):
    assert client.get(detail_url("no-such-meeting")).status_code == 404


@pytest.mark.django_db
def test_draft_meeting_is_for_staff_only(client, member, staff):
    draft = make_meeting(status=MeetingStatus.DRAFT)
    make_intervention(make_agenda_item(draft), summary="Said in a draft.")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Said in a draft." in response.content.decode()


@pytest.mark.django_db
def test_action_point_status_and_agenda_item_link(client):
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


# The events calendar


@pytest.fixture
def on_18_july_2019(monkeypatch):
    monkeypatch.setattr(partial_dates, "today", lambda: datetime.date(2019, 7, 18))


@pytest.mark.django_db
def test_events_upcoming_first_then_past_most_recent_first(
    record, client, on_18_july_2019, django_assert_num_queries
):
    with django_assert_num_queries(4):
        response = client.get(reverse("meetings:events"))
    assert response.status_code == 200
    html = response.content.decode()
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="past-heading"')]
    past = html[html.index('id="past-heading"') :]
    # Upcoming, soonest first: the Bali Process (22–23 July 2019) before anything later.
    titles = re.findall(r"<h3>(.*?)</h3>", upcoming)
    assert titles[0].startswith("Bali Process")
    assert titles.index("Paris Peace Forum") < titles.index("Freedom from Slavery Forum")
    assert "22–23 July 2019" in upcoming
    assert "early September 2019" in upcoming
    assert "December 2019" in upcoming
    # Past, most recent first: the meeting (17 July 2019) before the Code 8.7 conference (Feb 2019).
    past_titles = re.findall(r"<h3>(.*?)</h3>", past)
    assert past_titles.index("5th Meeting of the Global Coordinating Group") < past_titles.index(
        "Code 8.7 conference"
    )
    assert past_titles[-1].startswith("IV Global Conference")  # November 2017, the oldest
    assert "No upcoming events" not in html


@pytest.mark.django_db
def test_events_say_plainly_when_nothing_is_upcoming(record, client, monkeypatch):
    monkeypatch.setattr(partial_dates, "today", lambda: datetime.date(2030, 1, 1))
    html = client.get(reverse("meetings:events")).content.decode()
    assert "No upcoming events are recorded." in html
    assert 'id="upcoming-heading"' not in html
    assert "Child Labour Forum" in html


@pytest.mark.django_db
def test_events_link_the_gcg_meeting_and_what_they_concern(record, client, on_18_july_2019):
    html = client.get(reverse("meetings:events")).content.decode()
    assert f'href="{detail_url()}"' in html
    assert reverse("actiongroups:detail", kwargs={"slug": "supply-chains"}) in html


@pytest.mark.django_db
def test_events_filter_by_kind(record, client):
    html = client.get(reverse("meetings:events"), {"kind": EventKind.GCG_MEETING}).content.decode()
    titles = re.findall(r"<h3>(.*?)</h3>", html)
    assert sorted(titles) == [
        "5th Meeting of the Global Coordinating Group",
        "Next meeting of the Global Coordinating Group",
    ]


@pytest.mark.django_db
def test_events_invalid_kind_is_a_message_and_no_list(record, client):
    response = client.get(reverse("meetings:events"), {"kind": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert "The filter could not be applied" in html
    assert "<h3>" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "99999"])
def test_events_bad_page_is_404(client, page):
    make_event()
    assert client.get(reverse("meetings:events"), {"page": page}).status_code == 404


@pytest.mark.django_db
def test_events_cost_the_same_for_ten_times_the_calendar(client, django_assert_num_queries):
    def build(count):
        group, country = make_action_group(), make_country()
        for day in range(1, count + 1):
            event = make_event(start_date=datetime.date(2019, 11, day), meeting=make_meeting())
            event.action_groups.add(group)
            event.countries.add(country)

    build(3)
    with django_assert_num_queries(4):
        assert client.get(reverse("meetings:events")).status_code == 200
    build(27)
    with django_assert_num_queries(4):
        assert client.get(reverse("meetings:events")).status_code == 200


@pytest.mark.django_db
def test_events_of_a_draft_meeting_are_for_staff_only(client, staff):
    draft = make_meeting(status=MeetingStatus.DRAFT)
    make_event(title="The draft meeting itself", meeting=draft)
    make_event(title="Mentioned in a draft", mentioned_at=make_agenda_item(draft))
    make_event(title="An event on its own")
    html = client.get(reverse("meetings:events")).content.decode()
    assert "An event on its own" in html
    assert "The draft meeting itself" not in html
    assert "Mentioned in a draft" not in html
    client.force_login(staff)
    html = client.get(reverse("meetings:events")).content.decode()
    assert "The draft meeting itself" in html and "Mentioned in a draft" in html


# "Upcoming" at the precision a date is known: the last day it can mean is today or later.
TODAY = datetime.date(2019, 11, 15)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "precision", "upcoming"),
    [
        (datetime.date(2019, 11, 15), None, DatePrecision.DAY, True),
        (datetime.date(2019, 11, 14), None, DatePrecision.DAY, False),
        (datetime.date(2019, 11, 11), datetime.date(2019, 11, 13), DatePrecision.DAY, False),
        (datetime.date(2019, 11, 11), datetime.date(2019, 11, 15), DatePrecision.DAY, True),
        (datetime.date(2019, 11, 1), None, DatePrecision.MONTH, True),  # "November 2019"
        (datetime.date(2019, 11, 1), None, DatePrecision.EARLY_MONTH, True),
        (datetime.date(2019, 10, 1), None, DatePrecision.END_MONTH, False),  # "end of October"
        (datetime.date(2019, 1, 1), None, DatePrecision.YEAR, True),  # "2019"
        (datetime.date(2018, 1, 1), None, DatePrecision.EARLY_YEAR, False),
        (datetime.date(2020, 1, 1), None, DatePrecision.YEAR, True),
    ],
)
def test_upcoming_at_the_precision_known(start, end, precision, upcoming):
    event = make_event(start_date=start, end_date=end, date_precision=precision)
    assert Event.objects.upcoming(TODAY).filter(pk=event.pk).exists() is upcoming
    assert Event.objects.past(TODAY).filter(pk=event.pk).exists() is not upcoming
