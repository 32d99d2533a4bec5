"""Reading a date as people type it: "20/12/2019", "December 2019", "2019", "early 2020",
"fin décembre 2019", "20 de diciembre de 2019", into a date and how precisely it is known.

Day first where the day and the month are numbers, as the portal's admin reads them (British
English); year first only with a four-digit year in front, as ISO 8601 writes it. Month names
and the words around them are understood in English, French and Spanish at once
(base.record.partial_date_words), without regard to case or accents.

What was said is stored as far as DatePrecision can say it, and never more: "mid December 2019"
is the month (there is no "mid-month" precision, and picking the 15th would invent a day);
"late December 2019" is the end of the month, as "end of December 2019" is; "mid 2019" and
"late 2019" are the year. Each is kept as its whole period, so it is never called past or
overdue while what was typed could still be true.
"""

import calendar
import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .partial_date_words import (
    DAY_SUFFIXES,
    EARLY,
    LATE,
    LINKING_WORDS,
    MID,
    MONTHS,
    WHEN_IN_PERIOD,
)
from .partial_dates import EMPTY_DATE, DatePrecision, PartialDate, format_partial_date

# Longer than any date written out ("à la fin du mois de septembre de l'année 2019" is 47):
# anything longer is refused before it is read.
MAX_LENGTH = 80


