"""An uploaded file kept on the server from a refused form to the next attempt.

A browser never sends a file twice: after any error on the page (on the meeting's workspace, a
blank cell in another row is enough) the file input is empty, and the form could be saved
without the file. So the file a form receives, once it has passed its checks, is stored at once
(through the storage API, under FOLDER, whatever the storage: a local folder or a bucket), and
the page comes back carrying a token for it; posting the token back gives the form that file
as if it had been uploaded again.

The token is signed; it names the kept file, is bound to the officer's session (the session key
is mixed into its signature and never leaves the server) and expires after KEEP_FOR. The kept
copy goes when the form is saved (on commit: the document's field has then stored its own
copy), when "remove" is ticked or another file replaces it, when its expired token comes back,
and otherwise through `manage.py purge_kept_uploads` once older than KEEP_FOR.

A widget reads the posted data without the request, so the session reaches it through
KeptUploadsMiddleware. Without a session (a form used outside a request) nothing is kept.
"""

import logging
import secrets
import time
import weakref
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.forms.widgets import FILE_INPUT_CONTRADICTION, CheckboxInput, FileInput
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

KEEP_FOR = timedelta(hours=24)
FOLDER = "kept-uploads"
SALT = "meetings.kept_uploads"

_session = ContextVar("kept_uploads_session", default=None)


class KeptUploadsMiddleware:
    """Lets the file widgets of this request bind what they keep to its session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _session.set(getattr(request, "session", None))
        try:
            return self.get_response(request)
        finally:
            _session.reset(reset)


def _session_key():
    session = _session.get()
    return session.session_key if session is not None else None


def _signing_salt(session_key):
    return f"{SALT}:{session_key}"


class KeptUploadLost(Exception):
    """A posted token that cannot give its file back; the message says what to do."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class KeptUpload:
    """A file kept in the storage: where (`stored`), and the name, size and time it came with."""

    stored: str
    name: str
    size: int
    kept_at: int
    token: str

    def open(self):
        """The kept file, read back from the storage as a file the form takes like an upload."""
        try:
            opened = default_storage.open(self.stored, "rb")
        except FileNotFoundError:
            raise KeptUploadLost(_lost_message(self.name)) from None
        return KeptFile(self, opened)

    def discard(self):
        _delete(self.stored)


class KeptFile(File):
    """A kept upload read back from the storage. Closed when no longer referred to (an upload
    is closed at the end of its request; this one belongs to no request)."""

    def __init__(self, kept, opened):
        super().__init__(opened, name=kept.name)
        self.size = kept.size
        self.kept_upload = kept
        weakref.finalize(self, opened.close)


def _delete(stored):
    """Deletes a kept copy. A storage that fails here leaves it to the purge command."""
    try:
        default_storage.delete(stored)
    # Whatever the storage raises (OSError, a bucket's client errors): the copy is only a
    # spare, and purge_kept_uploads removes it later.
    except Exception:
        logger.warning("Could not delete the kept upload %s", stored, exc_info=True)


def _lost_message(name=None):
    if name:
        return _(
            "The file you chose before, “%(name)s”, is no longer kept on the server: choose "
            "it again."
        ) % {"name": name}
    return _(
        "The file you chose before can no longer be found on the server (it was kept for "
        "another session, or has been removed): choose it again."
    )


def keep(upload):
    """Stores a copy of `upload` and returns its KeptUpload, or None when there is no session
    to bind it to or the storage refuses it (the form then goes on without it)."""
    session_key = _session_key()
    if not session_key:
        return None
    kept_at = int(time.time())
    name = f"{FOLDER}/{kept_at}-{secrets.token_urlsafe(18)}"
    try:
        # A plain File around the upload's content: given the upload itself, a local storage
        # would move its temporary file away instead of copying it.
        stored = default_storage.save(name, File(upload.file, name=name))
    except Exception:
        logger.warning("Could not keep the upload %r", upload.name, exc_info=True)
        _delete(name)  # no partial copy left behind
        return None
    finally:
        upload.seek(0)
    payload = {"n": stored, "f": upload.name, "s": upload.size, "t": kept_at}
    token = signing.dumps(payload, salt=_signing_salt(session_key))
    return KeptUpload(stored, upload.name, upload.size, kept_at, token)


