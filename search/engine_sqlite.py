"""The search on SQLite (local runs, the test suite's first pass): the FTS5 index of each kind
(search.fts), kept by triggers.

Each word typed must start a word of one of the kind's columns (a prefix query), case and accents
folded by the index's tokeniser as the directory's names are folded (partners.names). No stemming
and no near misses: those are PostgreSQL's. Ranked by whether the first word starts a word of the
kind's first column. A kind with `also_through` rows (people) is also found by the words of the
row its foreign key points at (their organisation), each word in either.

What was typed never reaches FTS5's query syntax: it is cut into words (letters, digits and
underscores only), each quoted as a string; `"`, `*`, `-`, `NEAR`, `AND`, parentheses are text.
"""

import re
from functools import reduce
from operator import and_, or_

from django.db.models import Case, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL

from . import fts

MOST_WORDS = 8

WORD = re.compile(r"\w+")


def words(text):
    """The words of `text`, at most MOST_WORDS, each once. Case is left to the tokeniser; the
    comparison that drops repeats folds it."""
    found = {}
    for word in WORD.findall(text):
        found.setdefault(word.casefold(), word)
    return list(found.values())[:MOST_WORDS]


def match_expression(words, column=None):
    """An FTS5 query: each word the start of a word (`"word"*`), all of them; in `column` only
    when given. A word holds no quote (WORD), doubled anyway: a string is all FTS5 reads in it."""
    phrases = " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)
    return f"{column} : ({phrases})" if column else phrases


def found_ids(kind_key, expression):
    table = f"{fts.PREFIX}{kind_key}"
    return RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expression])


def ranked(kind, text, user, by_key, addresses=None):
    """The rows of `kind` that `user` may see and `text` finds, or one of `addresses` (person
    ids): SQL selecting (id, rank) and its parameters, as the ORM writes it, and the named
    subqueries it reads (none)."""
    condition, rank = matching(kind, text, by_key)
    if addresses is not None:
        condition |= Q(pk__in=addresses)
    rows = kind.rows(user).filter(condition).annotate(rank=rank).values_list("pk", "rank")
    return *rows.order_by().query.sql_with_params(), {}


def matching(kind, text, by_key):
    """A condition on `kind`'s rows, and their rank, for the rows `text` finds."""
    typed = words(text)
    if not typed:
        return Q(pk__in=[]), Value(0.0, output_field=FloatField())
    if kind.also_through:
        # Each word in the row's own columns or in those of a row it points at.
        condition = reduce(
            and_,
            [
                reduce(
                    or_,
                    [Q(pk__in=found_ids(kind.key, match_expression([word])))]
                    + [
                        Q(**{f"{foreign_key}__in": found_ids(other, match_expression([word]))})
                        for foreign_key, other in kind.also_through
                    ],
                )
                for word in typed
            ],
        )
    else:
        condition = Q(pk__in=found_ids(kind.key, match_expression(typed)))
    first_column = kind.columns[0][0]
    first = Q(pk__in=found_ids(kind.key, match_expression(typed[:1], first_column)))
    rank = Case(When(first, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
    return condition, rank