def plain(word):
    """A word as the tables are compared: lower case, without accents ("Déc" → "dec")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _table(words_by_language):
    return {plain(word): value for words in words_by_language for word, value in words}


MONTH_NUMBERS = _table(
    [(name, number) for number, names in enumerate(months, 1) for name in names]
    for months in MONTHS.values()
)
WHEN = _table(
    [(word, when) for when, words in by_when.items() for word in words]
    for by_when in WHEN_IN_PERIOD.values()
)
LINKING = {plain(word) for words in LINKING_WORDS.values() for word in words}

PRECISION_IN_MONTH = {
    None: DatePrecision.MONTH,
    EARLY: DatePrecision.EARLY_MONTH,
    MID: DatePrecision.MONTH,
    LATE: DatePrecision.END_MONTH,
}
PRECISION_IN_YEAR = {
    None: DatePrecision.YEAR,
    EARLY: DatePrecision.EARLY_YEAR,
    MID: DatePrecision.YEAR,
    LATE: DatePrecision.YEAR,
}

_SEPARATOR = r"[-/.]"
_NUMERIC = [
    # (pattern, what its groups are, how precisely it dates)
    (rf"(\d{{4}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{1,2}})", "ymd"),
    (rf"(\d{{1,2}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{4}}|\d{{2}})", "dmy"),
    (rf"(\d{{4}}){_SEPARATOR}(\d{{1,2}})", "ym"),
    (rf"(\d{{1,2}}){_SEPARATOR}(\d{{4}})", "my"),
]
_NUMERIC = [(re.compile(pattern), groups) for pattern, groups in _NUMERIC]
_NO_YEAR = re.compile(rf"\d{{1,2}}{_SEPARATOR}\d{{1,2}}")
_YEAR = re.compile(r"[1-9]\d{3}")
_DAY = re.compile(rf"(\d{{1,2}})\.?(?:{'|'.join(DAY_SUFFIXES)})?")
_DIGITS = re.compile(r"\d+")

# The shapes a date is written in, word by word once the linking words are left out: "day",
# "month" (a name), "year", "numeric" (a whole date in figures) and "numeric month".
_SHAPES = {
    ("numeric",): "day",
    ("day", "month", "year"): "day",
    ("month", "day", "year"): "day",
    ("numeric month",): "month",
    ("month", "year"): "month",
    ("year",): "year",
}


# Shapes that would be a date with a year added: "12/11", "20 December", "early December".
_WITHOUT_YEAR = {("numeric without year",), ("day", "month"), ("month", "day"), ("month",)}


def parse_partial_date(text):
    """The PartialDate `text` says (EMPTY_DATE for none); a ValidationError saying what was not
    understood, with examples that would be, if it says none."""
    text = (text or "").strip()
    if not text:
        return EMPTY_DATE
    if len(text) > MAX_LENGTH:
        _refuse(_("“%(text)s” is not understood as a date.") % {"text": _quoted(text)})
    words = [_read(word) for word in _words(text)]
    words = [(kind, value) for kind, value in words if kind != "linking"]
    when = words.pop(0)[1] if words and words[0][0] == "when" else None
    kinds = tuple(kind for kind, _value in words)
    shape = _SHAPES.get(kinds)
    if kinds in _WITHOUT_YEAR:
        _refuse(_("“%(text)s” has no year.") % {"text": _quoted(text)})
    if shape is None or (shape == "day" and when is not None):
        _refuse(_("“%(text)s” is not understood as a date.") % {"text": _quoted(text)})
    parts = {}
    for kind, value in words:
        parts.update(value if kind.startswith("numeric") else {kind: value})
    year, month = parts["year"], parts.get("month", 1)
    if not 1 <= month <= 12:
        _refuse(_("There is no month %(month)s.") % {"month": month})
    if shape == "year":
        return PartialDate(datetime.date(year, 1, 1), PRECISION_IN_YEAR[when])
    if shape == "month":
        return PartialDate(datetime.date(year, month, 1), PRECISION_IN_MONTH[when])
    day = parts["day"]
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        in_month = date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")
        _refuse(_("There is no day %(day)s in %(month)s.") % {"day": day, "month": in_month})
    return PartialDate(datetime.date(year, month, day), DatePrecision.DAY)


def _words(text):
    """The words of `text`, as typed: a comma, an apostrophe, a hyphen beside a letter and the
    point closing an abbreviation ("Dec.") separate words; between figures they are kept."""
    text = text.rstrip(".")
    text = re.sub(r"[,’'`]", " ", text)
    text = re.sub(r"(?<=[^\W\d_])\.", " ", text)
    text = re.sub(r"-(?!\d)|(?<!\d)-", " ", text)
    return text.split()


def _read(word):
    """(kind, value) of one word; a ValidationError naming it if it is none of them."""
    key = plain(word)
    if key in LINKING:
        return ("linking", None)
    if key in WHEN:
        return ("when", WHEN[key])
    if key in MONTH_NUMBERS:
        return ("month", MONTH_NUMBERS[key])
    if _YEAR.fullmatch(key):
        return ("year", int(key))
    if match := _DAY.fullmatch(key):
        return ("day", int(match[1]))
    for pattern, groups in _NUMERIC:
        if match := pattern.fullmatch(key):
            parts = {
                {"y": "year", "m": "month", "d": "day"}[letter]: int(figures)
                for letter, figures in zip(groups, match.groups(), strict=True)
            }
            if groups == "dmy" and len(match[3]) == 2:
                parts["year"] = _century(parts["year"])
            return ("numeric" if "d" in groups else "numeric month", parts)
    if _NO_YEAR.fullmatch(key):
        return ("numeric without year", None)
    if _DIGITS.fullmatch(key):
        _refuse(_("“%(part)s” is not a year.") % {"part": _quoted(word)})
    _refuse(_("“%(part)s” is not understood.") % {"part": _quoted(word)})


def _century(year):
    """A two-digit year as Django's and Python's "%y" read it: 69–99 are 1969–1999, 00–68 are
    2000–2068 (the admin read "20/12/19" so before)."""
    return year + (1900 if year >= 69 else 2000)


def _quoted(text):
    """What was typed, to be named in a message: cut short, without control characters."""
    return Truncator("".join(c for c in text if c.isprintable())).chars(40)


def _refuse(problem):
    raise ValidationError(f"{problem} {examples_sentence()}", code="invalid")


def examples():
    """Dates as the officer would type them, in the current language; each one is read back."""
    december = datetime.date(2019, 12, 1)
    return {
        "day": "20/12/2019",
        "month": format_partial_date(december, DatePrecision.MONTH),
        "year": "2019",
        "early": format_partial_date(datetime.date(2020, 1, 1), DatePrecision.EARLY_YEAR),
        "end": format_partial_date(december, DatePrecision.END_MONTH),
    }


def examples_sentence():
    return _("Type a date such as %(day)s, %(month)s or %(year)s.") % examples()
