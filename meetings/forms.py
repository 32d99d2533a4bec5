"""Forms of the Secretariat's admin."""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _


class ParticipantsImportForm(forms.Form):
    """The participants list, pasted as the report prints it."""

    participants = forms.CharField(
        label=_("Participants list"),
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100, "spellcheck": "false"}),
        help_text=_(
            "One participant a line: name, organisation as listed, e-mail addresses (several "
            "separated by “/”), separated by tabs, as copied from the report. Participants after "
            "a “Remote Participants” line attended remotely."
        ),
    )
    # A digest of the text previewed: confirming imports only the list the Secretariat saw.
    previewed_digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def digest(self):
        text = self.cleaned_data["participants"].replace("\r\n", "\n")
        return hashlib.sha256(text.encode()).hexdigest()

    def was_previewed(self):
        return self.cleaned_data["previewed_digest"] == self.digest()
