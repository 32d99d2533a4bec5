"""The Secretariat's pages for comment rounds (issue 22): the rounds, opened, closed,
re-circulated and resolved (round_admin), and what reviewers wrote, to read (round_rows_admin)."""

from . import round_admin, round_rows_admin  # noqa: F401  (they register their admins)
