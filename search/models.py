"""The stored search vectors of the record, one row per searchable row, for PostgreSQL.

Kept by database triggers (migration 0002), not by Django: every write path (the admin, the
participant import's bulk_create/bulk_update, `load_record`'s raw fixtures, `restore`, a manual
SQL fix) goes through the tables, so none can leave a vector stale. On SQLite the table stays
empty: SQLite has its own index, FTS5 tables kept by triggers too (search.fts).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    vector = SearchVectorField(null=True)
    # Names only (people, organisations, countries, action groups), unaccented and lower case:
    # what trigram similarity compares a misspelt name with.
    name = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_one_per_row")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class SearchWord(models.Model):
    """PostgreSQL: the words of the record (unaccented, lower case), each once, what "Did you
    mean" picks a correction among by trigram similarity (search.suggestions). Filled by the
    triggers that keep the vectors (migration 0005), so it only grows: a word may outlive the
    text it was in (a correction is offered only when it finds something), and after an erasure
    it is made again (search.vocabulary.rebuild). On SQLite FTS5's own vocabulary is read."""

    word = models.CharField(max_length=40, primary_key=True)

    def __str__(self):
        return self.word
