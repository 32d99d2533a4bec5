"""A meeting's parts as its page and report read them: in their order, a query a list, the
interventions and documents as rows that write what their model instances would."""

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.meeting_parts import attach_parts
from meetings.models import Document, DocumentKind, InterventionKind, KeyFigure
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_document,
    make_intervention,
    make_meeting,
    make_organization,
)

pytestmark = pytest.mark.django_db


def test_each_list_in_its_order_each_row_under_its_own_agenda_item(django_assert_num_queries):
    meeting = make_meeting()
    second = make_agenda_item(meeting, number=2)
    first = make_agenda_item(meeting, number=1)
    later = make_intervention(second, position=2, kind=InterventionKind.RESPONSE)
    earlier = make_intervention(second, position=1)
    figure = KeyFigure.objects.create(agenda_item=first, position=1, value=3, label="Pathfinders")
    point = make_action_point(meeting, agenda_item=second)
    make_intervention(make_agenda_item(make_meeting()))  # another meeting's

    with django_assert_num_queries(6):
        attach_parts(meeting, documents_for=AnonymousUser())
        items = meeting.ordered_agenda_items
        (listed_point,) = meeting.ordered_action_points
        (listed_figure,) = items[0].ordered_key_figures
        # Their agenda items are the page's own, read without a query.
        assert listed_point.agenda_item is items[1] and listed_figure.agenda_item is items[0]

    assert items == [first, second]
    assert [row.pk for row in items[1].ordered_interventions] == [earlier.pk, later.pk]
    assert items[0].ordered_interventions == []
    assert (listed_figure, listed_point) == (figure, point)


def test_an_intervention_row_writes_what_the_intervention_does():
    organization = make_organization(name="Alpha & Co", slug="alpha")
    intervention = make_intervention(
        organization=organization, kind=InterventionKind.PRESENTATION, speaking_as="Chair"
    )
    meeting = intervention.agenda_item.meeting

    attach_parts(meeting)

    (row,) = meeting.ordered_agenda_items[0].ordered_interventions
    assert row.anchor == intervention.anchor
    assert row.kind_label == intervention.get_kind_display()
    assert row.organization_url == organization.get_absolute_url()
    assert (row.organization_name, row.speaker_name) == ("Alpha & Co", None)
    assert (row.speaking_as, row.summary) == (intervention.speaking_as, intervention.summary)


def test_a_document_row_writes_what_the_document_does():
    meeting = make_meeting()
    document = make_document(meeting=meeting, kind=DocumentKind.TOOLKIT)
    # The facts of a file as saving one records them (record_file_facts), without the file.
    Document.objects.filter(pk=document.pk).update(file_type="application/pdf", file_size=2048)
    document.refresh_from_db()

    attach_parts(meeting, documents_for=AnonymousUser())

    (row,) = meeting.ordered_documents
    assert row.kind_label == document.get_kind_display()
    assert row.file_label == document.file_label != ""
    assert (row.slug, row.file, row.file_size) == (document.slug, "", 2048)


def test_a_draft_of_the_briefing_pack_is_listed_for_staff_alone(staff):
    meeting = make_meeting()
    shown = make_document(meeting=meeting, briefing_pack_position=1)
    draft = make_document(meeting=meeting, briefing_pack_position=2, briefing_pack_draft=True)

    for reader, expected in [(AnonymousUser(), {shown.pk}), (staff, {shown.pk, draft.pk})]:
        attach_parts(meeting, documents_for=reader)
        assert {row.pk for row in meeting.ordered_documents} == expected


def test_no_agenda_item_no_query_for_their_lists(django_assert_num_queries):
    meeting = make_meeting()
    with django_assert_num_queries(3):
        attach_parts(meeting)
    assert meeting.ordered_agenda_items == []
    assert meeting.ordered_objectives == []
