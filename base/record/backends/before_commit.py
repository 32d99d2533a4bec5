class KeepsVisibilityBeforeCommit:
    """Mixed into the backends' DatabaseWrapper: the kept visibility written before a commit of
    a transaction that wrote the record. Imports base.record.kept_visibility only when it runs:
    Django loads a backend while it defines the first models, before these can be imported."""

    visibility_written = False  # a write since the kept visibility was last made current

    def commit(self):
        if self.visibility_written:
            from base.record.kept_visibility import keep_current_unless_migrating

            keep_current_unless_migrating(self)
        super().commit()
        self.visibility_written = False

    def rollback(self):
        super().rollback()
        self.visibility_written = False  # what was committed before is current
