"""Documents' files: accepted by their content (never their name), within the size limit, stored
under a random name, downloaded only through the view that applies the drafts rule."""

import re
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.views import static

from alliance87.settings.file_storage import S3_BACKEND
from alliance87.settings.file_storage import default_storage as storage_from_env
from base.record.visibility import PublicationStatus
from meetings.document_files import file_type_of, safe_filename
from meetings.file_types import BY_CONTENT_TYPE
from meetings.models import Document
from tests import document_samples as samples
from tests.factories import (
    make_country,
    make_document,
    make_document_with_file,
    make_meeting,
    make_organization,
)
from tests.responses import read_streaming

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
DOWNLOAD_QUERIES = 1  # the document, through visible_to (anonymous: no session to read)
ADD = reverse("admin:meetings_document_add")


def download_url(document):
    return reverse("meetings:document_file", kwargs={"slug": document.slug})


def download(client, document):
    """The response to the document's download URL, its file read and closed."""
    response = client.get(download_url(document))
    if response.streaming:
        response.body = read_streaming(response)
    return response


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post_document(client, upload, url=ADD, **fields):
    data = {"title": "Work plan", "slug": "work-plan", "kind": "work_plan", "url": ""}
    data.update({"description": "", "date": "", "date_precision": ""})
    data.update({"meeting": "", "agenda_item": ""})
    return client.post(url, {**data, **fields, "file": upload})


def form_errors(response):
    html = response.content.decode()
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)


# What a file is: read from its content ---------------------------------------------------------


@pytest.mark.parametrize("extension", sorted(CONTENT_TYPES))
def test_each_accepted_kind_is_recognised_from_its_content(extension):
    file_type = file_type_of(samples.upload(f"file.{extension}", samples.SAMPLES[extension]()))
    assert file_type.content_type == CONTENT_TYPES[extension]
    assert sorted(CONTENT_TYPES) == sorted(t.extension for t in BY_CONTENT_TYPE.values())


