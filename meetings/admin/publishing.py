"""Publish… and Return to draft… in the meeting's admin: from the meeting's page or as an action
on the list, each through a confirmation page; publishing's first lists what looks unfinished
(meetings.publishing), and can go ahead anyway, and says what it does to the calendar
(meetings.calendar_entries). A meeting that cannot be published (its day not yet known, or
cancelled) is named with the reason, and left as it is."""

import dataclasses
import hashlib
import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.record.visibility import PublicationStatus
from meetings.calendar_entries import RULE, calendar_changes
from meetings.publishing import (
    meetings_publish,
    meetings_return_to_draft,
    what_looks_unfinished,
    why_not_publishable,
)


class PublishingAdminMixin:
    """For the meeting's ModelAdmin. The status is read-only on the form: it changes only
    through these confirmations, so no meeting is published without the check."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if "status" in readonly else [*readonly, "status"]

    def save_model(self, request, obj, form, change):
        if change:
            # A revert to an earlier version (django-simple-history) brings back that version's
            # status too: the status stays as it is, and changes only through the confirmations.
            saved = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True)
            obj.status = saved.first() or obj.status
        super().save_model(request, obj, form, change)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name=f"{name}_publish",
            ),
            path(
                "<path:object_id>/return-to-draft/",
                self.admin_site.admin_view(self.return_to_draft_view),
                name=f"{name}_return_to_draft",
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.actions is None or IS_POPUP_VAR in request.GET:
            return actions
        if self.has_change_permission(request):
            for action in (publish_selected, return_selected_to_draft):
                actions[action.__name__] = self.get_action(action)
        return actions

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            publish = obj.status == PublicationStatus.DRAFT
            view = "publish" if publish else "return_to_draft"
            tool = {
                "url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
                    args=[obj.pk],
                    current_app=self.admin_site.name,
                ),
                "label": _("Publish…") if publish else _("Return to draft…"),
            }
            context["extra_object_tools"] = [*context.get("extra_object_tools", []), tool]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def publish_view(self, request, object_id):
        return self.status_change(request, self._one(request, object_id), publish=True)

    def return_to_draft_view(self, request, object_id):
        return self.status_change(request, self._one(request, object_id), publish=False)

    def _one(self, request, object_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None:
            raise Http404
        return self.model._default_manager.filter(pk=meeting.pk)

    def status_change(self, request, queryset, publish, action=None):
        """The confirmation page, and on confirmation the change. `action`: the name of the
        list's action that asked, whose form the confirmation posts back to."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        meetings = list(
            self.model._default_manager.filter(pk__in=queryset.values("pk")).order_by("number")
        )
        wanted = PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
        to_change = [meeting for meeting in meetings if meeting.status != wanted]
        problems, calendar, refused = {}, {}, {}
        if publish and to_change:
            looked_at = self.model._default_manager.filter(pk__in=[m.pk for m in to_change])
            refused = why_not_publishable(looked_at)
            problems = what_looks_unfinished(looked_at)
            calendar = calendar_changes([m for m in to_change if m.pk not in refused])
        checked = _digest(to_change, problems, calendar, refused)
        confirmed = request.method == "POST" and request.POST.get("post") == "yes"
        changed_meanwhile = confirmed and request.POST.get("checked") != checked
        if confirmed and not changed_meanwhile:
            return self._change(request, meetings, publish, single=action is None)

        title = _("Publish") if publish else _("Return to draft")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": (
                _("%(action)s: %(meeting)s") % {"action": title, "meeting": meetings[0]}
                if action is None
                else _("%(action)s: the selected meetings") % {"action": title}
            ),
            "original": meetings[0] if action is None else None,
            "publish": publish,
            "rows": [
                (
                    meeting,
                    problems.get(meeting.pk, []),
                    calendar.get(meeting.pk),
                    refused.get(meeting.pk, []),
                )
                for meeting in to_change
            ],
            # Publishing goes ahead for those that can be published; if none can, nothing to do.
            "can_change": not publish or len(refused) < len(to_change),
            "calendar_rule": RULE,
            "unchanged": [meeting for meeting in meetings if meeting.status == wanted],
            "any_problem": any(problems.values()),
            "checked": checked,
            "changed_meanwhile": changed_meanwhile,
            "action": action,
            "selected": meetings,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": (
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=[meetings[0].pk],
                    current_app=self.admin_site.name,
                )
                if action is None
                else reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
                    current_app=self.admin_site.name,
                )
            ),
        }
        return TemplateResponse(
            request, "admin/meetings/meeting/status_change_confirmation.html", context
        )

    def _change(self, request, meetings, publish, single):
        queryset = self.model._default_manager.filter(pk__in=[meeting.pk for meeting in meetings])
        refused = why_not_publishable(queryset) if publish else {}
        changed = meetings_publish(queryset) if publish else meetings_return_to_draft(queryset)
        for meeting in meetings:
            for reason in refused.get(meeting.pk, []):
                self.message_user(
                    request,
                    _("%(meeting)s was not published. %(reason)s")
                    % {"meeting": meeting, "reason": reason},
                    messages.ERROR,
                )
        if changed:
            template = (
                _("Published: %(meetings)s.") if publish else _("Returned to draft: %(meetings)s.")
            )
            names = ", ".join(str(meeting) for meeting in changed)
            self.message_user(request, template % {"meetings": names}, messages.SUCCESS)
        if single:
            return redirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=[meetings[0].pk],
                    current_app=self.admin_site.name,
                )
            )
        return None  # the list's action: the admin goes back to the list


def _digest(meetings, problems, calendar, refused):
    """What the confirmation page showed (what looks unfinished, what happens to the calendar,
    what cannot be published): confirming it changes only what was looked at."""
    shown = [
        [
            meeting.pk,
            meeting.status,
            problems.get(meeting.pk, []),
            calendar[meeting.pk].as_json() if meeting.pk in calendar else None,
            refused.get(meeting.pk, []),
        ]
        for meeting in meetings
    ]
    return hashlib.sha256(json.dumps(shown, default=dataclasses.asdict).encode()).hexdigest()


@admin.action(description=gettext_lazy("Publish the selected meetings…"))
def publish_selected(model_admin, request, queryset):
    return model_admin.status_change(request, queryset, publish=True, action="publish_selected")


@admin.action(description=gettext_lazy("Return the selected meetings to draft…"))
def return_selected_to_draft(model_admin, request, queryset):
    return model_admin.status_change(
        request, queryset, publish=False, action="return_selected_to_draft"
    )
