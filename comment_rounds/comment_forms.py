"""The reviewer's forms: a comment on the whole record, an agenda item or one intervention (a
speaker's correction is a comment on their intervention whose proposed wording is required), and
the small forms that only name what they act on (confirming a summary, withdrawing a comment).

Where the comment goes travels in hidden fields; the service (commenting.py) checks it belongs to
the round's meeting. Each form of the page gets its own ids (`auto_id`), since the page holds one
per place."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, WORDING_MAX_LENGTH

WHOLE = "whole"
ITEM = "item"
INTERVENTION = "intervention"
TARGETS = [(WHOLE, WHOLE), (ITEM, ITEM), (INTERVENTION, INTERVENTION)]

COMMENT = "comment"
CORRECTION = "correction"
CONFIRM = "confirm"
WITHDRAW = "withdraw"


class CommentForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial=COMMENT)
    target = forms.ChoiceField(choices=TARGETS, widget=forms.HiddenInput)
    target_pk = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your comment.")},
    )
    proposed_wording = forms.CharField(
        label=_("Proposed wording (optional)"),
        max_length=WORDING_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The text as you would have the record say it."),
    )

    def __init__(self, *args, target=WHOLE, target_pk=None, correction=False, **kwargs):
        kwargs.setdefault("initial", {"target": target, "target_pk": target_pk})
        kwargs["initial"].setdefault("action", CORRECTION if correction else COMMENT)
        key = target if target_pk is None else f"{target}-{target_pk}"
        kwargs.setdefault("auto_id", f"{CORRECTION if correction else COMMENT}-{key}-%s")
        super().__init__(*args, **kwargs)
        self.correction = correction
        if target == WHOLE:
            # A wording replaces a summary or a narrative: the whole record has neither.
            del self.fields["proposed_wording"]
        elif correction:
            wording = self.fields["proposed_wording"]
            wording.required = True
            wording.label = _("The summary as it should read")
            wording.help_text = ""
            wording.error_messages["required"] = _("Write the summary as it should read.")
            self.fields["text"].label = _("What is wrong with it")

    def clean_text(self):
        return self.cleaned_data["text"].strip()


class TargetForm(forms.Form):
    """Confirming an intervention's summary, or withdrawing a comment: the pk it acts on."""

    action = forms.ChoiceField(choices=[(CONFIRM, CONFIRM), (WITHDRAW, WITHDRAW)])
    pk = forms.IntegerField(min_value=1)
