"""The invitee's answer: coming (in person, remotely), not coming, or sending someone else, for
which organisation, and the language of the e-mails they receive."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import AttendanceMode
from partners.models import Organization

from .models import Answer

# Organisations read to match what was typed: a name is unique, an acronym nearly so.
MATCHES = 10
DELEGATE_FIELDS = ["delegate_name", "delegate_email", "delegate_position", "delegate_mode"]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=Answer.choices, widget=forms.RadioSelect
    )
    organization = forms.CharField(
        label=_("For the organisation"),
        max_length=200,
        help_text=_(
            "Its name or acronym as the directory writes it: your own, unless you come for another."
        ),
    )
    delegate_name = forms.CharField(label=_("Their name"), max_length=200, required=False)
    delegate_email = forms.EmailField(
        label=_("Their e-mail address"), max_length=254, required=False
    )
    delegate_position = forms.CharField(label=_("Their position"), max_length=200, required=False)
    delegate_mode = forms.ChoiceField(
        label=_("They attend"),
        choices=AttendanceMode.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of our e-mails to you"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        own = invitation.organization or invitation.person.organization
        kwargs.setdefault(
            "initial",
            {
                "answer": invitation.answer,
                "organization": own.name,
                "language": invitation.language,
                **{name: getattr(invitation, name) for name in DELEGATE_FIELDS},
            },
        )
        super().__init__(*args, **kwargs)

    def clean_organization(self):
        """The organisation named: one the directory shows, or the invitee's own. One query."""
        typed = " ".join(self.cleaned_data["organization"].split())
        known = Organization.objects.filter(
            Q(visible_to_visitors=True)
            | Q(pk=self.invitation.person.organization_id)
            | Q(pk=self.invitation.organization_id)
        )
        found = list(known.filter(Q(name__iexact=typed) | Q(acronym__iexact=typed))[:MATCHES])
        by_name = [row for row in found if row.name.lower() == typed.lower()]
        if len(by_name) == 1:
            return by_name[0]
        if len(found) == 1:
            return found[0]
        if found:
            raise forms.ValidationError(
                _("Several organisations go by “%(typed)s”: write its full name."),
                params={"typed": typed},
                code="ambiguous",
            )
        raise forms.ValidationError(
            _(
                "No organisation in the directory is called “%(typed)s”. Write its name as the "
                "directory writes it, or leave your own."
            ),
            params={"typed": typed},
            code="unknown",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") != Answer.DELEGATE:
            # What was typed for a delegate no longer counts: it is not kept.
            for name in DELEGATE_FIELDS:
                cleaned[name] = ""
            return cleaned
        cleaned["delegate_name"] = " ".join(cleaned.get("delegate_name", "").split())
        if not cleaned["delegate_name"] and "delegate_name" not in self.errors:
            self.add_error(
                "delegate_name",
                # As the database's own check says it (Invitation.Meta.constraints).
                forms.ValidationError(
                    _("Give the name of the person you are sending."), code="required"
                ),
            )
        if not cleaned.get("delegate_mode") and "delegate_mode" not in self.errors:
            self.add_error(
                "delegate_mode",
                forms.ValidationError(
                    _("Say whether they attend in person or remotely."), code="required"
                ),
            )
        return cleaned
