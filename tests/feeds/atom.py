"""Reading an Atom feed as a feed reader would: parsed as XML, checked against what RFC 4287
requires of a feed and of each entry."""

import datetime
from dataclasses import dataclass
from xml.etree import ElementTree

NS = {"atom": "http://www.w3.org/2005/Atom"}
ATOM_TYPE = "application/atom+xml"


@dataclass
class Entry:
    id: str
    title: str
    updated: datetime.datetime
    link: str
    summary: str


@dataclass
class Feed:
    id: str
    title: str
    updated: datetime.datetime
    language: str
    authors: list
    entries: list

    def titles(self):
        return [entry.title for entry in self.entries]


def _one(element, name):
    found = element.findall(f"atom:{name}", NS)
    assert len(found) == 1, f"{len(found)} <{name}> in <{element.tag}>"
    return found[0]


def _instant(text):
    # RFC 3339, as RFC 4287 3.3 asks: a date, a time and an offset.
    moment = datetime.datetime.fromisoformat(text)
    assert moment.tzinfo is not None, text
    return moment


def _alternate(element):
    links = [
        link
        for link in element.findall("atom:link", NS)
        if link.get("rel", "alternate") == "alternate"
    ]
    assert len(links) == 1, f"{len(links)} alternate links in <{element.tag}>"
    href = links[0].get("href")
    assert href.startswith(("http://", "https://")), href
    return href


def parse(response):
    """The feed of `response`, after checking it is one: its content type, and the elements RFC
    4287 (4.1.1, 4.1.2) requires of a feed and of every entry, each id unique."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith(ATOM_TYPE), response["Content-Type"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    authors = [_one(author, "name").text for author in root.findall("atom:author", NS)]
    entries = []
    for element in root.findall("atom:entry", NS):
        summary = element.find("atom:summary", NS)
        entries.append(
            Entry(
                id=_one(element, "id").text,
                title=_one(element, "title").text or "",
                updated=_instant(_one(element, "updated").text),
                link=_alternate(element),
                summary=summary.text if summary is not None else "",
            )
        )
        # Without an author of its own, an entry is the feed's (4.1.1): the feed must name one.
        assert authors or element.find("atom:author", NS) is not None
    feed = Feed(
        id=_one(root, "id").text,
        title=_one(root, "title").text,
        updated=_instant(_one(root, "updated").text),
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        authors=authors,
        entries=entries,
    )
    ids = [entry.id for entry in entries]
    assert len(set(ids)) == len(ids), "entry ids repeat"
    assert feed.id not in ids
    return feed
