"""The rows of the directory's and the organisations list's tables, written in Python from
`values()` rows: the template language resolved some thirty variables and translated labels per
row, and building the rows' model instances cost as much again, for fifty rows a page.

Each function writes what the templates' row loop wrote, with the same markup and spaces
(tests/directory/test_row_html.py); text from the record is escaped by format_html.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from base.web.html import format_html
from base.web.slug_urls import slug_url, slug_urls
from meetings.models import AttendanceMode

EMPTY = SafeString("")
BR = SafeString("<br>")
END_CELL = SafeString("</td>")


def _joined(parts, separator=EMPTY):
    """The safe `parts`, `separator` between them: safe text added to safe text stays safe, and
    costs less than a format_html_join's format_html per part."""
    joined = None
    for part in parts:
        joined = part if joined is None else joined + separator + part
    return EMPTY if joined is None else joined


def as_partial(html):
    """`html` from meetings.record_html, as its partial's file writes it: ending with the file's
    last line end."""
    return format_html("{}\n", html)


def people_rows(people, attended, emails=None):
    """directory/people.html's rows: `people` the page's `values()` rows (pk, name, position,
    organization__name, organization__slug, organization__country__name); `attended`
    {person pk: [(meeting title, meeting slug, mode)]}, in the order shown; `emails`
    {person pk: [address]} for a reader who may see addresses, else None (no column)."""
    organisation_label = conditional_escape(gettext("Organisation"))
    meetings_label = conditional_escape(gettext("Meetings attended"))
    # The e-mail cell around its links, written once a page.
    email_cell = format_html('<td data-label="{}">', gettext("E-mail"))
    not_shown = format_html('<span class="meta">{}</span>', gettext("Not shown"))
    remote = str(AttendanceMode.REMOTE.label)
    organization_url = slug_urls("directory:organization_detail")
    meeting_url = slug_urls("meetings:detail")

    meeting_links = {}  # a meeting is listed for many of a page's people: its link made once

    def meeting_link(meeting):
        link = meeting_links.get(meeting)
        if link is None:
            title, slug, mode = meeting
            link = format_html('<a href="{}">{}</a>', meeting_url(slug), title)
            if mode == AttendanceMode.REMOTE:
                link = format_html('{} <span class="meta">({})</span>', link, remote)
            meeting_links[meeting] = link
        return link

    rows = []
    for person in people:
        pk = person["pk"]
        position, country = person["position"], person["organization__country__name"]
        if emails is None:
            email = EMPTY
        else:
            addresses = emails.get(pk)
            email = (
                email_cell
                + (
                    _joined((format_html('<a href="mailto:{0}">{0}</a>', a) for a in addresses), BR)
                    if addresses
                    else not_shown
                )
                + END_CELL
            )
        rows.append(
            format_html(
                '\n      <tr>\n        <th scope="row">{}{}</th>\n'
                '        <td data-label="{}"><a href="{}">{}</a>{}</td>\n'
                '        <td data-label="{}">{}</td>\n'
                "        {}\n      </tr>\n      ",
                person["name"],
                format_html('<br><span class="meta">{}</span>', position) if position else EMPTY,
                organisation_label,
                organization_url(person["organization__slug"]),
                person["organization__name"],
                format_html(' <span class="meta">({})</span>', country) if country else EMPTY,
                meetings_label,
                _joined(map(meeting_link, attended.get(pk, ())), BR),
                email,
            )
        )
    return _joined(rows)


def organization_rows(organizations):
    """directory/organization_list.html's rows of one kind: `organizations` its `values()` rows
    (name, slug, acronym, country__name, country__slug, people_count)."""
    acronym_label = gettext("Acronym")
    country_label = gettext("Country")
    people_label = gettext("People")

    return _joined(
        format_html(
            '\n        <tr>\n          <th scope="row"><a href="{}">{}</a></th>\n'
            '          <td data-label="{}">{}</td>\n'
            '          <td data-label="{}">{}</td>\n'
            '          <td data-label="{}">{}</td>\n        </tr>\n        ',
            slug_url("directory:organization_detail", organization["slug"]),
            organization["name"],
            acronym_label,
            organization["acronym"],
            country_label,
            _country_link(organization["country__name"], organization["country__slug"]),
            people_label,
            localize(organization["people_count"]),
        )
        for organization in organizations
    )


def _country_link(name, slug):
    if not name:
        return EMPTY
    return format_html('<a href="{}">{}</a>', slug_url("pathfinders:country_detail", slug), name)
