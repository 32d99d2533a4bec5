"""A member's choice of the optional e-mails they receive (reminders, date confirmed, and those
of the comment rounds they take part in), on their own page (/me/): the same opt-outs as the
one-click link in those e-mails."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from partners.models import Person

from .models import OPTIONAL, EmailKind, OptOut

LABELS = {
    EmailKind.REMINDER: gettext_lazy("Reminders to answer an invitation I have not answered"),
    EmailKind.DATE_CONFIRMED: gettext_lazy("A meeting's date, once it is confirmed to the day"),
    EmailKind.ROUND_DEADLINE_NEAR: gettext_lazy(
        "A reminder that comments on a draft record I was sent close soon"
    ),
    EmailKind.COMMENT_REPLY: gettext_lazy(
        "The Secretariat's answer to a comment I made on a draft record"
    ),
    EmailKind.ROUND_CLOSED: gettext_lazy("A comment round I take part in has closed"),
}


class EmailPreferencesForm(forms.Form):
    """One box per optional e-mail: ticked, the member receives it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in OPTIONAL:
            self.fields[kind] = forms.BooleanField(label=LABELS[kind], required=False)


def preferences_form(person):
    """The form as the member's choices stand. One query."""
    declined = set(OptOut.objects.filter(person=person).values_list("kind", flat=True))
    return EmailPreferencesForm(initial={kind: kind not in declined for kind in OPTIONAL})


@transaction.atomic
def preferences_save(person, receives):
    """`receives`: {kind: whether the person receives it}."""
    OptOut.objects.filter(person=person, kind__in=[k for k in OPTIONAL if receives[k]]).delete()
    OptOut.objects.bulk_create(
        [OptOut(person=person, kind=kind) for kind in OPTIONAL if not receives[kind]],
        ignore_conflicts=True,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_preferences(request):
    """The form's target (it is shown on /me/, where a GET goes back)."""
    back = reverse("directory:me") + "#emails"
    person = Person.objects.filter(user=request.user).first()
    if request.method != "POST" or person is None:
        return redirect(back)
    form = EmailPreferencesForm(request.POST)
    if form.is_valid():  # boxes: any input is a choice
        preferences_save(person, form.cleaned_data)
        messages.success(request, _("Saved: your choice of e-mails."))
    return redirect(back)
