"""`{{ entry|timeline_entry:level }}`: a timeline's entry as meetings.record_html writes it."""

from django import template

from meetings import record_html

register = template.Library()


@register.filter
def timeline_entry(entry, level):
    return record_html.timeline_entry(record_html.labels(), entry, level)
