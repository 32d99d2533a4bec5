"""Uploaded files on a local disk, never left half written.

Django's FileSystemStorage writes a file where it will live and leaves what it wrote when the
write fails (a full disk, a quota reached): a truncated file that a later download would serve.
This one removes it and raises again, for the admin to give the form back with a message
(base/admin/no_room.py).
"""

import errno

from django.core.files.storage import FileSystemStorage

NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_no_room(error):
    """Whether `error` is the storage refusing a file for want of room."""
    return isinstance(error, OSError) and error.errno in NO_ROOM


class WholeFilesStorage(FileSystemStorage):
    def _save(self, name, content):
        existed = self.exists(name)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and self.exists(name):
                self.delete(name)
            raise
