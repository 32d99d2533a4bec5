"""Dates known only to the month or year: stored as a date plus its precision, shown as known.

A date known to the month is stored as a day of that month (by convention the first), to the year
as a day of that year, so ordering and "upcoming" comparisons work in SQL; the precision says how
much of it is true.
"""

import calendar
import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    EARLY_MONTH = "early_month", _("early in the month")
    MONTH = "month", _("month")
    END_MONTH = "end_month", _("end of the month")
    EARLY_YEAR = "early_year", _("early in the year")
    YEAR = "year", _("year")


def last_day(value, precision):
    """The last day a partial date can mean: used to decide whether it is still upcoming."""
    if value is None:
        return None
    if precision == DatePrecision.DAY:
        return value
    if precision in (DatePrecision.YEAR, DatePrecision.EARLY_YEAR):
        return value.replace(month=12, day=31)
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


def format_partial_date(value, precision):
    """'17 July 2019', 'July 2019', 'early September 2019', 'end of August 2019', '2019'."""
    if value is None:
        return ""
    month_year = date_format(value, "F Y")
    return {
        DatePrecision.DAY: date_format(value, "j F Y"),
        DatePrecision.EARLY_MONTH: _("early %(month)s") % {"month": month_year},
        DatePrecision.MONTH: month_year,
        DatePrecision.END_MONTH: _("end of %(month)s") % {"month": month_year},
        DatePrecision.EARLY_YEAR: _("early %(year)s") % {"year": value.year},
        DatePrecision.YEAR: str(value.year),
    }[precision]


def format_date_range(start, end, precision):
    """'22–23 July 2019' for a multi-day span known to the day; else the start as known."""
    if end is None or end == start or precision != DatePrecision.DAY:
        return format_partial_date(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def precision_check(field_name, precision_field):
    """A CheckConstraint keeping a precision field within DatePrecision (or empty with no date)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{precision_field}__in": DatePrecision.values})
        | models.Q(**{f"{field_name}__isnull": True, precision_field: ""}),
        name=f"%(app_label)s_%(class)s_{precision_field}_valid",
    )


def today():
    return datetime.date.today()
