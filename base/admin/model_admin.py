"""The one base class of the portal's ModelAdmins: every change is kept in the history with its
reason (base.audit.admin_history), no change form silently overwrites another officer's
(base.admin.locking), and a save the file storage refuses for want of room gives the form back
(base.admin.no_room).

A ModelAdmin adds its own mixins before it: `class CountryAdmin(LinkedRowsAdminMixin,
PortalModelAdmin)`.
"""

from simple_history.admin import SimpleHistoryAdmin

from base.admin.locking import OptimisticLockingAdminMixin
from base.admin.no_room import NoRoomForFilesAdminMixin
from base.audit.admin_history import HistoryAdminMixin


class PortalModelAdmin(
    NoRoomForFilesAdminMixin, HistoryAdminMixin, OptimisticLockingAdminMixin, SimpleHistoryAdmin
):
    """History with reasons, optimistic locking, simple_history's history and revert pages, and
    the form given back when the storage has no room."""
