"""Every decision and follow-up as an Atom feed: the follow-ups list's rows, in its order (newest
meeting first), each with its status today, Overdue included, as the list shows it."""

from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.exports.atom import FEED_ENTRIES, AtomFeed, last_changed
from base.record.choice_labels import choice_label
from base.record.partial_dates import format_partial_date
from base.web.html import format_html, format_html_join
from meetings.followup_page import followups_newest_first
from meetings.models import ActionPoint
from partners.models import Organization

from .visitor import VISITOR

# A title is a line in a reader's list: the text in full is the entry's summary.
TITLE_LENGTH = 80


class FollowUpsFeed(AtomFeed):
    title = _("Decisions and follow-ups")
    subtitle = _("Everything the GCG's meetings agreed or asked for, newest meeting first.")
    link = reverse_lazy("meetings:followups")

    def items(self):
        owners = Organization.objects.visible_to(VISITOR).order_by("name")
        points = (
            followups_newest_first(VISITOR)
            .select_related("meeting")
            .prefetch_related(Prefetch("owners", queryset=owners, to_attr="listed_owners"))
        )
        return points.annotate(last_changed=last_changed(ActionPoint))[:FEED_ENTRIES]

    def entry_path(self, point):
        return f"/follow-ups/{point.pk}"

    def item_title(self, point):
        text = Truncator(point.text).chars(TITLE_LENGTH)
        return f"{point.meeting.short_label} · {choice_label(point, 'kind')}: {text}"

    def item_description(self, point):
        facts = [point.display_status]
        if point.due_date:
            due = format_partial_date(point.due_date, point.due_precision)
            facts.append(gettext("due %(due)s") % {"due": due})
        if point.listed_owners:
            owners = ", ".join(owner.name for owner in point.listed_owners)
            facts.append(f"{gettext('Owners:')} {owners}")
        return format_html(
            "<p>{}</p><p>{}</p>", point.text, format_html_join(" · ", "{}", ((f,) for f in facts))
        )

    def record_date(self, point):
        return point.meeting.date
