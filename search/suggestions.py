""" "Did you mean": when a search finds nothing, each word typed replaced by the likest word of
the record, offered as a link when that corrected search finds something the visitor may see
(so a word of a draft or of a hidden person is never offered to someone who may not see it).

Bounded whatever the size of the record, one query for every word typed:
- PostgreSQL: the vocabulary's trigram index (search.models.SearchWord, pg_trgm's `%`), the
  likest word by similarity, in SQL;
- SQLite: FTS5's vocabulary of each kind's index (search.fts), read only for the words of the
  length of the typed one, give or take two, that start with its first letter (a range of the
  vocabulary's sorted terms), at most CANDIDATES of each kind; the likest chosen in Python
  (difflib) among those. A typo in the first letter is not corrected there."""

from difflib import SequenceMatcher

from django.db import connection

from partners import names

from . import fts, queries
from .kinds import KINDS

MOST_WORDS = 8
SHORTEST = 3  # shorter words are not corrected: too many words are near them
CANDIDATES = 200  # words of one kind read on SQLite, for one word typed
LIKENESS = 0.75  # SQLite: difflib ratio a correction needs


def correction(text):
    """`text` with each word not in the record replaced by the likest word that is; None when
    there is nothing to correct."""
    typed = names.words(queries.without_titles(text))
    wanted = [w for w in dict.fromkeys(typed) if w.isalpha() and len(w) >= SHORTEST]
    wanted = wanted[:MOST_WORDS]
    if not wanted:
        return None
    nearest = _postgresql(wanted) if connection.vendor == "postgresql" else _sqlite(wanted)
    corrected = [nearest.get(word) or word for word in typed]
    return " ".join(corrected) if corrected != typed else None


def _postgresql(wanted):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT typed, (SELECT word FROM search_searchword WHERE word %% typed "
            "ORDER BY similarity(word, typed) DESC, word LIMIT 1) "
            "FROM unnest(%s::text[]) AS typed",
            [wanted],
        )
        return dict(cursor.fetchall())


def _sqlite(wanted):
    branches, params = [], []
    for word in wanted:
        first = word[0]
        for kind in KINDS:
            branches.append(
                f"SELECT * FROM (SELECT %s, term FROM {fts.PREFIX}{kind.key}{fts.VOCABULARY} "
                "WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s "
                "ORDER BY doc DESC LIMIT %s)"
            )
            params += [word, first, chr(ord(first) + 1), len(word) - 2, len(word) + 2, CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(branches), params)
        candidates = cursor.fetchall()
    nearest = {}
    for word in wanted:
        own = {term for typed, term in candidates if typed == word}
        if word in own:
            continue
        scored = [(SequenceMatcher(None, word, term).ratio(), term) for term in sorted(own)]
        best = max(scored, default=(0, None))
        if best[0] >= LIKENESS:
            nearest[word] = best[1]
    return nearest
