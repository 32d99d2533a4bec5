"""Finding organisations by what someone types: part of the name, or the acronym (accents and
case aside). The directory's and the follow-ups' typed filters ask it."""

from functools import reduce
from operator import and_

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from base.web.searched_filters import SearchedChoiceFilter
from partners import names

# A longer text is matched by its first words only: enough for any name, bounded SQL.
MOST_WORDS = 8


def starts_a_word(field, word):
    """`field` holds space-separated words: does one of them start with `word`?"""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


def organization_matching(text):
    """Its acronym, or each word starting a word of its name (accents and case aside)."""
    terms = list(dict.fromkeys(names.words(text)))[:MOST_WORDS]
    by_name = reduce(and_, [starts_a_word("search_name", term) for term in terms], Q())
    if not terms:
        return Q(pk__in=[])
    return Q(acronym__iexact=text) | by_name


def organization_named(text):
    """Its acronym, or its whole name (accents and case aside)."""
    return Q(acronym__iexact=text) | Q(search_name=names.search_name(text))


def organization_choice(*, label, field_name, old_param, rows, messages):
    """A filter choosing organisations by typed text (the directory's, the follow-ups')."""
    return SearchedChoiceFilter(
        label=label,
        help_text=_("Part of its name, or its acronym"),
        field_name=field_name,
        old_param=old_param,
        rows=rows,
        matching=organization_matching,
        exact=organization_named,
        label_field="name",
        messages=messages,
    )
