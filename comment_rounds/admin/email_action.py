"""The rounds' admin action that sends the e-mails due now for the rounds chosen
(comment_rounds.sending.send_due), and says what it sent, what it could not and why."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from invitations.models import EmailKind

from ..sending import send_due


@admin.action(description=gettext_lazy("Send the e-mails due to their reviewers"))
def send_round_emails_due(modeladmin, request, queryset):
    report = send_due(rounds=queryset)
    messages.success(request, _("E-mails sent: %(count)d.") % {"count": report.sent})
    for kind, kind_report in report.kinds.items():
        left = {
            _("declined by the reviewer"): kind_report.declined,
            _("no e-mail address"): kind_report.without_address,
        }
        shown = [f"{why}: {count}" for why, count in left.items() if count]
        if kind_report.sent or shown:
            messages.info(
                request,
                _("%(kind)s: sent %(sent)d.%(not_sent)s")
                % {
                    "kind": EmailKind(kind).label,
                    "sent": kind_report.sent,
                    "not_sent": (
                        " " + _("Not sent: %(reasons)s.") % {"reasons": "; ".join(shown)}
                        if shown
                        else ""
                    ),
                },
            )
    if report.failed:
        messages.error(
            request,
            _(
                "The mail server did not take %(count)d e-mail(s) (%(error)s): they were not "
                "sent. Send them again later; nobody gets one twice."
            )
            % {"count": report.failed, "error": report.error},
        )
