"""`{% partial_date value precision %}`: a date as far as it is known, in every template."""

from django import template

from base.record.partial_dates import format_partial_date

register = template.Library()


@register.simple_tag
def partial_date(value, precision, end=None):
    """'17 July 2019', 'early September 2019', '22–23 July 2019' (with an end date)."""
    return format_partial_date(value, precision, end)
