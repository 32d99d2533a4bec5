"""A meeting's registrations as CSV, for the Secretariat: one line per invitee, in the order of
their names, every cell safe to open in a spreadsheet (base.exports.csv_safety). The invitee's
own addresses are not in it (the directory's export has them, for those who may read them); the
delegate's, given in the answer, are."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from base.exports.csv_safety import csv_response
from partners.stakeholder_groups import StakeholderGroup, group_of

from .models import Answer, Invitation
from .registration_counts import answer_label, organization_counted


def registrations_of(meeting):
    """The meeting's invitations as the list and the export show them, in a stable order."""
    return (
        Invitation.objects.filter(meeting=meeting)
        .select_related("person__organization", "organization")
        .order_by("person__sort_key", "person__name", "pk")
    )


def registration_header():
    return [
        _("Name"),
        _("Organisation"),
        _("Answered for"),
        _("Stakeholder group"),
        pgettext("the column of what each invitee answered", "Answer"),
        _("Delegate"),
        _("Delegate's position"),
        _("Delegate's e-mail address"),
        _("The delegate attends"),
        _("Answered at (UTC)"),
        _("Invited as"),
    ]


def registration_row(invitation):
    delegate = invitation.answer == Answer.DELEGATE
    organization = organization_counted(invitation)
    answered_at = invitation.answered_at
    return [
        invitation.person.name,
        invitation.person.organization.name,
        invitation.organization.name if invitation.organization else "",
        StakeholderGroup(group_of(organization.kind)).label,
        answer_label(invitation.answer),
        invitation.delegate_name if delegate else "",
        invitation.delegate_position if delegate else "",
        invitation.delegate_email if delegate else "",
        invitation.get_delegate_mode_display() if delegate else "",
        answered_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M") if answered_at else "",
        invitation.invited_as,
    ]


def registrations_csv(meeting):
    rows = (registration_row(invitation) for invitation in registrations_of(meeting))
    return csv_response(f"{meeting.slug}-registrations.csv", registration_header(), rows)
