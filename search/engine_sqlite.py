"""The search on SQLite (local runs, the test suite's first pass): the FTS5 index of each kind
(search.fts), kept by triggers.

Each word typed must start a word of one of the kind's columns (a prefix query), case and accents
folded by the index's tokeniser as the directory's names are folded (partners.names), or one of
its other spellings (search.spellings). No stemming and no near misses found directly: those are
PostgreSQL's; a misspelt word gets a "Did you mean" (search.suggestions). Ranked by whether the
first word starts a word of the kind's first column. A kind with `also_through` rows (people) is
also found by the words of the row its foreign key points at (their organisation), each word in
either.

What was typed never reaches FTS5's query syntax: it is cut into words (letters, digits and
underscores only), each quoted as a string; `"`, `*`, `-`, `NEAR`, `AND`, parentheses are text.
"""

import re

from django.core.exceptions import EmptyResultSet

from partners import names

from . import fts, spellings

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
    """An FTS5 query: each word, or one of its other spellings (search.spellings), the start of a
    word (`"word"*`), all of them; in `column` only when given. A word holds no quote (WORD),
    doubled anyway: a string is all FTS5 reads in it."""
    phrases = " AND ".join(_either(word) for word in words)
    return f"{column} : ({phrases})" if column else phrases


def _either(word):
    others = spellings.variants(names.normalised(word))
    quoted = ['"{}"*'.format(each.replace('"', '""')) for each in [word, *others]]
    return quoted[0] if len(quoted) == 1 else f"({' OR '.join(quoted)})"


def found_in(column, kind_key):
    """SQL: `column` is the id of one of `kind_key`'s rows that its index finds, given the MATCH
    expression (match_expression) as its one parameter."""
    table = f"{fts.PREFIX}{kind_key}"
    return f"{column} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"


def ranked(kind, text, user, by_key, addresses=None):
    """The rows of `kind` that `user` may see and `text` finds, or one of `addresses` (person
    ids): SQL selecting (id, rank) and its parameters, and the named subqueries it reads (none).

    The rows `user` may see are the ORM's SQL; what the words find, and the rank, are written
    around it: as conditions and a Case(When()) given to the ORM, they cost more Python to build
    than the rows' own query, for every kind at every search."""
    typed = words(text)
    through = [foreign_key for foreign_key, _other in kind.also_through]
    rows = kind.rows(user).order_by().values_list("pk", *through)
    sql, params = rows.query.sql_with_params()
    conditions = [matching(kind, typed)] if typed else []
    if addresses is not None:
        address_sql, address_params = addresses.query.sql_with_params()
        conditions.append((f"pk IN ({address_sql})", list(address_params)))
    if not conditions:
        raise EmptyResultSet
    condition = " OR ".join(f"({each})" for each, _params in conditions)
    condition_params = [param for _each, each_params in conditions for param in each_params]
    if typed:
        rank = f"CASE WHEN {found_in('pk', kind.key)} THEN 1.0 ELSE 0.5 END"
        rank_params = [match_expression(typed[:1], kind.columns[0][0])]
    else:
        rank, rank_params = "0.0", []
    query = f"SELECT pk, {rank} FROM ({sql}) AS found WHERE {condition}"
    return query, [*rank_params, *params, *condition_params], {}


def matching(kind, typed):
    """SQL and its parameters: a condition on `kind`'s rows, true for those the words `typed`
    find; each word in the row's own columns or, `also_through`, in those of a row it points at."""
    if not kind.also_through:
        return found_in("pk", kind.key), [match_expression(typed)]
    places = [("pk", kind.key), *kind.also_through]
    either = "(" + " OR ".join(found_in(column, key) for column, key in places) + ")"
    each_word = " AND ".join([either] * len(typed))
    return each_word, [match_expression([word]) for word in typed for _place in places]
