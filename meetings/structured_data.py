"""schema.org `Event`s, as JSON-LD, for a meeting's page, a planned meeting's announcement and
the calendar (base.web.structured_data).

Only what the page itself shows: a planned meeting's announcement gives what
meetings.planned_meetings gives of it (title, date as far as known, city, occasion, whether it
is cancelled), and nothing of its draft. No person and no address is named. The record does not
say whether a meeting was held in person, online or both (only how each participant attended),
so `eventAttendanceMode` is left out; nor does it give a venue, so the location is the city.
An entry of the calendar without a city cannot be a valid Event (schema.org and Google ask
for a location): it is left out.
"""

from django.urls import reverse

from base.web.structured_data import SCHEMA_ORG, iso_date, ld_json_script

SCHEDULED = f"{SCHEMA_ORG}/EventScheduled"
CANCELLED = f"{SCHEMA_ORG}/EventCancelled"


def _place(city):
    return {
        "@type": "Place",
        "name": city,
        "address": {"@type": "PostalAddress", "addressLocality": city},
    }


def _plain(text):
    """The record's text as one paragraph of plain text (its lists and breaks as spaces)."""
    return " ".join(str(text).split())


def meeting_event(meeting, request):
    """A meeting (or a planned meeting, as planned_meetings gives it) as a schema.org Event."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Event",
        "@id": url,
        "name": meeting.title,
        "url": url,
        "startDate": iso_date(meeting.date, meeting.date_precision),
        "eventStatus": CANCELLED if meeting.cancelled else SCHEDULED,
        "location": _place(meeting.city),
    }
    if meeting.occasion:
        data["description"] = _plain(meeting.occasion)
    return data


def calendar_event(event, request):
    """An entry of the calendar as the events page shows it (`event` selected with its
    meeting), or None without a city. Its URL is its meeting's page, or the calendar's."""
    if not event.city:
        return None
    page = event.meeting.get_absolute_url() if event.meeting_id else reverse("meetings:events")
    data = {
        "@type": "Event",
        "name": event.title,
        "url": request.build_absolute_uri(page),
        "startDate": iso_date(event.start_date, event.date_precision),
        "eventStatus": CANCELLED if event.is_cancelled else SCHEDULED,
        "location": _place(event.city),
    }
    if event.end_date:
        data["endDate"] = iso_date(event.end_date, event.date_precision)
    if event.description:
        data["description"] = _plain(event.description)
    return data


def meeting_script(meeting, request):
    return ld_json_script(meeting_event(meeting, request))


def calendar_script(events, request):
    """The page's events as one JSON-LD graph; nothing when none can be described."""
    described = [data for data in (calendar_event(e, request) for e in events) if data]
    if not described:
        return ""
    return ld_json_script({"@context": SCHEMA_ORG, "@graph": described})
