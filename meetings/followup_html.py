"""The follow-ups list's table rows (meetings/followup_list.html) written in Python, as
meetings.record_html writes the timeline's: a page lists fifty follow-ups, and the template
language resolved a dozen variables and two includes a row."""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from base.record.choice_labels import choice_label
from base.record.partial_dates import format_partial_date
from base.templatetags.record_urls import absolute_url

from . import record_html
from .record_html import EMPTY, blocktranslate, status, translation_pieces


class FollowUpLabels:
    """The labels of the follow-ups table's cells (data-label, shown as a card on small screens)."""

    def __init__(self):
        self.kind = gettext("Kind")
        self.decided = gettext("Decided at")
        self.owners = gettext("Owners")
        self.due = gettext("Due")
        self.status = gettext("Status")
        self.not_recorded = gettext("Not recorded")
        self.closed_at = translation_pieces(gettext("closed at the %(meeting)s"))
        self.carried_over = translation_pieces(gettext("carried over at the %(meeting)s"))


def followup_rows(points, user):
    """The rows of meetings/followup_list.html's table, one per follow-up (each selected with
    its meeting, closed_at and carried_over_to, and its `listed_owners`: ActionPoint.for_list)."""
    labels = record_html.labels(FollowUpLabels)
    not_recorded = format_html('<span class="meta">{}</span>', labels.not_recorded)
    # A meeting's cell is the same on each of its follow-ups (a page lists a few meetings'):
    # written once a meeting, its dates formatted once.
    decided = {}
    for point in points:
        if point.meeting_id not in decided:
            decided[point.meeting_id] = _decided_at(point.meeting)
    return format_html_join(
        "",
        "{}",
        (
            (_followup_row(labels, not_recorded, point, decided[point.meeting_id], user),)
            for point in points
        ),
    )


def _decided_at(meeting):
    return format_html(
        '<a href="{}">{}</a><br><span class="meta"><time datetime="{}">{}</time></span>',
        absolute_url(meeting),
        meeting.short_label,
        date_format(meeting.date, "c"),
        date_format(meeting.date),
    )


def _followup_row(labels, not_recorded, point, decided_at, user):
    owners = point.listed_owners
    return format_html(
        "\n      <tr>\n"
        '        <th scope="row"><a href="{}">{}</a></th>\n'
        '        <td data-label="{}">{}</td>\n'
        '        <td data-label="{}">{}</td>\n'
        '        <td data-label="{}">{}</td>\n'
        '        <td data-label="{}">{}</td>\n'
        '        <td data-label="{}">{}{}</td>\n'
        "      </tr>\n      ",
        absolute_url(point),
        point.text,
        labels.kind,
        choice_label(point, "kind"),
        labels.decided,
        decided_at,
        labels.owners,
        format_html_join(
            ", ", '<a href="{}">{}</a>', ((absolute_url(owner), owner) for owner in owners)
        )
        if owners
        else not_recorded,
        labels.due,
        format_partial_date(point.due_date, point.due_precision)
        if point.due_date
        else not_recorded,
        labels.status,
        status(point),
        _carried(labels, point, user) if point.closed_at or point.carried_over_to else EMPTY,
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
