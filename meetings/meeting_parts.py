"""A meeting's parts in their order, as its page and its report show them: objectives, agenda
items (their interventions and key figures), decisions and follow-ups, and on the page its
documents; not their many-to-many relations (linked_rows.attach_record_links).

One query a list, filtered on the meeting's key (or its agenda items' keys), its rows put in
their lists here: the same queries prefetch_related made, at half the Python work (a prefetch
filters on the related instances, walks every row again for each lookup and looks up each list
by its attribute's name). The interventions, the longest list, are SpokenRow rows of the columns
the pages write, not three model instances each.
"""

from dataclasses import dataclass

from base.templatetags.record_urls import DETAIL_VIEWS
from base.web.slug_urls import slug_url

from .models import (
    ActionPoint,
    AgendaItem,
    Document,
    Intervention,
    InterventionKind,
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


def _spoken_rows(items):
    """The interventions under `items` ({pk: agenda item}), in their order, as SpokenRow rows."""
    rows = [
        SpokenRow(*values)
        for values in Intervention.objects.filter(agenda_item_id__in=list(items))
        .order_by("position")
        .values_list(*SPOKEN_COLUMNS)
    ]
    labels = {kind: str(label) for kind, label in InterventionKind.choices}
    for row in rows:
        row.kind_label = labels.get(row.kind, row.kind)
    return rows


def _with_meeting(rows, model, meeting):
    """`rows`, each knowing its meeting without a query (as a prefetch leaves them)."""
    field = model._meta.get_field("meeting")
    for row in rows:
        field.set_cached_value(row, meeting)
    return rows


def _by_agenda_item(rows, items, attname):
    """Put each of `rows` (in their order) in its agenda item's list `attname`."""
    for item in items.values():
        setattr(item, attname, [])
    for row in rows:
        getattr(items[row.agenda_item_id], attname).append(row)


def attach_parts(meeting, documents=False):
    """Set on `meeting` `ordered_objectives`, `ordered_agenda_items` (each with its
    `ordered_interventions`, SpokenRow rows, and `ordered_key_figures`),
    `ordered_action_points` and, with `documents`, `ordered_documents`: a query a list, none
    for the lists of no agenda item."""
    pk = meeting.pk
    meeting.ordered_objectives = _with_meeting(
        list(Objective.objects.filter(meeting_id=pk).order_by("position")), Objective, meeting
    )
    items = _with_meeting(
        list(AgendaItem.objects.filter(meeting_id=pk).order_by("number")), AgendaItem, meeting
    )
    meeting.ordered_agenda_items = items
    if items:
        by_pk = {item.pk: item for item in items}
        _by_agenda_item(_spoken_rows(by_pk), by_pk, "ordered_interventions")
        key_figures = list(
            KeyFigure.objects.filter(agenda_item_id__in=list(by_pk))
            .select_related("reported_by")
            .order_by("position", "pk")
        )
        agenda_item = KeyFigure._meta.get_field("agenda_item")
        for figure in key_figures:
            agenda_item.set_cached_value(figure, by_pk[figure.agenda_item_id])
        _by_agenda_item(key_figures, by_pk, "ordered_key_figures")
    meeting.ordered_action_points = _with_meeting(
        list(ActionPoint.objects.filter(meeting_id=pk).select_related("agenda_item")),
        ActionPoint,
        meeting,
    )
    if documents:
        meeting.ordered_documents = _with_meeting(
            list(Document.objects.filter(meeting_id=pk)), Document, meeting
        )
