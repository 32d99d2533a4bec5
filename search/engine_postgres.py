"""The search on PostgreSQL: the stored vectors (search.models.SearchEntry, kept by triggers),
English stemming, `unaccent`, ranking, and trigram similarity for names and near misses."""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db.models import F, FloatField, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower

from .models import SearchEntry


def _unaccented(text):
    return Func(Lower(Value(text)), function="unaccent")


def _query(text):
    # websearch: quotes, "or" and "-word" mean what they mean on the web; any input is valid.
    return SearchQuery(_unaccented(text), config="english", search_type="websearch")


def _found(kind, text):
    """The entries of `kind` found by `text`, with their rank."""
    query = _query(text)
    condition = Q(vector=query)
    rank = SearchRank(F("vector"), query)
    if kind.is_name:
        condition |= Q(name__trigram_word_similar=_unaccented(text))
        rank = rank + TrigramWordSimilarity(_unaccented(text), "name")
    return SearchEntry.objects.filter(condition, kind=kind.key).annotate(rank=rank)


def matching(kind, text, by_key):
    """A condition on `kind`'s rows, and their rank, for the rows `text` finds."""
    found = _found(kind, text)
    condition = Q(pk__in=found.values("object_id"))
    ranks = [Subquery(found.filter(object_id=OuterRef("pk")).values("rank")[:1])]
    for foreign_key, other in kind.also_through:
        through = _found(by_key[other], text)
        condition |= Q(**{f"{foreign_key}__in": through.values("object_id")})
        # Found through another row: ranked below what is found by its own words.
        ranks.append(
            Subquery(through.filter(object_id=OuterRef(foreign_key)).values("rank")[:1]) / 2
        )
    return condition, Coalesce(*ranks, Value(0.0), output_field=FloatField())
