"""A meeting's parts in their order, as its page and its report show them: objectives, agenda
items (their interventions and key figures), decisions and follow-ups, and on the page its
documents; not their many-to-many relations (linked_rows.attach_record_links).

One query a list, filtered on the meeting's key (or its agenda items' keys), its rows put in
their lists here: the same queries prefetch_related made, at half the Python work (a prefetch
filters on the related instances, walks every row again for each lookup and looks up each list
by its attribute's name).
"""

from .models import ActionPoint, AgendaItem, Document, Intervention, KeyFigure, Objective


def _with_meeting(rows, model, meeting):
    """`rows`, each knowing its meeting without a query (as a prefetch leaves them)."""
    field = model._meta.get_field("meeting")
    for row in rows:
        field.set_cached_value(row, meeting)
    return rows


def _by_agenda_item(rows, model, items, attname):
    """Put each of `rows` (in their order) in its agenda item's list `attname`."""
    field = model._meta.get_field("agenda_item")
    for item in items.values():
        setattr(item, attname, [])
    for row in rows:
        item = items[row.agenda_item_id]
        field.set_cached_value(row, item)
        getattr(item, attname).append(row)


def attach_parts(meeting, documents=False):
    """Set on `meeting` `ordered_objectives`, `ordered_agenda_items` (each with its
    `ordered_interventions` and `ordered_key_figures`), `ordered_action_points` and, with
    `documents`, `ordered_documents`: a query a list, none for the lists of no agenda item."""
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
        interventions = (
            Intervention.objects.filter(agenda_item_id__in=list(by_pk))
            .select_related("organization", "speaker")
            .order_by("position")
        )
        _by_agenda_item(interventions, Intervention, by_pk, "ordered_interventions")
        key_figures = (
            KeyFigure.objects.filter(agenda_item_id__in=list(by_pk))
            .select_related("reported_by")
            .order_by("position", "pk")
        )
        _by_agenda_item(key_figures, KeyFigure, by_pk, "ordered_key_figures")
    meeting.ordered_action_points = _with_meeting(
        list(ActionPoint.objects.filter(meeting_id=pk).select_related("agenda_item")),
        ActionPoint,
        meeting,
    )
    if documents:
        meeting.ordered_documents = _with_meeting(
            list(Document.objects.filter(meeting_id=pk)), Document, meeting
        )
