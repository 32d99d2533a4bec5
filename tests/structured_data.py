"""Reading a page's schema.org JSON-LD as a search engine does, and checking it against what the
vocabulary (and Google's guide to it, which asks more) requires of each type."""

import datetime
import json
import re

# What each type must have, and what the portal always gives besides (Google "recommends" it).
# Event: Google's required properties (name, startDate, location); eventStatus recommended.
# Organization: schema.org requires nothing; Google's organisation guide asks name and url.
REQUIRED = {
    "Event": {"name", "startDate", "location", "eventStatus"},
    "Organization": {"name", "url"},
    "Place": {"name", "address"},
    "PostalAddress": {"addressLocality"},
    "VirtualLocation": {"url"},
}
EVENT_STATUSES = {
    "https://schema.org/EventScheduled",
    "https://schema.org/EventCancelled",
    "https://schema.org/EventPostponed",
    "https://schema.org/EventRescheduled",
    "https://schema.org/EventMovedOnline",
}
# ISO 8601 calendar dates, at a reduced precision too (a year; a year and month).
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
URL_KEYS = {"@id", "url", "sameAs"}
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
AN_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def json_ld(body):
    """The page's JSON-LD blocks, parsed."""
    return [json.loads(block) for block in SCRIPT.findall(body)]


def things(block):
    """The top-level things a block describes (a graph's members, or the block itself)."""
    return block["@graph"] if "@graph" in block else [block]


def problems(thing, path="$"):
    """What is wrong with `thing` (and what it holds) by the table above: [message]."""
    found = []
    kind = thing.get("@type")
    if kind is None:
        return [f"{path}: no @type"]
    missing = REQUIRED.get(kind, set()) - set(thing)
    if missing:
        found.append(f"{path} ({kind}): missing {sorted(missing)}")
    for key in ("startDate", "endDate"):
        if key in thing:
            value = thing[key]
            if not ISO_DATE.fullmatch(value):
                found.append(f"{path}.{key}: {value!r} is not an ISO 8601 date")
            elif len(value) == 10:
                datetime.date.fromisoformat(value)
    if "eventStatus" in thing and thing["eventStatus"] not in EVENT_STATUSES:
        found.append(f"{path}.eventStatus: {thing['eventStatus']!r}")
    for key in URL_KEYS & set(thing):
        for url in thing[key] if isinstance(thing[key], list) else [thing[key]]:
            if not re.match(r"https?://[^/]+", url):
                found.append(f"{path}.{key}: {url!r} is not an absolute http(s) URL")
    for key, value in thing.items():
        if isinstance(value, dict):
            found += problems(value, f"{path}.{key}")
    return found


def checked(body, kind):
    """The things of type `kind` the page describes, each checked; the page has its JSON-LD
    and no e-mail address in it."""
    blocks = json_ld(body)
    assert blocks, "the page has no JSON-LD"
    assert all(block["@context"] == "https://schema.org" for block in blocks)
    assert not AN_EMAIL_ADDRESS.search(json.dumps(blocks))
    found = [thing for block in blocks for thing in things(block) if thing["@type"] == kind]
    errors = [message for thing in found for message in problems(thing)]
    assert errors == [], errors
    return found
