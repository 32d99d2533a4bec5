"""The meetings' admin: every model's registration. The meeting's own page (its workspace) is
meeting_page.py; each other file serves one page or one part of the meetings' pages."""

import nested_admin
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from base.admin.mixins import SelectRelatedAdminMixin
from base.admin.model_admin import PortalModelAdmin
from base.record.partial_dates import format_partial_date
from meetings.forms import ActionPointForm, EventForm, OfficeTermForm
from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Document,
    Event,
    Intervention,
    KeyFigure,
    Meeting,
    Objective,
    OfficeTerm,
)

from .briefing_pack import PACK_FIELDS, BriefingPackAdminMixin, InBriefingPackFilter
from .followups import FollowUpActionsMixin
from .meeting_page import MeetingAdmin
from .meeting_parts import MeetingPartAdminMixin
from .workspace import WorkspaceAdminMixin
from .workspace_inlines import (
    COMPACT_TEXT,
    InterventionInline,
    KeyFigureInline,
)

admin.site.register(Meeting, MeetingAdmin)


@admin.register(AgendaItem)
class AgendaItemAdmin(
    WorkspaceAdminMixin, nested_admin.NestedModelAdminMixin, MeetingPartAdminMixin, PortalModelAdmin
):
    list_display = ["title", "number", "meeting", "intervention_count"]
    # Explicit: the count annotation (GROUP BY) drops Meta.ordering, and the autocomplete pages.
    ordering = ["-meeting__date", "number"]
    list_filter = ["meeting"]
    search_fields = ["title", "meeting__title"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    inlines = [InterventionInline, KeyFigureInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("meeting")
            .annotate(intervention_count=Count("interventions"))
        )

    @admin.display(description=_("interventions"), ordering="intervention_count")
    def intervention_count(self, obj):
        return obj.intervention_count


@admin.register(Intervention)
class InterventionAdmin(MeetingPartAdminMixin, SelectRelatedAdminMixin, PortalModelAdmin):
    list_display = ["short_summary", "organization", "speaker", "kind", "agenda_item", "meeting"]
    list_filter = ["kind", "agenda_item__meeting", "organization__kind"]
    search_fields = [
        "summary",
        "organization__name",
        "organization__acronym",
        "speaker__name",
        "agenda_item__title",
    ]
    list_select_related = ["agenda_item__meeting", "organization", "speaker"]
    meeting_path = "agenda_item__meeting"
    autocomplete_fields = [
        "agenda_item",
        "organization",
        "speaker",
        "on_behalf_of",
        "countries",
        "action_groups",
    ]
    formfield_overrides = COMPACT_TEXT

    class Media:
        # The speaker autocomplete lists the chosen organisation's people first.
        js = ["admin/js/jquery.init.js", "workspace/speaker_choices.js"]

    @admin.display(description=_("summary"))
    def short_summary(self, obj):
        return obj.summary[:100]

    @admin.display(description=_("meeting"), ordering="agenda_item__meeting__date")
    def meeting(self, obj):
        return obj.agenda_item.meeting


@admin.register(Attendance)
class AttendanceAdmin(MeetingPartAdminMixin, SelectRelatedAdminMixin, PortalModelAdmin):
    list_display = [
        "person",
        "organization",
        "listed_as",
        "position_held",
        "mode",
        "position",
        "meeting",
    ]
    list_filter = ["mode", "meeting", "organization__kind"]
    search_fields = ["person__name", "organization__name", "organization__acronym", "listed_as"]
    list_select_related = ["person", "organization", "meeting"]
    autocomplete_fields = ["meeting", "person", "organization"]


@admin.register(ActionPoint)
class ActionPointAdmin(FollowUpActionsMixin, MeetingPartAdminMixin, PortalModelAdmin):
    form = ActionPointForm
    # "status" is the stored, editable one; "shown_status" what the pages show today (Overdue).
    list_display = [
        "short_text",
        "kind",
        "status",
        "shown_status",
        "due_display",
        "owner_names",
        "meeting",
        "closed_at",
        "carried_over_to",
    ]
    list_editable = ["status"]
    list_filter = ["status", "kind", "meeting"]
    search_fields = ["text", "owners__name", "owners__acronym"]
    list_select_related = ["meeting"]
    autocomplete_fields = [
        "meeting",
        "agenda_item",
        "intervention",
        "closed_at",
        "carried_over_to",
        "owners",
        "countries",
        "action_groups",
    ]
    formfield_overrides = COMPACT_TEXT

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("meeting", "closed_at", "carried_over_to")
            .prefetch_related("owners")
        )

    @admin.display(description=_("what was agreed or asked"))
    def short_text(self, obj):
        return obj.text[:80]

    @admin.display(description=_("due"), ordering="due_date")
    def due_display(self, obj):
        return format_partial_date(obj.due_date, obj.due_precision) or "–"

    @admin.display(description=_("owners"))
    def owner_names(self, obj):
        return ", ".join(owner.short_name for owner in obj.owners.all())

    @admin.display(description=_("shown as"))
    def shown_status(self, obj):
        return obj.display_status


