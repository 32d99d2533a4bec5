"""A reviewer's personal link: signed, expiring, working without an account, as an invitee's
(invitations.links). The token names the reviewer and the person; every e-mail carries a new
one, valid LINK_LIFETIME."""

import datetime

from django.core import signing

from .models import Reviewer

SALT = "comment_rounds.personal-link"
LINK_LIFETIME = datetime.timedelta(days=60)


class LinkExpired(Exception):
    """The link was genuine but is older than LINK_LIFETIME."""


class LinkInvalid(Exception):
    """The link was not made by the portal, was altered, or names a reviewer who is gone."""


def make_token(reviewer):
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"r": reviewer.pk, "p": reviewer.person_id}
    )


def reviewer_from_token(token, queryset=None):
    """The reviewer `token` names; LinkExpired or LinkInvalid otherwise."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign_object(token, max_age=LINK_LIFETIME)
    except signing.SignatureExpired as expired:
        raise LinkExpired from expired
    except (signing.BadSignature, ValueError, TypeError) as bad:
        raise LinkInvalid from bad
    if not isinstance(value, dict):
        raise LinkInvalid
    queryset = Reviewer.objects.all() if queryset is None else queryset
    try:
        return queryset.get(pk=value.get("r"), person_id=value.get("p"))
    except (Reviewer.DoesNotExist, ValueError, TypeError) as gone:
        raise LinkInvalid from gone
