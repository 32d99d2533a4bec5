"""Who may have a meeting's briefing pack (invitations.briefing_pack): each reader, for a meeting
planned and announced, planned and not announced, and published, and for a document that is a
draft in the pack or not, on the pack's page, its ZIP and each document's download."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from base.record.visibility import PublicationStatus
from invitations.briefing_pack import invitee_pack_url
from invitations.links import LINK_LIFETIME
from tests.factories import make_meeting
from tests.responses import read_streaming

from .briefing_pack_helpers import (
    document_url,
    in_pack,
    invite,
    link_of,
    opened,
    page_url,
    zip_url,
)

pytestmark = pytest.mark.django_db

STATES = {
    "announced draft": {"status": PublicationStatus.DRAFT, "announced": True},
    "unannounced draft": {"status": PublicationStatus.DRAFT, "announced": False},
    "published": {"status": PublicationStatus.PUBLISHED, "announced": True},
}
READERS = [
    "visitor",
    "member",
    "invitee by account",
    "invitee by link",
    "expired link",
    "another meeting's invitee by account",
    "another meeting's invitee by link",
    "tampered link",
    "staff",
]
# What a reader gets: (page, ZIP, the draft's download, the other document's download), each
# its status, and the titles the page and the ZIP give them.
STAFF = {"statuses": (200, 200, 200, 200), "titles": ["Draft paper", "Final agenda"]}
HAS_IT = {"statuses": (200, 200, 404, 200), "titles": ["Final agenda"]}
NOTHING = {"statuses": (404, 404, 404, 404), "titles": []}
LINK_REFUSED = {"statuses": (403, 403, 403, 403), "titles": []}

EXPECTED = {
    "announced draft": {
        "visitor": NOTHING,
        "member": HAS_IT,
        "invitee by account": HAS_IT,
        "invitee by link": HAS_IT,
        "expired link": LINK_REFUSED,
        "another meeting's invitee by account": HAS_IT,  # a member: the meeting is announced
        "another meeting's invitee by link": LINK_REFUSED,
        "tampered link": LINK_REFUSED,
        "staff": STAFF,
    },
    "unannounced draft": {
        "visitor": NOTHING,
        "member": NOTHING,
        "invitee by account": HAS_IT,
        "invitee by link": HAS_IT,
        "expired link": LINK_REFUSED,
        "another meeting's invitee by account": NOTHING,
        "another meeting's invitee by link": LINK_REFUSED,
        "tampered link": LINK_REFUSED,
        "staff": STAFF,
    },
    # Everyone has it: a link, good or bad, is not even read.
    "published": dict.fromkeys(READERS, HAS_IT) | {"staff": STAFF},
}


def readers(meeting, staff, django_user_model):
    """{reader: (client, personal link or "")} for the pack of `meeting`."""
    other_meeting = make_meeting(status=PublicationStatus.DRAFT)
    make = django_user_model.objects.create_user
    member, invited, invited_elsewhere = make("member"), make("invited"), make("elsewhere")
    invite(meeting, user=invited)
    invite(other_meeting, user=invited_elsewhere)
    by_link = invite(meeting)
    with time_machine.travel(timezone.now() - LINK_LIFETIME - datetime.timedelta(days=1)):
        expired = link_of(invite(meeting))
    clients = {}
    for name, user in [
        ("member", member),
        ("invitee by account", invited),
        ("another meeting's invitee by account", invited_elsewhere),
        ("staff", staff),
    ]:
        clients[name] = Client()
        clients[name].force_login(user)
    good = link_of(by_link)
    links = {
        "invitee by link": good,
        "expired link": expired,
        "another meeting's invitee by link": link_of(invite(other_meeting)),
        "tampered link": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
    }
    return {name: (clients.get(name) or Client(), links.get(name, "")) for name in READERS}


def what_they_get(client, token, meeting, draft, final):
    page = client.get(page_url(meeting, token))
    archive = client.get(zip_url(meeting, token))
    statuses = (
        page.status_code,
        archive.status_code,
        _status(client.get(document_url(draft, token))),
        _status(client.get(document_url(final, token))),
    )
    html = page.content.decode()
    on_page = [title for title in ["Draft paper", "Final agenda"] if title in html]
    if archive.status_code == 200:
        cover, *files = opened(archive).namelist()
        assert cover == "cover.html"
        assert [name.partition("-")[2].removesuffix(".pdf") for name in files] == on_page
    return {"statuses": statuses, "titles": on_page}


def directives(response):
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


def without_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _status(response):
    if response.streaming:
        read_streaming(response)
    return response.status_code


@pytest.mark.parametrize("state", STATES)
def test_each_reader_gets_what_the_rule_gives_them(state, staff, django_user_model):
    meeting = make_meeting(**STATES[state])
    draft = in_pack(meeting, 1, "Draft paper", draft=True)
    final = in_pack(meeting, 2, "Final agenda")
    got = {
        name: what_they_get(client, token, meeting, draft, final)
        for name, (client, token) in readers(meeting, staff, django_user_model).items()
    }
    assert got == EXPECTED[state]


def test_a_refused_link_says_why_and_is_kept_by_no_cache():
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    in_pack(meeting, 1, "Final agenda")
    with time_machine.travel(timezone.now() - LINK_LIFETIME - datetime.timedelta(hours=1)):
        expired = link_of(invite(meeting))

    response = Client().get(page_url(meeting, expired))

    assert response.status_code == 403
    html = response.content.decode()
    assert "This personal link has expired." in html
    assert "Final agenda" not in html and meeting.title not in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_bad_link_gets_the_same_answer_whether_the_meeting_exists_or_not():
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    bad = "not-a-link:at-all"
    known = Client().get(page_url(meeting, bad))
    unknown = Client().get(page_url(meeting, bad).replace(meeting.slug, "no-such-meeting"))
    assert known.status_code == unknown.status_code == 403
    assert "This personal link is not valid" in known.content.decode()
    # The same page, but for the address it was asked at (the language switcher's return).
    assert without_csrf(known).replace(meeting.slug, "no-such-meeting") == without_csrf(unknown)


@pytest.mark.parametrize(
    "token",
    ["", "\x00", "x" * 10_000, "%00", "eyJpIjoxfQ:1abc:sig", "' OR 1=1--", "é:é:é"],
)
def test_odd_links_never_give_a_server_error(token):
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    in_pack(meeting, 1, "Final agenda")
    response = Client().get(page_url(meeting), {"link": token})
    assert response.status_code in (403, 404)
    assert "Final agenda" not in response.content.decode()


def test_an_unknown_meeting_or_document_is_not_found(client):
    meeting = make_meeting()
    document = in_pack(meeting, 1, "Final agenda")
    assert client.get(page_url(meeting).replace(meeting.slug, "no-such-meeting")).status_code == 404
    assert client.get(zip_url(meeting).replace(meeting.slug, "no-such-meeting")).status_code == 404
    url = document_url(document).replace(document.slug, "no-such-document")
    assert client.get(url).status_code == 404


def test_a_document_of_another_meeting_or_not_in_the_pack_is_not_given_through_this_pack(client):
    meeting, other = make_meeting(), make_meeting()
    elsewhere = in_pack(other, 1, "Another pack's paper")
    outside = in_pack(meeting, None, "Not in the pack")
    url = document_url(elsewhere).replace(other.slug, meeting.slug)
    assert client.get(url).status_code == 404
    assert client.get(document_url(outside)).status_code == 404


def test_responses_are_private_and_a_link_s_are_not_stored(client):
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    document = in_pack(meeting, 1, "Final agenda")
    token = link_of(invite(meeting))
    for url in [page_url(meeting, token), zip_url(meeting, token), document_url(document, token)]:
        response = client.get(url)
        _status(response)
        assert response.status_code == 200, url
        assert directives(response) == {"private", "no-store"}, url
    meeting.status = PublicationStatus.PUBLISHED
    meeting.save()
    for url in [page_url(meeting), zip_url(meeting), document_url(document)]:
        response = client.get(url)
        _status(response)
        assert directives(response) == {"private"}, url


def test_the_page_carries_the_link_on_to_its_downloads():
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    document = in_pack(meeting, 1, "Final agenda")
    token = link_of(invite(meeting))
    html = Client().get(page_url(meeting, token)).content.decode()
    assert f'href="{zip_url(meeting, token)}"' in html.replace("&amp;", "&")
    assert f'href="{document_url(document, token)}"' in html.replace("&amp;", "&")
    # The meeting's page is not linked: a visitor would find nothing there.
    assert f'href="{meeting.get_absolute_url()}"' not in html


def test_an_invitee_s_pack_url_lets_them_in_without_an_account():
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    in_pack(meeting, 1, "Final agenda")
    url = invitee_pack_url(invite(meeting))
    assert url.startswith(page_url(meeting) + "?link=")
    response = Client().get(url)
    assert response.status_code == 200
    assert "Final agenda" in response.content.decode()
