"""The e-mails an invitee can act on (invitation, reminder, date confirmed): each in the
invitation's language, as plain text and HTML, with the invitee's personal link to answer, and,
for those they may decline (OPTIONAL), the one-click unsubscribe of RFC 8058 in its headers and
its footer."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from base.record.partial_dates import DatePrecision
from meetings.followup_digest import site_url

from .links import LINK_LIFETIME, make_token
from .models import OPTIONAL, EmailKind
from .rules import deadline_text
from .unsubscribe_links import make_unsubscribe_token

# Translated when the e-mail is written, in the invitation's language.
SUBJECTS = {
    EmailKind.INVITATION: gettext_noop("Invitation: %(meeting)s, %(date)s, %(city)s"),
    EmailKind.REMINDER: gettext_noop(
        "Reminder: will you attend %(meeting)s? Please answer by %(deadline)s"
    ),
    EmailKind.DATE_CONFIRMED: gettext_noop("Date confirmed: %(meeting)s, %(date)s, %(city)s"),
}
ONE_CLICK = "List-Unsubscribe=One-Click"


def answer_url(invitation):
    """The invitee's personal link, absolute, made now (it expires LINK_LIFETIME from now)."""
    return site_url() + reverse("invitations:answer", args=[make_token(invitation)])


def unsubscribe_url(person_id, kind):
    return site_url() + reverse(
        "invitations:unsubscribe", args=[make_unsubscribe_token(person_id, kind)]
    )


def subject(kind, context):
    return gettext(SUBJECTS[kind]) % {
        "meeting": context["meeting"].title,
        "date": context["date"],
        "city": context["meeting"].city,
        "deadline": context["deadline"],
    }


def email_message(kind, invitation, address, connection=None):
    """The e-mail of `kind` about `invitation` to `address`, in the invitation's language."""
    meeting = invitation.meeting
    unsubscribe = unsubscribe_url(invitation.person_id, kind) if kind in OPTIONAL else None
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "person": invitation.person,
            "meeting": meeting,
            "date": meeting.when,
            "day_known": meeting.date_precision == DatePrecision.DAY,
            "deadline": deadline_text(meeting),
            "answer": invitation.get_answer_display() if invitation.answer else "",
            "answer_url": answer_url(invitation),
            "link_days": LINK_LIFETIME.days,
            "unsubscribe_url": unsubscribe,
            "me_url": site_url() + reverse("directory:me"),
        }
        message = EmailMultiAlternatives(
            subject(kind, context),
            render_to_string(f"invitations/email/{kind}.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [address],
            connection=connection,
            headers=headers(invitation, unsubscribe),
        )
        message.attach_alternative(
            render_to_string(f"invitations/email/{kind}.html", context), "text/html"
        )
    return message


def headers(invitation, unsubscribe):
    found = {"Content-Language": invitation.language}
    if unsubscribe:
        found["List-Unsubscribe"] = f"<{unsubscribe}>"
        found["List-Unsubscribe-Post"] = ONE_CLICK
    return found
