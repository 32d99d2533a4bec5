"""A meeting page's rows written in Python, with the markup and spaces the loops of
meetings/meeting_detail.html and its partials wrote: the template language resolved a dozen
variables for each of some hundred rows, a large share of the page.

Text from the record is escaped by format_html; the labels come translated from the template.
"""

from django.utils.html import format_html, format_html_join

from base.web.slug_urls import slug_url

EMPTY = ""


def attendance_rows(rows, organization_label):
    """partials/attendance_table.html's rows: meeting_page.shown_attendances' of one mode."""
    return format_html_join(
        "",
        "\n      <tr>\n"
        '        <th scope="row">{}{}</th>\n'
        '        <td data-label="{}"><a href="{}">{}</a></td>\n'
        "      </tr>\n      ",
        (
            (
                row.person__name,
                format_html('<br><span class="meta">{}</span>', row.position_held)
                if row.position_held
                else EMPTY,
                organization_label,
                slug_url("directory:organization_detail", row.organization__slug),
                row.listed_as or row.organization__name,
            )
            for row in rows
        ),
    )
