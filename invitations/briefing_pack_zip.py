"""The briefing pack as one ZIP file, written while it is sent.

The cover page comes first (an HTML page listing every document of the pack, in the reader's
language), then each document's file in the pack's order, named with its place and its uploaded
name. Documents that are links only are on the cover, with their address, and not in the ZIP.

Memory stays bounded whatever the pack's size: zipfile writes to a sink that cannot seek (so
each entry's sizes and checksum follow its data, in a data descriptor), each file is read a
chunk at a time, and what the sink received is handed to the response after every chunk. The
files are stored as they are, not compressed again: PDF and Office files are compressed
already.
"""

import logging
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone

from base.record.partial_dates import format_partial_date
from meetings.document_files import safe_filename

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
COVER_NAME = "cover.html"
# Characters some systems refuse in a file's name, replaced in the names of the ZIP's entries.
UNSAFE_IN_NAMES = str.maketrans(dict.fromkeys('<>:"/\\|?*', "_"))
# Beyond this size an entry is written with ZIP64 sizes (the file's recorded size may be stale).
ZIP64_FROM_BYTES = 2**31


@dataclass
class PackEntry:
    """A document of the pack as its page and the cover list it and the ZIP holds it."""

    place: int
    document_pk: int
    slug: str
    title: str
    kind: str
    date: str
    url: str
    draft: bool
    file_label: str = ""
    size: str = ""
    file_name: str = ""  # its name in the ZIP; "" for a link
    stored_name: str = ""
    storage: object = None
    size_bytes: int | None = None
    missing: bool = False
    download_url: str = ""  # set by the page


def entry_name(place, width, document):
    """The ZIP entry's name of the document at `place`: "03-Work plan.pdf". The place makes it
    unique; the uploaded name is reduced to one safe segment (no folder, no "..", no character
    a system refuses), or is the document's slug where no name with an extension is left."""
    name = safe_filename(document.file_name or "").translate(UNSAFE_IN_NAMES).strip()
    stem, dot, _extension = name.rpartition(".")
    if not (stem.strip() and dot):
        name = f"{document.slug}{PurePosixPath(document.file.name).suffix}"
    return f"{place:0{width}d}-{name}"


def pack_entries(documents, check_files=False):
    """The PackEntry of each of `documents` (in the pack's order). With `check_files` (the
    ZIP's), a file missing from the storage is logged and marked missing: the cover says so and
    the ZIP goes on without it."""
    width = max(2, len(str(len(documents))))
    entries = []
    for place, document in enumerate(documents, start=1):
        entry = PackEntry(
            place=place,
            document_pk=document.pk,
            slug=document.slug,
            title=document.title,
            kind=document.get_kind_display(),
            date=format_partial_date(document.date, document.date_precision),
            url=document.url,
            draft=document.briefing_pack_draft,
        )
        if document.file:
            entry.file_label = document.file_label
            entry.size = filesizeformat(document.file_size)
            entry.file_name = entry_name(place, width, document)
            entry.stored_name = document.file.name
            entry.storage = document.file.storage
            entry.size_bytes = document.file_size
            if check_files and not entry.storage.exists(entry.stored_name):
                _log_missing(document.pk, entry.stored_name)
                entry.missing = True
        entries.append(entry)
    return entries


def _log_missing(document_pk, stored_name):
    logger.error("Briefing pack: the file of document %s (%s) is missing", document_pk, stored_name)


def cover_page(meeting, entries):
    """The cover, in the active language (the reader's): rendered before the response is
    sent, while the request's language is still the active one."""
    return render_to_string(
        "invitations/briefing_pack_cover.html",
        {
            "meeting": meeting,
            "meeting_date": meeting.when,
            "entries": entries,
        },
    )


class _Sink:
    """What zipfile writes to: kept until the response takes it. It has no tell() or seek(),
    so zipfile writes as to a stream (sizes after each entry's data)."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def zip_stream(cover, entries):
    """The ZIP's bytes, a piece at a time: the cover, then each entry's file that is there."""
    sink = _Sink()
    date_time = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(_info(COVER_NAME, date_time), cover.encode())
        yield sink.take()
        for entry in entries:
            if not entry.file_name or entry.missing:
                continue
            try:
                source = entry.storage.open(entry.stored_name, "rb")
            except FileNotFoundError:  # gone since the cover was written
                _log_missing(entry.document_pk, entry.stored_name)
                continue
            large = entry.size_bytes is None or entry.size_bytes >= ZIP64_FROM_BYTES
            with source, archive.open(_info(entry.file_name, date_time), "w", large) as target:
                while chunk := source.read(CHUNK_BYTES):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


def _info(name, date_time):
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16  # an ordinary file, readable by all once unpacked
    return info
