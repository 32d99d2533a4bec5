"""The meeting workspace: everything of a meeting, edited on the meeting's own admin page.

Agenda items carry their interventions, key figures and events mentioned nested (nested_admin's
formsets); attendance, objectives, decisions and follow-ups, and documents hang off the meeting.
Each section is drawn by templates/admin/meetings/workspace/ with static/workspace/workspace.js: a
saved row is a line of text until opened (meetings.admin.workspace_rows), deletions are checked and
made for the whole page (meetings.admin.workspace_deletions). Every inline keeps a fixed number of
queries whatever the meeting's size: nested rows come from the agenda items' prefetch, what a row's
line names is selected with it, and a select's choices are read once per formset.
"""

import nested_admin
from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.utils.translation import gettext_lazy as _

from base.admin.mixins import SharedLabelsInlineMixin
from meetings.admin.ordering import OrderedInlineMixin
from meetings.admin.workspace_formsets import WorkspaceFormSet
from meetings.forms import ActionPointForm, EventForm
from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Document,
    Event,
    Intervention,
    KeyFigure,
    Objective,
)

from .briefing_pack import PACK_FIELDS, PackDocumentForm
from .workspace_deletions import DeferredDeletionsMixin, without_protected_check
from .workspace_rows import CompactRowsMixin

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class MeetingWorkspaceFormSet(CompactRowsMixin, DeferredDeletionsMixin, WorkspaceFormSet):
    pass


class WorkspaceInline(OrderedInlineMixin, SharedLabelsInlineMixin):
    """What every inline of the workspace shares."""

    template = "admin/meetings/workspace/inline.html"
    formset = MeetingWorkspaceFormSet
    formfield_overrides = COMPACT_TEXT
    extra = 0
    parent_object = None  # the meeting (or agenda item) edited, set by get_formset()
    related_shown = ()  # what a row's line names, read with the row
    workspace_note = None  # a template drawn under the section's heading
    choices_from_parent = False  # whether its fields' choices depend on the meeting

    class Media:
        js = ["admin/js/jquery.init.js", "workspace/workspace.js"]
        css = {"all": ["workspace/workspace.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            # Only "add": a row of four icons under every select doubles each row's height,
            # and the chosen person or organisation opens from its own admin page.
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field

    def get_queryset(self, request):
        # One queryset for all this inline's formsets on the page (nested_admin asks for it
        # once per agenda item); each formset filters it to its own parent.
        made = request.__dict__.setdefault("_workspace_querysets", {})
        if type(self) not in made:
            made[type(self)] = super().get_queryset(request).select_related(*self.related_shown)
        return made[type(self)]

    def get_formset(self, request, obj=None, **kwargs):
        # The inline is made anew for each request, so the parent can be kept on it for the
        # choice fields to be narrowed to it.
        self.parent_object = obj
        # One formset class for all this inline's formsets on the page (an agenda item's
        # interventions, one formset for each item): making one, its fields, widgets and
        # choices, costs milliseconds, ninety times over for a long meeting.
        key = (type(self), obj.pk if self.choices_from_parent and obj else obj is None)
        made = request.__dict__.setdefault("_workspace_formsets", {})
        if kwargs or key not in made:
            formset = super().get_formset(request, obj, **kwargs)
            formset.form = without_protected_check(formset.form)
            formset.related_shown = self.related_shown
            if kwargs:
                return formset
            made[key] = formset
        return made[key]


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
    related_shown = ("organization", "speaker")

    class Media:
        js = ["admin/js/jquery.init.js", "workspace/speaker_choices.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("on_behalf_of", "countries", "action_groups")
        )


class KeyFigureInline(WorkspaceInline, nested_admin.NestedTabularInline):
    model = KeyFigure
    fields = ["position", "value", "at_least", "label", "reported_by"]
    autocomplete_fields = ["reported_by"]
    sortable_field_name = "position"
    sortable_excludes = ["position", "at_least"]
    related_shown = ("reported_by",)


class EventMentionedInline(WorkspaceInline, nested_admin.NestedTabularInline):
    model = Event
    fk_name = "mentioned_at"
    verbose_name = _("event mentioned")
    verbose_name_plural = _("events mentioned")
    form = EventForm
    fields = ["title", "kind", "status", "start_date", "end_date", "city"]
    sortable_excludes = ["kind", "status", "date_precision"]
    show_change_link = True


def _agenda_item_rows():
    """An agenda item's nested rows, for all the meeting's agenda items at once."""
    return [
        models.Prefetch(
            "interventions",
            queryset=Intervention.objects.order_by("position")
            .select_related(*InterventionInline.related_shown)
            .prefetch_related("on_behalf_of", "countries", "action_groups"),
        ),
        models.Prefetch(
            "key_figures",
            queryset=KeyFigure.objects.select_related(*KeyFigureInline.related_shown).order_by(
                "position", "pk"
            ),
        ),
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
    fields = ["position", "person", "organization", "listed_as", "position_held", "mode"]
    autocomplete_fields = ["person", "organization"]
    sortable_field_name = "position"
    sortable_excludes = ["position", "mode"]
    related_shown = ("person", "organization")
    # Its heading offers the participant-list import (meetings/admin/__init__.py, MeetingAdmin).
    workspace_note = "admin/meetings/meeting/attendance_import_note.html"


class MeetingPartsChoicesMixin:
    """The agenda-item and intervention choices of a meeting's row: that meeting's only."""

    choices_from_parent = True

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
    form = PackDocumentForm
    fields = [
        ("title", "kind"),
        ("url", "file"),
        "date",
        "agenda_item",
        "organizations",
        PACK_FIELDS,
    ]
    autocomplete_fields = ["organizations"]
    formfield_overrides = {**COMPACT_TEXT, models.URLField: {"assume_scheme": "https"}}
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizations")
