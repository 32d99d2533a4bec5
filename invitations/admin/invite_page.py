"""The Secretariat's page for inviting people to a meeting: everyone in a group (all GCG
members, the members of action groups, a contact of each member organisation) and people chosen
by name; each group's definition and size said on the page (invitations.invitees)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actiongroups.models import ActionGroup
from base.record.visibility import PublicationStatus
from meetings.models import Meeting
from partners.models import Person

from .. import invitees
from ..inviting import InvitingRefused, invitations_create
from ..models import Invitation
from ..rules import inviting_refused

TEMPLATE = "admin/invitations/invitation/invite.html"


def meeting_label(meeting):
    return f"{meeting.title} ({meeting.when}, {meeting.city})"


def invitable_meetings(today):
    """The meetings that take invitations now, soonest first. One query: those still to come
    are few."""
    first_of_the_month = today.replace(day=1)
    rows = Meeting.objects.filter(
        cancelled=False, status=PublicationStatus.DRAFT, date__gte=first_of_the_month
    ).order_by("date", "number")
    return [meeting for meeting in rows if inviting_refused(meeting, today) is None]


class InviteForm(forms.Form):
    meeting = forms.ModelChoiceField(Meeting.objects.all(), label=gettext_lazy("Meeting"))
    gcg_members = forms.BooleanField(label=gettext_lazy("All GCG members"), required=False)
    action_groups = forms.ModelMultipleChoiceField(
        ActionGroup.objects.order_by("name"),
        label=gettext_lazy("The members of these action groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation_contacts = forms.BooleanField(
        label=gettext_lazy("A contact of each member organisation"), required=False
    )
    people = forms.ModelMultipleChoiceField(
        Person.objects.filter(erased_at__isnull=True),
        label=gettext_lazy("These people"),
        required=False,
        help_text=gettext_lazy("Type a name to find them; anyone in the record may be invited."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of their e-mails"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=gettext_lazy(
            "For the new invitations; each invitee may change it when answering."
        ),
    )

    def __init__(self, *args, admin_site, meetings, counts, group_sizes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].widget.choices = [("", "---------")] + [
            (meeting.pk, meeting_label(meeting)) for meeting in meetings
        ]
        # The groups' names and sizes as invitees.sizes read them: not read again to be shown.
        self.fields["action_groups"].widget.choices = [
            (
                group.pk,
                ngettext("%(name)s (%(count)d person)", "%(name)s (%(count)d people)", size)
                % {"name": group.name, "count": size},
            )
            for group, size in group_sizes
        ]
        for name, key in [
            ("gcg_members", invitees.GCG_MEMBERS),
            ("organisation_contacts", invitees.ORGANISATION_CONTACTS),
        ]:
            self.fields[name].help_text = ngettext(
                "%(definition)s Now %(count)d person.",
                "%(definition)s Now %(count)d people.",
                counts[key],
            ) % {"definition": invitees.DESCRIPTIONS[key], "count": counts[key]}
        self.fields["action_groups"].help_text = invitees.DESCRIPTIONS["action_group"]
        people = self.fields["people"]
        people.widget = AutocompleteSelectMultiple(Invitation._meta.get_field("person"), admin_site)
        people.widget.choices = people.choices

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        refused = inviting_refused(meeting)
        if refused:
            raise forms.ValidationError(refused, code="refused")
        return meeting

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in ("gcg_members", "organisation_contacts")]
        if not any(chosen) and not cleaned.get("action_groups") and not cleaned.get("people"):
            raise forms.ValidationError(_("Choose a group or people to invite."), code="nobody")
        return cleaned

    def groups(self):
        """The people chosen, group by group, in the order their invitations name them."""
        data = self.cleaned_data
        groups = []
        if data["gcg_members"]:
            groups.append(invitees.gcg_members())
        groups += invitees.action_group_members(list(data["action_groups"]))
        if data["organisation_contacts"]:
            groups.append(invitees.organisation_contacts())
        groups.append(invitees.individuals(data["people"]))
        return groups


def invite_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    today = timezone.localdate()
    counts, group_sizes = invitees.sizes()
    options = {
        "admin_site": model_admin.admin_site,
        "meetings": invitable_meetings(today),
        "counts": counts,
        "group_sizes": group_sizes,
    }
    asked = None
    if request.method == "POST":
        form = InviteForm(request.POST, **options)
        if form.is_valid():
            meeting = form.cleaned_data["meeting"]
            try:
                invited = invitations_create(
                    meeting, form.groups(), form.cleaned_data["language"], by=request.user
                )
            except InvitingRefused as refused:
                form.add_error("meeting", str(refused))
            else:
                report_invited(request, meeting, invited)
                changelist = reverse("admin:invitations_invitation_changelist")
                return redirect(f"{changelist}?meeting__id__exact={meeting.pk}")
    else:
        asked = Meeting.objects.filter(pk=_number(request.GET.get("meeting"))).first()
        form = InviteForm(initial={"meeting": asked}, **options)
    refused = inviting_refused(asked, today) if asked is not None else None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Invite people to a meeting"),
        "form": form,
        "refused": refused,
        "reachable": invitees.DESCRIPTIONS["reachable"],
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, TEMPLATE, context)


def _number(value):
    # A key the database can hold, or none (any other text names no meeting).
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


def report_invited(request, meeting, invited):
    messages.success(
        request,
        ngettext(
            "%(count)d person newly invited to %(meeting)s.",
            "%(count)d people newly invited to %(meeting)s.",
            invited.new,
        )
        % {"count": invited.new, "meeting": meeting},
    )
    if invited.already:
        messages.info(
            request,
            ngettext(
                "%(count)d was invited already, and left as they were.",
                "%(count)d were invited already, and left as they were.",
                invited.already,
            )
            % {"count": invited.already},
        )
    if invited.new:
        messages.info(
            request,
            _(
                "No e-mail has been sent yet: choose the invitations below and the action “Send "
                "the invitation e-mail”, or run manage.py send_invitations."
            ),
        )
