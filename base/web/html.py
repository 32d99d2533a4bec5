"""Django's `format_html` and `format_html_join`, for the code that writes a page's rows as HTML
in Python (meetings/record_html.py, directory/row_html.py and the like), where they run some
hundreds of times a page.

They escape exactly as Django's do: a value with `__html__` (a SafeString, a lazy SafeString)
is written as it gives itself, any other value as `html.escape` of its text, which is what
Django's `conditional_escape` and `escape` do. What they leave out is the cost of Django's
`escape`, which checks every call's arguments for lazy values before escaping (its
`keep_lazy` wrapper): that check was a tenth of a timeline page's Python time. A lazy string
is escaped as its text, as `conditional_escape` escapes it.

This module is the one place in the project's Python that marks text safe
(tests/security/test_s13_xss.py): its functions take the template as a string literal, as
Django's do, which the same test checks of every caller. So it also writes a page's JSON-LD
(`ld_json_script`), escaped as Django's `json_script` escapes JSON.
"""

import json
from collections.abc import Mapping
from html import escape

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString


def _escaped(value):
    written = getattr(value, "__html__", None)
    if written is not None:
        return written()
    return escape(str(value))


def format_html(template, *args, **kwargs):
    """`template.format()` of the values escaped, marked safe: django.utils.html.format_html."""
    return SafeString(
        template.format(
            *map(_escaped, args), **{name: _escaped(value) for name, value in kwargs.items()}
        )
    )


def format_html_join(separator, template, rows):
    """`format_html(template, *row)` of each row (or `**row` of a mapping), joined by the
    escaped `separator`: django.utils.html.format_html_join."""
    written = (
        format_html(template, **row) if isinstance(row, Mapping) else format_html(template, *row)
        for row in rows
    )
    return SafeString(_escaped(separator).join(written))


# As django.utils.html.json_script escapes (its table is private): no text inside the JSON can
# close the <script> element, open another or start a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json_script(data):
    """`data` (what base.web.structured_data builds) as a <script type="application/ld+json">
    element: a data block, which the browser never runs (nor the CSP blocks)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return SafeString(
        '<script type="application/ld+json">' + text.translate(JSON_SCRIPT_ESCAPES) + "</script>"
    )
