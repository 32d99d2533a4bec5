"""What the briefing pack's tests build: documents in a meeting's pack, invitees, their links,
and the ZIP as a reader receives it."""

import io
import re
import zipfile
from html import unescape

from django.urls import reverse
from django.utils.http import urlencode

from invitations.links import make_token
from invitations.models import Invitation
from tests import document_samples
from tests.factories import make_document, make_document_with_file, make_person
from tests.responses import read_streaming


def in_pack(meeting, place, title, draft=False, content=None, name=None, **kwargs):
    """A document of `meeting`'s pack at `place`, with a PDF file holding its title."""
    return make_document_with_file(
        name or f"{title}.pdf",
        content or document_samples.pdf(title),
        meeting=meeting,
        title=title,
        briefing_pack_position=place,
        briefing_pack_draft=draft,
        **kwargs,
    )


def link_in_pack(meeting, place, title, url):
    """A document of the pack that is a link only."""
    return make_document(meeting=meeting, title=title, url=url, briefing_pack_position=place)


def invite(meeting, user=None, **kwargs):
    return Invitation.objects.create(meeting=meeting, person=make_person(user=user, **kwargs))


def page_url(meeting, token=""):
    return with_link(reverse("briefing_pack:page", args=[meeting.slug]), token)


def zip_url(meeting, token=""):
    return with_link(reverse("briefing_pack:zip", args=[meeting.slug]), token)


def document_url(document, token=""):
    url = reverse("briefing_pack:document", args=[document.meeting.slug, document.slug])
    return with_link(url, token)


def with_link(url, token):
    return f"{url}?{urlencode({'link': token})}" if token else url


def link_of(invitation):
    return make_token(invitation)


def opened(response):
    """The ZIP a response streamed, opened."""
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(read_streaming(response)))


def cover_text(archive):
    """The cover page's body as text, its tags taken out, its spaces made single."""
    html = archive.read(archive.namelist()[0]).decode()
    html = html[html.index("<body>") :]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
