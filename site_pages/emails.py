"""The contact form's e-mails, as plain text and HTML: a message, to the Secretariat (in the
site's language, answerable straight from the mail client: its Reply-To is the writer's), and
the Secretariat's reply, to the writer (in the language they wrote in)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from comment_rounds.emails import quoted
from meetings.followup_digest import site_url


def _email(template, subject, context, recipients, language, connection=None, **kwargs):
    with translation.override(language):
        message = EmailMultiAlternatives(
            gettext(subject) % context,
            render_to_string(f"site_pages/email/{template}.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
            connection=connection,
            headers={"Content-Language": language},
            **kwargs,
        )
        message.attach_alternative(
            render_to_string(f"site_pages/email/{template}.html", context), "text/html"
        )
    return message


def secretariat_email(message, recipients):
    """`message` (a ContactMessage), to the Secretariat's `recipients`."""
    admin_path = reverse("admin:site_pages_contactmessage_change", args=[message.pk])
    context = {
        "message": message,
        "subject": message.subject,
        "admin_url": site_url() + admin_path,
    }
    return _email(
        "to_the_secretariat",
        "Message from the portal's contact form: %(subject)s",
        context,
        recipients,
        settings.LANGUAGE_CODE,
        reply_to=[message.email],
    )


def reply_email(message, officer, connection=None):
    """The Secretariat's reply to `message`, to its writer."""
    context = {
        "message": message,
        "subject": message.subject,
        "officer": officer,
        "quoted": quoted(message.message),
    }
    return _email(
        "reply",
        "Re: %(subject)s",
        context,
        [message.email],
        message.language,
        connection=connection,
    )
