"""Links between pages of a list that keep its filters."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current query string with `page` set to `number` (escaped where it is output)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"
