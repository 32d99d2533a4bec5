"""The second factor (docs/security.md, S23), with django-otp and django-two-factor-auth.

Signing in is two steps (two_factor's LoginView, at /accounts/login/): the password, then, for an
account that has a second factor, a code from an authenticator app, a passkey or one of the
account's recovery codes, each code good once. The session is signed in only after both. Wrong
passwords are throttled by django-axes; wrong codes by django-otp, which makes the account wait
longer after each.

Staff must have one. The admin site admits only a session that gave its second factor
(alliance87.admin_site). A staff session that has not given one goes nowhere else than to setting
one up (an officer without one yet, at their first sign-in) or is signed out (a session from
before the rule, when the account has one). Members may set one up from /me/; they may turn it
off, staff may not: a superuser resets a lost one (base/accounts/account_admin.py).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_otp import user_has_device
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm
from two_factor.plugins.registry import registry
from two_factor.views import (
    DisableView,
    LoginView,
    ProfileView,
    SetupCompleteView,
    SetupView,
)

# What a staff session that has not given its second factor may still open: the set-up pages,
# signing out, the language, and the probes.
OPEN_BEFORE_THE_SECOND_FACTOR = {
    "two_factor:setup",
    "two_factor:qr",
    "two_factor:setup_complete",
    "two_factor:webauthn:create_credential",
    "two_factor:login",
    "logout",
    "set_language",
    "still_here",
    "healthz",
    "readyz",
}


def must_have_a_second_factor(user):
    return user.is_staff or user.is_superuser


def _page_name(request):
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class SecondFactorForStaffMiddleware:
    """After OTPMiddleware and SessionLifetimeMiddleware (a session that has ended goes first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and must_have_a_second_factor(user)
            and not user.is_verified()
            and _page_name(request) not in OPEN_BEFORE_THE_SECOND_FACTOR
        ):
            return self.refuse(request, user)
        return self.get_response(request)

    def refuse(self, request, user):
        if user_has_device(user):
            logout(request)
            messages.info(request, _("Sign in again with your password and your second factor."))
            return redirect_to_login(request.get_full_path())
        messages.info(
            request,
            _(
                "The Secretariat's accounts sign in with a second factor. Set yours up to go on: "
                "it takes a minute, with an authenticator app on your phone."
            ),
        )
        return redirect("two_factor:setup")


# The library calls every code a "token"; the portal says which code it asks for.
LABELS = {
    "token": gettext_lazy("Code from your authenticator app"),
    "generator": gettext_lazy("Code from your authenticator app"),
    "backup": gettext_lazy("Recovery code"),
}


def _labelled(form, step):
    for name in ("otp_token", "token"):
        field = form.fields.get(name)
        # A passkey's answer is a password field filled by the browser: it keeps its label.
        if field is not None and step in LABELS and field.widget.input_type != "password":
            field.label = LABELS[step]
    return form


class RecoveryCodeForm(BackupTokenForm):
    """A recovery code as it is typed from a printout: spaces and capitals do not count."""

    def clean_otp_token(self):
        return "".join(self.cleaned_data["otp_token"].split()).lower()


class TwoStepSignInView(LoginView):
    """/accounts/login/: the password, then the second factor if the account has one."""

    form_list = (
        (LoginView.AUTH_STEP, AuthenticationForm),
        (LoginView.TOKEN_STEP, AuthenticationTokenForm),
        (LoginView.BACKUP_STEP, RecoveryCodeForm),
    )

    def get(self, request, *args, **kwargs):
        # Opening the page starts the sign-in afresh, and nothing needs keeping until the
        # password is posted: a visitor who only looks at it gets no session (the wizard's
        # empty state would otherwise be a session row, and a cookie, per visitor).
        response = super().get(request, *args, **kwargs).render()
        request.session.pop(self.storage.prefix, None)
        return response

    def get_form(self, step=None, **kwargs):
        return _labelled(super().get_form(step, **kwargs), step or self.steps.current)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        context["next"] = self.get_redirect_url()
        if "device" in context:  # the second step: which kind of factor it asks, and the others
            context["device_method"] = registry.method_from_device(context["device"]).code
            context["other_methods"] = [
                (other.persistent_id, registry.method_from_device(other).code)
                for other in context["other_devices"]
            ]
        return context


# The set-up's choices in words, not the library's ("Token generator", "WebAuthn").
METHODS = {
    "generator": gettext_lazy("An authenticator app on your phone, which shows a 6-digit code"),
    "webauthn": gettext_lazy(
        "A passkey: a security key, or your device's fingerprint, face or PIN"
    ),
}


class SetUpView(SetupView):
    """/accounts/second-factor/set-up/: an authenticator app or a passkey."""

    def get_form(self, step=None, **kwargs):
        step = step or self.steps.current
        form = _labelled(super().get_form(step, **kwargs), step)
        if step == "method":
            method = form.fields["method"]
            method.label = _("Your second factor")
            method.choices = [(code, METHODS.get(code, name)) for code, name in method.choices]
        if step == "generator":
            # A text box that asks for digits, as the sign-in's: a number box may not offer the
            # browser's one-time-code autofill (HTML), and shows arrows to step the code by one.
            form.fields["token"].widget = forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "inputmode": "numeric",
                    "pattern": "[0-9]*",
                    "autofocus": "autofocus",
                }
            )
        return form


class SetUpDoneView(SetupCompleteView):
    """The end of the set-up: the recovery codes offered first, then the page the sign-in was
    going to (the library's own goes straight there, and keeps going there at every visit)."""

    def get(self, request, *args, **kwargs):
        self.next_page = request.session.pop("next", None)
        return TemplateView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        next_page = self.next_page
        if next_page and not url_has_allowed_host_and_scheme(
            next_page,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            next_page = None
        return {**super().get_context_data(**kwargs), "next_page": next_page}


class SecondFactorView(ProfileView):
    """/accounts/second-factor/: what the account has, and the links to change it."""

    template_name = "two_factor/profile/profile.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "must_keep": must_have_a_second_factor(self.request.user),
        }


class KeepTheSecondFactorView(DisableView):
    """Members may turn their second factor off; staff keep theirs."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and must_have_a_second_factor(request.user):
            messages.error(
                request,
                _(
                    "The Secretariat's accounts keep their second factor. If you have lost "
                    "yours, a superuser can reset it."
                ),
            )
            return redirect("two_factor:profile")
        return super().dispatch(request, *args, **kwargs)
