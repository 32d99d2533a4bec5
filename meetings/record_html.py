"""The record's rows as HTML written in Python, for the pages that show fifty of them: a country's
and an action group's timeline (`{{ entry|timeline_entry:level }}`) and the events list. Each
function writes what its partial writes (meetings/partials/event.html, source.html,
action_point.html, document.html, intervention.html, pathfinders/partials/milestone.html), with
the same markup and spaces: the template language resolved some 1,600 variables and rendered
200 includes per page for these rows, which was most of the page's time.

The partials stay what the other pages (a meeting's page, the home page) include; a change to the
markup of one is a change to both (tests/meetings/test_record_html.py compares them).

Translated labels are looked up once per language (`labels()`), not per row; text from the
record is escaped by format_html, as is a `{% blocktranslate %}`'s translation here (none holds
what escaping would change).
"""

import functools
import re

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from base.record.choice_labels import choice_label
from base.record.partial_dates import format_partial_date
from base.templatetags.record_text import record_text
from base.templatetags.record_urls import DETAIL_VIEWS, absolute_url
from base.web.html import format_html, format_html_join
from base.web.slug_urls import slug_url

from .models import Event

EMPTY = SafeString("")

# The columns the pages write of a meeting (a timeline, also its number and city) and of an
# agenda item, wherever a row is shown with one; and of an event, with what it is shown with:
# what a page reads of them (meetings.shown_rows).
MEETING_COLUMNS = ("number", "title", "slug", "date", "city")
AGENDA_ITEM_COLUMNS = ("number", "title")
EVENT_COLUMNS = (
    "title",
    "kind",
    "status",
    "start_date",
    "end_date",
    "date_precision",
    "city",
    "description",
)
# A document as a timeline and a meeting's page write it.
DOCUMENT_COLUMNS = (
    "title",
    "slug",
    "kind",
    "url",
    "file",
    "file_type",
    "file_size",
    "description",
    "date",
    "date_precision",
)
EVENT_SHOWN_WITH = {
    # Whether its meeting is cancelled: the event's status says so (Event.is_cancelled).
    "meeting": (*MEETING_COLUMNS, "cancelled"),
    "mentioned_at": AGENDA_ITEM_COLUMNS,
    "mentioned_at__meeting": MEETING_COLUMNS,
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def translation_pieces(translation):
    """A message's translation split at its placeholders: text, name, text, name, ..., text."""
    return tuple(_PLACEHOLDER.split(translation))


def blocktranslate(pieces, **values):
    """What `{% blocktranslate with a=b %}message{% endblocktranslate %}` writes, given the
    `translation_pieces` of the message's translation: its values escaped, and its own text too
    (nothing here is marked safe by hand, docs/security.md S13), which changes none of the
    translations of these messages."""
    filled = [values[piece] if i % 2 else piece for i, piece in enumerate(pieces)]
    if len(filled) == 3:  # one value, the usual message
        return format_html("{}{}{}", *filled)
    if len(filled) == 5:
        return format_html("{}{}{}{}{}", *filled)
    return _join(filled)


def _join(parts):
    return format_html_join("", "{}", ((part,) for part in parts))


class Labels:
    """The labels the rows repeat, translated once (in the language active when made)."""

    def __init__(self):
        self.in_the_record = gettext("In the record:")
        self.event = gettext("Event:")
        self.milestone = gettext("Milestone:")
        self.owners = gettext("Owners:")
        self.not_recorded = gettext("not recorded")
        self.download = gettext("Download the file")
        self.by = gettext("By")
        self.on_behalf = gettext("on behalf also of")
        self.concerns = gettext("Concerns:")
        self.item = translation_pieces(gettext("item %(number)s, %(title)s"))
        self.due = translation_pieces(gettext("due %(due)s"))
        self.speaking_as = translation_pieces(gettext("speaking as %(role)s"))


_LABELS = {}


def labels(kind=Labels):
    """The labels (`kind`: Labels, or another such class) of the active language, made once per
    language."""
    key = (kind, get_language())
    found = _LABELS.get(key)
    if found is None:
        found = _LABELS[key] = kind()
    return found


def many(obj, name):
    """templates/partials/links.html of the rows of `obj`'s many-to-many relation `name` (and the
    line's end it writes after them), EMPTY for none: as a timeline read them, `shown_<name>`
    (`linked_rows`), or else from the relation."""
    shown = getattr(obj, f"shown_{name}", None)
    if shown is None:
        return _links([_link(absolute_url(row), row) for row in getattr(obj, name).all()])
    return shown


def linked_rows(model, name, keys):
    """{key: links} (as `many` writes them) of the rows of `model`'s many-to-many relation `name`
    (to a model with a slug page: an organisation) for the rows with these keys, in the related
    model's order: read as values, one query, each distinct link and list of links written once.
    Asked for no key too, so that a page costs the same queries whatever it shows."""
    source, viewname, links = _links_of(model, name)
    rows = links.filter(**{f"{source}__in": keys})
    by_key, names = {}, {}
    for key, slug, label in rows:
        by_key.setdefault(key, []).append(slug)
        names[slug] = label
    written = {slug: _link(slug_url(viewname, slug), label) for slug, label in names.items()}
    lists = {}
    for slugs in map(tuple, by_key.values()):
        if slugs not in lists:
            lists[slugs] = _links([written[slug] for slug in slugs])
    return {key: lists[tuple(slugs)] for key, slugs in by_key.items()}


@functools.cache
def _links_of(model, name):
    """The name of the key `linked_rows` asks `model`'s relation `name` for, the related model's
    page, and the query of the relation's (key, slug, name) rows in the related model's order,
    but for the keys: made once a process (resolving the columns' joins is most of its cost)."""
    relation = model._meta.get_field(name)
    target = relation.m2m_reverse_field_name()
    related = relation.related_model._meta
    links = relation.remote_field.through.objects.order_by(
        *(f"{target}__{column}" for column in related.ordering)
    ).values_list(relation.m2m_column_name(), f"{target}__slug", f"{target}__name")
    return relation.m2m_field_name(), DETAIL_VIEWS[related.label_lower], links


def with_links(rows, name):
    """`rows` (of one model) as a list, each with `shown_<name>`: what `many` writes of its
    many-to-many relation `name`, read for them all in one query (`linked_rows`); no rows, no
    query, as a prefetch."""
    rows = list(rows)
    if rows:
        linked = linked_rows(type(rows[0]), name, [row.pk for row in rows])
        for row in rows:
            setattr(row, f"shown_{name}", linked.get(row.pk, EMPTY))
    return rows


def _link(url, label):
    return format_html('<a href="{}">{}</a>', url, label)


def _links(linked):
    if not linked:
        return EMPTY
    return format_html("{}\n", format_html_join(", ", "{}", ((link,) for link in linked)))


def source(labels, item=None, meeting=None, url=None):
    """meetings/partials/source.html."""
    if item:
        meeting = item.meeting
        return _item_source(
            labels, url or absolute_url(item), meeting.title, item.number, item.title
        )
    if meeting:
        return _meeting_source(labels, absolute_url(meeting), meeting.title)
    return EMPTY


# Each of these lines written once for all the rows and pages that repeat it (the same item, the
# same meeting, the same status): a function of its text alone, in the labels' language.
_ONCE = functools.lru_cache(maxsize=4096)


@_ONCE
def _item_source(labels, url, meeting, number, title):
    return format_html(
        '<p class="meta">{} <a href="{}">{}, {}</a></p>',
        labels.in_the_record,
        url,
        meeting,
        blocktranslate(labels.item, number=number, title=title),
    )


@_ONCE
def _meeting_source(labels, url, meeting):
    return format_html(
        '<p class="meta">{} <a href="{}">{}</a></p>', labels.in_the_record, url, meeting
    )


def status(obj):
    """meetings/partials/status.html."""
    return _status(obj.status_style, str(obj.display_status))


@_ONCE
def _status(style, label):
    return format_html('<span class="badge badge-{}">{}</span>', style, label)


def event(labels, event, level=None, brief=False, with_tags=False):
    """meetings/partials/event.html."""
    title = (
        format_html('<a href="{}">{}</a>', absolute_url(event.meeting), event.title)
        if event.meeting
        else conditional_escape(event.title)
    )
    if level:
        heading = format_html('<h{} class="event-title">{}</h{}>', level, title, level)
    else:
        heading = format_html("<p><strong>{} {}</strong></p>", labels.event, title)
    meta = _event_meta(
        format_partial_date(event.start_date, event.date_precision, event.end_date),
        event.city,
        event.status_style,
        str(event.display_status),
        None if brief else choice_label(event, "kind"),
    )
    if brief:
        return format_html("{}{}", heading, meta)
    tags = EMPTY
    if with_tags:
        groups, countries = event.listed_tags
        if groups or countries:
            tags = format_html(
                '\n<ul class="tags">\n  <li class="meta">{}</li>\n  {}\n  {}\n</ul>\n',
                labels.concerns,
                groups,
                countries,
            )
    return format_html(
        "{}{}{}\n{}\n{}\n",
        heading,
        meta,
        record_text(event.description) if event.description else EMPTY,
        tags,
        source(labels, item=event.mentioned_at),
    )


@_ONCE
def _event_meta(when, city, status_style, status_label, kind):
    return format_html(
        '\n<p class="meta">\n  {}{}\n  {}\n  {}\n</p>\n',
        when,
        format_html(", {}", city) if city else "",
        _status(status_style, status_label),
        EMPTY if kind is None else format_html('<span class="badge">{}</span>', kind),
    )


# An event's tags: its relation, the related model's name in the relation's table, its page.
_TAGS = (
    ("action_groups", "actiongroup", "directory:action_group_detail"),
    ("countries", "country", "pathfinders:country_detail"),
)


@functools.cache
def _tags_of_events():
    """For each of _TAGS, the query of its (event key, slug, name) rows in name order, but for the
    events, and its page: made once a process."""
    return [
        (
            getattr(Event, relation)
            .through.objects.order_by(f"{model}__name")
            .values_list("event_id", f"{model}__slug", f"{model}__name"),
            viewname,
        )
        for relation, model, viewname in _TAGS
    ]


def with_listed_tags(events):
    """Sets each event's `listed_tags`, what `event(..., with_tags=True)` lists: the `<li>`s of
    the action groups and of the countries it concerns, in name order, as the partial lists
    for_calendar's prefetches. Read as values, two queries (none for no events), and each
    distinct tag written once: a list of fifty events repeats a few groups and countries."""
    by_event = {event.pk: ([], []) for event in events}
    if by_event:
        written = {}
        for side, (pairs, viewname) in enumerate(_tags_of_events()):
            for event_id, slug, name in pairs.filter(event__in=by_event):
                tag = written.get((viewname, slug))
                if tag is None:
                    tag = written[viewname, slug] = format_html(
                        '<li><a href="{}">{}</a></li>', slug_url(viewname, slug), name
                    )
                by_event[event_id][side].append(tag)
    joined = {(): EMPTY}
    for event in events:
        lists = []
        for tags in map(tuple, by_event[event.pk]):
            if tags not in joined:
                joined[tags] = _join(tags)
            lists.append(joined[tags])
        event.listed_tags = tuple(lists)


def milestone(labels, milestone):
    """pathfinders/partials/milestone.html."""
    kind = format_html(
        "<p><strong>{} {}</strong></p>\n", labels.milestone, choice_label(milestone, "kind")
    )
    note = record_text(milestone.note) if milestone.note else EMPTY
    if milestone.source_intervention:
        intervention = milestone.source_intervention
        cited = source(labels, item=intervention.agenda_item, url=absolute_url(intervention))
        return format_html("{}{}\n{}\n", kind, note, cited)
    cited = source(labels, item=milestone.source_agenda_item, meeting=milestone.source_meeting)
    return format_html("{}{}\n{}", kind, note, cited)


def action_point(labels, point):
    """meetings/partials/action_point.html."""
    owners = many(point, "owners")
    due = EMPTY
    if point.due_date:
        due = _due(labels, format_partial_date(point.due_date, point.due_precision))
    return format_html(
        '<p><strong>{}:</strong> {} {}</p>\n<p class="meta">{} {}{}</p>\n{}\n',
        choice_label(point, "kind"),
        point.text,
        status(point),
        labels.owners,
        owners or labels.not_recorded,
        due,
        source(labels, item=point.agenda_item, meeting=point.meeting),
    )


@_ONCE
def _due(labels, when):
    return format_html(" · {}", blocktranslate(labels.due, due=when))


def document(labels, document, with_source=False):
    """meetings/partials/document.html."""
    title = (
        format_html('<a href="{}">{}</a>', document.url, document.title)
        if document.url
        else conditional_escape(document.title)
    )
    date = EMPTY
    if document.date:
        date = _dated(format_partial_date(document.date, document.date_precision))
    file = EMPTY
    if document.file:
        file = format_html(
            '<p><a href="{}">{}</a> <span class="meta">({}, {})</span></p>',
            reverse("meetings:document_file", args=[document.slug]),
            labels.download,
            document.file_label,
            filesizeformat(document.file_size),
        )
    authors = many(document, "organizations")
    return format_html(
        '<p><strong>{}</strong>\n  <span class="badge">{}</span>{}</p>\n{}\n{}\n{}\n{}\n',
        title,
        choice_label(document, "kind"),
        date,
        file,
        format_html('<p class="meta">{} {}</p>', labels.by, authors) if authors else EMPTY,
        record_text(document.description) if document.description else EMPTY,
        source(labels, item=document.agenda_item, meeting=document.meeting)
        if with_source
        else EMPTY,
    )


@_ONCE
def _dated(when):
    return format_html(' <span class="meta">{}</span>', when)


def intervention(labels, intervention, level=None, with_source=False):
    """meetings/partials/intervention.html, without its tags (with_tags)."""
    level = level or 4
    speaker = format_html(" ({})", intervention.speaker.name) if intervention.speaker else EMPTY
    role = EMPTY
    if intervention.speaking_as:
        role = format_html(
            ",\n    {}",
            blocktranslate(labels.speaking_as, role=intervention.speaking_as),
        )
    behalf = many(intervention, "on_behalf_of")
    also = format_html(",\n    {} {}", labels.on_behalf, behalf) if behalf else EMPTY
    return format_html(
        '<article class="intervention intervention-kind-{}" id="{}">\n'
        '  <h{} class="intervention-speaker">\n'
        '    <a href="{}">{}</a>{}{}{}\n'
        '    <span class="badge">{}</span>\n'
        "  </h{}>\n"
        "  {}\n"
        "  \n"
        "  {}\n"
        "</article>",
        intervention.kind,
        intervention.anchor,
        level,
        absolute_url(intervention.organization),
        intervention.organization.name,
        speaker,
        role,
        also,
        choice_label(intervention, "kind"),
        level,
        record_text(intervention.summary),
        source(labels, item=intervention.agenda_item, url=absolute_url(intervention))
        if with_source
        else EMPTY,
    )


def timeline_entry(labels, entry, level):
    """One entry of a timeline, as its kind's partial."""
    kind, obj = entry.kind, entry.obj
    if kind == "milestone":
        html = milestone(labels, obj)
    elif kind == "intervention":
        html = intervention(labels, obj, level, with_source=True)
    elif kind == "action_point":
        html = action_point(labels, obj)
    elif kind == "document":
        html = document(labels, obj, with_source=True)
    elif kind == "event":
        html = event(labels, obj)
    else:
        html = EMPTY
    return format_html("{}\n", html)
