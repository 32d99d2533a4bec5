"""Structured data for search engines: schema.org JSON-LD in a page's head (the apps'
`structured_data.py` say what each page describes).

The JSON is escaped as Django's `json_script` escapes it (`<`, `>` and `&` as \\u escapes), so no
text of the record can close the <script> element or open another.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from base.record.partial_dates import MONTH_PRECISIONS, YEAR_PRECISIONS

SCHEMA_ORG = "https://schema.org"
# As django.utils.html.json_script escapes (its table is private).
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json_script(data):
    """`data` (a dict, or a list of them) as a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(SCRIPT_ESCAPES)),
    )


def iso_date(value, precision):
    """A date as ISO 8601 gives it, to the precision it is known: "2019-11-14"; "2019-11" for a
    date known to the month (early or late in it too); "2019" for one known to the year. (A date
    known to the month is stored as its first day: the day is not a fact.) schema.org's Date
    is ISO 8601, whose reduced precision is a date still."""
    if precision in MONTH_PRECISIONS:
        return value.strftime("%Y-%m")
    if precision in YEAR_PRECISIONS:
        return f"{value.year:04d}"
    return value.isoformat()
