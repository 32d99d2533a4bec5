"""Uploaded files on a local disk, never left half written, nor left over from a refused save.

Django's FileSystemStorage writes a file where it will live and leaves what it wrote when the
write fails (a full disk, a quota reached): a truncated file that a later download would serve.
This one removes it and raises again, for the admin to give the form back with a message
(base/admin/no_room.py).

A form may hold several files: the first stored whole, the next refused for want of room. The
save is rolled back, so the first is then an orphan no row names. `files_of_one_save()` notes
the names stored while it lasts, and removes them when the storage runs out of room.
"""

import errno
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.storage import FileSystemStorage

NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})
logger = logging.getLogger(__name__)
# [(storage, name)] stored since `files_of_one_save()` began, or None outside one.
_stored = ContextVar("files_of_one_save", default=None)


def is_no_room(error):
    """Whether `error` is the storage refusing a file for want of room."""
    return isinstance(error, OSError) and error.errno in NO_ROOM


@contextmanager
def files_of_one_save():
    """One save's files, whole or none: the files stored inside the block are removed again if
    the block ends in a want of room (the save that named them is rolled back)."""
    stored = []
    token = _stored.set(stored)
    try:
        yield
    except OSError as error:
        if is_no_room(error):
            for storage, name in stored:
                try:
                    storage.delete(name)
                except OSError:
                    logger.exception("Could not remove %s, stored by a refused save", name)
        raise
    finally:
        _stored.reset(token)


class WholeFilesStorage(FileSystemStorage):
    def _save(self, name, content):
        existed = self.exists(name)
        try:
            name = super()._save(name, content)
        except OSError:
            if not existed and self.exists(name):
                self.delete(name)
            raise
        stored = _stored.get()
        if stored is not None:
            stored.append((self, name))
        return name
