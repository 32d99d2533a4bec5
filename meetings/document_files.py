"""A document's uploaded file: what is accepted, where it is stored, how it is downloaded.

Any form that edits a document (its admin page, an inline on the meeting) gets the checks,
since they belong to the model field: the kind is read from the content (meetings.file_types), the
name must say the same kind, the size is within DOCUMENT_MAX_UPLOAD_MB. The file is stored
through Django's storage API under a random name; the name it was uploaded with is kept for
the download. Files are only ever served by the download view, which applies the drafts rule:
no URL of the storage is shown or routed. A file that passes the checks survives a refused form
(meetings.kept_uploads): the form comes back showing it as kept, and saves it when it is saved.
"""

import logging
import secrets
import unicodedata
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.file_types import BY_CONTENT_TYPE, DOCUMENT_TYPES, sniff

from .kept_uploads import KeepingFileField, KeepingFileInput, discard_when_saved

logger = logging.getLogger(__name__)

ACCEPTED_LABELS = gettext_lazy("PDF, Word, Excel, PowerPoint or OpenDocument")
MAX_NAME_LENGTH = 200


def max_upload_bytes():
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024


def safe_filename(name):
    """The uploaded name as a download may offer it: its last path segment, without control
    characters or leading dots, at most MAX_NAME_LENGTH characters with its extension kept."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = name.strip().lstrip(".").strip()
    stem, dot, extension = name.rpartition(".")
    if len(name) > MAX_NAME_LENGTH:
        keep = MAX_NAME_LENGTH - len(dot + extension)
        name = (stem[:keep] + dot + extension) if dot and keep > 0 else name[:MAX_NAME_LENGTH]
    return name


def file_type_of(file):
    """The accepted FileType of an uploaded file, or ValidationError saying why it is refused."""
    name = safe_filename(getattr(file, "name", "") or "")
    if file.size > max_upload_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s; a document’s file may be at most %(limit)d MB.")
            % {
                "name": name,
                "size": filesizeformat(file.size),
                "limit": settings.DOCUMENT_MAX_UPLOAD_MB,
            },
            code="too_large",
        )
    file_type = sniff(file)
    if file_type is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a %(accepted)s file, whatever its name says: its content is "
                "of another kind. Choose the document itself."
            )
            % {"name": name, "accepted": ACCEPTED_LABELS},
            code="not_a_document",
        )
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension != file_type.extension:
        raise ValidationError(
            _(
                "“%(name)s” is a %(kind)s file, but its name does not end in .%(extension)s. "
                "Rename it to end in .%(extension)s, or choose the right file."
            )
            % {"name": name, "kind": file_type.label, "extension": file_type.extension},
            code="name_mismatch",
        )
    return file_type


def is_new_upload(value):
    return not (isinstance(value, FieldFile) and value._committed)


def validate_document_file(value):
    """The model field's validator: a new upload is checked; a file already stored is not
    read again (the limit may have changed since, and the storage may be remote)."""
    if value and is_new_upload(value):
        file_type_of(value)


def document_file_path(document, filename):
    """Where a document's file is stored: a random name nobody can guess, the right extension."""
    file_type = BY_CONTENT_TYPE.get(document.file_type)
    extension = file_type.extension if file_type else "bin"
    return f"documents/{secrets.token_urlsafe(18)}.{extension}"


def record_file_facts(document):
    """Before a document is saved: the type, name and size of a newly uploaded file (checked
    again, as a save outside any form must not store a file of the wrong kind either); nothing
    when the file was cleared."""
    file = document.file
    if not file:
        document.file_name, document.file_type, document.file_size = "", "", None
    elif is_new_upload(file):
        document.file_type = file_type_of(file).content_type
        document.file_name = safe_filename(file.name)
        document.file_size = file.size


class DocumentFileInput(KeepingFileInput):
    """The stored file shown by the name it was uploaded with, linked to the download view,
    instead of the storage's random name and a storage URL nothing serves; a file kept from a
    refused form shown with it, to replace it."""

    template_name = "meetings/widgets/document_file_input.html"

    def accepts(self, upload):
        try:
            file_type_of(upload)
        except ValidationError:
            return False
        return True

    def is_initial(self, value):
        return bool(value) and getattr(value, "instance", None) is not None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        document = getattr(value, "instance", None)
        if self.is_initial(value):
            context["widget"]["download_url"] = download_url(document)
            context["widget"]["download_name"] = document.file_name or value.name
        return context


class DocumentFileField(models.FileField):
    """A document's file: checked on every form that edits it, stored under a random name."""

    default_validators = [validate_document_file]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", document_file_path)
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs["widget"] = DocumentFileInput(
            attrs={"accept": ",".join(f".{t.extension}" for t in DOCUMENT_TYPES)}
        )
        kwargs["form_class"] = KeepingFileField
        field = super().formfield(**kwargs)
        field.help_text = _("%(accepted)s, at most %(limit)d MB.") % {
            "accepted": ACCEPTED_LABELS,
            "limit": settings.DOCUMENT_MAX_UPLOAD_MB,
        }
        return field

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        content = file.file if file and not file._committed else None
        file = super().pre_save(model_instance, add)
        discard_when_saved(content)
        return file


def download_url(document):
    return reverse("meetings:document_file", kwargs={"slug": document.slug})


def download_response(document):
    """The document's file as an attachment, with the name it was uploaded with (RFC 6266 and
    5987 for any name, through FileResponse) and the type read from its content."""
    try:
        file = document.file.storage.open(document.file.name, "rb")
    except FileNotFoundError:
        logger.error("The file of document %s (%s) is missing", document.pk, document.file.name)
        raise Http404(_("This document’s file is missing.")) from None
    response = FileResponse(
        file,
        as_attachment=True,
        filename=document.file_name or PurePosixPath(document.file.name).name,
        content_type=document.file_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
