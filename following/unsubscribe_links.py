"""The link in a digest that stops that follow, and only it (RFC 8058's one-click unsubscribe):
signed with the site's key under a salt of its own, naming the follow and its account, so nobody
can stop another's follow by guessing, nor turn the link into another follow's; never expiring,
as an e-mail kept for years must still be able to stop the next one."""

from django.core import signing

SALT = "following.unsubscribe"


class UnsubscribeLinkInvalid(Exception):
    """Not made by the portal, or altered."""


def make_unsubscribe_token(follow):
    return signing.Signer(salt=SALT).sign_object({"f": follow.pk, "u": follow.user_id})


def unsubscribe_token_values(token):
    """(follow id, user id) the token names; UnsubscribeLinkInvalid otherwise."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as bad:
        raise UnsubscribeLinkInvalid from bad
    if not isinstance(value, dict):
        raise UnsubscribeLinkInvalid
    follow, user = value.get("f"), value.get("u")
    if not isinstance(follow, int) or not isinstance(user, int):
        raise UnsubscribeLinkInvalid
    return follow, user
