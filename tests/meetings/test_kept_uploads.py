"""A document's file survives a refused form (meetings.kept_uploads): kept on the server, shown
as kept with a way to remove it, saved with the fix, then gone; never claimed by another session,
never past its time, never by a forged token."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import kept_uploads
from meetings.models import Document
from tests import document_samples as samples
from tests.admin_forms import page_text
from tests.admin_forms import posted_data as page_data
from tests.factories import make_document_with_file, make_meeting

pytestmark = pytest.mark.django_db

REPORT = samples.pdf("Test data: the report kept across a refused form")
OTHER = samples.pdf("Test data: another report")
ADD_DOCUMENT = reverse("admin:meetings_document_add")


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    """A storage of its own for each test, so that what is kept can be counted."""
    settings.MEDIA_ROOT = tmp_path
    return default_storage


@pytest.fixture
def in_memory_storage(settings):
    """Django's in-memory storage, which has no paths: only the storage API reaches it, as only
    the storage API reaches a bucket (AWS_STORAGE_BUCKET_NAME)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return default_storage


def kept_files():
    try:
        return default_storage.listdir(kept_uploads.FOLDER)[1]
    except FileNotFoundError:
        return []


def kept_token(response, field):
    match = re.search(
        rf'<input type="hidden" name="{re.escape(field)}-kept" value="([^"]+)">',
        response.content.decode(),
    )
    return match and match.group(1)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def stored_content(document):
    with default_storage.open(document.file.name) as stored:
        return stored.read()


# In the meeting's workspace ---------------------------------------------------------------------


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def new_document(upload):
    return {
        "documents-TOTAL_FORMS": 1,
        "documents-0-title": "Work plan",
        "documents-0-kind": "work_plan",
        "documents-0-file": upload,
    }


def decision(text):
    """A new decision row; a blank text is the error elsewhere on the page."""
    return {
        "action_points-TOTAL_FORMS": 1,
        "action_points-0-kind": "decision",
        "action_points-0-status": "open",
        "action_points-0-text": text,
    }


def refused_with_kept_file(client, meeting, upload=None):
    """The workspace posted with a new document's file and a blank decision: refused."""
    upload = upload or samples.upload("report.pdf", REPORT)
    data = page_data(client.get(change_url(meeting)))
    response = client.post(change_url(meeting), {**data, **new_document(upload), **decision("")})
    assert response.status_code == 200
    return response


def posted_again(client, meeting, refused, **changes):
    """The refused page posted back as the browser would: what it shows, the kept file's token
    (a browser never sends the file again), the decision's text now given."""
    data = page_data(refused, **decision("The GCG approved the work plan."))
    token = kept_token(refused, "documents-0-file")
    if token:
        data["documents-0-file-kept"] = token
    return client.post(change_url(meeting), {**data, **changes})


