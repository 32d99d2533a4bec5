"""The meeting workspace: everything of a meeting, edited on the meeting's own admin page.

Agenda items carry their interventions, key figures and events mentioned nested (nested_admin);
attendance, objectives, decisions and follow-ups, and documents hang off the meeting. Every
inline keeps a fixed number of queries whatever the meeting's size: nested rows come from the
agenda items' prefetch, autocomplete labels from one query per field for the whole page, and a
select's choices from one query per formset.
"""

import nested_admin
from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.utils.translation import gettext_lazy as _

from base.admin_formsets import WorkspaceFormSet
from base.admin_mixins import SharedLabelsInlineMixin
from base.admin_ordering import OrderedInlineMixin

from .forms import ActionPointForm, DocumentForm, EventForm
from .models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Document,
    Event,
    Intervention,
    KeyFigure,
    Objective,
)

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class WorkspaceInline(OrderedInlineMixin, SharedLabelsInlineMixin):
    """What every inline of the workspace shares."""

    formset = WorkspaceFormSet
    formfield_overrides = COMPACT_TEXT
    extra = 0
    parent_object = None  # the meeting (or agenda item) edited, set by get_formset()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            # Only "add": a row of four icons under every select doubles each row's height,
            # and the chosen person or organisation opens from its own admin page.
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field

    def get_formset(self, request, obj=None, **kwargs):
        # The inline is made anew for each request, so the parent can be kept on it for the
        # choice fields to be narrowed to it.
        self.parent_object = obj
        return super().get_formset(request, obj, **kwargs)


class InterventionInline(WorkspaceInline, nested_admin.NestedStackedInline):
    # Stacked, paired fields: a summary and four autocompletes are too wide for one table row.
    model = Intervention
    fields = [
        ("position", "kind"),
        ("organization", "speaker"),
        ("on_behalf_of", "speaking_as"),
        "summary",
        ("countries", "action_groups"),
    ]
    autocomplete_fields = ["organization", "speaker", "on_behalf_of", "countries", "action_groups"]
    sortable_field_name = "position"
    sortable_excludes = ["position", "kind"]

    class Media:
        js = ["admin/js/jquery.init.js", "workspace/speaker_choices.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organization", "agenda_item__meeting")  # each row's title
            .prefetch_related("on_behalf_of", "countries", "action_groups")
        )


class KeyFigureInline(WorkspaceInline, nested_admin.NestedTabularInline):
    model = KeyFigure
    fields = ["position", "value", "at_least", "label", "reported_by"]
    autocomplete_fields = ["reported_by"]
    sortable_field_name = "position"
    sortable_excludes = ["position", "at_least"]
    classes = ["collapse"]


class EventMentionedInline(WorkspaceInline, nested_admin.NestedTabularInline):
    model = Event
    fk_name = "mentioned_at"
    verbose_name = _("event mentioned")
    verbose_name_plural = _("events mentioned")
    form = EventForm
    fields = ["title", "kind", "status", "start_date", "end_date", "city"]
    sortable_excludes = ["kind", "status", "date_precision"]
    show_change_link = True
    classes = ["collapse"]


def _agenda_item_rows():
    """An agenda item's nested rows, for all the meeting's agenda items at once."""
    return [
        models.Prefetch(
            "interventions",
            queryset=Intervention.objects.order_by("position")
            .select_related("organization")
            .prefetch_related("on_behalf_of", "countries", "action_groups"),
        ),
        models.Prefetch("key_figures", queryset=KeyFigure.objects.order_by("position", "pk")),
        models.Prefetch("events_mentioned", queryset=Event.objects.order_by("start_date", "title")),
    ]


class AgendaItemInline(WorkspaceInline, nested_admin.NestedStackedInline):
    model = AgendaItem
    fields = ["number", "title", "narrative"]
    sortable_field_name = "number"
    sortable_excludes = ["number"]
    inlines = [InterventionInline, KeyFigureInline, EventMentionedInline]
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("meeting")
            .prefetch_related(*_agenda_item_rows())
        )


class ObjectiveInline(WorkspaceInline, nested_admin.NestedTabularInline):
    model = Objective
    fields = ["position", "text"]
    sortable_field_name = "position"
    sortable_excludes = ["position"]


class AttendanceInline(WorkspaceInline, nested_admin.NestedTabularInline):
    model = Attendance
    fields = ["position", "person", "organization", "listed_as", "mode"]
    autocomplete_fields = ["person", "organization"]
    sortable_field_name = "position"
    sortable_excludes = ["position", "mode"]
    # Its heading offers the participant-list import (meetings/admin.py, MeetingAdmin).
    template = "admin/meetings/meeting/attendance_inline.html"

    def get_queryset(self, request):
        # Each row is titled with its __str__, which names the person and the meeting.
        return super().get_queryset(request).select_related("person", "meeting")


class MeetingPartsChoicesMixin:
    """The agenda-item and intervention choices of a meeting's row: that meeting's only."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        meeting = self.parent_object
        if db_field.name == "agenda_item":
            kwargs["queryset"] = AgendaItem.objects.filter(meeting=meeting).select_related(
                "meeting"
            )
        elif db_field.name == "intervention":
            kwargs["queryset"] = (
                Intervention.objects.filter(agenda_item__meeting=meeting)
                .select_related("agenda_item__meeting", "organization")
                .order_by("agenda_item__number", "position")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ActionPointInline(
    MeetingPartsChoicesMixin, WorkspaceInline, nested_admin.NestedStackedInline
):
    model = ActionPoint
    fk_name = "meeting"
    form = ActionPointForm
    fields = [
        ("position", "kind", "status"),
        "text",
        "agenda_item",
        "intervention",
        "owners",
        "due_date",
        ("countries", "action_groups"),
    ]
    autocomplete_fields = ["owners", "countries", "action_groups"]
    sortable_field_name = "position"
    sortable_excludes = ["position", "status"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("meeting")
            .prefetch_related("owners", "countries", "action_groups")
        )


class DocumentInline(MeetingPartsChoicesMixin, WorkspaceInline, nested_admin.NestedStackedInline):
    model = Document
    form = DocumentForm
    fields = [
        ("title", "kind"),
        ("url", "file"),
        "date",
        "agenda_item",
        "organizations",
    ]
    autocomplete_fields = ["organizations"]
    formfield_overrides = {**COMPACT_TEXT, models.URLField: {"assume_scheme": "https"}}
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizations")
