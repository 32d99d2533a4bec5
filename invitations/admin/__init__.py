"""The Secretariat's pages for invitations: inviting and sending (invitation_admin), and the
registrations of a meeting, their counts, export and the attendance filled from them
(registration_admin)."""

from . import invitation_admin, registration_admin  # noqa: F401  (they register their admins)
