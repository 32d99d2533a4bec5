"""Forms of the Secretariat's admin."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.record.partial_date_input import PartialDateFormMixin

from . import participant_lists


def _file_help_text():
    return gettext(
        "At most %(size)s. Its text is put in the box above for the preview; nothing is "
        "imported before you confirm."
    ) % {"size": filesizeformat(participant_lists.MAX_SIZE)}


class ParticipantsImportForm(forms.Form):
    """A participants list, pasted or read from a file. A file's text is put in the box and
    previewed like a pasted list: a confirmation imports the box, as it was previewed."""

    participants = forms.CharField(
        label=_("Participants list"),
        required=False,
        # A validator, not max_length: a browser would cut a longer paste without a word.
        validators=[MaxLengthValidator(participant_lists.MAX_SIZE)],
        # Not stripped: the line numbers the preview and the errors give are the pasted text's.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100, "spellcheck": "false"}),
        help_text=_(
            "One participant a line, as copied from a spreadsheet, a Word table, a CSV file or "
            "the report: cells separated by tabs, commas or semicolons. Several e-mail "
            "addresses in one cell are separated by “/”, “;” or “,”. Participants after a “Remote "
            "Participants” line attended remotely, unless a column says how each attended."
        ),
    )
    participants_file = forms.FileField(
        label=_("Or a CSV or text file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,.tsv,.txt,text/csv,text/plain"}),
        help_text=lazy(_file_help_text, str)(),
    )
    keep_valid = forms.BooleanField(
        label=_("Import the valid lines and list the rejected ones"),
        required=False,
        help_text=_(
            "Unticked, a list with a bad line is not imported at all. Ticked, the valid lines "
            "are imported and the rejected ones listed with their reasons, to correct and "
            "import again."
        ),
    )
    # A digest of what was previewed: confirming imports only the list the Secretariat saw,
    # as it saw it (all or nothing, or the valid lines).
    previewed_digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("participants_file")
        text = cleaned.get("participants", "")
        self.file_name = ""
        if upload:
            if text.strip():
                # The box's text is never replaced unasked: it may be the officer's own.
                self.add_error(
                    "participants_file",
                    _(
                        "The box already holds a list: empty it to read the file, or paste "
                        "the file's content instead."
                    ),
                )
                return cleaned
            try:
                cleaned["participants"] = participant_lists.decode(upload, upload.name)
            except ValidationError as error:
                self.add_error("participants_file", error)
                return cleaned
            self.file_name = upload.name
        elif "participants" in cleaned and not text.strip():
            self.add_error("participants", _("Paste a list, or choose a file."))
        return cleaned

    def digest(self):
        text = self.cleaned_data["participants"].replace("\r\n", "\n").replace("\r", "\n")
        keep_valid = "1" if self.cleaned_data["keep_valid"] else "0"
        return hashlib.sha256(f"{keep_valid}\n{text}".encode()).hexdigest()

    def was_previewed(self):
        """True when the box holds the list as it was previewed, and no file was chosen."""
        return not self.file_name and self.cleaned_data["previewed_digest"] == self.digest()

    def for_preview(self, text, previewed):
        """The form shown back: the list in the box, with the digest of what is previewed."""
        form = ParticipantsImportForm(
            {
                "participants": text,
                "keep_valid": self.cleaned_data["keep_valid"],
                "previewed_digest": self.digest() if previewed else "",
            }
        )
        form.is_valid()
        return form


# Each date known as far as the record says, typed in one box (base.record.partial_date_input). The
# admin's modelform_factory gives each its model.


class ActionPointForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"due_date": "due_precision"}


class DocumentForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"date": "date_precision"}


class EventForm(PartialDateFormMixin, forms.ModelForm):
    # One precision for both: the start's, and the end is typed as precisely or left empty
    # ("22/07/2019" to "23/07/2019"; "November 2019" alone).
    partial_dates = {"start_date": "date_precision", "end_date": "date_precision"}


class OfficeTermForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"start_date": "start_precision", "end_date": "end_precision"}
