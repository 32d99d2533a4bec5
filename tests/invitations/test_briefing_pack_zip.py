"""The briefing pack as one ZIP and as a page: the cover first, then each file in the pack's order
under a safe, unique name; links on the cover only; a missing file said and logged; an empty
pack said, not zipped. And the meeting page's link to the pack."""

import datetime
import logging

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from base.record.partial_dates import DatePrecision
from base.record.visibility import PublicationStatus
from meetings.models import DocumentKind
from tests import document_samples
from tests.factories import make_meeting

from .briefing_pack_helpers import (
    cover_text,
    document_url,
    in_pack,
    link_in_pack,
    opened,
    page_url,
    zip_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return make_meeting(
        title="6th Meeting of the Global Coordinating Group",
        date=datetime.date(2019, 11, 1),
        date_precision=DatePrecision.MONTH,
        city="Paris",
        status=PublicationStatus.DRAFT,
        announced=True,
    )


@pytest.fixture
def pack(meeting):
    """Three files and a link, placed out of the order they were made in, and a draft."""
    agenda = document_samples.pdf("The draft agenda") + b"x" * 3000
    return {
        "agenda": in_pack(
            meeting,
            1,
            "Draft agenda",
            content=agenda,
            name="Agenda.pdf",
            kind=DocumentKind.OTHER,
            date=datetime.date(2019, 10, 15),
            date_precision=DatePrecision.DAY,
        ),
        "work plan": in_pack(
            meeting,
            3,
            "Work plan 2020",
            name="Work plan.docx",
            content=document_samples.ooxml("docx"),
            kind=DocumentKind.WORK_PLAN,
        ),
        "report": in_pack(
            meeting,
            2,
            "Supply chains report",
            kind=DocumentKind.REPORT,
            date=datetime.date(2019, 9, 1),
            date_precision=DatePrecision.MONTH,
        ),
        "link": link_in_pack(meeting, 4, "Paris Peace Forum", "https://parispeaceforum.org/"),
        "draft": in_pack(meeting, 5, "Chair's note, unfinished", draft=True),
    }


def test_the_zip_holds_the_cover_then_each_file_in_the_pack_s_order(member_client, meeting, pack):
    response = member_client.get(zip_url(meeting))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{meeting.slug}-briefing-pack.zip"'
    )
    archive = opened(response)
    assert archive.testzip() is None  # every entry whole, its checksum right
    assert archive.namelist() == [
        "cover.html",
        "01-Agenda.pdf",
        "02-Supply chains report.pdf",
        "03-Work plan.docx",
    ]
    for name, document in [
        ("01-Agenda.pdf", pack["agenda"]),
        ("02-Supply chains report.pdf", pack["report"]),
        ("03-Work plan.docx", pack["work plan"]),
    ]:
        with default_storage.open(document.file.name) as stored:
            assert archive.read(name) == stored.read()


def test_the_cover_lists_every_document_in_order_links_with_their_address(
    member_client, meeting, pack
):
    archive = opened(member_client.get(zip_url(meeting)))
    agenda_size = pack["agenda"].file_size
    assert 3000 < agenda_size < 4096
    assert cover_text(archive) == (
        "Briefing pack 6th Meeting of the Global Coordinating Group: November 2019, Paris "
        "4 documents, in the pack's order "
        "No. Title Kind Date Size In this ZIP file "
        f"1 Draft agenda Other 15 October 2019 {agenda_size / 1024:.1f} KB 01-Agenda.pdf "
        f"2 Supply chains report Report September 2019 {pack['report'].file_size} bytes "
        "02-Supply chains report.pdf "
        f"3 Work plan 2020 Work plan – {pack['work plan'].file_size} bytes 03-Work plan.docx "
        "4 Paris Peace Forum Report – – Not in the ZIP file, a link: https://parispeaceforum.org/"
    )
    assert "unfinished" not in archive.read("cover.html").decode()


def test_the_staff_s_zip_holds_the_drafts_too_marked_as_such(staff_client, meeting, pack):
    archive = opened(staff_client.get(zip_url(meeting)))
    assert archive.namelist()[-1] == "05-Chair's note, unfinished.pdf"
    assert "5 Chair's note, unfinished (draft) Report" in cover_text(archive)


def test_the_cover_is_in_the_reader_s_language(member_client, meeting, pack):
    member_client.cookies["django_language"] = "fr"
    archive = opened(member_client.get(zip_url(meeting)))
    text = cover_text(archive)
    # Its own words are translated with the other new ones; the record's already are.
    assert "6th Meeting of the Global Coordinating Group: novembre 2019, Paris" in text
    assert "2 Supply chains report Rapport septembre 2019" in text
    assert "1 Draft agenda Autre 15 octobre 2019 3,0 Kio" in text
    assert '<html lang="fr">' in archive.read("cover.html").decode()


def test_hostile_titles_are_escaped_on_the_page_and_the_cover(member_client, meeting):
    hostile = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
    in_pack(meeting, 1, hostile)
    link_in_pack(meeting, 2, f"Link {hostile}", "https://example.org/?a=<b>")
    page = member_client.get(page_url(meeting)).content.decode()
    archive = opened(member_client.get(zip_url(meeting)))
    cover = archive.read("cover.html").decode()
    for html in (page, cover):
        assert "<script>" not in html and "<img" not in html and "=<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img" in html
    # Its file's name in the ZIP: the uploaded name's last segment ("/" is a folder's), made safe.
    assert archive.namelist()[1] == "01-script_ ___img src=x onerror=alert(1)_.pdf"


