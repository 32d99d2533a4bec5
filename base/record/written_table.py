"""Which table an SQL statement writes, if it writes one: what the page cache and the kept
visibility watch every statement for."""

import re

WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)', re.IGNORECASE
)


def written_table(sql):
    """The table `sql` inserts into, updates or deletes from; None for any other statement."""
    written = WRITE.match(sql)
    return written.group(1) if written else None
