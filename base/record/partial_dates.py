"""Dates known only to the month or year: stored as a date plus its precision, shown as known.

A date known to the month is stored as a day of that month (by convention the first), to the year
as a day of that year, so ordering and "upcoming" comparisons work in SQL; the precision says how
much of it is true.
"""

import calendar
import datetime
from functools import lru_cache
from typing import NamedTuple

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    EARLY_MONTH = "early_month", _("early in the month")
    MONTH = "month", _("month")
    END_MONTH = "end_month", _("end of the month")
    EARLY_YEAR = "early_year", _("early in the year")
    YEAR = "year", _("year")


MONTH_PRECISIONS = [DatePrecision.EARLY_MONTH, DatePrecision.MONTH, DatePrecision.END_MONTH]
YEAR_PRECISIONS = [DatePrecision.EARLY_YEAR, DatePrecision.YEAR]


class PartialDate(NamedTuple):
    """A date and how precisely it is known: what a partial-date field reads and shows
    (base.record.partial_date_input). No date is EMPTY_DATE, whatever precision was left beside
    it."""

    date: datetime.date | None
    precision: str

    @classmethod
    def of(cls, value, precision):
        """The pair as the model stores it, made plain: no date is empty, a date with no
        precision recorded is known to the day (as `format_partial_date` prints it)."""
        if value is None:
            return EMPTY_DATE
        return cls(value, precision or DatePrecision.DAY)

    def means_the_same_as(self, other):
        """The same period at the same precision, whichever of its days was stored: "December
        2019" stored as the 1st or the 15th is one month."""
        return self.precision == other.precision and first_day(*self) == first_day(*other)


EMPTY_DATE = PartialDate(None, "")


def first_day(value, precision):
    """The first day a partial date can mean: the day a month or a year is stored as."""
    if value is None:
        return None
    if precision in YEAR_PRECISIONS:
        return value.replace(month=1, day=1)
    if precision in MONTH_PRECISIONS:
        return value.replace(day=1)
    return value


def last_day(value, precision):
    """The last day a partial date can mean: used to decide whether it is still upcoming."""
    if value is None:
        return None
    if precision in YEAR_PRECISIONS:
        return value.replace(month=12, day=31)
    if precision in MONTH_PRECISIONS:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def has_passed(value, precision, today=None):
    """Whether the whole period a partial date can mean is over by `today` (the site's today when
    not given, so a frozen clock in tests freezes it too).

    The period is the one its precision describes, and it ends on its `last_day`: "August 2019",
    "early August 2019" and "end of August 2019" have passed from 1 September 2019 on; "2019" and
    "early 2019" from 1 January 2020 on; "17 July 2019" from the 18th. "Early" is not cut short
    at some guessed day: a date known roughly is never called past while it could still be true.
    No date has not passed. No precision recorded reads as the day.
    """
    if value is None:
        return False
    today = today or timezone.localdate()
    return last_day(value, precision or DatePrecision.DAY) < today


def format_partial_date(value, precision, end=None):
    """'17 July 2019', 'July 2019', 'early September 2019', 'end of August 2019', '2019'; with an
    end known to the day, the span: '22–23 July 2019'. The one way the portal prints a date."""
    if value is None:
        return ""
    # A page prints the same few dates at many of its rows: each is worded once per language (as
    # Django keeps each language's formats once read).
    return _worded(value, precision, end, get_language())


# Enough for every distinct date of the busiest pages, in every language, many times over.
@lru_cache(maxsize=8192)
def _worded(value, precision, end, language):
    if end is not None and end != value and precision == DatePrecision.DAY:
        return _format_span(value, end)
    # Only the wording of this precision: building them all cost two date formats and three
    # translations at each of the hundreds of dates a page prints.
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.EARLY_YEAR:
        return _("early %(year)s") % {"year": value.year}
    if precision in MONTH_PRECISIONS:
        month_year = date_format(value, "YEAR_MONTH_FORMAT")
        if precision == DatePrecision.EARLY_MONTH:
            return _("early %(month)s") % {"month": month_year}
        if precision == DatePrecision.END_MONTH:
            return _("end of %(month)s") % {"month": month_year}
        return month_year
    return date_format(value)


def _format_span(start, end):
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end)}"
    if start.year == end.year:
        return f"{date_format(start, 'MONTH_DAY_FORMAT')} – {date_format(end)}"
    return f"{date_format(start)} – {date_format(end)}"


def precision_check(field_name, precision_field):
    """A CheckConstraint keeping a precision field within DatePrecision (or empty with no date)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{precision_field}__in": DatePrecision.values})
        | models.Q(**{f"{field_name}__isnull": True, precision_field: ""}),
        name=f"%(app_label)s_%(class)s_{precision_field}_valid",
        violation_error_message=_(
            "Give a date and say how precisely it is known (the day, the month, the year…), "
            "or leave both empty."
        ),
    )


def format_moment(moment):
    """A moment (a deadline, a closing) as a reader would say it, in the active language and the
    portal's time zone: "11 August 2019, 12:00 UTC"."""
    moment = timezone.localtime(moment)
    return gettext("%(date)s, %(time)s %(zone)s") % {
        "date": format_partial_date(moment.date(), DatePrecision.DAY),
        "time": moment.strftime("%H:%M"),
        "zone": moment.tzname(),
    }
