"""`{{ obj|absolute_url }}`: what `{{ obj.get_absolute_url }}` gives, for the pages a list links in
every row (countries, organisations, action groups) built by base.web.slug_urls rather than
reversed row by row. Any other object: its own get_absolute_url().

tests/base/test_record_urls.py checks each against the model's get_absolute_url().
"""

from django import template

from base.web.slug_urls import slug_url

register = template.Library()

# The model (app_label.model_name) and the view its get_absolute_url() reverses with its slug.
DETAIL_VIEWS = {
    "partners.country": "pathfinders:country_detail",
    "partners.organization": "directory:organization_detail",
    "actiongroups.actiongroup": "directory:action_group_detail",
}


@register.filter
def absolute_url(obj):
    """Nothing for what has no page (None, a missing value), as `{{ obj.get_absolute_url }}`."""
    meta = getattr(obj, "_meta", None)
    viewname = meta and DETAIL_VIEWS.get(meta.label_lower)
    if viewname:
        return slug_url(viewname, obj.slug)
    get_absolute_url = getattr(obj, "get_absolute_url", None)
    return get_absolute_url() if get_absolute_url else ""
