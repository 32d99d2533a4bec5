"""The countries' pathfinder milestones as an Atom feed: the countries list says where each
country stands; its news is a milestone recorded. Every country's milestones, the latest first
(by their date, or, where the record gives none, the date of the meeting that reported them)."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from base.exports.atom import FEED_ENTRIES, AtomFeed, last_changed
from base.record.partial_dates import format_partial_date
from base.web.html import format_html
from meetings.timeline import reported_at
from pathfinders.models import Milestone

from .visitor import VISITOR


class MilestonesFeed(AtomFeed):
    title = _("Pathfinder milestones")
    subtitle = _("Each country's and regional body's milestones on the pathfinder journey.")
    link = reverse_lazy("pathfinders:country_list")

    def items(self):
        milestones = (
            Milestone.objects.visible_to(VISITOR)
            .select_related("country", "source_meeting")
            .annotate(last_changed=last_changed(Milestone))
            .order_by(
                Coalesce("date", "source_meeting__date").desc(),
                F("source_meeting__number").desc(),
                "-pk",
            )
        )
        return milestones[:FEED_ENTRIES]

    def entry_path(self, milestone):
        return f"/countries/milestones/{milestone.pk}"

    def item_link(self, milestone):
        return milestone.country.get_absolute_url()

    def item_description(self, milestone):
        reported = reported_at(milestone.source_meeting)
        if milestone.date:
            when = format_partial_date(milestone.date, milestone.date_precision)
            reported = f"{when}. {reported}"
        note = format_html("<p>{}</p>", milestone.note) if milestone.note else ""
        return format_html("<p>{}</p>{}", reported, note)

    def record_date(self, milestone):
        return milestone.date or milestone.source_meeting.date
