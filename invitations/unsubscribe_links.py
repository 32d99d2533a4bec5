"""The link in an optional e-mail that stops that kind of e-mail for its reader (RFC 8058's
one-click unsubscribe): signed, so nobody can stop another person's e-mails by guessing, and
never expiring, as an e-mail kept for years must still be able to stop the next one."""

from django.core import signing

from .models import OPTIONAL

SALT = "invitations.unsubscribe"


class UnsubscribeLinkInvalid(Exception):
    """Not made by the portal, altered, or naming an e-mail nobody can decline."""


def make_unsubscribe_token(person_id, kind):
    return signing.Signer(salt=SALT).sign_object({"p": person_id, "k": kind})


def unsubscribe_token_values(token):
    """(person id, kind) the token names; UnsubscribeLinkInvalid otherwise."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as bad:
        raise UnsubscribeLinkInvalid from bad
    if not isinstance(value, dict) or value.get("k") not in OPTIONAL:
        raise UnsubscribeLinkInvalid
    person = value.get("p")
    if not isinstance(person, int):
        raise UnsubscribeLinkInvalid
    return person, value["k"]
