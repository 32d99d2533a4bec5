"""Personal links: signed, expiring, working without an account (an invitee's, a reviewer's).

A token names a row and the person it was made for; it is signed with the site's key
(django.core.signing) under a salt of its own kind, so it cannot be forged, nor turned into
another row's or another kind's. It expires `lifetime` after it was made: every e-mail carries a
new one.
"""

from django.core import signing


class LinkExpired(Exception):
    """The link was genuine but is older than its lifetime."""


class LinkInvalid(Exception):
    """The link was not made by the portal, was altered, or names a row that is gone."""


class PersonalLinks:
    """The links of one kind: `salt` tells them from every other kind; `key` names the row's
    primary key in the token (kept as the tokens already sent have it)."""

    def __init__(self, salt, lifetime, key):
        self.salt, self.lifetime, self.key = salt, lifetime, key

    def make_token(self, row):
        return signing.TimestampSigner(salt=self.salt).sign_object(
            {self.key: row.pk, "p": row.person_id}
        )

    def row_from_token(self, token, queryset):
        """The row of `queryset` that `token` names; LinkExpired or LinkInvalid otherwise."""
        signer = signing.TimestampSigner(salt=self.salt)
        try:
            value = signer.unsign_object(token, max_age=self.lifetime)
        except signing.SignatureExpired as expired:
            raise LinkExpired from expired
        except (signing.BadSignature, ValueError, TypeError) as bad:
            raise LinkInvalid from bad
        if not isinstance(value, dict):
            raise LinkInvalid
        try:
            return queryset.get(pk=value.get(self.key), person_id=value.get("p"))
        except (queryset.model.DoesNotExist, ValueError, TypeError) as gone:
            raise LinkInvalid from gone
