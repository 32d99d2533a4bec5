"""Django's SQLite and PostgreSQL backends, each with the kept visibility written before a commit
(base.record.kept_visibility): alliance87/settings/database.py names them as the ENGINE."""
