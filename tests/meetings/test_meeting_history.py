"""A history that can be trusted: a meeting's changes and its parts' in one timeline, in words,
with the reason given; the revert page shows what differs from the current version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.audit.history import references
from meetings.models import (
    ActionPoint,
    AgendaItem,
    Document,
    Event,
    Intervention,
    KeyFigure,
    Meeting,
    Objective,
)
from partners.models import Person
from tests.admin_forms import inline_prefix, page_text, posted_data
from tests.factories import make_agenda_item, make_attendance, make_intervention, make_meeting

KARVAR = "Anousheh Karvar"


def meeting_url(view, meeting, *args):
    return reverse(f"admin:meetings_meeting_{view}", args=[meeting.pk, *args])


def save_meeting(client, meeting, **changes):
    url = meeting_url("change", meeting)
    data = posted_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def save_intervention(client, intervention, **changes):
    url = reverse("admin:meetings_intervention_change", args=[intervention.pk])
    data = posted_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


@pytest.mark.usefixtures("record")
class TestTheMeetingsTimeline:
    def meeting(self):
        return Meeting.objects.get(number=5)

    def timeline(self, client):
        response = client.get(meeting_url("history", self.meeting()))
        assert response.status_code == 200
        return page_text(response)

    def test_a_foreign_key_cleared_and_set_again_reads_in_names(self, staff_client):
        meeting = self.meeting()
        save_meeting(staff_client, meeting, city="New York City")  # a first version to compare
        save_meeting(staff_client, meeting, chair="", history_change_reason="Chair not yet known")
        save_meeting(staff_client, meeting, chair=Person.objects.get(name=KARVAR).pk)

        text = self.timeline(staff_client)

        assert "City: New York → New York City" in text
        assert f"Chaired by: {KARVAR} → (empty)" in text
        assert f"Chaired by: (empty) → {KARVAR}" in text
        assert "Reason: Chair not yet known" in text
        loaded = text.count("Reason: Loaded from the record's fixtures")
        assert text.count("Reason:") == 1 + loaded  # nothing is shown where none was given
        assert text.index(f"(empty) → {KARVAR}") < text.index(f"{KARVAR} → (empty)")

    def test_nothing_reads_none_after_edits_of_the_whole_record(self, staff_client):
        meeting = self.meeting()
        save_meeting(staff_client, meeting, city="New York City")
        save_meeting(staff_client, meeting, chair="", occasion="")
        for intervention in Intervention.objects.filter(agenda_item__meeting=meeting)[:3]:
            save_intervention(staff_client, intervention, speaking_as="Chair")
            save_intervention(staff_client, intervention, speaker="", speaking_as="")

        for model in (ActionPoint, Document, Event, KeyFigure):
            for row in model.objects.filter(pk__in=model.objects.values("pk")[:2]):
                for field in references(model):
                    if field.null:
                        setattr(row, field.attname, None)
                row.save()
        Objective.objects.filter(meeting=meeting).first().delete()

        history = meeting_url("history", meeting)
        pages, url = [], history
        while url:
            response = staff_client.get(url)
            pages.append(page_text(response))
            page = response.context["page_obj"]
            if page.has_next():  # the page links the next, as the admin's lists do
                assert f'href="?p={page.next_page_number()}"' in response.content.decode()
            url = f"{history}?p={page.next_page_number()}" if page.has_next() else None
        text = " ".join(pages)

        assert len(pages) > 2
        assert "None" not in text
        assert "pk=" not in text
        assert "Speaker:" in text and "Speaking as: (empty) → Chair" in text
        assert "Reported by:" in text and "Mentioned under:" in text
        assert "(deleted)" in text

    def test_a_change_to_an_intervention_appears_in_its_meetings_timeline(self, staff_client):
        intervention = Intervention.objects.filter(agenda_item__number=2).first()
        old_summary = intervention.summary
        save_intervention(
            staff_client,
            intervention,
            summary="Corrected summary.",
            history_change_reason="Typo in the report",
        )

        text = self.timeline(staff_client)

        # Its label names its meeting and item: "5th meeting · 2. Update from ... · 1. ILO".
        label = f"Intervention · {intervention}"
        assert str(intervention).startswith("5th meeting · 2. Update from pathfinder countries · ")
        assert f"{label} (changed)" in text
        assert f"Summary: {old_summary[:40]}" in text
        assert "→ Corrected summary." in text
        assert "Reason: Typo in the report" in text

    def test_the_reason_reaches_the_inline_rows_saved_with_the_meeting(self, staff_client):
        meeting = self.meeting()
        attendance = meeting.attendances.get(person__name=KARVAR)
        url = meeting_url("change", meeting)
        data = posted_data(staff_client.get(url))
        prefix = inline_prefix(data, "attendances", attendance.pk)
        data.update({f"{prefix}-listed_as": "Chair, France", "history_change_reason": "As listed"})

        assert staff_client.post(url, data).status_code == 302

        latest = attendance.history.latest("history_id")
        assert (latest.listed_as, latest.history_change_reason) == ("Chair, France", "As listed")
        text = self.timeline(staff_client)
        assert "Listed as: Chair → Chair, France Reason: As listed" in text

    def test_the_revert_page_lists_the_differences_from_now(self, staff_client):
        meeting = self.meeting()
        save_meeting(staff_client, meeting, city="New York City")
        first = meeting.history.order_by("-history_id").first()
        save_meeting(staff_client, meeting, city="Geneva", chair="")

        response = staff_client.get(meeting_url("simple_history", meeting, first.history_id))
        text = page_text(response)

        assert "City: New York City → Geneva" in text
        assert f"Chaired by: {KARVAR} → (empty)" in text
        differences = [str(change) for change in response.context["differences"]]
        assert differences == ["City: New York City → Geneva", f"Chaired by: {KARVAR} → (empty)"]

    def test_reverting_without_a_reason_says_it_was_a_revert(self, staff_client):
        meeting = self.meeting()
        save_meeting(staff_client, meeting, city="New York City")
        first = meeting.history.order_by("-history_id").first()
        save_meeting(staff_client, meeting, city="Geneva")
        url = meeting_url("simple_history", meeting, first.history_id)

        response = staff_client.post(url, posted_data(staff_client.get(url)))

        assert response.status_code == 302
        latest = meeting.history.order_by("-history_id").first()
        assert latest.city == "New York City"
        assert latest.history_change_reason.startswith("Reverted to the version of ")


@pytest.mark.django_db
def test_an_objects_own_history_page_reads_in_words(staff_client):
    item = make_agenda_item(title="Update from pathfinder countries")
    url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    data = posted_data(staff_client.get(url))
    staff_client.post(url, {**data, "title": "Updates from pathfinder countries"})

    text = page_text(staff_client.get(reverse("admin:meetings_agendaitem_history", args=[item.pk])))

    assert "Title: Update from pathfinder countries → Updates from pathfinder countries" in text
    assert "None" not in text and "Reason" not in text


def make_history(meeting, count):
    """`count` changes to each kind of part of the meeting, by the ORM."""
    for n in range(count):
        item = make_agenda_item(meeting=meeting)
        intervention = make_intervention(agenda_item=item)
        intervention.summary = f"Edited {n}."
        intervention.save()
        make_attendance(meeting=meeting).delete()
        meeting.city = f"City {n}"
        meeting.save()


@pytest.mark.django_db
def test_the_timelines_queries_do_not_grow_with_its_entries(staff_client):
    one, many = make_meeting(), make_meeting()
    make_history(one, 1)
    make_history(many, 12)
    staff_client.get(meeting_url("history", one))  # a session's first request loads more

    counts = {}
    for meeting in (one, many):
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(meeting_url("history", meeting))
        counts[meeting.pk] = len(queries)
        assert "None" not in page_text(response)

    assert len(response.context["entries"]) == 50  # a page of the 12 × 6 entries
    assert counts[one.pk] == counts[many.pk]
    assert counts[one.pk] <= 30
    assert AgendaItem.history.filter(meeting_id=many.pk).count() == 12
