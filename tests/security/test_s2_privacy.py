"""S2: no e-mail address reaches an anonymous visitor, in any form, on any public page the URL
configuration declares; members see each person's addresses in the directory.

The walk is the S1 table's (url_table.public_pages): every public entry, every object of every
detail page, every choice of every list's filters and every further page of each, so a page no
link leads to is searched too, and a feed, export or JSON view is searched as soon as it has its
entry in the table. (That Secretariat-only addresses reach staff alone is tested with the
directory, tests/directory/test_people.py.)
"""

import html
import re
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from partners.models import ContactVisibility, EmailAddress
from tests.factories import make_organization, make_person

from .url_table import next_page, public_entries, public_pages

ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
ENCODED_AT = re.compile(r"&#0*64;|&#x0*40;|%40", re.IGNORECASE)
ADDRESSES_IN_THE_REPORT = 44
# 43 people are listed in the 2019 record; 50 a page: ten more make the directory's second page.
MORE_PEOPLE = 10
# The table's public entries (24): home, the meetings list, page and report, events, the
# follow-ups, whose voice is heard, documents' files (the record has none, so no URL of them is
# walked), a meeting's briefing pack: its page, its ZIP and its files (the record's pack is
# empty: only its page is walked), the countries list and page, the action groups list and
# page, the organisations list and page, the directory, the search, sign-in (the admin's too),
# the four password-reset pages; 3 for servers and robots: /healthz, /readyz, /robots.txt; the
# exports: the calendar feed, the JSON of the meetings, a meeting, the events, countries,
# organisations, action groups and the directory, and a meeting's interventions and attendance
# as CSV; and 2 of issue 21 whose URLs are made for each invitation (the record has none: no
# URL is walked): the invitee's page by their personal link, and the link that stops an
# optional e-mail; and 1 of issue 22, a reviewer's personal link to a round's draft record (the
# record has none). And 18 of issue 23: the site's four pages about itself, the contact form's
# thank-you, the sitemap; the 7 Atom feeds of the lists (events, follow-ups, voices, the
# countries' milestones, action groups, organisations, people); the Atom feeds of what changed
# about each country, action group and organisation, and all meetings, and the link that stops a
# follow (the record has no follow: no URL is walked).
PUBLIC_ENTRIES = 24 + 3 + 10 + 2 + 1 + 6 + 7 + 5
# The URLs walked with the 2019 record and the ten more people (and their organisation):
# - the first URL of each of the 26 entries that have one (the site's own five pages among
#   them), of the 4 for servers and robots (the sitemap among them), of the 10 exports, and of
#   the 7 Atom feeds;
# - the other detail pages: 23 more countries, 3 more action groups, 34 more organisations;
# - each filter choice the rows hold (a filter with one choice is not offered): countries the 4
#   stages reached, 5 regions, 2 kinds; organisations the 7 kinds there and the 9 countries they
#   are in; the directory's name search, its organisation and meeting searches (typed, not
#   listed), the 6 kinds of organisations with listed people, 9 countries, its 2 sort orders;
#   events 3 kinds; the follow-ups' 5 statuses (Overdue too), 2 kinds, owner and meeting
#   searches, 3 action groups (no country: not offered);
# - the directory's second page, unsorted and in each sort order;
# - the feeds of the 24 countries, 4 action groups, 35 organisations and all meetings.
URLS_WALKED = (
    26
    + 4
    + 10
    + 7
    + (23 + 3 + 34)
    + (4 + 5 + 2)
    + (7 + 9)
    + (1 + 1 + 1 + 6 + 9 + 2)
    + 3
    + (5 + 2 + 1 + 1 + 3)
    + 3
    + 8
    + (24 + 4 + 35 + 1)
)


@pytest.fixture(scope="class")
def ten_more_people(record, django_db_blocker):
    """Ten more listed people (each with an address): the directory gets a second page."""
    with django_db_blocker.unblock():
        organization = make_organization(name="Second Page Foundation")
        return [
            make_person(name=f"Zz Second-page Person {n}", organization=organization, email=True)
            for n in range(MORE_PEOPLE)
        ]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def readable(page):
    """The page as a browser or a scraper would read it: entities and %-escapes undone."""
    return html.unescape(unquote(html.unescape(page)))


@pytest.mark.usefixtures("ten_more_people")
class TestWithThe2019Record:
    def test_s2_no_address_for_anonymous_on_any_public_page(self, staff):
        pages = public_pages(signed_in(staff))
        assert sorted(pages) == sorted(public_entries())
        assert len(pages) == PUBLIC_ENTRIES
        urls = [url for found in pages.values() for url in found]
        assert len(urls) == URLS_WALKED
        directory = reverse("directory:people")
        assert f"{directory}?page=2" in urls
        known = [a.lower() for a in EmailAddress.objects.values_list("address", flat=True)]
        assert len(known) == ADDRESSES_IN_THE_REPORT + MORE_PEOPLE

        anonymous = Client()
        for url in urls:
            response = anonymous.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert "mailto:" not in body.lower(), url
            assert not ENCODED_AT.search(body), url
            page = readable(body).lower()
            assert not ADDRESS.findall(page), (url, ADDRESS.findall(page))
            assert not [address for address in known if address in page], url

    def test_s2_members_see_each_address_in_the_directory(self, member, ten_more_people):
        client = signed_in(member)
        url, found = reverse("directory:people"), []
        while url:
            body = client.get(url).content.decode()
            found += [html.unescape(a) for a in re.findall(r'href="mailto:([^"]+)"', body)]
            url = next_page(url, body)
        shown = EmailAddress.objects.filter(person__contact_visibility=ContactVisibility.MEMBERS)
        assert shown.count() == ADDRESSES_IN_THE_REPORT + MORE_PEOPLE
        assert sorted(found) == sorted(shown.values_list("address", flat=True))
