"""The admin's bulk actions on follow-ups: "Mark done" and "Carry over", each asking for the
meeting first, each row's change kept in its history with who, when and why.

"Carry over" means: the meeting chosen reviewed the follow-up and kept it open. Its status stays
as it is (open or in progress); `carried_over_to` records that meeting, and the follow-up arises
again at every later meeting until it is closed.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from meetings.models import ActionPoint, ActionPointStatus, Meeting

# Kept in each row's history, as the record's other stored reasons are: in English.
MARK_DONE_REASON = "Bulk action: mark done"
CARRY_OVER_REASON = "Bulk action: carry over"


class MeetingChoiceForm(forms.Form):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.order_by("-date", "-number"), label=_("Meeting")
    )


class MarkDoneForm(MeetingChoiceForm):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.order_by("-date", "-number"),
        label=_("Closed at"),
        required=False,
        empty_label=_("No meeting: closed today, between meetings"),
        help_text=_("The later meeting that noted them done, where one did."),
    )


class CarryOverForm(MeetingChoiceForm):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.order_by("-date", "-number"),
        label=_("Carried over at"),
        help_text=_(
            "The meeting that reviewed them and kept them open. Their status stays as it is."
        ),
    )


def mark_done(point, meeting, today):
    """Done, closed at `meeting` (or today); False, unchanged, where that cannot be."""
    if point.status == ActionPointStatus.DONE:
        return False
    if meeting is not None and meeting.date <= point.meeting.date:
        return False
    point.status = ActionPointStatus.DONE
    point.closed_at = meeting
    point.closed_on = None
    point.set_closing(today)
    return True


def carry_over(point, meeting, today):
    """Still open, carried over at `meeting`; False, unchanged, where that cannot be."""
    if point.is_closed or meeting.date <= point.meeting.date:
        return False
    point.carried_over_to = meeting
    return True


BULK_CHANGES = {
    "mark_done": (MarkDoneForm, mark_done, ["status", "closed_at", "closed_on"], MARK_DONE_REASON),
    "carry_over": (CarryOverForm, carry_over, ["carried_over_to"], CARRY_OVER_REASON),
}


def bulk_change(modeladmin, request, queryset, action, title):
    """The confirmation page, then the change: one UPDATE and one history INSERT for all rows."""
    form_class, change, fields, reason = BULK_CHANGES[action]
    form = form_class(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "opts": modeladmin.model._meta,
            "form": form,
            "points": queryset.select_related("meeting"),
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/meetings/actionpoint/bulk_change.html", context)
    meeting, today = form.cleaned_data["meeting"], timezone.localdate()
    with transaction.atomic():
        points = list(queryset.select_related("meeting").select_for_update(of=("self",)))
        changed = [point for point in points if change(point, meeting, today)]
        bulk_update_with_history(
            changed,
            ActionPoint,
            fields,
            default_user=request.user,
            default_change_reason=reason,
        )
    modeladmin.message_user(
        request,
        ngettext("%(count)d follow-up changed.", "%(count)d follow-ups changed.", len(changed))
        % {"count": len(changed)},
        messages.SUCCESS,
    )
    if len(changed) < len(points):
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d left as it was: already done, or decided at or after that meeting.",
                "%(count)d left as they were: already done, or decided at or after that meeting.",
                len(points) - len(changed),
            )
            % {"count": len(points) - len(changed)},
            messages.WARNING,
        )
    return None


class FollowUpActionsMixin:
    """For the ActionPoint admin: the two bulk actions, for those who may change follow-ups."""

    actions = ["mark_done_action", "carry_over_action"]

    @admin.action(description=_("Mark done"), permissions=["change"])
    def mark_done_action(self, request, queryset):
        return bulk_change(self, request, queryset, "mark_done", _("Mark done"))

    @admin.action(description=_("Carry over (stays open)"), permissions=["change"])
    def carry_over_action(self, request, queryset):
        return bulk_change(self, request, queryset, "carry_over", _("Carry over"))
