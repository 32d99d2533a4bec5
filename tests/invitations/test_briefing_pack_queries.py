"""The briefing pack's page and ZIP cost a fixed number of queries, whatever the pack's size:
the same at 1 and 10 times the documents."""

import pytest
from django.test import Client

from base.record.visibility import PublicationStatus
from tests.factories import make_meeting
from tests.responses import read_streaming

from .briefing_pack_helpers import in_pack, invite, link_in_pack, link_of, page_url, zip_url

pytestmark = pytest.mark.django_db

# The meeting, then the pack's documents.
QUERIES = 2
# The meeting, the invitation the link names, the documents.
LINK_QUERIES = 3
# The session and the user, the meeting, the documents (an announced meeting: no invitation).
MEMBER_QUERIES = 4


def pack_of(size, **meeting):
    """A meeting whose pack holds `size` files, a link and a draft for every three."""
    meeting = make_meeting(**meeting)
    for place in range(1, 3 * size + 1, 3):
        in_pack(meeting, place, f"Paper {place}")
        link_in_pack(meeting, place + 1, f"Link {place}", f"https://example.org/{place}")
        in_pack(meeting, place + 2, f"Draft {place}", draft=True)
    return meeting


def fetched(client, url):
    response = client.get(url)
    if response.streaming:
        read_streaming(response)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("size", [1, 10])
@pytest.mark.parametrize("url_of", [page_url, zip_url], ids=["page", "zip"])
def test_a_published_meeting_s_pack(size, url_of, django_assert_num_queries):
    meeting = pack_of(size)
    with django_assert_num_queries(QUERIES):
        fetched(Client(), url_of(meeting))


@pytest.mark.parametrize("size", [1, 10])
@pytest.mark.parametrize("url_of", [page_url, zip_url], ids=["page", "zip"])
def test_an_invitee_s_link(size, url_of, django_assert_num_queries):
    meeting = pack_of(size, status=PublicationStatus.DRAFT)
    token = link_of(invite(meeting))
    with django_assert_num_queries(LINK_QUERIES):
        fetched(Client(), url_of(meeting, token))


@pytest.mark.parametrize("size", [1, 10])
@pytest.mark.parametrize("url_of", [page_url, zip_url], ids=["page", "zip"])
def test_a_member_before_an_announced_meeting(
    size, url_of, member_client, django_assert_num_queries
):
    meeting = pack_of(size, status=PublicationStatus.DRAFT, announced=True)
    with django_assert_num_queries(MEMBER_QUERIES):
        response = fetched(member_client, url_of(meeting))
    if url_of is page_url:
        assert response.content.decode().count('<th scope="row">') == 2 * size
