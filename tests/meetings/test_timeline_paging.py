"""A timeline is sorted and paged by the database (meetings.timeline): page after page, it lists
exactly what building every entry and sorting them in Python by Entry.sort_key lists, with the
row's key breaking ties, so that no entry is shown twice or lost at a page boundary.

Run on SQLite and on PostgreSQL (DATABASE_URL): each sorts dates, NULLs and text its own way.
"""

import datetime

import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.timeline import ENTRIES_PER_PAGE
from pathfinders.models import Stage
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_milestone,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
# Titles Python orders by code point ("Apple" < "Zebra" < "apple" < "Élan" < "éclair"), which a
# language's collation would not; "apple" twice, so that only the row's key tells them apart.
TITLES = ("Zebra", "apple", "Apple", "éclair", "Élan", "apple")
DRAFT_NUMBER = 406


def concerning(country, group, row):
    row.countries.add(country)
    row.action_groups.add(group)
    return row


def record_meeting(meeting, country, group):
    """24 entries of every kind at `meeting`, dated by it, on its day, on other days and not at
    all, with ties within each kind."""
    for _item in range(2):
        item = make_agenda_item(meeting=meeting)
        for _speaker in range(3):
            make_intervention(agenda_item=item, countries=[country], action_groups=[group])
    for position in (2, 1, 1):
        concerning(country, group, make_action_point(meeting=meeting, position=position))
    for title in TITLES:
        concerning(
            country,
            group,
            make_document(title=title, meeting=meeting, date=meeting.date, date_precision="day"),
        )
    # Undated: dated by the meeting its agenda item belongs to.
    concerning(country, group, make_document(title="Undated", agenda_item=item))
    # Dated, but not the meeting's day: not placed at the meeting.
    concerning(
        country,
        group,
        make_document(
            title="Later", meeting=meeting, date=meeting.date + DAY, date_precision="day"
        ),
    )
    # An event that is the meeting itself, though it starts the day before, and events of that day.
    concerning(
        country, group, make_event(title="Apple", start_date=meeting.date - DAY, meeting=meeting)
    )
    for title in ("apple", "Zebra", "apple"):
        concerning(country, group, make_event(title=title, start_date=meeting.date))
    make_milestone(country=country, kind=Stage.INTENTION_ANNOUNCED, source_meeting=meeting)
    make_milestone(
        country=country, kind=Stage.EXPRESSION_OF_INTEREST, source_meeting=meeting,
        date=meeting.date, date_precision="day",
    )  # fmt: skip
    make_milestone(
        country=country, kind=Stage.ROADMAP, source_meeting=meeting,
        date=meeting.date - 3 * DAY, date_precision="month",
    )  # fmt: skip


@pytest.fixture
def subjects():
    country, group = make_country(name="Pagedland"), make_action_group(name="Paged Group")
    meetings = [
        make_meeting(number=401, date=datetime.date(2019, 3, 1)),
        # Two meetings on one day, the higher number made first, so keys and numbers disagree.
        make_meeting(number=403, date=datetime.date(2020, 6, 1)),
        make_meeting(number=402, date=datetime.date(2020, 6, 1)),
        make_meeting(number=404, date=datetime.date(2020, 6, 5)),
        make_meeting(number=405, date=datetime.date(2021, 1, 10)),
        make_meeting(
            number=DRAFT_NUMBER, date=datetime.date(2020, 6, 1), status=PublicationStatus.DRAFT
        ),
    ]
    for meeting in meetings:
        record_meeting(meeting, country, group)
    for title in TITLES:  # "date not recorded": last, after every dated entry
        concerning(country, group, make_document(title=title))
    return {
        "country": reverse("pathfinders:country_detail", args=[country.slug]),
        "action group": reverse("directory:action_group_detail", args=[group.slug]),
    }


def sorted_in_python(timeline):
    """How a timeline was sorted before the database paged it: every entry built, then sorted by
    Entry.sort_key, the row's key breaking the ties the sort left in the database's order."""
    entries = [
        kind.make_entry(row)
        for index, kind in timeline.kinds.items()
        for row in timeline.rows(index)
    ]
    return [key(entry) for entry in sorted(entries, key=lambda e: (e.sort_key(), e.obj.pk))]


def key(entry):
    return entry.kind, entry.obj.pk


def every_page(client, path):
    first = client.get(path).context["page_obj"]
    pages = [client.get(f"{path}?page={n}").context["page_obj"] for n in first.paginator.page_range]
    return first.paginator, [key(entry) for page in pages for entry in page.object_list]


@pytest.mark.parametrize("role", ["anonymous", "staff"])
@pytest.mark.parametrize("subject", ["country", "action group"])
def test_the_pages_together_list_the_timeline_as_python_sorted_it(
    client, staff, subjects, subject, role
):
    if role == "staff":
        client.force_login(staff)
    paginator, listed = every_page(client, subjects[subject])
    assert paginator.num_pages >= 3
    expected = sorted_in_python(paginator.object_list)
    assert len(expected) == paginator.count > 2 * ENTRIES_PER_PAGE
    assert listed == expected


def all_entries(client, path):
    entries = []
    for page in client.get(path).context["page_obj"].paginator.page_range:
        entries += client.get(f"{path}?page={page}").context["page_obj"].object_list
    return entries


def meeting_numbers(entries, date=None):
    return [
        entry.meeting.number
        for entry in entries
        if entry.meeting is not None and date in (None, entry.date)
    ]


@pytest.mark.parametrize("subject", ["country", "action group"])
def test_the_same_days_meetings_apart_and_undated_entries_last(client, subjects, subject):
    entries = all_entries(client, subjects[subject])
    # The lower number's entries first, then the other's; the draft's, that day too, not shown.
    on_the_day = meeting_numbers(entries, datetime.date(2020, 6, 1))
    assert on_the_day == sorted(on_the_day) and set(on_the_day) == {402, 403}
    undated = [entry for entry in entries if entry.date is None]
    assert [entry.obj.title for entry in undated] == sorted(TITLES)
    assert entries[-len(TITLES) :] == undated


def test_only_staff_see_the_drafts_entries(client, staff, subjects):
    assert DRAFT_NUMBER not in meeting_numbers(all_entries(client, subjects["country"]))
    client.force_login(staff)
    assert DRAFT_NUMBER in meeting_numbers(all_entries(client, subjects["country"]))
