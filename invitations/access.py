"""Who may see and answer an invitation: the one rule every page asks.

An invitation is personal data: it is its invitee's and the Secretariat's (the admin) alone.
- Signed in, a member sees the invitations of the person their account is linked to, and no
  other (`invitations_of`).
- The personal link is the key: whoever holds it, not signed in, may use it; signed in, only
  the invitee's own account may (`link_refused`), so that a link forwarded, or opened on a
  shared computer, never shows or changes an invitation under someone else's name.
"""

from django.utils.translation import gettext as _

from .models import Invitation


def invitations_of(user):
    if not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.filter(person__user=user)


def link_refused(user, invitation):
    """Why `user` may not use `invitation`'s personal link, or None."""
    if user.is_authenticated and invitation.person.user_id != user.pk:
        return _(
            "This link was sent to someone else, and you are signed in as %(username)s. Sign out "
            "to use it, or open your own invitations from your page."
        ) % {"username": user.get_username()}
    return None
