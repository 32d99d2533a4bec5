"""The forms of the Secretariat's round pages: opening a round (the add form), its deadline moved
while it is open (the change form), and a new deadline to re-circulate it."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.translation import gettext_lazy as _

from base.record.visibility import PublicationStatus
from meetings.models import Meeting

from ..models import CommentRound
from ..rules import deadline_refused, opening_refused


def meetings_to_circulate():
    """The meetings a round may be opened on now: drafts held, without a round. One query."""
    return Meeting.objects.filter(
        status=PublicationStatus.DRAFT, cancelled=False, comment_round__isnull=True
    ).order_by("-date", "-number")


class RoundForm(forms.ModelForm):
    """The add form (every field) and the change form (the deadline, while the round is open).

    The meeting's choices are the meetings to circulate; any other meeting is refused with the
    reason (comment_rounds.rules.opening_refused), not as "not one of the choices"."""

    class Meta:
        model = CommentRound
        fields = ["meeting", "audience", "deadline", "shares_comments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "meeting" in self.fields:
            field = self.fields["meeting"] = forms.ModelChoiceField(
                Meeting.objects.all(),
                label=_("Meeting"),
                help_text=_(
                    "A draft meeting's record, not cancelled, not yet circulated: a round already "
                    "open is re-circulated from its own page."
                ),
            )
            field.widget.choices = [("", "---------")] + [
                (meeting.pk, str(meeting)) for meeting in meetings_to_circulate()
            ]
        if "deadline" in self.fields:
            self.fields["deadline"].help_text = _(
                "Comments are taken until then; the round closes by itself at that moment."
            )

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        refused = opening_refused(meeting)
        if refused:
            raise forms.ValidationError(refused, code="refused")
        return meeting

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if self.instance.pk is None or "deadline" in self.changed_data:
            refused = deadline_refused(deadline)
            if refused:
                raise forms.ValidationError(refused, code="refused")
        return deadline


class DeadlineForm(forms.Form):
    deadline = forms.SplitDateTimeField(
        label=_("New deadline"),
        widget=AdminSplitDateTime,
        help_text=_("Comments are taken again until then."),
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        refused = deadline_refused(deadline)
        if refused:
            raise forms.ValidationError(refused, code="refused")
        return deadline
