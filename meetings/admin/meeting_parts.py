"""The admin pages of a meeting's parts (an agenda item, an intervention...) lead back to the
meeting: their breadcrumb names it, and "Save" returns to the meeting's workspace."""

from django.contrib.admin.options import IS_POPUP_VAR
from django.http import HttpResponseRedirect
from django.urls import reverse

# Asked for by the officer: stay on the part's page, or go to another one.
STAY_BUTTONS = ("_continue", "_addanother", "_saveasnew", IS_POPUP_VAR)


class MeetingPartAdminMixin:
    """For the admin of a model that hangs off a meeting.

    `meeting_path` is the relation to the meeting, e.g. "agenda_item__meeting"; the page's
    queryset selects it (`list_select_related` or get_queryset), so naming it costs no query.
    """

    change_form_template = "admin/meetings/meeting_part_change_form.html"
    meeting_path = "meeting"

    def meeting_of(self, obj):
        for name in self.meeting_path.split("__"):
            if obj is None:
                return None
            obj = getattr(obj, name)
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["part_of_meeting"] = self.meeting_of(obj) if obj is not None else None
        # By keyword: nested_admin's render_change_form() takes `obj` third.
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def response_change(self, request, obj):
        return self._back_to_meeting(request, obj, super().response_change(request, obj))

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self._back_to_meeting(request, obj, response)

    def _back_to_meeting(self, request, obj, response):
        meeting = self.meeting_of(obj)
        stays = any(button in request.POST for button in STAY_BUTTONS)
        if meeting is None or stays or not isinstance(response, HttpResponseRedirect):
            return response
        return HttpResponseRedirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
