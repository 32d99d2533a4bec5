"""meetings.shown_rows reads rows as select_related gives them to a writer reading the columns
asked for: in one query, with each related row built once, shared by the rows naming it."""

import pytest

from meetings import shown_rows
from meetings.models import Event, Intervention
from tests.factories import make_agenda_item, make_event, make_intervention, make_person

pytestmark = pytest.mark.django_db

SHOWN_WITH = {
    "agenda_item": ("number", "title"),
    "agenda_item__meeting": ("title", "slug", "date"),
    "speaker": ("name",),
}


def test_rows_with_the_related_rows_they_are_shown_with(django_assert_num_queries):
    item = make_agenda_item(title="Opening")
    first = make_intervention(agenda_item=item, summary="One.")
    second = make_intervention(agenda_item=item, speaker=make_person(name="Ann"), summary="Two.")
    with django_assert_num_queries(1):
        rows = shown_rows.read(
            Intervention, [first.pk, second.pk], ("summary",), SHOWN_WITH, using="default"
        )
        by_key = {row.pk: row for row in rows}
        assert [by_key[first.pk].summary, by_key[second.pk].summary] == ["One.", "Two."]
        assert by_key[first.pk].speaker is None
        assert by_key[second.pk].speaker.name == "Ann"
        shown_item = by_key[first.pk].agenda_item
        assert (shown_item.number, shown_item.title) == (item.number, "Opening")
        assert shown_item.meeting.slug == item.meeting.slug
        # One agenda item, built once for both rows.
        assert by_key[second.pk].agenda_item is shown_item


def test_reads_given_the_same_built_share_their_related_rows():
    item = make_agenda_item()
    spoken = make_intervention(agenda_item=item)
    event = make_event(mentioned_at=item)
    built = {}
    [intervention] = shown_rows.read(Intervention, [spoken.pk], (), SHOWN_WITH, built)
    mentioned_at = {
        "mentioned_at": SHOWN_WITH["agenda_item"],
        "mentioned_at__meeting": SHOWN_WITH["agenda_item__meeting"],
    }
    [read_event] = shown_rows.read(Event, [event.pk], ("title",), mentioned_at, built)
    assert read_event.mentioned_at is intervention.agenda_item
    assert read_event.mentioned_at.meeting is intervention.agenda_item.meeting


def test_a_column_not_asked_for_is_deferred():
    spoken = make_intervention()
    [row] = shown_rows.read(Intervention, [spoken.pk], ("summary",), {})
    assert row.get_deferred_fields() >= {"kind", "speaking_as"}
