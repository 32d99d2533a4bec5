"""Every public list and timeline links its Atom feed, `<link rel="alternate"
type="application/atom+xml">` in its head, and the link gives a valid feed.

The pages are the S1 table's public entries (tests/security/url_table.py), so a list added to
the portal is asked for its feed as soon as it has its entry; the feed is the one the page links,
not one this test knows, so a feed added by another app is read the same way. A public page that
is not a list says why below; anything that is not HTML (the exports, the feeds) is no page.
"""

import importlib.util
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.security.url_table import SITE, entry_urls, public_entries

from .atom import ATOM_TYPE, parse

pytestmark = pytest.mark.django_db

# Public pages that are not a list or a timeline, and why.
NOT_LISTS = {
    "home": "the GCG at a glance: each of its parts has its own list, and that list its feed",
    "meetings:detail": "one meeting's record, not a timeline: new meetings are the meetings' feed",
    "meetings:report": "the same record, as a printable report",
    "briefing_pack:page": "one meeting's papers, part of its record",
    "search:results": "the answer to what was typed, not a list that grows",
    "login": "a form",
    "password_reset": "a form",
    "password_reset_done": "a form's answer",
    "password_reset_confirm": "a form",
    "password_reset_complete": "a form's answer",
    "invitations:answer": "one invitee's own page, by their personal link",
    "invitations:unsubscribe": "one person's confirmation, by their personal link",
    "comment_rounds:by_link": "one reviewer's draft record, by their personal link",
}
# What the portal says of itself (about, contact, privacy, taking part: issue 23's site_pages).
NOT_LIST_NAMESPACES = {"site_pages"}
# Their feeds are the following app's (issue 23, built beside this one): asked for once that app
# has its URLs.
FOLLOWING_FEEDS = {
    "meetings:list",
    "pathfinders:country_detail",
    "directory:action_group_detail",
    "directory:organization_detail",
}


class AlternateLinks(HTMLParser):
    """The `<link rel="alternate">` of a page's head: [(type, href, title)]."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.links.append((attrs.get("type"), attrs.get("href"), attrs.get("title")))


def atom_links(html):
    parser = AlternateLinks()
    parser.feed(html[: html.index("</head>")])
    return [(href, title) for kind, href, title in parser.links if kind == ATOM_TYPE]


def is_a_list(key):
    return key not in NOT_LISTS and key.split(":")[0] not in NOT_LIST_NAMESPACES


def following_has_no_feeds_yet():
    return importlib.util.find_spec("following.urls") is None


def test_every_page_said_not_to_be_a_list_is_a_public_page_of_the_table():
    assert set(NOT_LISTS) <= set(public_entries())
    assert FOLLOWING_FEEDS <= set(SITE)


# The lists whose feeds are this app's (feeds/urls.py).
LISTS_HERE = {
    "meetings:events",
    "meetings:followups",
    "meetings:voices",
    "pathfinders:country_list",
    "directory:action_group_list",
    "directory:organization_list",
    "directory:people",
}


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_every_public_list_links_an_atom_feed(self):
        following_pending = FOLLOWING_FEEDS if following_has_no_feeds_yet() else set()
        client = Client()
        linked, without = {}, []
        for key in public_entries():
            urls = entry_urls(key)  # a detail page: its first object
            if not is_a_list(key) or key in following_pending or not urls:
                continue
            response = client.get(urls[0])
            assert response.status_code == 200, key
            if not response["Content-Type"].startswith("text/html"):
                continue  # an export or a feed: not a page
            links = atom_links(response.content.decode())
            if len(links) != 1:
                without.append((key, links))
                continue
            href, title = links[0]
            assert title, f"{key}: the link has no title for a reader to show"
            linked[key] = parse(client.get(href)).title
        assert without == []
        assert set(linked) >= LISTS_HERE | (FOLLOWING_FEEDS - following_pending)
        assert linked["meetings:events"] == "Events"

    def test_the_check_finds_a_page_without_a_feed(self):
        client = Client()
        assert atom_links(client.get(entry_urls("login")[0]).content.decode()) == []
        events = client.get(entry_urls("meetings:events")[0]).content.decode()
        assert atom_links(events) == [("/events/feed/", "Events")]