def claim(token):
    """The KeptUpload a posted token names, if it was made for this session and is still
    within KEEP_FOR; otherwise KeptUploadLost. An expired one is discarded on the way."""
    session_key = _session_key()
    try:
        if not session_key:
            raise signing.BadSignature
        payload = signing.loads(token, salt=_signing_salt(session_key))
        kept = KeptUpload(
            str(payload["n"]), str(payload["f"]), int(payload["s"]), int(payload["t"]), token
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise KeptUploadLost(_lost_message()) from None
    if not kept.stored.startswith(f"{FOLDER}/"):  # signed by us, so never; but never elsewhere
        raise KeptUploadLost(_lost_message())
    if time.time() - kept.kept_at > KEEP_FOR.total_seconds():
        kept.discard()
        raise KeptUploadLost(_lost_message(kept.name))
    return kept


def kept_upload_of(content):
    """The KeptUpload a file given to a form was kept as, if any."""
    return getattr(content, "kept_upload", None)


def discard_when_saved(content):
    """After a model's file field stored `content`: its kept copy goes once the save commits
    (rolled back, the form comes back and still needs it)."""
    kept = kept_upload_of(content)
    if kept is not None:
        transaction.on_commit(kept.discard)


def purge(now=None):
    """Deletes the kept files older than KEEP_FOR; returns how many."""
    cutoff = (time.time() if now is None else now) - KEEP_FOR.total_seconds()
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # nothing was ever kept (a local folder not yet made)
        return 0
    removed = 0
    for name in names:
        stamp = name.partition("-")[0]
        if stamp.isdigit() and int(stamp) < cutoff:
            default_storage.delete(f"{FOLDER}/{name}")
            removed += 1
    return removed


class KeepingFileInput(forms.ClearableFileInput):
    """A file input that keeps what it receives (once `accepts` says the file passes the
    field's checks) and gives it back from the token its page carries.

    Besides the file and Django's "clear" box it posts two keys: `<name>-kept`, the token of the
    kept file, and `<name>-kept-remove`, a box that drops it. The value it reads, in order:
    a new file (kept, replacing the one kept before); with "remove" ticked, no file; a token
    that cannot be honoured, KeptUploadLost (the field says to choose the file again); the kept
    file; otherwise what Django's widget reads.
    """

    kept = None  # the KeptUpload the form shows again, read from the posted data

    def accepts(self, upload):
        """Whether a new upload passes the field's checks (only those are kept)."""
        return True

    def kept_token_name(self, name):
        return f"{name}-kept"

    def kept_remove_name(self, name):
        return f"{name}-kept-remove"

    def value_from_datadict(self, data, files, name):
        # A form reads its fields more than once (validation, has_changed, rendering): the file
        # is kept once.
        read_from = (id(data), id(files), name)
        if getattr(self, "_read_from", None) != read_from:
            self._value = self._read(data, files, name)
            self._read_from = read_from
        return self._value

    def _read(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        new_file = FileInput.value_from_datadict(self, data, files, name)
        token = data.get(self.kept_token_name(name))
        earlier, lost = None, None
        if token:
            try:
                earlier = claim(token)
            except KeptUploadLost as error:
                lost = error
        self.kept = None
        if new_file:
            if self.accepts(new_file):
                kept = keep(new_file)
                if kept is not None:
                    new_file.kept_upload = kept
                    if earlier is not None:
                        earlier.discard()
                    earlier = kept
            # A refused file is not kept; the field says why, and the one kept before stays.
            self.kept = earlier
            return value
        if CheckboxInput().value_from_datadict(data, files, self.kept_remove_name(name)):
            if earlier is not None:
                earlier.discard()
            return value
        if lost is not None:
            return lost
        if earlier is None:
            return value
        self.kept = earlier
        if value is False:  # "clear" ticked as well: which is meant?
            return FILE_INPUT_CONTRADICTION
        try:
            return earlier.open()
        except KeptUploadLost as error:
            self.kept = None
            return error

    def value_omitted_from_data(self, data, files, name):
        return (
            super().value_omitted_from_data(data, files, name)
            and self.kept_token_name(name) not in data
            and self.kept_remove_name(name) not in data
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.kept is not None:
            remove_name = self.kept_remove_name(name)
            context["widget"]["kept"] = {
                "name": self.kept.name,
                "size": self.kept.size,
                "token": self.kept.token,
                "token_name": self.kept_token_name(name),
                "remove_name": remove_name,
                "remove_id": f"{remove_name}_id",
            }
        return context


class KeepingFileField(forms.FileField):
    """The form field of a KeepingFileInput: a token that cannot be honoured is an error, so the
    form is not saved without the file the officer thinks is kept."""

    widget = KeepingFileInput

    def clean(self, data, initial=None):
        if isinstance(data, KeptUploadLost):
            raise ValidationError(data.message, code="kept_upload_lost")
        return super().clean(data, initial)
