"""/sitemap.xml lists the public pages and every meeting, country, action group and organisation a
visitor may open, never a draft, whoever asks; robots.txt points to it."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.models import Meeting
from tests.factories import make_action_group, make_attendance, make_meeting, make_person
from tests.security.url_table import entry_urls

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# The count and the rows of each sitemap of the record's rows (the public pages' is a list).
QUERIES = 8
DETAILS = [
    "meetings:detail",
    "pathfinders:country_detail",
    "directory:action_group_detail",
    "directory:organization_detail",
]


def paths_in(client):
    response = client.get(reverse("site_pages:sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", NS)]


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get(reverse("robots_txt")).content.decode()

    assert "Sitemap: http://testserver/sitemap.xml\n" in body
    assert "Disallow: /admin/" in body


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_it_lists_what_a_visitor_opens_and_no_draft(self, staff_client):
        client = Client()
        draft = make_meeting(title="A draft", status=PublicationStatus.DRAFT)
        # A person and an organisation known only from the draft: unseen by visitors.
        unseen = make_person()
        make_attendance(meeting=draft, person=unseen)

        listed = paths_in(client)

        assert len(listed) == len(set(listed))
        pages = [
            "/",
            "/about/",
            "/join/",
            "/privacy/",
            "/contact/",
            "/meetings/",
            "/events/",
            "/follow-ups/",
            "/voices/",
            "/countries/",
            "/action-groups/",
            "/organizations/",
            "/directory/",
        ]
        assert [path for path in listed if path in pages] == pages
        # The public walk's detail pages a visitor gets (a draft's: 404), and nothing else.
        visible = {
            url for key in DETAILS for url in entry_urls(key) if client.get(url).status_code == 200
        }
        assert set(listed) - set(pages) == visible
        assert draft.get_absolute_url() not in listed
        assert unseen.organization.get_absolute_url() not in listed
        assert Meeting.objects.get(number=5).get_absolute_url() in listed
        # Staff, who see drafts, are given the visitors' sitemap.
        assert paths_in(staff_client) == listed

    def test_its_query_count_does_not_grow(self, client, django_assert_num_queries):
        with django_assert_num_queries(QUERIES):
            one = paths_in(client)
        for n in range(9):
            make_meeting(title=f"Meeting {n}")
            make_action_group()
        with django_assert_num_queries(QUERIES):
            ten = paths_in(client)
        assert len(ten) == len(one) + 18
