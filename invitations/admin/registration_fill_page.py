"""The admin page that fills a meeting's attendance from its registrations: what it will do,
confirmed with one button; then the report of what it did, on the meeting's workspace, where the
officer corrects the attendance (invitations.attendance_from_registrations)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.models import Meeting

from ..attendance_from_registrations import attendance_fill, attendance_fill_plan

TEMPLATE = "admin/invitations/registration/fill_attendance.html"
# What the fill writes: the attendance, and the delegates it records as new people.
FILL_PERMISSIONS = ["meetings.add_attendance", "partners.add_person", "partners.add_emailaddress"]
# The workspace's attendance section (the inline formset's prefix, "-group").
ATTENDANCE_SECTION = "#attendances-group"


def may_fill_attendance(model_admin, request):
    """Whether the user may fill a meeting's attendance from its registrations."""
    return model_admin.has_view_permission(request) and request.user.has_perms(FILL_PERMISSIONS)


def workspace_attendance_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk]) + ATTENDANCE_SECTION


def fill_attendance(model_admin, request, meeting_id):
    if not may_fill_attendance(model_admin, request):
        raise PermissionDenied
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    plan = refusal = None
    try:
        if request.method == "POST":
            plan = attendance_fill(meeting)
            report_fill(request, plan)
            return redirect(workspace_attendance_url(meeting))
        plan = attendance_fill_plan(meeting)
    except ValidationError as error:
        refusal = error.messages
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Fill the attendance of %(meeting)s from its registrations")
        % {"meeting": meeting},
        "meeting": meeting,
        "plan": plan,
        "refusal": refusal,
        "workspace_url": workspace_attendance_url(meeting),
    }
    return TemplateResponse(request, TEMPLATE, context)


def report_fill(request, plan):
    """What the fill did, as messages on the workspace it leads to."""
    added = len(plan.added)
    messages.success(
        request,
        ngettext(
            "%(count)d person added to the attendance from the registrations: check them below.",
            "%(count)d people added to the attendance from the registrations: check them below.",
            added,
        )
        % {"count": added},
    )
    lists = [
        (_("Added:"), [_arrival(arrival) for arrival in plan.added], messages.INFO),
        (
            _("Already in the attendance, left as they were:"),
            [arrival.name for arrival in plan.already_there],
            messages.INFO,
        ),
        (
            _("Not attending:"),
            [invitation.person.name for invitation in plan.not_attending],
            messages.INFO,
        ),
        (
            _("No answer:"),
            [invitation.person.name for invitation in plan.no_answer],
            messages.INFO,
        ),
        (
            _("Not added, for you to add by hand:"),
            [
                _("%(name)s's delegate %(delegate)s (%(reason)s)")
                % {
                    "name": left.invitation.person.name,
                    "delegate": left.invitation.delegate_name,
                    "reason": left.reason,
                }
                for left in plan.left_to_the_officer
            ],
            messages.WARNING,
        ),
    ]
    for label, names, level in lists:
        if names:
            messages.add_message(request, level, f"{label} {'; '.join(names)}")


def _arrival(arrival):
    if arrival.for_whom:
        return _("%(name)s, %(how)s, for %(invitee)s, %(mode)s") % {
            "name": arrival.name,
            "how": arrival.matched_by,
            "invitee": arrival.for_whom,
            "mode": arrival.mode_label,
        }
    return _("%(name)s, %(mode)s") % {"name": arrival.name, "mode": arrival.mode_label}
