from django.db.backends.sqlite3 import base

from base.record.backends.before_commit import KeepsVisibilityBeforeCommit


class DatabaseWrapper(KeepsVisibilityBeforeCommit, base.DatabaseWrapper):
    pass
