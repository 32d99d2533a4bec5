"""The search on SQLite (local runs, the test suite's first pass): no stored column, no extension.

Each word typed must start a word of one of the kind's columns, read through `search_fold`, a
function added to every SQLite connection that folds text as the directory's names are folded
(partners.names: accents stripped, case folded). No stemming and no near misses: those are
PostgreSQL's. Ranked by whether the first word is in the kind's first column.
"""

import re
from functools import reduce
from operator import and_, or_

from django.db.models import Case, CharField, FloatField, Q, TextField, Transform, Value, When

from partners import names

MOST_WORDS = 8


WORD = re.compile(r"\w+")


def add_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("search_fold", 1, fold, deterministic=True)


def fold(text):
    """ "Guzmán (ILO)" -> " guzman ilo": each word folded and after a space, so " word" is found
    where a word starts."""
    return "".join(f" {word}" for word in WORD.findall(names.normalised(text or "")))


@CharField.register_lookup
@TextField.register_lookup
class SearchFold(Transform):
    lookup_name = "search_fold"
    function = "search_fold"


def columns_of(kind, by_key):
    """The columns the rows of `kind` are found by, those reached through a foreign key too."""
    own = [column for column, _weight in kind.columns]
    through = [
        f"{foreign_key}__{column}"
        for foreign_key, other in kind.also_through
        for column, _weight in by_key[other].columns
    ]
    return own + through


def matching(kind, text, by_key):
    """A condition on `kind`'s rows, and their rank, for the rows `text` finds."""
    words = list(dict.fromkeys(WORD.findall(names.normalised(text))))[:MOST_WORDS]
    columns = columns_of(kind, by_key)
    starts = [
        reduce(or_, [Q(**{f"{column}__search_fold__contains": f" {word}"}) for column in columns])
        for word in words
    ]
    first = Q(**{f"{columns[0]}__search_fold__contains": f" {words[0]}"}) if words else Q()
    rank = Case(When(first, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
    return (reduce(and_, starts) if starts else Q(pk__in=[])), rank
