"""The public lists' Atom feeds, read as a feed reader reads them (tests/feeds/atom.py): valid
Atom, the list's rows as a visitor sees them, ids that do not change, honest dates, a bounded
number of queries."""

import datetime

import pytest
from django.urls import reverse

from base.exports.atom import FEED_ENTRIES
from base.record.partial_dates import DatePrecision
from base.record.visibility import PublicationStatus
from meetings.models import ActionPoint, Event
from partners.models import ContactVisibility, Organization, Person
from pathfinders.models import Stage
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_country,
    make_event,
    make_intervention,
    make_meeting,
    make_milestone,
    make_organization,
    make_person,
)
from tests.meetings.test_calendar_feed import uid

from .atom import parse

pytestmark = pytest.mark.django_db

# Each feed, and its list's page.
LISTS = {
    "events": "meetings:events",
    "followups": "meetings:followups",
    "voices": "meetings:voices",
    "milestones": "pathfinders:country_list",
    "action_groups": "directory:action_group_list",
    "organizations": "directory:organization_list",
    "people": "directory:people",
}
# The queries each feed costs, whatever the record's size: its rows (with what each entry says
# of them) in one, and one more for the follow-ups' owners, the action groups' leads, the
# meetings' voices (one count for all of them).
QUERIES = {
    "events": 1,
    "followups": 2,
    "voices": 2,
    "milestones": 1,
    "action_groups": 2,
    "organizations": 1,
    "people": 1,
}
# The 2019 record's rows (fixtures/gcg-5th-meeting-2019-07-17.json): 15 events, 7 follow-ups,
# one meeting, 30 milestones, 4 action groups, 34 organisations, 43 people.
IN_THE_2019_RECORD = {
    "events": 15,
    "followups": 7,
    "voices": 1,
    "milestones": 30,
    "action_groups": 4,
    "organizations": 34,
    "people": 43,
}


def feed_url(name):
    return reverse(f"feeds:{name}")


def read(client, name, **headers):
    return parse(client.get(feed_url(name), **headers))


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    @pytest.mark.parametrize("name", LISTS)
    def test_each_feed_is_atom_with_every_row_of_its_list(
        self, client, name, django_assert_num_queries
    ):
        with django_assert_num_queries(QUERIES[name]):
            response = client.get(feed_url(name))
        feed = parse(response)
        assert len(feed.entries) == IN_THE_2019_RECORD[name]
        assert feed.authors == ["Alliance 8.7 Secretariat"]
        assert feed.language == "en-gb"
        assert feed.id.startswith("urn:uuid:")
        assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
        # The feed was updated when its newest entry was.
        assert feed.updated == max(entry.updated for entry in feed.entries)
        assert response["Last-Modified"]

    @pytest.mark.parametrize("name", LISTS)
    def test_ids_are_the_same_at_every_request(self, client, name):
        first, again = read(client, name), read(client, name)
        assert first.id == again.id
        assert [entry.id for entry in first.entries] == [entry.id for entry in again.entries]

    def test_the_events_are_the_calendars_with_its_uids(self, client):
        feed = read(client, "events")
        assert {entry.id.removeprefix("urn:uuid:") for entry in feed.entries} == {
            uid(event) for event in Event.objects.all()
        }
        forum = next(e for e in feed.entries if e.title == "Freedom from Slavery Forum")
        # Known to the month: said so, no day invented.
        assert "December 2019, Addis Ababa" in forum.summary
        assert forum.link == "http://testserver/events/"

    def test_an_entrys_id_stays_when_its_row_is_edited(self, client):
        before = {entry.title: entry.id for entry in read(client, "organizations").entries}
        Organization.objects.filter(acronym="ILO").update(
            name="The International Labour Office", slug="the-ilo"
        )
        after = {entry.title: entry.id for entry in read(client, "organizations").entries}
        assert (
            after["The International Labour Office (ILO)"]
            == (before["International Labour Organization (ILO)"])
        )

    def test_a_follow_up_links_to_where_it_was_decided(self, client):
        point = ActionPoint.objects.get(position=1)
        (entry,) = [e for e in read(client, "followups").entries if e.link.endswith("#decision-1")]
        assert (
            entry.link == f"http://testserver/meetings/5th-meeting-2019-07-17/#decision-{point.pk}"
        )
        assert entry.title.startswith("5th meeting · Follow-up: An Alliance 8.7 Monitoring")
        assert entry.title.endswith("…")
        assert "<p>Open</p>" in entry.summary

    def test_the_voices_are_counted_by_hand(self, client):
        (entry,) = read(client, "voices").entries
        assert entry.title == "5th Meeting of the Global Coordinating Group: whose voice is heard"
        assert entry.link == "http://testserver/meetings/5th-meeting-2019-07-17/#voices"
        # tests/meetings/test_voices.py counts them from the report.
        assert "<li>Governments: 12</li>" in entry.summary

    def test_a_milestone_without_a_date_is_dated_by_its_meeting(self, client):
        entries = {entry.title: entry for entry in read(client, "milestones").entries}
        workshop = entries["African Union: Strategic planning workshop held"]
        assert workshop.summary == "<p>Reported at the 5th meeting, 17 July 2019</p>"
        assert workshop.link == "http://testserver/countries/african-union/"

    def test_a_person_is_a_name_a_position_and_an_organisation_never_an_address(self, client):
        response = client.get(feed_url("people"))
        assert b"@" not in response.content
        feed = parse(response)
        assert len(feed.entries) == Person.objects.exclude(emails=None).count() == 43

    def test_in_the_readers_language(self, client):
        feed = read(client, "events", headers={"accept-language": "fr"})
        assert feed.language == "fr"
        assert feed.title == "Événements"


