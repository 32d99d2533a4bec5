"""The e-mails a reviewer can act on (the draft record circulated, its deadline near, the
Secretariat's reply to a comment, the round closed): each in the reviewer's language, as plain
text and HTML, with the reviewer's personal link to the draft record, and, for those they may
decline (invitations.models.OPTIONAL), the one-click unsubscribe of RFC 8058 in its headers and
its footer, as the invitations' e-mails (invitations.emails)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from base.record.partial_dates import format_moment
from invitations.emails import ONE_CLICK, unsubscribe_url
from invitations.models import OPTIONAL, EmailKind
from meetings.followup_digest import site_url

from .links import LINK_LIFETIME, make_token
from .rules import deadline_text

# Translated when the e-mail is written, in the reviewer's language.
SUBJECTS = {
    EmailKind.ROUND_OPENED: gettext_noop(
        "For your comments until %(deadline)s: the draft record of %(meeting)s"
    ),
    EmailKind.ROUND_DEADLINE_NEAR: gettext_noop(
        "Comments on the draft record of %(meeting)s close on %(deadline)s"
    ),
    EmailKind.COMMENT_REPLY: gettext_noop(
        "The Secretariat answered your comment on the draft record of %(meeting)s"
    ),
    EmailKind.ROUND_CLOSED: gettext_noop("Comments closed: the draft record of %(meeting)s"),
}
RECIRCULATED_SUBJECT = gettext_noop(
    "Re-circulated for your comments until %(deadline)s: the draft record of %(meeting)s"
)


def reviewer_url(reviewer):
    """The reviewer's personal link, absolute, made now (it expires LINK_LIFETIME from now)."""
    return site_url() + reverse("comment_rounds:by_link", args=[make_token(reviewer)])


def subject(kind, comment_round):
    recirculated = kind == EmailKind.ROUND_OPENED and comment_round.times_recirculated
    return gettext(RECIRCULATED_SUBJECT if recirculated else SUBJECTS[kind]) % {
        "meeting": comment_round.meeting.title,
        "deadline": deadline_text(comment_round),
    }


def email_message(kind, reviewer, address, connection=None, **extra):
    """The e-mail of `kind` to `reviewer` (with its round, meeting and person) at `address`, in
    the reviewer's language. `extra`: what that kind says besides (the comment answered, the
    comments received, whether the reviewer took the floor)."""
    comment_round = reviewer.round
    meeting = comment_round.meeting
    unsubscribe = unsubscribe_url(reviewer.person_id, kind) if kind in OPTIONAL else None
    with translation.override(reviewer.language):
        context = {
            "reviewer": reviewer,
            "person": reviewer.person,
            "round": comment_round,
            "meeting": meeting,
            "record_url": site_url() + meeting.get_absolute_url() if meeting.is_published else "",
            "deadline": deadline_text(comment_round),
            "closed": format_moment(comment_round.closes_at()),
            "recirculated": bool(comment_round.times_recirculated),
            "link_url": reviewer_url(reviewer),
            "link_days": LINK_LIFETIME.days,
            "unsubscribe_url": unsubscribe,
            "me_url": site_url() + reverse("directory:me"),
            **extra,
        }
        if "comment" in extra:
            context["quoted_text"] = quoted(extra["comment"].text)
            context["quoted_wording"] = quoted(extra["comment"].proposed_wording)
        message = EmailMultiAlternatives(
            subject(kind, comment_round),
            render_to_string(f"comment_rounds/email/{kind}.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [address],
            connection=connection,
            headers=headers(reviewer, unsubscribe),
        )
        message.attach_alternative(
            render_to_string(f"comment_rounds/email/{kind}.html", context), "text/html"
        )
    return message


def quoted(text):
    """`text` quoted as plain-text e-mail quotes it: each line after "> "."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def headers(reviewer, unsubscribe):
    found = {"Content-Language": reviewer.language}
    if unsubscribe:
        found["List-Unsubscribe"] = f"<{unsubscribe}>"
        found["List-Unsubscribe-Post"] = ONE_CLICK
    return found
