"""`{{ entry|timeline_entry:level }}`: a timeline's entry as meetings.record_html writes it."""

from django import template

from meetings import followup_html, record_html

register = template.Library()


@register.filter
def timeline_entry(entry, level):
    return record_html.timeline_entry(record_html.labels(), entry, level)


@register.filter
def event_with_tags(event, level):
    """meetings/partials/event.html with this level and with_tags."""
    return record_html.event(record_html.labels(), event, level, with_tags=True)


@register.filter
def followup_rows(points, user):
    """The follow-ups table's rows (meetings/followup_list.html)."""
    return followup_html.followup_rows(points, user)
