"""The Secretariat makes a meeting's briefing pack in the admin: from the documents list (its
place in the pack and whether it is a draft there, editable in the list) and from the meeting
workspace's documents rows; a place without a meeting, or a draft outside the pack, is refused
with a message."""

import pytest
from django.urls import reverse

from meetings.models import Document
from tests.admin_forms import inline_prefix, page_text, posted_data
from tests.factories import make_document, make_meeting

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:meetings_document_changelist")


def change_url(document):
    return reverse("admin:meetings_document_change", args=[document.pk])


def list_post(client, rows, **query):
    """The documents list saved with its pack columns: `rows` {document: (place, draft)}, each
    row as the list showed it (its place and draft as saved) and as typed."""
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for i, (document, (place, draft)) in enumerate(rows.items()):
        data[f"form-{i}-id"] = str(document.pk)
        data[f"form-{i}-briefing_pack_position"] = "" if place is None else str(place)
        shown = document.briefing_pack_position
        data[f"initial-form-{i}-briefing_pack_position"] = "" if shown is None else str(shown)
        if draft:
            data[f"form-{i}-briefing_pack_draft"] = "on"
        if document.briefing_pack_draft:
            data[f"initial-form-{i}-briefing_pack_draft"] = "on"
    query_string = "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(f"{CHANGELIST}?{query_string}", {**data, "_save": "Save"})


def places(meeting):
    return list(
        Document.objects.filter(meeting=meeting, briefing_pack_position__isnull=False)
        .order_by("briefing_pack_position")
        .values_list("title", "briefing_pack_position", "briefing_pack_draft")
    )


def test_the_list_places_orders_and_marks_drafts(officer_client, officer):
    meeting = make_meeting()
    agenda = make_document(meeting=meeting, title="Agenda", briefing_pack_position=1)
    report = make_document(meeting=meeting, title="Report")
    note = make_document(meeting=meeting, title="Note")

    response = list_post(
        officer_client,
        {agenda: (2, False), report: (1, False), note: (3, True)},
        meeting__id__exact=meeting.pk,
    )

    assert response.status_code == 302
    assert places(meeting) == [("Report", 1, False), ("Agenda", 2, False), ("Note", 3, True)]
    assert note.history.latest().history_user == officer
    listed = officer_client.get(f"{CHANGELIST}?briefing_pack=draft")
    assert [document.title for document in listed.context["cl"].result_list] == ["Note"]


def test_the_list_refuses_a_draft_outside_the_pack_and_a_place_without_a_meeting(
    officer_client,
):
    meeting = make_meeting()
    loose = make_document(title="Named at no meeting")
    report = make_document(meeting=meeting, title="Report")

    response = list_post(officer_client, {loose: (1, False), report: (None, True)})

    assert response.status_code == 200
    text = page_text(response)
    assert "A briefing pack is a meeting's: choose the meeting this document is named at" in text
    assert "Only a document in the briefing pack can be a draft there" in text
    assert (
        places(meeting) == [] and Document.objects.get(pk=loose.pk).briefing_pack_position is None
    )


def test_the_document_s_page_places_it_in_the_pack(officer_client):
    meeting = make_meeting()
    document = make_document(meeting=meeting, title="Agenda")
    page = officer_client.get(change_url(document))
    assert "Place in the briefing pack" in page_text(page)

    response = officer_client.post(
        change_url(document),
        posted_data(page, briefing_pack_position="4", briefing_pack_draft="on"),
    )

    assert response.status_code == 302
    assert places(meeting) == [("Agenda", 4, True)]


def test_the_document_s_page_refuses_a_place_without_a_meeting_keeping_what_was_typed(
    officer_client,
):
    document = make_document(title="Named at no meeting")
    page = officer_client.get(change_url(document))

    response = officer_client.post(
        change_url(document),
        posted_data(page, briefing_pack_position="2", title="Renamed"),
    )

    assert response.status_code == 200
    assert "A briefing pack is a meeting's" in page_text(response)
    form = response.context["adminform"].form
    assert (form["title"].value(), form["briefing_pack_position"].value()) == ("Renamed", "2")
    assert Document.objects.get(pk=document.pk).briefing_pack_position is None


def test_the_workspace_s_rows_show_and_set_the_pack(officer_client):
    meeting = make_meeting()
    agenda = make_document(meeting=meeting, title="Agenda", briefing_pack_position=1)
    note = make_document(meeting=meeting, title="Note", briefing_pack_position=2)
    note.briefing_pack_draft = True
    note.save()
    make_document(meeting=meeting, title="Annex")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    page = officer_client.get(url)
    text = page_text(page)
    # Each row's line, as the officer reads it before opening it (the rows by title).
    assert (
        "Documents (3) Agenda · Report · briefing pack, no. 1 Edit Page Delete "
        "Annex · Report Edit Page Delete "
        "Note · Report · briefing pack, no. 2 (draft) Edit Page Delete"
    ) in text

    data = posted_data(page)
    row = inline_prefix(data, "documents", agenda.pk)
    data[f"{row}-briefing_pack_position"] = "3"
    data[f"{row}-briefing_pack_draft"] = "on"
    response = officer_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    assert places(meeting) == [("Note", 2, True), ("Agenda", 3, True)]
