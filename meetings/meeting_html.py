"""A meeting page's rows written in Python, with the markup and spaces the loops of
meetings/meeting_detail.html and its partials wrote: the template language resolved a dozen
variables for each of some hundred rows, a large share of the page.

Text from the record is escaped by format_html. The labels come from the template's
`{% translate ... as label %}`, which leaves a translation as written ("Point de l'ordre du
jour"), where format_html would escape a label translated here.
"""

from django.template.defaultfilters import filesizeformat

from base.record.choice_labels import choice_label
from base.record.partial_dates import format_partial_date
from base.templatetags.record_text import record_text
from base.web.html import format_html, format_html_join
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


def _links(linked):
    """Links to linked_rows.Linked rows, separated by commas."""
    return format_html_join(", ", '<a href="{}">{}</a>', ((o.url, o.name) for o in linked))


def action_point_rows(points, kind, owners, due, status, item, not_recorded):
    """The rows of the page's table of decisions and follow-ups, each cell headed by its label
    (`kind`... `item`)."""
    not_recorded = format_html('<span class="meta">{}</span>', not_recorded)
    return format_html_join(
        "",
        '\n        <tr id="{}">\n'
        '          <th scope="row">{}</th>\n'
        '          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}"><span class="badge badge-{}">{}</span></td>\n'
        '          <td data-label="{}">{}</td>\n'
        "        </tr>\n        ",
        (
            (
                point.anchor,
                point.text,
                kind,
                choice_label(point, "kind"),
                owners,
                _links(point.listed_owners) if point.listed_owners else not_recorded,
                due,
                format_partial_date(point.due_date, point.due_precision)
                if point.due_date
                else not_recorded,
                status,
                point.status_style,
                point.display_status,
                item,
                format_html(
                    '<a href="#{}">{}</a>',
                    point.agenda_item.anchor,
                    point.agenda_item.number_and_title,
                )
                if point.agenda_item
                else EMPTY,
            )
            for point in points
        ),
    )


def _document(document, download, by):
    title = (
        format_html('<a href="{}">{}</a>', document.url, document.title)
        if document.url
        else document.title
    )
    date = (
        format_html(
            ' <span class="meta">{}</span>',
            format_partial_date(document.date, document.date_precision),
        )
        if document.date
        else EMPTY
    )
    file = EMPTY
    if document.file:
        file = format_html(
            '<p><a href="{}">{}</a> <span class="meta">({}, {})</span></p>',
            slug_url("meetings:document_file", document.slug),
            download,
            document.file_label,
            filesizeformat(document.file_size),
        )
    authors = document.listed_organizations
    return (
        title,
        document.kind_label,
        date,
        file,
        format_html('<p class="meta">{} {}</p>', by, _links(authors)) if authors else EMPTY,
        record_text(document.description) if document.description else EMPTY,
    )


def document_items(documents, download, by):
    """The items of the page's list of documents (partials/document.html's markup), of
    meeting_parts.DocumentRow rows; `download`, `by`: the labels of the file's link and of the
    authors."""
    return format_html_join(
        "",
        '\n    <li class="card"><p><strong>{}</strong>\n'
        '  <span class="badge">{}</span>{}</p>\n'
        "{}\n{}\n{}\n</li>\n    ",
        (_document(document, download, by) for document in documents),
    )


def voice_patterns(patterns):
    """partials/voice_patterns.html, the SVG patterns of a voices chart: voices.patterns'."""
    return format_html(
        "<defs>{}\n</defs>\n",
        format_html_join(
            "",
            '\n  <pattern id="{}" width="8" height="8" patternUnits="userSpaceOnUse">'
            '<rect width="8" height="8" fill="{}"/>{}</pattern>',
            (
                (
                    pattern_id,
                    colour,
                    format_html(
                        '<path d="{}" stroke="#ffffff" stroke-width="1.5" fill="none"/>', path
                    )
                    if path
                    else EMPTY,
                )
                for pattern_id, colour, path in patterns
            ),
        ),
    )


def voice_bars(rows):
    """The bars of a meeting's voices chart (voices.bars' rows), each group's name above its
    bar and its count after it. Their coordinates are written as `{% localize off %}` writes
    them: as str() writes a number rounded to a tenth."""
    return format_html_join(
        "",
        '\n        <text x="{}" y="{}" class="chart-label">{}</text>\n'
        "        {}\n"
        '        <text x="{}" y="{}" class="chart-count">{}</text>\n        ',
        (
            (
                row["bar"].x,
                row["label_y"],
                row["row"].label,
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}"/>',
                    row["bar"].x,
                    row["bar"].y,
                    row["bar"].width,
                    row["bar"].height,
                    row["bar"].fill,
                    row["row"].colour,
                )
                if row["row"].count
                else EMPTY,
                row["count_x"],
                row["bar"].text_y,
                row["row"].count,
            )
            for row in rows
        ),
    )


def voice_table_rows(rows):
    """The rows of a meeting's table of voices by stakeholder group (voices.GroupCount)."""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="number">{}</td></tr>',
        ((row.label, row.count) for row in rows),
    )
