"""The calendar's events as an Atom feed: the latest first, as the calendar feed (iCalendar)
lists them, each entry an event of the calendar, its id the calendar's UID for it."""

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from base.exports.atom import FEED_ENTRIES, AtomFeed, last_changed
from base.record.choice_labels import choice_label
from base.record.partial_dates import format_partial_date
from base.web.html import format_html
from meetings.calendar_feed import events_newest_first
from meetings.models import Event

from .visitor import VISITOR


class EventsFeed(AtomFeed):
    title = _("Events")
    subtitle = _("The GCG's own meetings and the events it takes part in, the latest first.")
    link = reverse_lazy("meetings:events")

    def items(self):
        events = events_newest_first(VISITOR).select_related("meeting", "mentioned_at__meeting")
        return events.annotate(last_changed=last_changed(Event))[:FEED_ENTRIES]

    def entry_path(self, event):
        return f"/events/{event.pk}"

    def item_link(self, event):
        # An event has no page of its own: a GCG meeting's is its record, any other the calendar.
        if event.meeting_id is not None:
            return event.meeting.get_absolute_url()
        return reverse("meetings:events")

    def item_description(self, event):
        when = format_partial_date(event.start_date, event.date_precision, event.end_date)
        place = f"{when}, {event.city}" if event.city else when
        return format_html(
            "<p>{} · {} · {}</p>{}",
            place,
            choice_label(event, "kind"),
            event.display_status,
            format_html("<p>{}</p>", event.description) if event.description else "",
        )

    def record_date(self, event):
        return event.start_date
