"""`{% agenda_item_interventions item heading_level with_tags %}`: the interventions under an
agenda item on the meeting page and in its report, with the markup of
meetings/partials/intervention.html (which the other pages that show interventions include).

Written here with format_html rather than with a template: the template engine spent about a
tenth of a millisecond on each intervention, the largest share of the page after its queries.
Every value is escaped by format_html, the catalogue's translations too (which the templates
put in as written: the same text, as none holds a character HTML escapes).

The item's interventions are `item.ordered_interventions`, meeting_parts.SpokenRow rows
(meeting_parts.attach_parts), their relations the lists of linked_rows.Linked rows
linked_rows.attach_record_links makes: `listed_on_behalf_of`, and with the tags,
`listed_countries` and `listed_action_groups`.
"""

from django import template
from django.utils.translation import gettext

from base.templatetags.record_text import record_text
from base.web.html import format_html, format_html_join
from base.web.slug_urls import slug_url
from meetings import meeting_html

register = template.Library()


def _links(linked):
    """partials/links.html: a link to each of the linked_rows.Linked rows, by name, separated by
    commas."""
    return format_html_join(", ", '<a href="{}">{}</a>', ((o.url, o.name) for o in linked))


def _tags(intervention, concerns):
    countries = intervention.listed_countries
    groups = intervention.listed_action_groups
    if not (countries or groups):
        return ""
    return format_html(
        '\n  <ul class="tags">\n    <li class="meta">{}</li>\n    {}\n    {}\n  </ul>\n  ',
        concerns,
        format_html_join("", '<li><a href="{}">{}</a></li>', ((c.url, c.name) for c in countries)),
        format_html_join("", '<li><a href="{}">{}</a></li>', ((g.url, g.name) for g in groups)),
    )


def _intervention(intervention, level, with_tags, behalf_label, concerns):
    speaker = intervention.speaker_name
    speaker = format_html(" ({})", speaker) if speaker is not None else ""
    role = intervention.speaking_as
    role = (
        format_html(",\n    {}", gettext("speaking as %(role)s") % {"role": role}) if role else ""
    )
    behalf = intervention.listed_on_behalf_of
    behalf = format_html(",\n    {} {}", behalf_label, _links(behalf)) if behalf else ""
    return format_html(
        '<article class="intervention intervention-kind-{kind}" id="{anchor}">\n'
        '  <h{level} class="intervention-speaker">\n'
        '    <a href="{url}">{name}</a>{speaker}{role}{behalf}\n'
        '    <span class="badge">{label}</span>\n'
        "  </h{level}>\n"
        "  {summary}\n"
        "  {tags}\n"
        "</article>\n",
        kind=intervention.kind,
        anchor=intervention.anchor,
        level=level,
        url=intervention.organization_url,
        name=intervention.organization_name,
        speaker=speaker,
        role=role,
        behalf=behalf,
        label=intervention.kind_label,
        summary=record_text(intervention.summary),
        tags=_tags(intervention, concerns) if with_tags else "",
    )


def _interventions(item, level, with_tags, behalf_label, concerns):
    return format_html_join(
        "",
        "{}",
        (
            (_intervention(intervention, level, with_tags, behalf_label, concerns),)
            for intervention in item.ordered_interventions
        ),
    )


@register.simple_tag
def agenda_item_interventions(item, heading_level, with_tags=False):
    """Each of the item's interventions, headed by who spoke at `heading_level`; with_tags: the
    countries and action groups each concerns."""
    behalf_label = gettext("on behalf also of")
    concerns = gettext("Concerns:") if with_tags else ""
    return _interventions(item, int(heading_level), with_tags, behalf_label, concerns)


@register.simple_tag
def agenda_items(items, back_to_top):
    """The meeting page's agenda items (meeting.ordered_agenda_items), each with its account,
    its interventions and what they concern, and a link back to the top labelled
    `back_to_top`."""
    behalf_label = gettext("on behalf also of")
    concerns = gettext("Concerns:")
    return format_html_join(
        "",
        '\n    <li class="agenda-item" id="{}">\n'
        "      <h3>{}. {}</h3>\n"
        "      {}\n"
        "      {}\n"
        '      <p class="back-to-top"><a href="#top">{}</a></p>\n'
        "    </li>\n    ",
        (
            (
                item.anchor,
                item.number,
                item.title,
                record_text(item.narrative) if item.narrative else "",
                _interventions(item, 4, True, behalf_label, concerns),
                back_to_top,
            )
            for item in items
        ),
    )


@register.simple_tag
def agenda_contents(items):
    """The list of a meeting's agenda items (meeting.ordered_agenda_items), each a link to it."""
    return format_html_join(
        "",
        '<li value="{}"><a href="#{}">{}</a></li>',
        ((item.number, item.anchor, item.title) for item in items),
    )


# `{% slug_url "meetings:report" meeting.slug %}`: `{% url %}` of a view whose one argument is a
# slug, without resolving the pattern again (base.web.slug_urls).
register.simple_tag(slug_url, name="slug_url")
register.simple_tag(meeting_html.attendance_rows)
register.simple_tag(meeting_html.action_point_rows)
register.simple_tag(meeting_html.document_items)
register.simple_tag(meeting_html.voice_patterns)
register.simple_tag(meeting_html.voice_bars)
register.simple_tag(meeting_html.voice_table_rows)