def test_names_in_the_zip_are_safe_and_unique(member_client, meeting):
    # Names as recorded (the upload's checks make most of them safe already; an older version
    # of the checks, or a row written outside the admin, may have kept anything).
    recorded = [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\report.pdf",
        "report.pdf",
        "report.pdf",
        'a:b*c?"d<e>f|g.pdf',
        ".pdf",
        "",
    ]
    documents = []
    for place, name in enumerate(recorded, start=1):
        document = in_pack(meeting, place, f"Document {place}", name="upload.pdf")
        document.file_name = name
        document.save()
        documents.append(document)

    files = opened(member_client.get(zip_url(meeting))).namelist()[1:]

    assert files == [
        "01-passwd.pdf",
        "02-report.pdf",
        "03-report.pdf",
        "04-report.pdf",
        "05-a_b_c__d_e_f_g.pdf",
        f"06-{documents[5].slug}.pdf",
        f"07-{documents[6].slug}.pdf",
    ]


def test_a_missing_file_is_said_on_the_cover_and_logged_and_the_rest_downloads(
    member_client, meeting, pack, caplog
):
    default_storage.delete(pack["report"].file.name)

    with caplog.at_level(logging.ERROR, logger="invitations.briefing_pack_zip"):
        archive = opened(member_client.get(zip_url(meeting)))

    assert archive.namelist() == ["cover.html", "01-Agenda.pdf", "03-Work plan.docx"]
    assert (
        "2 Supply chains report Report September 2019 "
        f"{pack['report'].file_size} bytes "
        "Missing: its file could not be found. Ask the Secretariat for it."
    ) in cover_text(archive)
    assert [record.getMessage() for record in caplog.records] == [
        f"Briefing pack: the file of document {pack['report'].pk} "
        f"({pack['report'].file.name}) is missing"
    ]


def test_an_empty_pack_is_said_not_zipped(member_client, meeting):
    in_pack(meeting, None, "Not in the pack")
    in_pack(meeting, 1, "Only a draft", draft=True)

    for url in [zip_url(meeting), page_url(meeting)]:
        response = member_client.get(url)
        assert not response.streaming
        html = response.content.decode()
        assert "This meeting's briefing pack has no documents yet" in html
        assert "Only a draft" not in html
    assert member_client.get(zip_url(meeting)).status_code == 404
    assert member_client.get(page_url(meeting)).status_code == 200


def test_the_page_lists_the_pack_in_order_with_its_downloads(member_client, meeting, pack):
    html = member_client.get(page_url(meeting)).content.decode()

    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert [title for title in rows.split('<th scope="row">')[1:] if title] == [
        f'1. <a href="{document_url(pack["agenda"])}" download>Draft agenda</a></th>\n'
        '        <td data-label="Kind">Other</td>\n'
        '        <td data-label="Date">15 October 2019</td>\n'
        f'        <td data-label="File">PDF, {pack["agenda"].file_size / 1024:.1f}\xa0KB</td>\n'
        "      </tr>\n      \n      <tr>\n        ",
        f'2. <a href="{document_url(pack["report"])}" download>Supply chains report</a></th>\n'
        '        <td data-label="Kind">Report</td>\n'
        '        <td data-label="Date">September 2019</td>\n'
        f'        <td data-label="File">PDF, {pack["report"].file_size}\xa0bytes</td>\n'
        "      </tr>\n      \n      <tr>\n        ",
        f'3. <a href="{document_url(pack["work plan"])}" download>Work plan 2020</a></th>\n'
        '        <td data-label="Kind">Work plan</td>\n'
        '        <td data-label="Date">–</td>\n'
        f'        <td data-label="File">Word, {pack["work plan"].file_size}\xa0bytes</td>\n'
        "      </tr>\n      \n      <tr>\n        ",
        '4. <a href="https://parispeaceforum.org/">Paris Peace Forum</a></th>\n'
        '        <td data-label="Kind">Report</td>\n'
        '        <td data-label="Date">–</td>\n'
        '        <td data-label="File">A link: <span class="meta">'
        "https://parispeaceforum.org/</span></td>\n"
        "      </tr>\n      \n    ",
    ]
    assert f'href="{zip_url(meeting)}"' in html
    assert "(4 documents, with a cover page listing them)" in html


def test_each_document_downloads_alone_under_its_uploaded_name(member_client, meeting, pack):
    response = member_client.get(document_url(pack["work plan"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Work plan.docx"'
    assert b"".join(response.streaming_content) == document_samples.ooxml("docx")


def test_a_document_whose_file_is_missing_is_not_found_alone(member_client, meeting, pack):
    default_storage.delete(pack["report"].file.name)
    response = member_client.get(document_url(pack["report"]))
    assert response.status_code == 404
    assert member_client.get(document_url(pack["link"])).status_code == 404


class TestTheMeetingPageLink:
    def test_it_counts_the_documents_the_reader_may_have(self, staff_client):
        meeting = make_meeting()
        in_pack(meeting, 1, "Agenda")
        in_pack(meeting, 2, "Report")
        in_pack(meeting, 3, "Unfinished", draft=True)
        in_pack(meeting, None, "Outside the pack")
        pack = reverse("briefing_pack:page", args=[meeting.slug])
        for reader, count in [(Client(), 2), (staff_client, 3)]:
            html = reader.get(meeting.get_absolute_url()).content.decode()
            assert f'<a href="{pack}">Briefing pack ({count} documents)</a>' in html

    def test_a_meeting_without_a_pack_has_no_link(self, staff_client):
        meeting = make_meeting()
        in_pack(meeting, None, "Outside the pack")
        in_pack(meeting, 1, "Only a draft", draft=True)
        html = Client().get(meeting.get_absolute_url()).content.decode()
        assert "Briefing pack" not in html
        as_staff = staff_client.get(meeting.get_absolute_url()).content.decode()
        assert "Briefing pack (1 document)" in as_staff