@admin.register(Document)
class DocumentAdmin(BriefingPackAdminMixin, MeetingPartAdminMixin, PortalModelAdmin):
    list_display = [
        "title",
        "kind",
        "date_display",
        "file_display",
        "meeting",
        "agenda_item",
        *PACK_FIELDS,
    ]
    list_editable = PACK_FIELDS
    list_filter = ["kind", InBriefingPackFilter, "meeting"]
    search_fields = ["title", "description", "file_name"]
    list_select_related = ["meeting", "agenda_item__meeting"]
    autocomplete_fields = [
        "meeting",
        "agenda_item",
        "organizations",
        "countries",
        "action_groups",
    ]
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = {**COMPACT_TEXT, models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj):
        return format_partial_date(obj.date, obj.date_precision) or "–"

    @admin.display(description=_("file"), ordering="file_name")
    def file_display(self, obj):
        if not obj.file:
            return "–"
        return f"{obj.file_label}, {filesizeformat(obj.file_size)}"


@admin.register(Event)
class EventAdmin(MeetingPartAdminMixin, PortalModelAdmin):
    form = EventForm
    # "status" as recorded; "shown_status" as the pages show it today (a past plan, dated).
    list_display = ["title", "kind", "status", "shown_status", "date_display", "city", "meeting"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "city", "description"]
    list_select_related = ["meeting", "mentioned_at__meeting"]
    meeting_path = "mentioned_at__meeting"
    autocomplete_fields = ["meeting", "mentioned_at", "action_groups", "countries"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    formfield_overrides = COMPACT_TEXT

    @admin.display(description=_("dates"), ordering="start_date")
    def date_display(self, obj):
        return format_partial_date(obj.start_date, obj.date_precision, obj.end_date)

    @admin.display(description=_("shown as"))
    def shown_status(self, obj):
        return obj.display_status


@admin.register(KeyFigure)
class KeyFigureAdmin(MeetingPartAdminMixin, SelectRelatedAdminMixin, PortalModelAdmin):
    list_display = ["value", "at_least", "label", "reported_by", "agenda_item", "meeting"]
    list_filter = ["agenda_item__meeting"]
    search_fields = ["label", "reported_by__name", "reported_by__acronym"]
    list_select_related = ["agenda_item__meeting", "reported_by"]
    meeting_path = "agenda_item__meeting"
    autocomplete_fields = ["agenda_item", "reported_by"]

    @admin.display(description=_("meeting"), ordering="agenda_item__meeting__date")
    def meeting(self, obj):
        return obj.agenda_item.meeting


@admin.register(Objective)
class ObjectiveAdmin(MeetingPartAdminMixin, SelectRelatedAdminMixin, PortalModelAdmin):
    list_display = ["text", "position", "meeting"]
    list_filter = ["meeting"]
    search_fields = ["text"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    formfield_overrides = COMPACT_TEXT


@admin.register(OfficeTerm)
class OfficeTermAdmin(SelectRelatedAdminMixin, PortalModelAdmin):
    form = OfficeTermForm
    list_display = ["office", "country", "person", "start_display", "end_display", "source_meeting"]
    list_filter = ["office"]
    search_fields = ["country__name", "person__name"]
    list_select_related = ["country", "person", "source_meeting"]
    autocomplete_fields = ["country", "person", "source_meeting"]

    @admin.display(description=_("from"), ordering="start_date")
    def start_display(self, obj):
        return format_partial_date(obj.start_date, obj.start_precision)

    @admin.display(description=_("until"), ordering="end_date")
    def end_display(self, obj):
        return format_partial_date(obj.end_date, obj.end_precision)
