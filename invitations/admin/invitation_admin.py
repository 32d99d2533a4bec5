"""Inviting people to a meeting, and the e-mails sent to them (issue 21): the invitations' list,
with the invite page (invite_page.py) and the actions that send the e-mails
(invitations.sending)."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.admin.mixins import SelectRelatedAdminMixin
from base.admin.model_admin import PortalModelAdmin

from ..models import Invitation, SentEmail
from ..sending import send_date_confirmed, send_invitations, send_reminders
from .invite_page import invite_view


@admin.register(Invitation)
class InvitationAdmin(SelectRelatedAdminMixin, PortalModelAdmin):
    list_display = [
        "person",
        "meeting",
        "invited_as",
        "language",
        "answer",
        "organization",
        "answered_at",
        "emails_sent",
    ]
    list_filter = ["meeting", "answer", "language"]
    search_fields = ["person__name", "organization__name", "delegate_name"]
    list_select_related = ["person", "meeting", "organization"]
    autocomplete_fields = ["meeting", "person", "organization"]
    actions = ["send_invitation_action", "send_reminder_action", "send_date_confirmed_action"]
    change_list_template = "admin/invitations/invitation/change_list.html"

    def get_queryset(self, request):
        sent = SentEmail.objects.order_by("sent_on", "kind")
        return super().get_queryset(request).prefetch_related(Prefetch("sent_emails", sent))

    @admin.display(description=gettext_lazy("e-mails sent"))
    def emails_sent(self, obj):
        return "; ".join(str(sent) for sent in obj.sent_emails.all())

    def get_urls(self):
        return [
            path(
                "invite/",
                self.admin_site.admin_view(self.invite_view),
                name="invitations_invitation_invite",
            ),
            *super().get_urls(),
        ]

    def invite_view(self, request):
        return invite_view(self, request)

    def changelist_view(self, request, extra_context=None):
        meeting = request.GET.get("meeting__id__exact", "")
        invite_url = reverse("admin:invitations_invitation_invite")
        if meeting:
            invite_url += f"?meeting={meeting}" if meeting.isdigit() else ""
        extra_context = {
            **(extra_context or {}),
            "invite_url": invite_url if self.has_add_permission(request) else None,
        }
        return super().changelist_view(request, extra_context)

    # The e-mails, to the invitations chosen ----------------------------------------------------

    @admin.action(
        description=gettext_lazy("Send the invitation e-mail (again) to those chosen"),
        permissions=["change"],
    )
    def send_invitation_action(self, request, queryset):
        report_sent(request, queryset, send_invitations(selected=queryset))

    @admin.action(
        description=gettext_lazy("Send a reminder to those chosen who have not answered"),
        permissions=["change"],
    )
    def send_reminder_action(self, request, queryset):
        report_sent(request, queryset, send_reminders(selected=queryset))

    @admin.action(
        description=gettext_lazy("Tell those chosen that the meeting's date is confirmed"),
        permissions=["change"],
    )
    def send_date_confirmed_action(self, request, queryset):
        report_sent(request, queryset, send_date_confirmed(selected=queryset))


def report_sent(request, queryset, report):
    messages.success(request, _("E-mails sent: %(count)d.") % {"count": report.sent})
    if report.failed:
        messages.error(
            request,
            _(
                "The mail server did not take %(count)d e-mail(s) (%(error)s): they were not "
                "sent. Choose them again later; nobody gets one twice."
            )
            % {"count": report.failed, "error": report.error},
        )
    left = {
        _("already sent today"): report.already_today,
        _("declined by the invitee"): report.declined,
        _("no e-mail address"): report.without_address,
        _("not due (meeting cancelled or held, already answered or already told)"): (
            queryset.count() - report.considered
        ),
    }
    shown = [f"{why}: {count}" for why, count in left.items() if count]
    if shown:
        messages.warning(request, _("Not sent: %(reasons)s.") % {"reasons": "; ".join(shown)})
