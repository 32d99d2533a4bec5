"""An invitee's personal link (base.web.personal_links): it names the invitation and the person it
was sent to, and expires LINK_LIFETIME after it was made."""

import datetime

from base.web.personal_links import LinkExpired, LinkInvalid, PersonalLinks

from .models import Invitation

LINK_LIFETIME = datetime.timedelta(days=60)
LINKS = PersonalLinks("invitations.personal-link", LINK_LIFETIME, key="i")

__all__ = ["LINK_LIFETIME", "LinkExpired", "LinkInvalid", "invitation_from_token", "make_token"]


def make_token(invitation):
    return LINKS.make_token(invitation)


def invitation_from_token(token, queryset=None):
    """The invitation `token` names; LinkExpired or LinkInvalid otherwise."""
    return LINKS.row_from_token(token, Invitation.objects.all() if queryset is None else queryset)
