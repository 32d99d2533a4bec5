"""The words "Did you mean" chooses a correction among: the record's own, each kind's columns.

On PostgreSQL, search.models.SearchWord, filled by the triggers that keep the vectors (migration
0005 adds this statement to them) and made again by `rebuild`. On SQLite, FTS5's vocabulary
tables over each kind's index (search.fts): always current, nothing to keep."""

WORD_PATTERN = "^[a-z]{3,40}$"  # what is worth suggesting: a word of letters, not a number


def insert_sql(columns, row, table=None):
    """SQL adding the words of `row`'s `columns` (a trigger's NEW; or every row of `table`),
    unaccented and lower case, to the vocabulary."""
    joined = " || ' ' || ".join(f"coalesce({row}.{column}, '')" for column in columns)
    source = f"{table} AS {row}, " if table else ""
    return (
        "INSERT INTO search_searchword (word) SELECT DISTINCT word FROM "
        f"{source}unnest(tsvector_to_array(to_tsvector('simple', unaccent({joined})))) AS word "
        f"WHERE word ~ '{WORD_PATTERN}' ON CONFLICT DO NOTHING"
    )


def rebuild(connection):
    """PostgreSQL: the vocabulary made again from the record as it is (after an erasure, so that
    no word of an erased name stays in it)."""
    from .kinds import KINDS

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchword")
        for kind in KINDS:
            columns = [column for column, _weight in kind.columns]
            cursor.execute(insert_sql(columns, "row", kind.model._meta.db_table))


def forget_erased_words(sender, **kwargs):
    """partners' person_erased: the vocabulary only grows, so it is made again without them."""
    from django.db import connection

    rebuild(connection)
