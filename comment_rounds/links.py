"""A reviewer's personal link (base.web.personal_links), as an invitee's: it names the reviewer and
the person, and expires LINK_LIFETIME after it was made; every e-mail carries a new one."""

import datetime

from base.web.personal_links import LinkExpired, LinkInvalid, PersonalLinks

from .models import Reviewer

LINK_LIFETIME = datetime.timedelta(days=60)
LINKS = PersonalLinks("comment_rounds.personal-link", LINK_LIFETIME, key="r")

__all__ = ["LINK_LIFETIME", "LinkExpired", "LinkInvalid", "make_token", "reviewer_from_token"]


def make_token(reviewer):
    return LINKS.make_token(reviewer)


def reviewer_from_token(token, queryset=None):
    """The reviewer `token` names; LinkExpired or LinkInvalid otherwise."""
    return LINKS.row_from_token(token, Reviewer.objects.all() if queryset is None else queryset)
