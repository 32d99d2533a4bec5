from django.db.backends.postgresql import base

from base.record.backends.before_commit import KeepsVisibilityBeforeCommit


class DatabaseWrapper(KeepsVisibilityBeforeCommit, base.DatabaseWrapper):
    pass
