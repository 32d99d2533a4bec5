"""Who may read a round's draft record and its comments: the one rule every page asks.

- The Secretariat (staff) reads every round in the admin.
- A reviewer reads their round: signed in, through the account linked to their person
  (`reviews_of`); not signed in, through their personal link. Signed in as anyone else, the link
  is refused (`link_refused`), so a link forwarded or opened on a shared computer never shows the
  draft, or comments, under someone else's name.
- Nobody else: not visitors, not members outside the round, not the reviewers of another round.
- Comments: a reviewer sees their own, and every reviewer's when the round `shares_comments`
  (`comments_seen_by`).
"""

from django.utils.translation import gettext as _

from .models import Comment, Reviewer


def reviews_of(user):
    """The reviewers the signed-in `user` is, one per round they take part in."""
    if not user.is_authenticated:
        return Reviewer.objects.none()
    return Reviewer.objects.filter(person__user=user, person__erased_at__isnull=True)


def link_refused(user, reviewer):
    """Why `user` may not use `reviewer`'s personal link, or None."""
    if user.is_authenticated and reviewer.person.user_id != user.pk:
        return _(
            "This link was sent to someone else, and you are signed in as %(username)s. Sign out "
            "to use it, or open the rounds you take part in from your page."
        ) % {"username": user.get_username()}
    return None


def comments_seen_by(reviewer):
    """The comments of `reviewer`'s round that the reviewer may read."""
    comments = Comment.objects.filter(round_id=reviewer.round_id)
    if reviewer.round.shares_comments:
        return comments
    return comments.filter(reviewer=reviewer)