def test_a_draft_meetings_rows_are_in_no_feed_whoever_reads_it(client, staff):
    draft = make_meeting(status=PublicationStatus.DRAFT, title="Qzdraft meeting")
    item = make_agenda_item(meeting=draft)
    speaker = make_person(
        name="Qzdraft speaker", organization=make_organization(name="Qzdraft org")
    )
    make_intervention(agenda_item=item, speaker=speaker)
    make_attendance(meeting=draft, person=speaker)
    make_event(title="Qzdraft event", meeting=draft)
    make_action_point(meeting=draft, text="Qzdraft follow-up")
    make_milestone(country=make_country(name="Qzdraft country"), source_meeting=draft)
    published = make_meeting(title="Published meeting")
    make_event(title="Published event", meeting=published)
    client.force_login(staff)  # staff see drafts on pages; a feed is the visitor's, to anyone
    for name in LISTS:
        content = client.get(feed_url(name)).content.decode()
        assert "Qzdraft" not in content, name
    assert "Published event" in client.get(feed_url("events")).content.decode()


def test_someone_left_out_of_the_directory_is_left_out_of_its_feed(client):
    make_person(name="Listed Person")
    make_person(name="Hidden Person", contact_visibility=ContactVisibility.HIDDEN)
    assert read(client, "people").titles() == ["Listed Person"]


def test_updated_is_when_the_row_was_last_written(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC), tick=False)
    event = make_event(title="Paris Peace Forum", start_date=datetime.date(2030, 11, 11))
    organization = make_organization(name="Walk Free")
    person = make_person(name="Ann Example", organization=organization)
    time_machine.move_to(datetime.datetime(2026, 4, 5, 16, 0, tzinfo=datetime.UTC), tick=False)
    for row in (event, organization, person):
        row.save()
    time_machine.move_to(datetime.datetime(2026, 4, 6, 8, 0, tzinfo=datetime.UTC), tick=False)
    changed = datetime.datetime(2026, 4, 5, 16, 0, tzinfo=datetime.UTC)
    # Not the event's own date, 2030: when the record last wrote it.
    (entry,) = read(client, "events").entries
    assert entry.updated == changed
    (entry,) = read(client, "organizations").entries
    assert entry.updated == changed
    # A person by when they entered the record: their later writes may be their own choices.
    (entry,) = read(client, "people").entries
    assert entry.updated == datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def test_a_row_written_without_history_is_dated_by_its_own_date_or_none(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 6, 8, 0, tzinfo=datetime.UTC), tick=False)
    Event.objects.bulk_create(
        [
            Event(title="Past", slug="past", start_date=datetime.date(2019, 11, 11)),
            Event(title="Planned", slug="planned", start_date=datetime.date(2030, 1, 1)),
        ]
    )
    Organization.objects.bulk_create([Organization(name="Bulk", slug="bulk", kind="research")])
    updated = {entry.title: entry.updated for entry in read(client, "events").entries}
    assert updated["Past"] == datetime.datetime(2019, 11, 11, tzinfo=datetime.UTC)
    # Never later than now: a feed is not updated in the future.
    assert updated["Planned"] == datetime.datetime(2026, 4, 6, 8, 0, tzinfo=datetime.UTC)
    (entry,) = read(client, "organizations").entries
    assert entry.updated == datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def test_newest_first_and_no_more_than_the_cap(client):
    meetings = [make_meeting(date=datetime.date(2019, 1, day)) for day in range(1, 4)]
    for meeting in meetings:
        make_action_point(meeting=meeting, text=f"Decided on the {meeting.date.day}")
    titles = read(client, "followups").titles()
    assert [title.split(": ")[1] for title in titles] == [
        "Decided on the 3",
        "Decided on the 2",
        "Decided on the 1",
    ]
    for n in range(FEED_ENTRIES + 1):
        make_organization(name=f"Organisation {n:02}")
    names = read(client, "organizations").titles()
    assert len(names) == FEED_ENTRIES == 50
    assert names[0] == "Organisation 50"  # the last written first
    assert "Organisation 00" not in names


def test_record_text_is_escaped_in_the_html_summary(client):
    make_event(title='"><img src=x onerror=alert(1)>', description="<script>alert(1)</script>")
    response = client.get(feed_url("events"))
    (entry,) = parse(response).entries
    assert entry.title == '"><img src=x onerror=alert(1)>'  # plain text, as Atom titles are
    assert "<script>" not in entry.summary and "&lt;script&gt;" in entry.summary
    assert b"<script>" not in response.content and b"<img" not in response.content


def rows_of(name, count):
    """`count` rows of the feed's list, each with what its entry shows (owners, leads, voices)."""
    meeting = make_meeting()
    for n in range(count):
        if name == "events":
            make_event(meeting=make_meeting() if n % 2 else None)
        elif name == "followups":
            point = make_action_point(meeting=meeting)
            point.owners.add(make_organization())
        elif name == "voices":
            make_intervention(agenda_item=make_agenda_item(meeting=make_meeting()))
        elif name == "milestones":
            make_milestone(
                kind=Stage.ROADMAP,
                date=datetime.date(2019, 12, 1),
                date_precision=DatePrecision.MONTH,
            )
        elif name == "action_groups":
            make_action_group().leads.add(make_organization())
        elif name == "organizations":
            make_organization(country=make_country())
        elif name == "people":
            make_attendance(meeting=meeting)


@pytest.mark.parametrize("factor", [1, 10])
@pytest.mark.parametrize("name", LISTS)
def test_the_query_count_does_not_grow_with_the_rows(
    client, name, factor, django_assert_num_queries
):
    rows_of(name, 3 * factor)
    with django_assert_num_queries(QUERIES[name]):
        feed = parse(client.get(feed_url(name)))
    assert len(feed.entries) >= 3 * factor