class TestInTheWorkspace:
    def test_a_file_survives_an_error_in_another_row_and_is_saved_with_the_fix(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        meeting = make_meeting()

        refused = refused_with_kept_file(staff_client, meeting)

        text = page_text(refused)
        assert "This field is required." in text
        assert "Kept: report.pdf (" in text
        assert '<label for="documents-0-file-kept-remove_id">Remove</label>' in (
            refused.content.decode()
        )
        assert "it is saved with the document when you save" in text
        assert len(kept_files()) == 1
        assert not Document.objects.exists()

        with django_capture_on_commit_callbacks(execute=True):
            response = posted_again(staff_client, meeting, refused)

        assert response.status_code == 302, page_text(response)
        document = Document.objects.get(meeting=meeting)
        assert (document.file_name, document.file_type) == ("report.pdf", "application/pdf")
        assert document.file_size == len(REPORT)
        assert stored_content(document) == REPORT
        assert kept_files() == []

    def test_only_the_storage_api_is_used(
        self, staff_client, in_memory_storage, django_capture_on_commit_callbacks
    ):
        meeting = make_meeting()
        refused = refused_with_kept_file(staff_client, meeting)
        assert len(kept_files()) == 1
        with django_capture_on_commit_callbacks(execute=True):
            response = posted_again(staff_client, meeting, refused)
        assert response.status_code == 302, page_text(response)
        assert stored_content(Document.objects.get()) == REPORT
        assert kept_files() == []

    @pytest.mark.parametrize(
        "upload, error",
        [
            (
                samples.upload("report.pdf", b"<html>Test data: not a PDF</html>"),
                "“report.pdf” is not a PDF, Word, Excel, PowerPoint or OpenDocument file",
            ),
            (
                samples.upload("report.docx", REPORT),
                "“report.docx” is a PDF file, but its name does not end in .pdf.",
            ),
        ],
        ids=["another kind", "a name of another kind"],
    )
    def test_a_refused_file_is_not_kept_and_says_why(self, staff_client, upload, error):
        meeting = make_meeting()
        refused = refused_with_kept_file(staff_client, meeting, upload)
        text = page_text(refused)
        assert error in text
        assert "Kept:" not in text
        assert kept_token(refused, "documents-0-file") is None
        assert kept_files() == []

    def test_a_file_over_the_limit_is_not_kept(self, staff_client, settings):
        settings.DOCUMENT_MAX_UPLOAD_MB = 1
        meeting = make_meeting()
        upload = samples.upload("big.pdf", REPORT + b"0" * (1024 * 1024))
        refused = refused_with_kept_file(staff_client, meeting, upload)
        assert "a document’s file may be at most 1 MB" in page_text(refused)
        assert kept_files() == []

    def test_remove_drops_the_kept_file_and_the_document_is_saved_without_it(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        meeting = make_meeting()
        refused = refused_with_kept_file(staff_client, meeting)
        with django_capture_on_commit_callbacks(execute=True):
            response = posted_again(
                staff_client, meeting, refused, **{"documents-0-file-kept-remove": "on"}
            )
        assert response.status_code == 302, page_text(response)
        document = Document.objects.get(meeting=meeting)
        assert (document.file.name, document.file_name, document.file_size) == ("", "", None)
        assert kept_files() == []

    def test_a_new_file_replaces_the_kept_one(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        meeting = make_meeting()
        first = refused_with_kept_file(staff_client, meeting)
        [first_kept] = kept_files()
        # Chosen again, another file, and the page refused once more.
        data = page_data(first, **new_document(samples.upload("other.pdf", OTHER)))
        data["documents-0-file-kept"] = kept_token(first, "documents-0-file")
        second = staff_client.post(change_url(meeting), data)
        assert second.status_code == 200
        assert "Kept: other.pdf (" in page_text(second)
        assert "report.pdf" not in page_text(second)
        assert first_kept not in kept_files() and len(kept_files()) == 1

        with django_capture_on_commit_callbacks(execute=True):
            response = posted_again(staff_client, meeting, second)

        assert response.status_code == 302, page_text(response)
        document = Document.objects.get(meeting=meeting)
        assert (document.file_name, stored_content(document)) == ("other.pdf", OTHER)
        assert kept_files() == []

    def test_a_refused_new_file_leaves_the_kept_one_in_place(self, staff_client):
        meeting = make_meeting()
        first = refused_with_kept_file(staff_client, meeting)
        data = page_data(first, **new_document(samples.upload("notes.pdf", b"Test data")))
        data["documents-0-file-kept"] = kept_token(first, "documents-0-file")
        second = staff_client.post(change_url(meeting), data)
        text = page_text(second)
        assert "“notes.pdf” is not a PDF" in text
        assert "Kept: report.pdf (" in text
        assert len(kept_files()) == 1

    def test_an_existing_file_is_shown_with_the_kept_one_to_replace_it(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        meeting = make_meeting()
        document = make_document_with_file("old.pdf", meeting=meeting)
        download = reverse("meetings:document_file", kwargs={"slug": document.slug})
        data = page_data(staff_client.get(change_url(meeting)))
        data["documents-0-file"] = samples.upload("new.pdf", REPORT)

        refused = staff_client.post(change_url(meeting), {**data, **decision("")})

        assert refused.status_code == 200
        html = refused.content.decode()
        assert f'Currently: <a href="{download}">old.pdf</a>' in html
        assert 'name="documents-0-file-clear"' in html
        text = page_text(refused)
        assert "Kept: new.pdf (" in text
        assert "it replaces the current file when you save" in text

        with django_capture_on_commit_callbacks(execute=True):
            response = posted_again(staff_client, meeting, refused)

        assert response.status_code == 302, page_text(response)
        document.refresh_from_db()
        assert (document.file_name, stored_content(document)) == ("new.pdf", REPORT)
        assert kept_files() == []

    def test_keeping_a_file_costs_no_query(self, staff_client):
        meeting = make_meeting()
        data = page_data(staff_client.get(change_url(meeting)))
        queries = []
        for upload in ("", samples.upload("report.pdf", REPORT)):
            with CaptureQueriesContext(connection) as captured:
                post = {**data, **new_document(upload), **decision("")}
                assert staff_client.post(change_url(meeting), post).status_code == 200
            queries.append(len(captured))
        assert queries[0] == queries[1]


class TestTokensThatCannotBeHonoured:
    """A token the form cannot take back is refused with a message, never a server error, and
    the document is not saved without the file the officer believes kept."""

    LOST = (
        "The file you chose before can no longer be found on the server (it was kept for another "
        "session, or has been removed): choose it again."
    )

    def test_a_token_from_another_session_is_refused(self, staff_client, staff):
        meeting = make_meeting()
        refused = refused_with_kept_file(staff_client, meeting)
        elsewhere = signed_in(staff)  # the same officer, another session
        data = page_data(refused, **decision("Agreed."))
        data["documents-0-file-kept"] = kept_token(refused, "documents-0-file")

        response = elsewhere.post(change_url(meeting), data)

        assert response.status_code == 200
        assert self.LOST in page_text(response)
        assert "Kept:" not in page_text(response)
        assert not Document.objects.exists()
        assert len(kept_files()) == 1  # still there for the session it was kept for

    @pytest.mark.parametrize(
        "forge",
        [
            lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
            lambda token: "eyJuIjoiZG9jdW1lbnRzL3NlY3JldC5wZGYifQ:1tXyZ:forged",
            lambda token: "not a token",
            lambda token: "\x00" * 3,
        ],
        ids=["signature altered", "made up", "not a token", "NUL"],
    )
    def test_a_forged_token_is_refused(self, staff_client, forge):
        meeting = make_meeting()
        refused = refused_with_kept_file(staff_client, meeting)
        data = page_data(refused, **decision("Agreed."))
        data["documents-0-file-kept"] = forge(kept_token(refused, "documents-0-file"))

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 200
        assert self.LOST in page_text(response)
        assert not Document.objects.exists()

    def test_an_expired_token_is_refused_and_its_file_deleted(self, staff_client, monkeypatch):
        # A limit shorter than a session: a day's travel could end the officer's session first.
        monkeypatch.setattr(kept_uploads, "KEEP_FOR", datetime.timedelta(minutes=20))
        meeting = make_meeting()
        with time_machine.travel(timezone.now() - datetime.timedelta(minutes=21), tick=False):
            refused = refused_with_kept_file(staff_client, meeting)
        assert len(kept_files()) == 1

        response = posted_again(staff_client, meeting, refused)

        assert response.status_code == 200
        assert (
            "The file you chose before, “report.pdf”, is no longer kept on the server: choose it "
            "again."
        ) in page_text(response)
        assert not Document.objects.exists()
        assert kept_files() == []

    def test_a_kept_file_removed_meanwhile_is_asked_for_again(self, staff_client):
        meeting = make_meeting()
        refused = refused_with_kept_file(staff_client, meeting)
        for name in kept_files():
            default_storage.delete(f"{kept_uploads.FOLDER}/{name}")

        response = posted_again(staff_client, meeting, refused)

        assert response.status_code == 200
        assert "“report.pdf”, is no longer kept on the server" in page_text(response)
        assert not Document.objects.exists()


# On the document's own page ---------------------------------------------------------------------


def post_document(client, upload, url=ADD_DOCUMENT, **fields):
    data = {"title": "Work plan", "slug": "work-plan", "kind": "work_plan", "url": ""}
    data.update({"description": "", "date": "", "date_precision": ""})
    data.update({"meeting": "", "agenda_item": ""})
    return client.post(url, {**data, **fields, "file": upload})


class TestOnTheDocumentsPage:
    def test_a_file_survives_a_blank_title_and_is_saved_with_the_fix(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        refused = post_document(staff_client, samples.upload("report.pdf", REPORT), title="")
        assert refused.status_code == 200
        assert "Kept: report.pdf (" in page_text(refused)
        token = kept_token(refused, "file")

        with django_capture_on_commit_callbacks(execute=True):
            response = post_document(staff_client, "", **{"file-kept": token})

        assert response.status_code == 302, page_text(response)
        document = Document.objects.get()
        assert (document.file_name, stored_content(document)) == ("report.pdf", REPORT)
        assert kept_files() == []

    def test_the_same_with_the_storage_api_only(
        self, staff_client, in_memory_storage, django_capture_on_commit_callbacks
    ):
        refused = post_document(staff_client, samples.upload("report.pdf", REPORT), title="")
        with django_capture_on_commit_callbacks(execute=True):
            response = post_document(staff_client, "", **{"file-kept": kept_token(refused, "file")})
        assert response.status_code == 302, page_text(response)
        assert stored_content(Document.objects.get()) == REPORT
        assert kept_files() == []

    def test_clear_and_a_kept_file_together_are_asked_about(self, staff_client):
        document = make_document_with_file("old.pdf")
        url = reverse("admin:meetings_document_change", args=[document.pk])
        upload = samples.upload("new.pdf", REPORT)
        refused = post_document(staff_client, upload, url=url, slug=document.slug, title="")
        token = kept_token(refused, "file")

        response = post_document(
            staff_client,
            "",
            url=url,
            slug=document.slug,
            **{"file-kept": token, "file-clear": "on"},
        )

        assert response.status_code == 200
        text = page_text(response)
        assert "Please either submit a file or check the clear checkbox, not both." in text
        assert "Kept: new.pdf (" in text  # still kept: untick one and save
        document.refresh_from_db()
        assert document.file_name == "old.pdf"

    def test_a_token_from_another_session_is_refused(self, staff_client, staff):
        refused = post_document(staff_client, samples.upload("report.pdf", REPORT), title="")
        response = post_document(signed_in(staff), "", **{"file-kept": kept_token(refused, "file")})
        assert response.status_code == 200
        assert TestTokensThatCannotBeHonoured.LOST in page_text(response)
        assert not Document.objects.exists()


# The keeping itself ------------------------------------------------------------------------------


def in_a_session(work, session_key="test-session-key"):
    """`work()` run as a request of a session would run it, through the middleware."""
    request = RequestFactory().post("/")
    request.session = type("Session", (), {"session_key": session_key})()
    return kept_uploads.KeptUploadsMiddleware(lambda request: work())(request)


def test_nothing_is_kept_without_a_session():
    assert kept_uploads.keep(samples.upload("report.pdf", REPORT)) is None
    assert in_a_session(lambda: kept_uploads.keep(samples.upload("r.pdf", REPORT)), None) is None
    assert kept_files() == []


def test_a_token_is_good_for_24_hours_in_its_session():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        kept = in_a_session(lambda: kept_uploads.keep(samples.upload("report.pdf", REPORT)))
    with time_machine.travel(start + datetime.timedelta(hours=23, minutes=59), tick=False):
        claimed = in_a_session(lambda: kept_uploads.claim(kept.token))
        assert (claimed.name, claimed.size, claimed.stored) == (
            "report.pdf",
            len(REPORT),
            kept.stored,
        )
        with pytest.raises(kept_uploads.KeptUploadLost):
            in_a_session(lambda: kept_uploads.claim(kept.token), "another-session-key")
    with time_machine.travel(start + datetime.timedelta(hours=24, minutes=1), tick=False):
        with pytest.raises(kept_uploads.KeptUploadLost):
            in_a_session(lambda: kept_uploads.claim(kept.token))
    assert kept_files() == []


def test_the_purge_command_deletes_what_is_older_than_the_limit():
    now = timezone.now()

    def keep_at(moment):
        with time_machine.travel(moment, tick=False):
            return in_a_session(lambda: kept_uploads.keep(samples.upload("report.pdf", REPORT)))

    old = keep_at(now - datetime.timedelta(hours=25))
    recent = keep_at(now - datetime.timedelta(hours=1))
    default_storage.save(f"{kept_uploads.FOLDER}/not-kept-by-us.txt", StringIO("Test data"))
    output = StringIO()

    with time_machine.travel(now, tick=False):
        call_command("purge_kept_uploads", stdout=output)

    assert output.getvalue() == "Kept uploads older than 24 hours deleted: 1.\n"
    assert sorted(kept_files()) == sorted([recent.stored.rpartition("/")[2], "not-kept-by-us.txt"])
    assert not default_storage.exists(old.stored)


def test_the_purge_command_with_nothing_kept():
    output = StringIO()
    call_command("purge_kept_uploads", stdout=output)
    assert output.getvalue() == "Kept uploads older than 24 hours deleted: 0.\n"
