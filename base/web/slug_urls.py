"""The address of a record's page, `/countries/nepal/`, without resolving the URL pattern again for
each row: `reverse()` costs some 30 µs, and a list page links a few hundred rows.

The pattern is reversed once (per script prefix and URL configuration) with a placeholder slug;
each address is then that shape around the row's slug, quoted as `reverse()` quotes it.
"""

from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "slug-placeholder"
# What reverse() leaves unquoted in a path (django.urls.resolvers).
SAFE = "!$&'()*+,;=" + "/~:@"
_SHAPES = {}


def slug_url(viewname, slug):
    """`reverse(viewname, kwargs={"slug": slug})` for a view whose only argument is a slug."""
    head, tail = _shape(viewname)
    return f"{head}{quote(slug, safe=SAFE)}{tail}"


def slug_urls(viewname):
    """`slug_url` for one view and many slugs: a page's rows. The script prefix and URL
    configuration, thread-locals read at each `slug_url`, are read once."""
    head, tail = _shape(viewname)
    return lambda slug: f"{head}{quote(slug, safe=SAFE)}{tail}"


def _shape(viewname):
    key = (viewname, get_script_prefix(), get_urlconf())
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES[key] = tuple(
            reverse(viewname, kwargs={"slug": PLACEHOLDER}).split(PLACEHOLDER)
        )
    return shape
