"""A meeting's interventions and attendance as CSV, for anyone who may see the meeting (a draft's
are for staff only). Names and organisations as the record gives them; never an address."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from base.exports.csv_safety import csv_response

from .models import Attendance, Intervention, Meeting


def visible_meeting(request, slug):
    return get_object_or_404(Meeting.objects.visible_to(request.user), slug=slug)


@require_safe
def interventions_csv(request, slug):
    meeting = visible_meeting(request, slug)
    interventions = (
        Intervention.objects.filter(agenda_item__meeting=meeting)
        .select_related("agenda_item", "organization", "speaker")
        .prefetch_related("on_behalf_of")
        .order_by("agenda_item__number", "position")
    )
    header = [
        # Not a person's position (the directory's "Position"): the order under the agenda item.
        pgettext("order of an intervention under its agenda item", "Position"),
        _("Agenda item"),
        _("Organisation"),
        _("Speaker"),
        _("Speaking as"),
        _("On behalf of"),
        _("Kind"),
        _("Summary"),
    ]
    rows = (
        [
            intervention.position,
            intervention.agenda_item.number_and_title,
            intervention.organization.name,
            intervention.speaker.name if intervention.speaker else "",
            intervention.speaking_as,
            "; ".join(organization.name for organization in intervention.on_behalf_of.all()),
            intervention.get_kind_display(),
            intervention.summary,
        ]
        for intervention in interventions
    )
    return csv_response(f"{meeting.slug}-interventions.csv", header, rows)


@require_safe
def attendance_csv(request, slug):
    meeting = visible_meeting(request, slug)
    attendances = (
        Attendance.objects.filter(meeting=meeting)
        .select_related("person", "organization")
        .order_by("mode", "position", "pk")
    )
    header = [_("Name"), _("Organisation as listed"), _("Attended")]
    rows = (
        [
            attendance.person.name,
            attendance.listed_as or attendance.organization.name,
            attendance.get_mode_display(),
        ]
        for attendance in attendances
    )
    return csv_response(f"{meeting.slug}-attendance.csv", header, rows)
