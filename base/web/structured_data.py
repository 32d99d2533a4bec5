"""Structured data for search engines: schema.org JSON-LD in a page's head (the apps'
`structured_data.py` say what each page describes).

The JSON is written by base.web.html.ld_json_script, escaped as Django's `json_script` escapes
it (`<`, `>` and `&` as \\u escapes), so no text of the record can close the <script> element.
"""

from base.record.partial_dates import MONTH_PRECISIONS, YEAR_PRECISIONS

from .html import ld_json_script

__all__ = ["SCHEMA_ORG", "iso_date", "ld_json_script"]

SCHEMA_ORG = "https://schema.org"


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
