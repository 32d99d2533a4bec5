"""Whose voice is heard, as an Atom feed: the voices page's rows, a meeting each, newest first,
each saying how many times each stakeholder group took the floor there (meetings.voices, one
count for all the feed's meetings)."""

from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.exports.atom import FEED_ENTRIES, AtomFeed, last_changed
from base.web.html import format_html, format_html_join
from meetings.models import Meeting
from meetings.voices import by_meeting, groups_shown, meetings_newest_first

from .visitor import VISITOR


class VoicesFeed(AtomFeed):
    title = _("Whose voice is heard")
    subtitle = _("How many times each stakeholder group took the floor, meeting by meeting.")
    link = reverse_lazy("meetings:voices")

    def items(self):
        meetings = meetings_newest_first(VISITOR)
        meetings = meetings.annotate(last_changed=last_changed(Meeting))[:FEED_ENTRIES]
        voices = by_meeting(VISITOR, meetings)
        groups = groups_shown(voices)
        for meeting_voices in voices:
            meeting_voices.meeting.voice_rows = meeting_voices.rows(groups)
        return [meeting_voices.meeting for meeting_voices in voices]

    def entry_path(self, meeting):
        return f"/voices/{meeting.pk}"

    def item_title(self, meeting):
        return gettext("%(meeting)s: whose voice is heard") % {"meeting": meeting}

    def item_link(self, meeting):
        return f"{meeting.get_absolute_url()}#voices"

    def item_description(self, meeting):
        counts = format_html_join(
            "", "<li>{}: {}</li>", ((row.label, row.count) for row in meeting.voice_rows)
        )
        return format_html("<p>{}</p><ul>{}</ul>", meeting.when, counts)

    def record_date(self, meeting):
        return meeting.date
