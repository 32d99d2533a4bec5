"""The contact form, with its trap for robots: a field people never see (hidden by the style
sheet, and from screen readers) that only a robot filling every field fills."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage

TRAP = "website"


class ContactForm(forms.ModelForm):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
        help_texts = {"email": _("The Secretariat answers at this address.")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def is_from_a_robot(self):
        return bool(self.cleaned_data.get(TRAP, "").strip())
