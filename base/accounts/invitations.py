"""Accounts: inviting a member or a Secretariat officer, who then chooses a password by e-mail."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

SECRETARIAT = "Secretariat"
MEMBERS = "Members"


@transaction.atomic
def account_invite(username, email, *, secretariat=False, domain, use_https):
    """Create the account without a usable password and send the link to choose one.

    The link is Django's password-reset link, so it works once and expires with
    PASSWORD_RESET_TIMEOUT. Secretariat officers are staff; members are not.
    """
    user = get_user_model().objects.create_user(username, email=email, password=None)
    user.is_staff = secretariat
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=SECRETARIAT if secretariat else MEMBERS))
    context = {
        "user": user,
        "domain": domain,
        "protocol": "https" if use_https else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = render_to_string("registration/invitation_subject.txt", context).strip()
    body = render_to_string("registration/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return user
