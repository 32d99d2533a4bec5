"""The briefing pack's pages: its list, the whole pack as one ZIP, and each document alone.

Who may have them is invitations.briefing_pack's to say (`pack_reader`). None of them goes
through the page cache, and each is marked private, so no shared cache keeps it either; a
response to a personal link is not stored at all (no-store), not even by the browser.
"""

from functools import wraps

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from meetings.document_files import download_response

from .briefing_pack import LinkRefused, pack_reader
from .briefing_pack_zip import cover_page, pack_entries, zip_stream

# The page lists at most this many documents; the ZIP holds them all.
PACK_SHOWN = 200


def pack_view(view):
    """A view of the pack: given the request's PackReader, or answering 404, or, for a personal
    link that cannot be used, a page saying why (403)."""

    @require_safe
    @wraps(view)
    def answer(request, slug, **kwargs):
        try:
            reader = pack_reader(request, slug)
        except LinkRefused as refused:
            response = render(
                request,
                "invitations/briefing_pack_link_refused.html",
                {"message": refused.message},
                status=403,
            )
            patch_cache_control(response, private=True, no_store=True)
            return response
        response = view(request, reader, **kwargs)
        patch_cache_control(response, private=True)
        if reader.token:
            patch_cache_control(response, no_store=True)
        return response

    return answer


def _page(request, reader, documents, total, status=200):
    meeting, user = reader.meeting, reader.user
    entries = pack_entries(documents)
    for entry in entries:
        if entry.file_name:
            entry.download_url = reader.url("briefing_pack:document", document=entry.slug)
    # The meeting's page, where the reader may open it (a planned meeting's once announced).
    shown = meeting.is_published or meeting.announced or user.is_staff
    context = {
        "meeting": meeting,
        "meeting_date": meeting.when,
        "meeting_url": meeting.get_absolute_url() if shown else "",
        "entries": entries,
        "total": total,
        "more": total - len(entries),
        "zip_url": reader.url("briefing_pack:zip"),
        "shows_drafts": user.is_staff,
    }
    return render(request, "invitations/briefing_pack.html", context, status=status)


@pack_view
def pack_page(request, reader):
    """The pack's documents in its order, each with its download, and the whole pack's."""
    documents = list(reader.documents()[: PACK_SHOWN + 1])
    total = len(documents) if len(documents) <= PACK_SHOWN else reader.documents().count()
    return _page(request, reader, documents[:PACK_SHOWN], total)


@pack_view
def pack_zip(request, reader):
    """The whole pack as one ZIP: its cover page, then each document's file, streamed. An empty
    pack is no ZIP: its page says so."""
    documents = list(reader.documents())
    if not documents:
        return _page(request, reader, [], 0, status=404)
    entries = pack_entries(documents, check_files=True)
    response = StreamingHttpResponse(
        zip_stream(cover_page(reader.meeting, entries), entries), content_type="application/zip"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{reader.meeting.slug}-briefing-pack.zip"
    )
    return response


@pack_view
def pack_document(request, reader, document):
    """One document's file, as the pack gives it: a draft in the pack to staff alone."""
    found = reader.documents().exclude(file="").filter(slug=document).first()
    if found is None:
        raise Http404
    return download_response(found)
