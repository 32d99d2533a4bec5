"""A save the file storage refuses for want of room (a full disk, a quota) gives the officer the
form back, with everything they typed and a message, never a server error. Nothing of that save
is kept: the admin saves in one transaction, which the error rolls back, and the storage leaves
no partial file, nor the files of that save stored whole before it ran out of room
(base/storage.py, `files_of_one_save`). The form is then validated again with an error of its own,
as base.admin.locking refuses a stale one, and shown as any refused form is."""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from base.storage import files_of_one_save, is_no_room

from .refused_form import refused

logger = logging.getLogger(__name__)
_REQUEST_ATTRIBUTE = "_no_room_for_files"


class NoRoomForFilesAdminMixin:
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with files_of_one_save():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as error:
            if request.method != "POST" or not is_no_room(error):
                raise
            logger.error("No room to store an uploaded file; the form is given back", exc_info=True)
            setattr(request, _REQUEST_ATTRIBUTE, True)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, _REQUEST_ATTRIBUTE, False):
            return form

        return refused(
            form,
            ValidationError(
                _(
                    "The server has no room left to store the file, so nothing was saved. What "
                    "you typed is below. Ask the portal's administrator to make room, then save "
                    "again; choose again any file that is no longer shown as kept."
                ),
                code="no_room",
            ),
        )
