"""The meeting's own admin page: the workspace where the meeting and all its parts are recorded,
its publishing, its participant-list import and its history as one timeline."""

import nested_admin
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from base.admin.model_admin import PortalModelAdmin
from meetings.calendar_entries import meeting_event_keep_in_step

from .before_the_meeting import BeforeTheMeetingAdminMixin, name_plans_left_beside
from .history_page import meeting_history_view
from .participant_import_page import import_participants
from .publishing import PublishingAdminMixin
from .workspace import WorkspaceAdminMixin
from .workspace_inlines import (
    ActionPointInline,
    AgendaItemInline,
    AttendanceInline,
    DocumentInline,
    ObjectiveInline,
)

# Saves the meeting, then opens the participant-list import for it (the add and change forms).
IMPORT_AFTER_SAVE = "_import_participants"


class MeetingAdmin(
    WorkspaceAdminMixin,
    # nested_admin before the others: its render_change_form() takes `obj` third, so it is
    # called by keyword.
    nested_admin.NestedModelAdminMixin,
    PublishingAdminMixin,
    BeforeTheMeetingAdminMixin,
    PortalModelAdmin,
):
    """The meeting workspace: the meeting and all its parts, recorded from its one page."""

    list_display = [
        "number",
        "title",
        "date",
        "city",
        "status",
        "agenda_item_count",
        "participant_count",
    ]
    list_display_links = ["number", "title"]
    # As the public lists page: the admin's 100 doubled the page's rows, its bytes and its time.
    list_per_page = 50
    list_filter = ["status"]
    search_fields = ["title", "city"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["chair"]
    view_on_site = True
    inlines = [
        ObjectiveInline,
        AgendaItemInline,
        AttendanceInline,
        ActionPointInline,
        DocumentInline,
    ]

    def get_queryset(self, request):
        # Its comment round (comment_rounds, named by relation: meetings does not import it),
        # for the page's link to it.
        return super().get_queryset(request).with_counts().select_related("comment_round")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A published or announced meeting's calendar entry follows its edits.
        meeting_event_keep_in_step(obj)
        name_plans_left_beside(self, request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self._then_import(request, obj, response)

    def response_change(self, request, obj):
        return self._then_import(request, obj, super().response_change(request, obj))

    def _then_import(self, request, obj, response):
        if IMPORT_AFTER_SAVE in request.POST and isinstance(response, HttpResponseRedirect):
            return redirect("admin:meetings_meeting_import_participants", obj.pk)
        return response

    @admin.display(description=_("agenda items"), ordering="agenda_item_count")
    def agenda_item_count(self, obj):
        return obj.agenda_item_count

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count

    def history_view(self, request, object_id, extra_context=None):
        return meeting_history_view(self, request, object_id, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/import-participants/",
                self.admin_site.admin_view(self.import_participants_view),
                name="meetings_meeting_import_participants",
            ),
            *super().get_urls(),
        ]

    def import_participants_view(self, request, object_id):
        return import_participants(self, request, object_id)
