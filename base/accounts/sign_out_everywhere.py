"""Sign out everywhere: the account's password asked again, then every session of the account
ended, this one too (a lost phone, a shared computer left signed in).

The password is hashed again with a new salt: the same password, a new hash, so the hash of it
that every session keeps (Django's session verification) no longer matches, whichever device
holds it. The password is asked through `authenticate`, so django-axes counts wrong ones as it
counts them at sign-in.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods


class PasswordAgainForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        checked = authenticate(self.request, username=user.get_username(), password=password)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError(_("That is not your password."))
        return password


@sensitive_post_parameters("password")
@login_required
@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def sign_out_everywhere(request):
    form = PasswordAgainForm(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        user.set_password(form.cleaned_data["password"])
        user.save(update_fields=["password"])
        logout(request)
        messages.success(
            request, gettext("You are signed out everywhere: on this device and on every other.")
        )
        return redirect("login")
    return render(request, "registration/sign_out_everywhere.html", {"form": form})
