"""The privacy walk: every public page reachable from / by following links, as anonymous and as a
member. Anonymous pages never carry an e-mail address in any form; the crawl reaches every fact."""

import html
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote, urldefrag, urlencode, urlsplit

import pytest
from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import Event, Meeting
from partners.models import ContactVisibility, EmailAddress, Organization, Person
from pathfinders.models import Country
from tests.factories import make_agenda_item, make_attendance, make_meeting, make_person

# Far more than the record's pages; reaching it means the crawl is looping on generated links.
MAX_PAGES = 3000
SKIPPED_PREFIXES = ("/admin/", "/static/", "/accounts/logout/")
ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
ENCODED_AT = re.compile(r"&#0*64;|&#x0*40;|%40", re.IGNORECASE)
ADDRESSES_IN_THE_REPORT = 44


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_of(body):
    parser = LinkParser()
    parser.feed(body)
    return parser.links


def same_site_path(href, current):
    """The path?query an href points to on this site, or None for other hosts and schemes."""
    href, _ = urldefrag(href)
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            return None
    path = parts.path or urlsplit(current).path
    if not path.startswith("/"):
        return None  # The portal links with {% url %}: every path is absolute.
    # Every page's sign-in link carries its own `next`: one sign-in page is enough.
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
    return f"{path}?{query}" if query else path


def crawl(client):
    """GET every page reachable from / by links; return {path: html} of the 200 answers."""
    pages = {}
    seen = {"/"}
    queue = deque(["/"])
    while queue:
        assert len(seen) < MAX_PAGES, "the crawl does not end: links generate new links"
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        pages[path] = body
        for href in links_of(body):
            target = same_site_path(href, path)
            if target and target not in seen and not target.startswith(SKIPPED_PREFIXES):
                seen.add(target)
                queue.append(target)
    return pages


def addresses_in(body):
    """Every e-mail address a browser or a scraper could read out of a page, decoded."""
    decoded = html.unescape(unquote(body))
    return {match.lower() for match in ADDRESS.findall(decoded)}


@pytest.fixture
def draft_meeting(record):
    """A draft with a participant whose address exists nowhere else: it must stay unseen."""
    meeting = make_meeting(title="Draft meeting not yet published", status="draft")
    make_agenda_item(meeting=meeting, title="Draft agenda item")
    make_attendance(meeting=meeting, person=make_person(email="draft.only@example.org"))
    return meeting


@pytest.fixture
def anonymous_pages(client, record, draft_meeting):
    return crawl(client)


def test_anonymous_pages_carry_no_address_in_any_form(anonymous_pages):
    known = {address.lower() for address in EmailAddress.objects.values_list("address", flat=True)}
    assert len(known) == ADDRESSES_IN_THE_REPORT + 1
    for path, body in anonymous_pages.items():
        assert "mailto:" not in body.lower(), path
        assert not ENCODED_AT.search(body), path
        assert not addresses_in(body), f"{path}: {addresses_in(body)}"
        lowered = body.lower()
        assert not [address for address in known if address in lowered], path


def test_the_crawl_reaches_every_published_fact(anonymous_pages):
    reached = set(anonymous_pages)
    expected = [
        *(m.get_absolute_url() for m in Meeting.objects.filter(status="published")),
        *(c.get_absolute_url() for c in Country.objects.all()),
        *(g.get_absolute_url() for g in ActionGroup.objects.all()),
        *(o.get_absolute_url() for o in Organization.objects.all()),
    ]
    assert len(expected) > 50
    assert [url for url in expected if url not in reached] == []

    directory = reverse("partners:directory")
    directory_html = "".join(
        body for path, body in anonymous_pages.items() if urlsplit(path).path == directory
    )
    listed = Person.objects.exclude(contact_visibility=ContactVisibility.HIDDEN)
    assert listed.count() >= 43
    assert [p.name for p in listed if html.escape(p.name) not in directory_html] == []

    all_html = "".join(anonymous_pages.values())
    assert Event.objects.count() >= 10
    assert [e.title for e in Event.objects.all() if html.escape(e.title) not in all_html] == []


def test_drafts_are_never_reached_by_anonymous_visitors(anonymous_pages, draft_meeting):
    assert draft_meeting.get_absolute_url() not in anonymous_pages
    assert not [path for path, body in anonymous_pages.items() if draft_meeting.title in body]


def test_a_member_finds_all_44_addresses_in_the_directory(client, member, record):
    client.force_login(member)
    directory = reverse("partners:directory")
    pages = crawl(client)
    mailto = re.compile(r'href="mailto:([^"]+)"')
    found = set()
    for path, body in pages.items():
        if urlsplit(path).path == directory:
            found.update(html.unescape(address) for address in mailto.findall(body))
    expected = set(EmailAddress.objects.values_list("address", flat=True))
    assert len(expected) == ADDRESSES_IN_THE_REPORT
    assert found == expected
