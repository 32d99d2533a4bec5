"""The follow-ups list's table rows (meetings/followup_list.html) written in Python, as
meetings.record_html writes the timeline's: a page lists fifty follow-ups, and the template
language resolved a dozen variables and two includes a row."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from base.record.choice_labels import choice_label
from base.record.partial_dates import format_partial_date
from base.templatetags.record_urls import DETAIL_VIEWS, absolute_url
from base.web.html import format_html, format_html_join
from base.web.slug_urls import slug_urls

from . import record_html
from .record_html import EMPTY, blocktranslate, status, translation_pieces


class FollowUpLabels:
    """The labels of the follow-ups table's cells (data-label, shown as a card on small screens),
    escaped once: every row repeats them."""

    def __init__(self):
        self.kind = conditional_escape(gettext("Kind"))
        self.decided = conditional_escape(gettext("Decided at"))
        self.owners = conditional_escape(gettext("Owners"))
        self.due = conditional_escape(gettext("Due"))
        self.status = conditional_escape(gettext("Status"))
        self.not_recorded = format_html('<span class="meta">{}</span>', gettext("Not recorded"))
        self.closed_at = translation_pieces(gettext("closed at the %(meeting)s"))
        self.carried_over = translation_pieces(gettext("carried over at the %(meeting)s"))


def followup_rows(points, user):
    """The rows of meetings/followup_list.html's table, one per follow-up (each selected with
    its meeting, closed_at and carried_over_to, and its `listed_owners`: ActionPoint.for_list,
    or meetings.followup_page)."""
    rows = _Rows(record_html.labels(FollowUpLabels), user)
    return format_html_join("", "{}", ((rows.row(point),) for point in points))


class _Rows:
    """Writes a page's rows. A page lists a few meetings' follow-ups, and a handful of kinds,
    statuses and due dates: a cell made of those alone is written once a page, not once a row."""

    def __init__(self, labels, user):
        self.labels = labels
        self.user = user
        self.today = timezone.localdate()
        self.meetings = {}  # meeting pk: (its URL, its "Decided at" cell)
        self.kinds = {}
        self.due = {}
        self.statuses = {}
        self.carried = {}
        # The owners' pages: absolute_url's, the URL's shape looked up once a page.
        self.owner_url = slug_urls(DETAIL_VIEWS["partners.organization"])

    def row(self, point):
        labels = self.labels
        meeting = self.meetings.get(point.meeting_id)
        if meeting is None:
            meeting = self.meetings[point.meeting_id] = _decided_at(point.meeting)
        meeting_url, decided_at = meeting
        kind = self.kinds.get(point.kind)
        if kind is None:
            kind = self.kinds[point.kind] = conditional_escape(choice_label(point, "kind"))
        owners = point.listed_owners
        return format_html(
            "\n      <tr>\n"
            '        <th scope="row"><a href="{}#{}">{}</a></th>\n'
            '        <td data-label="{}">{}</td>\n'
            '        <td data-label="{}">{}</td>\n'
            '        <td data-label="{}">{}</td>\n'
            '        <td data-label="{}">{}</td>\n'
            '        <td data-label="{}">{}{}</td>\n'
            "      </tr>\n      ",
            # ActionPoint.get_absolute_url, its meeting's URL made once.
            meeting_url,
            point.anchor,
            point.text,
            labels.kind,
            kind,
            labels.decided,
            decided_at,
            labels.owners,
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((self.owner_url(owner.slug), owner) for owner in owners),
            )
            if owners
            else labels.not_recorded,
            labels.due,
            self._due(point) if point.due_date else labels.not_recorded,
            labels.status,
            self._status(point),
            self._carried(point) if point.closed_at_id or point.carried_over_to_id else EMPTY,
        )

    def _due(self, point):
        due = (point.due_date, point.due_precision)
        written = self.due.get(due)
        if written is None:
            written = self.due[due] = conditional_escape(format_partial_date(*due))
        return written

    def _status(self, point):
        key = (point.status, point.is_overdue(self.today))
        written = self.statuses.get(key)
        if written is None:
            written = self.statuses[key] = status(point)
        return written

    def _carried(self, point):
        key = (point.closed_at_id, point.carried_over_to_id, point.is_closed)
        written = self.carried.get(key)
        if written is None:
            written = self.carried[key] = _carried(self.labels, point, self.user)
        return written


def _decided_at(meeting):
    url = absolute_url(meeting)
    return url, format_html(
        '<a href="{}">{}</a><br><span class="meta"><time datetime="{}">{}</time></span>',
        url,
        meeting.short_label,
        meeting.date.isoformat(),  # the date filter's "c"
        date_format(meeting.date),
    )


def _carried(labels, point, user):
    """meetings/partials/followup_carried.html: where it was closed or last carried over; a draft
    meeting named to staff only."""
    if point.closed_at:
        if point.closed_at.is_published or user.is_staff:
            return format_html(
                '<br><span class="meta">{}</span>\n',
                blocktranslate(labels.closed_at, meeting=point.closed_at.short_label),
            )
    elif point.carried_over_to and not point.is_closed:
        if point.carried_over_to.is_published or user.is_staff:
            return format_html(
                '<br><span class="meta">{}</span>\n',
                blocktranslate(labels.carried_over, meeting=point.carried_over_to.short_label),
            )
    return SafeString("\n")
