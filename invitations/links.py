"""An invitee's personal link: signed, expiring, working without an account.

The token names the invitation and the person it was sent to; it is signed with the site's key
(django.core.signing), so it cannot be forged or turned into another invitation's. It expires
LINK_LIFETIME after it was made: every e-mail carries a new one.
"""

import datetime

from django.core import signing

from .models import Invitation

SALT = "invitations.personal-link"
LINK_LIFETIME = datetime.timedelta(days=60)


class LinkExpired(Exception):
    """The link was genuine but is older than LINK_LIFETIME."""


class LinkInvalid(Exception):
    """The link was not made by the portal, was altered, or names an invitation that is gone."""


def make_token(invitation):
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"i": invitation.pk, "p": invitation.person_id}
    )


def invitation_from_token(token, queryset=None):
    """The invitation `token` names; LinkExpired or LinkInvalid otherwise."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign_object(token, max_age=LINK_LIFETIME)
    except signing.SignatureExpired as expired:
        raise LinkExpired from expired
    except (signing.BadSignature, ValueError, TypeError) as bad:
        raise LinkInvalid from bad
    if not isinstance(value, dict):
        raise LinkInvalid
    queryset = Invitation.objects.all() if queryset is None else queryset
    try:
        return queryset.get(pk=value.get("i"), person_id=value.get("p"))
    except (Invitation.DoesNotExist, ValueError, TypeError) as gone:
        raise LinkInvalid from gone