FORGED = {
    "an HTML page named .pdf": ("report.pdf", b"<!doctype html><script>alert(1)</script>"),
    "a program named .pdf": ("report.pdf", b"MZ\x90\x00\x03" + bytes(200)),
    "a plain zip named .docx": ("report.docx", samples.zip_of([("word/document.xml", "<w/>")])),
    "a macro-enabled Word file named .docx": (
        "report.docx",
        samples.ooxml("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    ),
    "a package declaring a main part it lacks": (
        "report.docx",
        samples.ooxml("docx", with_main_part=False),
    ),
    "an OLE2 file of another kind (an installer) named .doc": (
        "setup.doc",
        samples.ole2(stream="SummaryInformation"),
    ),
    "a broken zip named .odt": ("notes.odt", b"PK\x03\x04" + bytes(100)),
    "a text file named .odt": ("notes.odt", b"mimetype application/vnd.oasis.opendocument.text"),
}


@pytest.mark.parametrize("name, content", FORGED.values(), ids=FORGED.keys())
def test_a_file_whose_content_is_not_a_document_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        file_type_of(samples.upload(name, content))
    assert refused.value.code == "not_a_document"
    assert f"“{name}” is not a PDF, Word, Excel, PowerPoint or OpenDocument file" in str(
        refused.value
    )


@pytest.mark.parametrize(
    "name, extension",
    [("report.docx", "pdf"), ("report", "pdf"), ("sheet.xls", "xlsx"), ("slides.odt", "odp")],
)
def test_a_document_whose_name_says_another_kind_is_refused(name, extension):
    with pytest.raises(ValidationError) as refused:
        file_type_of(samples.upload(name, samples.SAMPLES[extension]()))
    assert refused.value.code == "name_mismatch"
    assert f"Rename it to end in .{extension}" in str(refused.value)


def test_the_extension_may_be_in_capitals():
    assert file_type_of(samples.upload("REPORT.PDF", samples.pdf())).extension == "pdf"


def test_a_save_outside_any_form_cannot_store_a_forged_file():
    with pytest.raises(ValidationError):
        make_document_with_file("report.pdf", b"<html></html>")
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "uploaded, kept",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\me\\Plan d’action 2019.pdf", "Plan d’action 2019.pdf"),
        ("bad\r\nSet-Cookie: x.pdf", "badSet-Cookie: x.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_the_name_kept_for_the_download_is_safe(uploaded, kept):
    assert safe_filename(uploaded) == kept


# Uploading through the admin -------------------------------------------------------------------


@pytest.mark.parametrize("extension", sorted(CONTENT_TYPES))
def test_the_secretariat_uploads_each_kind_in_the_admin(staff_client, extension):
    content = samples.SAMPLES[extension]()
    response = post_document(staff_client, samples.upload(f"Work plan.{extension}", content))
    assert response.status_code == 302, form_errors(response)
    document = Document.objects.get()
    assert document.file_name == f"Work plan.{extension}"
    assert document.file_type == CONTENT_TYPES[extension]  # from the content, not the browser
    assert document.file_size == len(content)
    # A random name, with the kind's extension; nothing of the uploaded name.
    assert re.fullmatch(rf"documents/[\w-]{{24}}\.{extension}", document.file.name)
    with default_storage.open(document.file.name) as stored:
        assert stored.read() == content


def test_a_forged_upload_is_refused_on_the_form_and_nothing_is_stored(
    staff_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = post_document(staff_client, samples.upload("report.pdf", b"<html>hi</html>"))
    assert response.status_code == 200
    assert form_errors(response) == [
        "<li>“report.pdf” is not a PDF, Word, Excel, PowerPoint or OpenDocument file, whatever "
        "its name says: its content is of another kind. Choose the document itself.</li>"
    ]
    assert not Document.objects.exists()
    assert not any(tmp_path.rglob("*"))


def test_an_upload_over_the_limit_is_refused_naming_it(staff_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    content = samples.pdf() + b"0" * (1024 * 1024)
    response = post_document(staff_client, samples.upload("big.pdf", content))
    assert response.status_code == 200
    assert form_errors(response) == [
        "<li>“big.pdf” is 1.0\xa0MB; a document’s file may be at most 1 MB.</li>"
    ]
    assert not Document.objects.exists()


def test_a_file_saved_at_once_leaves_no_kept_copy(
    staff_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Every file that passes the checks is kept as it arrives, in case the page is refused
    (meetings.kept_uploads); saved at once, the kept copy goes with the commit."""
    settings.MEDIA_ROOT = tmp_path
    content = samples.pdf()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_document(staff_client, samples.upload("Work plan.pdf", content))
    assert response.status_code == 302, form_errors(response)
    document = Document.objects.get()
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [
        document.file.name.rpartition("/")[2]
    ]


def test_a_refused_page_keeps_the_file_and_says_so(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = post_document(staff_client, samples.upload("Work plan.pdf", samples.pdf()), slug="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kept: Work plan.pdf (" in html
    assert '<input type="hidden" name="file-kept" value="' in html
    assert '<label for="file-kept-remove_id">Remove</label>' in html
    assert len(list((tmp_path / "kept-uploads").iterdir())) == 1
    assert not Document.objects.exists()


def test_the_form_says_what_it_accepts(staff_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 7
    html = staff_client.get(ADD).content.decode()
    assert 'accept=".pdf,.doc,.docx,.odt,.xls,.xlsx,.ods,.ppt,.pptx,.odp"' in html
    assert "PDF, Word, Excel, PowerPoint or OpenDocument, at most 7 MB." in html


def test_the_change_page_links_the_stored_file_by_its_name_not_a_storage_url(staff_client):
    document = make_document_with_file("Plan d’action.pdf")
    html = staff_client.get(reverse("admin:meetings_document_change", args=[document.pk])).content
    html = html.decode()
    assert f'<a href="{download_url(document)}">Plan d’action.pdf</a>' in html
    assert document.file.name not in html


def test_editing_a_document_keeps_its_file_even_if_the_limit_was_lowered(staff_client, settings):
    document = make_document_with_file(content=samples.pdf() + b"0" * 2048)
    settings.DOCUMENT_MAX_UPLOAD_MB = 0
    url = reverse("admin:meetings_document_change", args=[document.pk])
    response = post_document(staff_client, "", url=url, title="Renamed", slug=document.slug)
    assert response.status_code == 302, form_errors(response)
    document.refresh_from_db()
    assert (document.title, document.file_name) == ("Renamed", "paper.pdf")


def test_clearing_the_file_forgets_what_it_was(staff_client):
    document = make_document_with_file()
    url = reverse("admin:meetings_document_change", args=[document.pk])
    response = post_document(staff_client, "", url=url, slug=document.slug, **{"file-clear": "on"})
    assert response.status_code == 302, form_errors(response)
    document.refresh_from_db()
    assert (document.file.name, document.file_name, document.file_type) == ("", "", "")
    assert document.file_size is None
    assert download(Client(), document).status_code == 404


# Downloading -----------------------------------------------------------------------------------


def test_the_download_is_an_attachment_of_the_sniffed_type(client, django_assert_num_queries):
    content = samples.ooxml("docx")
    document = make_document_with_file("Work plan 2019.docx", content, meeting=make_meeting())
    with django_assert_num_queries(DOWNLOAD_QUERIES):
        response = download(client, document)
    assert response.status_code == 200
    assert response.body == content
    assert response["Content-Type"] == CONTENT_TYPES["docx"]
    assert response["Content-Disposition"] == 'attachment; filename="Work plan 2019.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(content))


def test_a_name_beyond_ascii_is_sent_as_rfc_5987_asks(client):
    document = make_document_with_file("Plan d’action «2019».pdf")
    response = download(client, document)
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''{quote('Plan d’action «2019».pdf')}"
    )


def test_a_quote_in_the_name_cannot_break_out_of_the_header(client):
    document = make_document_with_file('The "plan".pdf')
    response = download(client, document)
    assert response["Content-Disposition"] == 'attachment; filename="The \\"plan\\".pdf"'


def test_the_drafts_rule_applies_to_files(client, member, staff, django_assert_num_queries):
    draft = make_meeting(status=PublicationStatus.DRAFT)
    document = make_document_with_file(meeting=draft)
    with django_assert_num_queries(DOWNLOAD_QUERIES):
        assert download(client, document).status_code == 404
    assert download(signed_in(member), document).status_code == 404
    response = download(signed_in(staff), document)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # a draft's file is kept out of shared caches
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    assert download(client, document).status_code == 200


def test_a_document_without_a_file_or_unknown_has_none(client):
    document = make_document(url="https://www.alliance87.org/")
    assert download(client, document).status_code == 404
    assert client.get("/documents/no-such-document/file/").status_code == 404


def test_a_file_missing_from_the_storage_is_not_found_not_an_error(client, caplog):
    document = make_document_with_file()
    default_storage.delete(document.file.name)
    assert download(client, document).status_code == 404
    assert "is missing" in caplog.text


def test_only_get_and_head(client):
    document = make_document_with_file()
    head = client.head(download_url(document))
    if head.streaming:
        read_streaming(head)
    assert head.status_code == 200
    assert client.post(download_url(document)).status_code == 405


def test_no_url_serves_the_storage_directly(client, settings):
    document = make_document_with_file(meeting=make_meeting(status=PublicationStatus.DRAFT))
    stored = document.file.name
    assert settings.MEDIA_URL == "/"  # Django's default: nothing is routed under it
    for url in [f"/{stored}", f"/media/{stored}", f"/static/{stored}", document.file.url]:
        assert client.get(url).status_code == 404, url
    views = [pattern.callback for pattern in walk(get_resolver().url_patterns)]
    assert static.serve not in views


def walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns)
        else:
            yield pattern


# Where documents are shown ---------------------------------------------------------------------


def test_the_pages_link_the_file_where_they_show_the_document(client):
    meeting = make_meeting()
    country = make_country()
    organization = make_organization()
    document = make_document_with_file("Annex.xlsx", samples.ooxml("xlsx"), meeting=meeting)
    document.countries.set([country])
    document.organizations.set([organization])
    link = f'<a href="{download_url(document)}">Download the file</a> <span class="meta">(Excel,'
    pages = [
        reverse("meetings:detail", kwargs={"slug": meeting.slug}),
        reverse("pathfinders:country_detail", kwargs={"slug": country.slug}),
        reverse("directory:organization_detail", kwargs={"slug": organization.slug}),
    ]
    for page in pages:
        assert link in client.get(page).content.decode(), page
    # A document with only a link offers no download.
    make_document(meeting=meeting, title="Linked only", url="https://www.alliance87.org/")
    html = client.get(pages[0]).content.decode()
    assert html.count("Download the file") == 1


# Where files are kept --------------------------------------------------------------------------


class Env(dict):
    def str(self, name, default=""):
        return self.get(name, default)


def test_files_are_kept_in_a_local_folder_by_default():
    assert storage_from_env(Env()) == {"BACKEND": "base.storage.WholeFilesStorage"}


def test_a_bucket_asks_for_s3_compatible_storage(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    env = Env(AWS_STORAGE_BUCKET_NAME="gcg-files", AWS_S3_ENDPOINT_URL="https://s3.example.org")
    storage = storage_from_env(env)
    assert storage["BACKEND"] == S3_BACKEND
    assert storage["OPTIONS"]["bucket_name"] == "gcg-files"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert storage["OPTIONS"]["querystring_auth"] is True
    assert storage["OPTIONS"]["file_overwrite"] is False


def test_a_bucket_without_the_s3_extra_installed_says_how_to_install_it(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match=re.escape("pip install '.[s3]'")):
        storage_from_env(Env(AWS_STORAGE_BUCKET_NAME="gcg-files"))


def test_sniffing_leaves_the_file_at_its_start():
    upload = samples.upload("slides.pptx", samples.ooxml("pptx"))
    upload.seek(10)
    file_type_of(upload)
    assert upload.tell() == 0
