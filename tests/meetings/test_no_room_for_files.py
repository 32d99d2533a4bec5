"""A full disk on upload (S25): the officer gets the workspace back with a message and all they
typed, nothing of that save is kept, and no partial file is left (base/storage.py,
base/admin/no_room.py)."""

import errno
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from base.storage import WholeFilesStorage, files_of_one_save
from meetings.kept_uploads import FOLDER
from meetings.models import ActionPoint, Document
from tests import document_samples as samples
from tests.admin_forms import posted_data
from tests.factories import make_meeting

pytestmark = pytest.mark.django_db

NO_ROOM_MESSAGE = "The server has no room left to store the file, so nothing was saved."


def files_under(folder):
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, _dirs, names in os.walk(folder)
        for name in names
    )


def a_full_disk(storage, name, content):
    """FileSystemStorage._save on a disk that fills up half way through the file."""
    os.makedirs(os.path.dirname(storage.path(name)), exist_ok=True)
    with open(storage.path(name), "wb") as partial:
        partial.write(next(iter(content.chunks()))[:100])
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


class HalfWritten(ContentFile):
    def chunks(self, chunk_size=None):
        yield b"the first half"
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_whose_write_fails_is_not_left_half_written(tmp_path):
    storage = WholeFilesStorage(location=tmp_path)
    with pytest.raises(OSError) as refused:
        storage.save("documents/report.pdf", HalfWritten(b"", name="report.pdf"))
    assert refused.value.errno == errno.ENOSPC
    assert files_under(tmp_path) == []


def test_djangos_own_storage_would_leave_it(tmp_path):
    """What the storage above is for: the same failure leaves a truncated file behind."""
    with pytest.raises(OSError):
        FileSystemStorage(location=tmp_path).save("report.pdf", HalfWritten(b"", name="r.pdf"))
    assert files_under(tmp_path) == ["report.pdf"]


def the_workspace_with_a_new_document(client, **more):
    """(meeting, its workspace's address, what a browser posts) with a new document's file, and
    `more` fields typed."""
    meeting = make_meeting(number=6, title="Test 6th meeting", status="draft")
    change = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = posted_data(client.get(change))
    data.update(
        {
            "documents-TOTAL_FORMS": 1,
            "documents-0-title": "Test work plan",
            "documents-0-kind": "work_plan",
            "documents-0-file": samples.upload("plan.pdf", samples.pdf("Test work plan")),
            **more,
        }
    )
    return meeting, change, data


def test_the_workspace_comes_back_with_what_was_typed(staff_client, media, monkeypatch):
    meeting, change, data = the_workspace_with_a_new_document(
        staff_client,
        **{
            "action_points-TOTAL_FORMS": 1,
            "action_points-0-kind": "decision",
            "action_points-0-status": "open",
            "action_points-0-text": "Test decision typed before the disk filled.",
        },
    )
    monkeypatch.setattr(FileSystemStorage, "_save", a_full_disk)

    response = staff_client.post(change, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert NO_ROOM_MESSAGE in page
    assert "Test work plan" in page
    assert "Test decision typed before the disk filled." in page
    assert not Document.objects.filter(meeting=meeting).exists()
    assert not ActionPoint.objects.filter(meeting=meeting).exists()
    assert files_under(media) == []


def test_another_error_of_the_disk_is_not_taken_for_a_full_one(staff_client, media, monkeypatch):
    def unreadable(storage, name, content):
        raise OSError(errno.EIO, "Input/output error")

    _meeting, change, data = the_workspace_with_a_new_document(staff_client)
    monkeypatch.setattr(FileSystemStorage, "_save", unreadable)
    with pytest.raises(OSError):
        staff_client.post(change, data)


def test_a_file_stored_before_the_disk_filled_is_not_left_behind(staff_client, media, monkeypatch):
    """Two documents' files in one save: both are kept for the next attempt (kept-uploads/), the
    first document's file is stored whole, the second's finds no room. The save is rolled back,
    and the files it stored, which no row names any more, are removed."""
    meeting, change, data = the_workspace_with_a_new_document(staff_client)
    data.update(
        {
            "documents-TOTAL_FORMS": 2,
            "documents-1-title": "Test paper",
            "documents-1-kind": "paper",
            "documents-1-file": samples.upload("paper.pdf", samples.pdf("Test paper")),
        }
    )
    stored = []
    store = FileSystemStorage._save

    def room_for_one_document(storage, name, content):
        documents = [name for name in stored if not name.startswith(FOLDER)]
        if documents and not name.startswith(FOLDER):
            raise OSError(errno.ENOSPC, "No space left on device")
        stored.append(store(storage, name, content))
        return stored[-1]

    monkeypatch.setattr(FileSystemStorage, "_save", room_for_one_document)

    response = staff_client.post(change, data)

    # Both kept, and the first document's file stored whole, before the disk was full; then
    # both kept again by the form given back, for the officer's next attempt.
    attempt, given_back = stored[:3], stored[3:]
    assert [name.split("/")[0] for name in attempt] == [FOLDER, FOLDER, "documents"]
    assert response.status_code == 200
    page = response.content.decode()
    assert NO_ROOM_MESSAGE in page
    assert "Test work plan" in page and "Test paper" in page
    assert not Document.objects.filter(meeting=meeting).exists()
    # Nothing of the refused attempt is left: only the copies the page given back refers to.
    assert files_under(media) == sorted(given_back)
    assert len(given_back) == 2 and all(name.startswith(FOLDER) for name in given_back)


def test_files_stored_outside_a_refused_save_are_kept(tmp_path):
    """Only the refused save's own files are removed: one stored before it began stays."""
    storage = WholeFilesStorage(location=tmp_path)
    storage.save("documents/earlier.pdf", ContentFile(b"earlier"))
    with pytest.raises(OSError), files_of_one_save():
        storage.save("documents/first.pdf", ContentFile(b"first"))
        storage.save("documents/second.pdf", HalfWritten(b"", name="second.pdf"))
    assert files_under(tmp_path) == ["documents/earlier.pdf"]
