"""Issue 21: no registration, no list of invitees and no draft of a briefing pack reaches a
visitor, and a member sees only their own: every public URL the Secretariat's walk finds
(tests/security/url_table.py), fetched as a visitor and as a member, as the drafts test does.

The invitees themselves are people of the record, listed in the directory like anyone; what is
theirs alone is that they were invited and what they answered (a delegate's name and address).
"""

import pytest
from django.test import Client
from django.urls import reverse

from invitations.models import Answer
from tests.factories import (
    make_announced_meeting,
    make_document_with_file,
    make_invitation,
    make_person,
)

from .test_drafts_are_for_staff import fetch, signed_in
from .url_table import public_pages

pytestmark = pytest.mark.django_db

MY_DELEGATE = ("Qzmydelegate", "qzmine@example.org")
THEIR_DELEGATE = ("Qztheirdelegate", "qztheirs@example.org")
PACK_DRAFT = "Qzpackdraft"


def delegated(meeting, person, delegate):
    name, address = delegate
    return make_invitation(
        meeting=meeting,
        person=person,
        answer=Answer.DELEGATE,
        delegate_name=name,
        delegate_email=address,
        delegate_mode="remote",
        organization=person.organization,
    )


def markers_in(pages, markers):
    every_page = "".join(body for _status, body in pages.values())
    return {marker for marker in markers if marker.lower() in every_page}


@pytest.mark.usefixtures("record")
def test_registrations_reach_no_visitor_and_each_member_only_their_own(member, staff):
    meeting = make_announced_meeting(agenda=["Opening"], agenda_circulated=True)
    delegated(meeting, make_person(user=member), MY_DELEGATE)
    delegated(meeting, make_person(), THEIR_DELEGATE)
    make_document_with_file(
        meeting=meeting, title=PACK_DRAFT, briefing_pack_position=1, briefing_pack_draft=True
    )
    me = reverse("directory:me")
    walked = public_pages(signed_in(staff))
    # Less the invitees' personal links: each is its invitee's page, reached with its token
    # alone (S1's table and tests/invitations/test_answer_page.py hold them to that).
    personal = tuple(
        reverse(name, args=["x"]).removesuffix("x/")
        for name in ["invitations:answer", "invitations:unsubscribe"]
    )
    urls = sorted(
        {url for found in walked.values() for url in found if not url.startswith(personal)} | {me}
    )
    assert meeting.get_absolute_url() in urls
    assert any("/briefing-pack" in url for url in urls)
    every_marker = {*MY_DELEGATE, *THEIR_DELEGATE, PACK_DRAFT}

    as_visitor = fetch(Client(), urls)
    as_member = fetch(signed_in(member), urls)

    leaks = {url: markers_in({url: page}, every_marker) for url, page in as_visitor.items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    # The member's own page shows their answer; nobody else's, nor a draft, shows anywhere.
    assert markers_in(as_member, every_marker) == set()
    assert "sending someone else" in as_member[me][1]
    assert meeting.title.lower() in as_member[me][1]
    assert "sending someone else" not in "".join(
        body for url, (_status, body) in as_visitor.items()
    )
