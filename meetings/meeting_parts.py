"""A meeting's parts in their order, as its page and its report show them: objectives, agenda
items (their interventions and key figures), decisions and follow-ups, and on the page its
documents; not their many-to-many relations (linked_rows.attach_record_links).

One query a list, filtered on the meeting's key (or its agenda items' keys), its rows put in
their lists here: the same queries prefetch_related made, at half the Python work (a prefetch
filters on the related instances, walks every row again for each lookup and looks up each list
by its attribute's name). The interventions, the longest list, and the documents are rows of
the columns the pages write (SpokenRow, DocumentRow), not model instances.
"""

from dataclasses import dataclass

from base.record.choice_labels import choice_labels
from base.templatetags.record_urls import DETAIL_VIEWS
from base.web.slug_urls import slug_url

from . import record_html
from .models import (
    ActionPoint,
    AgendaItem,
    Document,
    Intervention,
    KeyFigure,
    Objective,
)

SPOKEN_COLUMNS = (
    "pk",
    "agenda_item_id",
    "kind",
    "organization__name",
    "organization__slug",
    "speaker__name",
    "speaking_as",
    "summary",
)


@dataclass(slots=True)
class SpokenRow:
    """An intervention as the meeting page and its report write it (SPOKEN_COLUMNS, and the
    label of its kind); linked_rows.attach_record_links sets the lists of what it links."""

    pk: int
    agenda_item_id: int
    kind: str
    organization_name: str
    organization_slug: str
    speaker_name: str | None
    speaking_as: str
    summary: str
    kind_label: str = ""
    listed_on_behalf_of: list | None = None
    listed_countries: list | None = None
    listed_action_groups: list | None = None

    @property
    def anchor(self):
        return f"intervention-{self.pk}"

    @property
    def organization_url(self):
        return slug_url(DETAIL_VIEWS["partners.organization"], self.organization_slug)


# With its place in the briefing pack: the page's link to the pack counts them.
DOCUMENT_COLUMNS = (
    "pk",
    *record_html.DOCUMENT_COLUMNS,
    "briefing_pack_position",
    "briefing_pack_draft",
)


@dataclass(slots=True)
class DocumentRow:
    """A document as the meeting page writes it (DOCUMENT_COLUMNS, `file` the stored file's name
    or "", its place in the briefing pack, and the label of its kind); linked_rows.attach_linked
    sets its authors, `listed_organizations`."""

    pk: int
    title: str
    slug: str
    kind: str
    url: str
    file: str
    file_type: str
    file_size: int | None
    description: str
    date: object
    date_precision: str
    briefing_pack_position: int | None
    briefing_pack_draft: bool
    kind_label: str = ""
    listed_organizations: list | None = None

    file_label = property(Document.file_label.fget)  # the model's, of the same file_type


def _document_rows(meeting_pk, user):
    """The meeting's documents `user` may see (a briefing pack's drafts are staff's), in their
    order, as DocumentRow rows."""
    documents = Document.objects.visible_to(user).filter(meeting_id=meeting_pk)
    rows = [DocumentRow(*values) for values in documents.values_list(*DOCUMENT_COLUMNS)]
    labels = choice_labels(Document, "kind")
    for row in rows:
        row.kind_label = labels.get(row.kind, row.kind)
    return rows


def _spoken_rows(items):
    """The interventions under `items` ({pk: agenda item}), in their order, as SpokenRow rows."""
    rows = [
        SpokenRow(*values)
        for values in Intervention.objects.filter(agenda_item_id__in=list(items))
        .order_by("position")
        .values_list(*SPOKEN_COLUMNS)
    ]
    labels = choice_labels(Intervention, "kind")
    for row in rows:
        row.kind_label = labels.get(row.kind, row.kind)
    return rows


def _with_meeting(rows, model, meeting):
    """`rows`, each knowing its meeting without a query (as a prefetch leaves them)."""
    field = model._meta.get_field("meeting")
    for row in rows:
        field.set_cached_value(row, meeting)
    return rows


def _with_agenda_item(rows, model, items):
    """`rows` (a list), each knowing its agenda item, one of `items` ({pk: agenda item} of its
    meeting), without a query or a join."""
    rows = list(rows)
    field = model._meta.get_field("agenda_item")
    for row in rows:
        item = items.get(row.agenda_item_id)
        if item is not None:
            field.set_cached_value(row, item)
    return rows


def _by_agenda_item(rows, items, attname):
    """Put each of `rows` (in their order) in its agenda item's list `attname`."""
    for item in items.values():
        setattr(item, attname, [])
    for row in rows:
        getattr(items[row.agenda_item_id], attname).append(row)


def attach_parts(meeting, documents_for=None):
    """Set on `meeting` `ordered_objectives` (their texts), `ordered_agenda_items` (each with its
    `ordered_interventions`, SpokenRow rows, and `ordered_key_figures`),
    `ordered_action_points` and, given the reader (`documents_for`), `ordered_documents`, those
    they may see (DocumentRow rows): a query a list, none for the lists of no agenda item."""
    pk = meeting.pk
    meeting.ordered_objectives = list(
        Objective.objects.filter(meeting_id=pk).order_by("position").values_list("text", flat=True)
    )
    items = _with_meeting(
        list(AgendaItem.objects.filter(meeting_id=pk).order_by("number")), AgendaItem, meeting
    )
    meeting.ordered_agenda_items = items
    by_pk = {item.pk: item for item in items}
    if items:
        _by_agenda_item(_spoken_rows(by_pk), by_pk, "ordered_interventions")
        key_figures = _with_agenda_item(
            KeyFigure.objects.filter(agenda_item_id__in=list(by_pk))
            .select_related("reported_by")
            .order_by("position", "pk"),
            KeyFigure,
            by_pk,
        )
        _by_agenda_item(key_figures, by_pk, "ordered_key_figures")
    meeting.ordered_action_points = _with_meeting(
        _with_agenda_item(ActionPoint.objects.filter(meeting_id=pk), ActionPoint, by_pk),
        ActionPoint,
        meeting,
    )
    if documents_for is not None:
        meeting.ordered_documents = _document_rows(pk, documents_for)
