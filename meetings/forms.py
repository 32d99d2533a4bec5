"""Forms of the Secretariat's admin."""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from base.partial_date_input import PartialDateFormMixin


class ParticipantsImportForm(forms.Form):
    """The participants list, pasted as the report prints it."""

    participants = forms.CharField(
        label=_("Participants list"),
        # Not stripped: the line numbers the preview and the errors give are the pasted text's.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100, "spellcheck": "false"}),
        help_text=_(
            "One participant a line: name, organisation as listed, e-mail addresses (several "
            "separated by “/”), separated by tabs, as copied from the report. Participants after "
            "a “Remote Participants” line attended remotely."
        ),
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

    def digest(self):
        text = self.cleaned_data["participants"].replace("\r\n", "\n")
        keep_valid = "1" if self.cleaned_data["keep_valid"] else "0"
        return hashlib.sha256(f"{keep_valid}\n{text}".encode()).hexdigest()

    def was_previewed(self):
        return self.cleaned_data["previewed_digest"] == self.digest()


# Each date known as far as the record says, typed in one box (base.partial_date_input). The
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
