"""The rows of the admin's list of meetings, each written at once: the same HTML as Django's
`items_for_result`, which looks up, formats and links every cell on its own (the field, its
choices, the date format, the row's address for each of its two links): two thirds of the time
of the list of 100 meetings.

What is the same for every row (the address with the list's filters kept, the date format, the
status labels) is found once per list; a list this does not write (a popup, an editable list,
other columns) is Django's own. tests/meetings/test_admin_list.py compares both."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_list import ResultList, result_headers
from django.contrib.admin.templatetags.admin_list import result_list as djangos_result_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.utils import dateformat, numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext

from base.web.html import format_html

# The columns a row is written with, in MeetingAdmin.list_display's order, and its links.
COLUMNS = ["number", "title", "date", "city", "status", "agenda_item_count", "participant_count"]
LINKS = ["number", "title"]

# Stands for a row's key in the address of the change form, reversed once for every row; letters
# only, which neither reverse() nor the admin's quote() change.
KEY = "MEETINGKEY"


def result_list(cl):
    """The context of the admin's change_list_results.html, as Django's `result_list` gives it."""
    if not writes_rows(cl):
        return djangos_result_list(cl)
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],  # an editable list's, which is Django's to write
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": [ResultList(None, cells) for cells in _rows(cl)],
    }


def writes_rows(cl):
    """Whether the list is one this writes: the columns it writes, neither a popup nor editable."""
    columns = list(cl.list_display)
    if columns[:1] == ["action_checkbox"]:
        columns = columns[1:]
    return (
        columns == COLUMNS
        and list(cl.list_display_links) == LINKS
        and not (cl.formset or cl.is_popup or cl.to_field)
    )


def _rows(cl):
    model_admin = cl.model_admin
    checkbox = "action_checkbox" in cl.list_display
    select = gettext("Select this object for an action - {}")
    empty = model_admin.get_empty_value_display()
    address = add_preserved_filters(
        {"preserved_filters": cl.preserved_filters, "opts": cl.opts},
        cl.url_for_result(_Key()),
    )
    date_format = get_format("DATE_FORMAT")
    number = _NumberFormat()
    status_field = cl.opts.get_field("status")
    statuses = {value: str(label) for value, label in status_field.flatchoices}
    for meeting in cl.result_list:
        # Django's cells, with the classes items_for_result gives them (a row's first link is
        # its header).
        cells = format_html(
            '<th class="field-number"><a href="{url}">{number}</a></th>'
            '<td class="field-title"><a href="{url}">{title}</a></td>'
            '<td class="field-date nowrap">{date}</td>'
            '<td class="field-city">{city}</td>'
            '<td class="field-status">{status}</td>'
            '<td class="field-agenda_item_count">{agenda_items}</td>'
            '<td class="field-participant_count">{participants}</td>',
            url=address.replace(KEY, str(quote(meeting.pk)), 1),
            number=number(meeting.number),
            title=_text(meeting.title, empty),
            date=dateformat.format(meeting.date, date_format),
            city=_text(meeting.city, empty),
            status=statuses.get(meeting.status, empty),
            agenda_items=number(meeting.agenda_item_count),
            participants=number(meeting.participant_count),
        )
        if checkbox:
            # PortalModelAdmin.action_checkbox's, its label translated once.
            box = format_html(
                '<td class="action-checkbox"><input type="checkbox" name="{}" value="{}"'
                ' class="action-select" aria-label="{}"></td>',
                ACTION_CHECKBOX_NAME,
                str(meeting.pk),
                select.format(meeting),
            )
            yield [box + cells]  # one item: the template writes each apart
        else:
            yield [cells]


class _Key:
    """A row whose key is KEY, for ChangeList.url_for_result."""

    pk = id = KEY


def _text(value, empty):
    return empty if value.strip() == "" else value


class _NumberFormat:
    """django.utils.formats.number_format, its separators looked up once for every number."""

    def __init__(self):
        language = get_language()
        self.separators = {
            "decimal_sep": get_format("DECIMAL_SEPARATOR", language, use_l10n=True),
            "grouping": get_format("NUMBER_GROUPING", language, use_l10n=True),
            "thousand_sep": get_format("THOUSAND_SEPARATOR", language, use_l10n=True),
        }

    def __call__(self, value):
        return numberformat.format(value, use_l10n=True, **self.separators)
