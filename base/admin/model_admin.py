"""The one base class of the portal's ModelAdmins: every change is kept in the history with its
reason (base.audit.admin_history), and no change form silently overwrites another officer's
(base.admin.locking).

A ModelAdmin adds its own mixins before it: `class CountryAdmin(LinkedRowsAdminMixin,
PortalModelAdmin)`.
"""

from simple_history.admin import SimpleHistoryAdmin

from base.admin.locking import OptimisticLockingAdminMixin
from base.audit.admin_history import HistoryAdminMixin


class PortalModelAdmin(HistoryAdminMixin, OptimisticLockingAdminMixin, SimpleHistoryAdmin):
    """History with reasons, optimistic locking, simple_history's history and revert pages."""
