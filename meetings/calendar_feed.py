"""The calendar of events as an iCalendar feed (RFC 5545), to subscribe to or download.

Every event the visitor may see is in it, the GCG's own meetings included (they are recorded as
events of the kind "GCG meeting", linked to their record; a meeting is not added a second time).
Each is an all-day event: the record knows days, not hours. An event known only to the month or
the year is kept, on the first day of that period, with its summary saying so ("… (December
2019, day not yet known)") and the status TENTATIVE, so nobody reads the 1st as its date.

A planned meeting is in it as its entry (meetings.calendar_entries keeps it in step with the
meeting): the same entry, and so the same UID, from its announcement ("November 2019, day not yet
known") to its confirmed day and its published record, so a subscriber's calendar moves it in
place; a cancelled meeting's entry stays, STATUS:CANCELLED.
"""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from base.exports.content_lines import content_lines, escape_text
from base.record.partial_dates import DatePrecision, format_partial_date
from base.web.slug_urls import slug_url

from .models import Event, EventStatus
from .record_html import EVENT_COLUMNS

# The feed holds the most recent events (by start) up to this many: bounded, whatever the record.
MOST_EVENTS = 1000
PRODUCT_ID = "-//Alliance 8.7//GCG portal//EN"
SETTLED = [EventStatus.HELD, EventStatus.CONFIRMED]


def events_newest_first(user):
    """The events `user` may see, the latest first: this feed's order, and the Atom feed's
    (feeds.events)."""
    return Event.objects.visible_to(user).order_by("-start_date", "-pk")


def feed_events(user):
    """The events of the feed: those `user` may see, most recent first, at most MOST_EVENTS;
    each a dict of FIELDS, not a model instance (making a thousand of them, and their meetings,
    was a third of the feed's time)."""
    return events_newest_first(user).values(*FIELDS)[:MOST_EVENTS]


# What the pages write of an event, and the row's key and meeting for its UID and URL, and
# whether the meeting was cancelled.
FIELDS = ("pk", *EVENT_COLUMNS, "meeting__slug", "meeting__cancelled")


def uid_maker():
    """event pk -> its UID, stable across requests and edits: the UUID named by the site's domain
    and the row's id (RFC 7986 5.3), `uuid.uuid5(uuid.NAMESPACE_URL, URL)` with the URL
    "https://<SITE_DOMAIN>/events/<pk>". Not "event-1@domain": the feed is public, and nothing in
    it should read as an e-mail address (docs/security.md, S2).

    uuid5 written out (RFC 4122 4.3: SHA-1 of the namespace and the name, version 5, variant
    bits), the hash of what every event's URL starts with taken once: uuid5 and the UUID object
    cost a thousand events some 5 ms."""
    start = hashlib.sha1(
        uuid.NAMESPACE_URL.bytes + f"https://{settings.SITE_DOMAIN}/events/".encode(),
        usedforsecurity=False,
    )

    def uid(pk):
        sha = start.copy()
        sha.update(str(pk).encode())
        octets = bytearray(sha.digest()[:16])
        octets[6] = octets[6] & 0x0F | 0x50
        octets[8] = octets[8] & 0x3F | 0x80
        x = octets.hex()
        return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"

    return uid


def summary(event):
    if event["meeting__cancelled"]:
        return _("%(title)s (cancelled)") % {"title": event["title"]}
    if event["date_precision"] == DatePrecision.DAY:
        return event["title"]
    when = format_partial_date(event["start_date"], event["date_precision"])
    return _("%(title)s (%(when)s, day not yet known)") % {"title": event["title"], "when": when}


def ical_date(value):
    return value.isoformat().replace("-", "")  # YYYYMMDD; strftime costs five times as much


def ical_status(event, known_to_the_day):
    """CANCELLED for a cancelled meeting's entry (subscribers' calendars strike it out, as the
    same UID); CONFIRMED for a settled event known to the day; TENTATIVE otherwise."""
    if event["meeting__cancelled"]:
        return "CANCELLED"
    return "CONFIRMED" if known_to_the_day and event["status"] in SETTLED else "TENTATIVE"


def event_lines(event, stamp, site_url, kind_labels, uid):
    start = event["start_date"]
    known_to_the_day = event["date_precision"] == DatePrecision.DAY
    last = (event["end_date"] or start) if known_to_the_day else start
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(event['pk'])}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{ical_date(start)}",
        # All-day: the end is exclusive, the day after the last.
        f"DTEND;VALUE=DATE:{ical_date(last + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(summary(event))}",
        f"STATUS:{ical_status(event, known_to_the_day)}",
        f"CATEGORIES:{kind_labels.get(event['kind']) or escape_text(event['kind'])}",
    ]
    if event["city"]:
        lines.append(f"LOCATION:{escape_text(event['city'])}")
    if event["description"]:
        lines.append(f"DESCRIPTION:{escape_text(event['description'])}")
    if event["meeting__slug"] is not None:
        # Meeting.get_absolute_url()
        lines.append(f"URL:{site_url}{slug_url('meetings:detail', event['meeting__slug'])}")
    return [*lines, "END:VEVENT"]


def calendar_text(events, now, site_url):
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(_('Alliance 8.7 GCG calendar'))}",
    ]
    # Each kind's name translated and escaped once, not once an event (get_kind_display()
    # translates every choice at each call).
    kind_labels = {
        value: escape_text(label) for value, label in Event._meta.get_field("kind").flatchoices
    }
    uid = uid_maker()
    for event in events:
        lines += event_lines(event, stamp, site_url, kind_labels, uid)
    lines.append("END:VCALENDAR")
    return content_lines(lines)


@require_safe
def events_ics(request):
    site_url = request.build_absolute_uri("/").rstrip("/")
    text = calendar_text(feed_events(request.user), timezone.now(), site_url)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gcg-events.ics"'
    return response
