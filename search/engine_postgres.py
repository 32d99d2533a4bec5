"""The search on PostgreSQL: the stored vectors (search.models.SearchEntry, kept by triggers),
English stemming, `unaccent`, ranking, and trigram similarity for names and near misses.

Written as SQL, not as ORM expressions: built by the ORM, each kind's rank was a correlated
subquery per row, its count a second pass over the matches, and composing the expressions cost
more than running them (PostgreSQL at factor 100: the grouped page 520 ms, most of it Python).
Here each kind's entries are read once, ranked in the same pass, through its own partial GIN
indexes (migration 0004: `kind = '<key>'` must be a constant of the query for them to be used),
and joined to the rows the reader may see, whose SQL the ORM writes (`Kind.rows`). What was
typed is only ever a parameter; the table, column and kind names are the kinds' own."""

from partners import names

from . import spellings
from .models import SearchEntry

# websearch: quotes, "or" and "-word" mean what they mean on the web; any input is valid.
QUERY = "websearch_to_tsquery('english', unaccent(lower(%s)))"
# One word, as the query's lexeme for it (what ts_rewrite replaces, and with what).
ONE_WORD = "plainto_tsquery('english', %s)"
# As the triggers (migration 0002) store a name. A subquery, computed once when the query runs:
# given the name itself, the planner tried `%>` on the column's statistics while planning and,
# from what it guessed there, read the organisations' names one by one rather than through their
# trigram index (factor 100: 10 ms instead of 1, read twice, for the people too).
NAME = "(SELECT unaccent(lower(%s)))"


def tsquery(text):
    """SQL of the tsquery `text` asks for, and its parameters: as websearch_to_tsquery reads it,
    each word with other spellings (search.spellings) rewritten as "this one or those"."""
    sql, params = QUERY, [text]
    for word in dict.fromkeys(names.words(text)):
        if others := spellings.variants(word):
            either = " || ".join([ONE_WORD] * (1 + len(others)))
            sql = f"ts_rewrite({sql}, {ONE_WORD}, {either})"
            params = [*params, word, word, *others]
    return sql, params


def _entries(kind, text):
    """The entries of `kind` that `text` finds, (object_id, rank): their name as a named
    subquery, its SQL and its parameters."""
    query, query_params = tsquery(text)
    rank, found = f"ts_rank(vector, {query})", f"vector @@ {query}"
    rank_params, found_params = list(query_params), list(query_params)
    if kind.is_name:
        rank, found = f"{rank} + word_similarity({NAME}, name)", f"({found} OR name %%> {NAME})"
        rank_params, found_params = [*rank_params, text], [*found_params, text]
    table = SearchEntry._meta.db_table
    sql = f"SELECT object_id, {rank} AS rank FROM {table} WHERE kind = %s AND {found}"
    return f"entries_{kind.key}", sql, [*rank_params, kind.key, *found_params]


def _sql(queryset):
    return queryset.order_by().query.sql_with_params()


def ranked(kind, text, user, by_key, addresses=None):
    """The rows of `kind` that `user` may see and `text` finds: SQL selecting (id, rank), its
    parameters, and the named subqueries it reads (the entries found of each kind it joins).
    A row is found by its own entry; or (`also_through`) by the entry of the row its foreign key
    points at, ranked half as high (people by their organisation's, whose entries the
    organisations read too: read once); or by one of `addresses` (person ids)."""
    visible_sql, params = _sql(
        kind.rows(user).values("pk", *(key for key, _other in kind.also_through))
    )
    columns = ["id"] + [f"through_{n}" for n, _ in enumerate(kind.also_through)]
    entries = [_entries(kind, text)]
    entries += [_entries(by_key[other], text) for _key, other in kind.also_through]
    joins, ranks, found = [], [], []
    for column, (name, _entry_sql, _entry_params) in zip(columns, entries, strict=True):
        joins.append(f"LEFT JOIN {name} AS by_{column} ON by_{column}.object_id = row.{column}")
        ranks.append(f"by_{column}.rank" if column == "id" else f"by_{column}.rank / 2")
        found.append(f"by_{column}.object_id IS NOT NULL")
    if addresses is not None:
        addresses_sql, addresses_params = _sql(addresses)
        found.append(f"row.id IN ({addresses_sql})")
        params = [*params, *addresses_params]
    sql = (
        f"SELECT row.id, COALESCE({', '.join(ranks)}, 0.0) AS rank "
        f"FROM ({visible_sql}) AS row ({', '.join(columns)}) {' '.join(joins)} "
        f"WHERE {' OR '.join(found)}"
    )
    return sql, params, {name: tuple(read) for name, *read in entries}
