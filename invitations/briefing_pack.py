"""A meeting's briefing pack: the documents named at the meeting that the Secretariat marked for
the pack, in their order, and who may have it.

Who may have it is decided here, once, and asked by every page and download of the pack and by
the meeting page's link to it:

- staff: always, with the documents that are still drafts in the pack;
- anyone, once the meeting's record is published;
- before that, the meeting's invitees, signed in as the invited person or holding the personal
  link of an invitation to this meeting; and, once the meeting is announced, every signed-in
  member. An un-announced meeting's pack is for staff and its invitees only: members are not
  told of a meeting before the Secretariat announces it;
- a draft in the pack is never given to anyone but staff: it is left out of the list, the ZIP
  and the count, and its own download answers 404.

A reader who may not have the pack learns nothing of it (404). A personal link that has expired
or was altered gets a page that says so, whatever the meeting: the answer tells nothing of
whether the meeting exists.
"""

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from meetings.models import Document, Meeting

from .links import LinkExpired, LinkInvalid, invitation_from_token, make_token
from .models import Invitation

# The query parameter that carries an invitee's personal link (invitations.links).
LINK_PARAMETER = "link"


def may_have_pack(user, meeting, link_invitation=None):
    """Whether `user` (holding the personal link of `link_invitation`, if any) may have the
    meeting's briefing pack. Asks the database only for a signed-in member before an
    un-announced meeting is published (whether they were invited)."""
    if user.is_staff or meeting.is_published:
        return True
    if link_invitation is not None and link_invitation.meeting_id == meeting.pk:
        return True
    if not user.is_authenticated:
        return False
    if meeting.announced:
        return True
    return Invitation.objects.filter(meeting=meeting, person__user=user).exists()


def pack_documents(meeting, user):
    """The documents of the meeting's pack `user` may have, in the pack's order: its drafts
    for staff only. (Whether `user` may have the pack at all is may_have_pack's.)"""
    documents = Document.objects.filter(meeting=meeting, briefing_pack_position__isnull=False)
    if not user.is_staff:
        documents = documents.filter(briefing_pack_draft=False)
    return documents.order_by("briefing_pack_position", "title", "pk")


def pack_count(meeting, user, rows=None):
    """How many documents of the meeting's pack `user` may have (0 if they may not have the
    pack): counted in `rows`, the meeting's documents already read (any objects with the
    documents' briefing_pack_position and briefing_pack_draft), or by one query."""
    if not may_have_pack(user, meeting):
        return 0
    if rows is None:
        return pack_documents(meeting, user).count()
    return sum(
        1
        for row in rows
        if row.briefing_pack_position is not None and (user.is_staff or not row.briefing_pack_draft)
    )


class LinkRefused(Exception):
    """A personal link that cannot be used: `message` says why, to the person holding it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


LINK_EXPIRED = _(
    "This personal link has expired. Use the link in the latest e-mail the Secretariat sent "
    "you, or sign in to the portal."
)
LINK_INVALID = _(
    "This personal link is not valid: it may have been copied incompletely, or it was made for "
    "another meeting. Use the link exactly as the e-mail the Secretariat sent you gives it, or "
    "sign in to the portal."
)


@dataclass(frozen=True)
class PackReader:
    """A request that may have a meeting's pack: the meeting, the user, and the personal link
    it came with when that link is what lets it in (to be carried on to the pack's downloads)."""

    meeting: Meeting
    user: object
    token: str = ""

    def documents(self):
        return pack_documents(self.meeting, self.user)

    def url(self, name, **kwargs):
        """The pack's URL `name` (briefing_pack:page, :zip, :document), with the link if any."""
        return pack_url(self.meeting, name, self.token, **kwargs)


def pack_url(meeting, name="briefing_pack:page", token="", **kwargs):
    url = reverse(name, kwargs={"slug": meeting.slug, **kwargs})
    return f"{url}?{urlencode({LINK_PARAMETER: token})}" if token else url


def invitee_pack_url(invitation):
    """The pack's page for an invitee without an account: with a new personal link."""
    return pack_url(invitation.meeting, token=make_token(invitation))


def pack_reader(request, slug):
    """The PackReader of the request for the pack of the meeting `slug`.

    Http404 when there is no such meeting or the reader may not have its pack; LinkRefused when
    the request's personal link (the only thing that could let it in) has expired or is not a
    link to this meeting's invitation."""
    meeting = Meeting.objects.filter(slug=slug).first()
    user = request.user
    if meeting is not None and may_have_pack(user, meeting):
        return PackReader(meeting, user)
    token = request.GET.get(LINK_PARAMETER, "")
    if not token:
        raise Http404
    invitations = (
        Invitation.objects.filter(meeting=meeting) if meeting else Invitation.objects.none()
    )
    try:
        invitation = invitation_from_token(token, invitations)
    except LinkExpired:
        raise LinkRefused(LINK_EXPIRED) from None
    except LinkInvalid:
        raise LinkRefused(LINK_INVALID) from None
    if not may_have_pack(user, meeting, invitation):
        raise Http404
    return PackReader(meeting, user, token)
