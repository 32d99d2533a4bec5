"""The record's version, kept in the database as well as in the cache (base/web/page_cache.py):
one row, whose number every write to the record raises once committed, so that a process sharing
no cache with the servers (a `manage.py shell` with DATABASE_URL alone) still retires their kept
pages.

A table of its own, made here, that no model maps: a backup does not carry it, `restore` does not
find the database "not empty" because of it, `flush` leaves it, and the hook that notices writes
to the record's tables (whose list comes from the models) does not take its own write for one."""

from django.db import migrations

CREATE = """
CREATE TABLE base_record_version (id integer PRIMARY KEY, version bigint NOT NULL);
INSERT INTO base_record_version (id, version) VALUES (1, 0);
"""


class Migration(migrations.Migration):
    dependencies = [("base", "0001_loaded_fixture_rows")]

    operations = [
        migrations.RunSQL(
            [sql.strip() for sql in CREATE.strip().split(";") if sql.strip()],
            reverse_sql="DROP TABLE base_record_version",
        ),
    ]
