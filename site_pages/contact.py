"""Receiving a message from the contact form and answering it: the message is saved first, then
e-mailed, so that a mail server down loses nothing; a sender is refused after
CONTACT_MESSAGES_PER_HOUR messages in an hour, counted per e-mail address and per network
address."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from base.accounts.invitations import SECRETARIAT
from base.web.client_ip import client_ip

from .emails import reply_email, secretariat_email
from .models import ContactMessage

logger = logging.getLogger(__name__)

WINDOW = timedelta(hours=1)


def sender_key(request):
    """A keyed digest of the client's network address: two messages from one place share it;
    the address cannot be read back from it."""
    address = client_ip(request) or ""
    return salted_hmac("site_pages.contact.sender", address).hexdigest()


def too_many(email, key, now=None):
    """Whether this address, or this network address, already sent its share this hour."""
    since = (now or timezone.now()) - WINDOW
    limit = settings.CONTACT_MESSAGES_PER_HOUR
    recent = ContactMessage.objects
    return (
        recent.sent_since(since, email=email).count() >= limit
        or recent.sent_since(since, sender_key=key).count() >= limit
    )


def secretariat_addresses():
    """The addresses of the Secretariat's active officers, and CONTACT_FORM_RECIPIENTS."""
    officers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SECRETARIAT)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )
    found = {}
    for address in [*officers, *settings.CONTACT_FORM_RECIPIENTS]:
        found.setdefault(address.lower(), address)
    return list(found.values())


def contact_message_receive(cleaned_data, request):
    """Saves the form's message and e-mails it to the Secretariat. A failed send is logged: the
    message is in the admin all the same."""
    with transaction.atomic():
        message = ContactMessage.objects.create(
            name=cleaned_data["name"],
            email=cleaned_data["email"],
            subject=cleaned_data["subject"],
            message=cleaned_data["message"],
            language=request.LANGUAGE_CODE,
            sender_key=sender_key(request),
        )
    recipients = secretariat_addresses()
    if recipients:
        try:
            secretariat_email(message, recipients).send()
        except Exception:  # the mail server's failure, whatever its kind: the message is kept
            logger.exception("The contact message %s was saved but not e-mailed", message.pk)
    return message


def contact_message_reply(message, officer):
    """Sends `message`'s reply to its writer; records who sent it and when. Raises the mail
    server's error, with nothing recorded, if the e-mail could not be sent."""
    reply_email(message, officer, connection=get_connection(fail_silently=False)).send()
    message.replied_at = timezone.now()
    message.replied_by = officer
    message.save(update_fields=["replied_at", "replied_by"])
