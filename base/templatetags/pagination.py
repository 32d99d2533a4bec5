"""Links between pages of a list that keep its filters."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, var="page"):
    """The current query string with `var` (the admin's lists say "p") set to `number` (escaped
    where it is output)."""
    query = context["request"].GET.copy()
    query[var] = number
    return f"?{query.urlencode()}"
