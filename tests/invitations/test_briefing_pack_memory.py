"""The briefing pack's ZIP is streamed: sending a pack of 200 MB of files holds a few hundred
kilobytes at a time, never the pack (invitations.briefing_pack_zip)."""

import tracemalloc
import zipfile
from pathlib import Path

import pytest

from meetings.models import Document, DocumentKind
from tests import document_samples
from tests.factories import make_meeting

from .briefing_pack_helpers import zip_url

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
FILES = 10
FILE_BYTES = 20 * MB  # 200 MB in all
# What sending the pack may hold beyond what the process held when it began: 1/200 of the pack.
MEMORY_BOUND = 1 * MB


def big_document(meeting, place, media_root):
    """A document whose stored file is FILE_BYTES long: a PDF's start, then a hole in the file
    (sparse: made at once, taking no room on disk, read back as zeros)."""
    stored = f"documents/big-{place}.pdf"
    path = Path(media_root) / stored
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.write(document_samples.pdf(f"Big paper {place}"))
        file.truncate(FILE_BYTES)
    return Document.objects.create(
        meeting=meeting,
        title=f"Big paper {place}",
        kind=DocumentKind.PAPER,
        file=stored,
        file_name=f"Big paper {place}.pdf",
        file_type="application/pdf",
        file_size=FILE_BYTES,
        briefing_pack_position=place,
    )


def test_a_pack_of_200_mb_is_sent_in_bounded_memory(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = make_meeting()
    for place in range(1, FILES + 1):
        big_document(meeting, place, settings.MEDIA_ROOT)
    received = tmp_path / "pack.zip"

    tracemalloc.start()
    try:
        # The view reads the pack's rows and renders the cover; the files are read as it is sent.
        response = client.get(zip_url(meeting))
        held, _peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        with received.open("wb") as out:
            for chunk in response.streaming_content:
                out.write(chunk)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 200
    assert received.stat().st_size > FILES * FILE_BYTES
    assert peak - held < MEMORY_BOUND, f"{(peak - held) / MB:.1f} MB"
    with zipfile.ZipFile(received) as archive:
        assert archive.testzip() is None  # every file whole, its checksum right
        files = archive.infolist()[1:]
        assert [info.filename for info in files] == [
            f"{place:02d}-Big paper {place}.pdf" for place in range(1, FILES + 1)
        ]
        assert {info.file_size for info in files} == {FILE_BYTES}
