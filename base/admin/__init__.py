"""The admin's kit, shared by every app's ModelAdmin: no silent overwrite (optimistic locking, the
state a change page edits, a refused form brought up to date), shared widgets and mixins."""
