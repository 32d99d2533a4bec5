"""A full disk on upload (S25): the officer gets the workspace back with a message and all they
typed, nothing of that save is kept, and no partial file is left (base/storage.py,
base/admin/no_room.py)."""

import errno
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from base.storage import WholeFilesStorage
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
