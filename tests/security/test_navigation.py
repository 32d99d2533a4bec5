"""Everything published can be found from the home page by following links: every meeting,
country, action group, organisation, listed person and event of the 2019 record.

(S2 walks the URL configuration, which reaches pages no link leads to; this crawl shows what
that walk cannot: that visitors can get to each of them. It searches for no address: S2 does.)
"""

import html
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import Event, Meeting
from partners.models import Country, Organization, Person

# Far more than the record's pages; reaching it means the crawl is looping on generated links.
MAX_PAGES = 3000
SKIPPED_PREFIXES = ("/admin/", "/static/", "/accounts/logout/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)


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
    """GET every page reachable from / by links; {path: html} of the 200 answers."""
    pages, seen, queue = {}, {"/"}, deque(["/"])
    while queue:
        assert len(seen) < MAX_PAGES, "the crawl does not end: links generate new links"
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages[path] = body = response.content.decode()
        parser = LinkParser()
        parser.feed(body)
        for href in parser.links:
            target = same_site_path(href, path)
            if target and target not in seen and not target.startswith(SKIPPED_PREFIXES):
                seen.add(target)
                queue.append(target)
    return pages


@pytest.mark.usefixtures("record")
def test_every_published_fact_is_reachable_from_the_home_page(client):
    pages = crawl(client)
    expected = [
        *(m.get_absolute_url() for m in Meeting.objects.all()),
        *(c.get_absolute_url() for c in Country.objects.all()),
        *(g.get_absolute_url() for g in ActionGroup.objects.all()),
        *(o.get_absolute_url() for o in Organization.objects.all()),
    ]
    assert len(expected) == 1 + 24 + 4 + 34
    assert [url for url in expected if url not in pages] == []

    directory = reverse("directory:people")
    directory_pages = "".join(
        body for path, body in pages.items() if urlsplit(path).path == directory
    )
    listed = Person.objects.listed()
    assert listed.count() == 43
    assert [p.name for p in listed if html.escape(p.name) not in directory_pages] == []

    everything = "".join(pages.values())
    assert Event.objects.count() == 15
    assert [e.title for e in Event.objects.all() if html.escape(e.title) not in everything] == []
