"""Accounts in the admin: Django's own, with whether each has a second factor, and a superuser's
reset of another account's second factor (a lost phone), kept in the account's history.

The devices themselves are not listed in the admin: resetting is the one way to remove them, so
that every removal is in an account's history.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.plugins.webauthn.models import WebauthnDevice

DEVICE_MODELS = (TOTPDevice, StaticDevice, WebauthnDevice)


def with_second_factor(queryset):
    """Annotates `has_second_factor`: a confirmed authenticator app or passkey (one query)."""
    confirmed = Q(user=OuterRef("pk"), confirmed=True)
    return queryset.annotate(
        has_second_factor=Exists(TOTPDevice.objects.filter(confirmed))
        | Exists(WebauthnDevice.objects.filter(confirmed))
    )


def reset_second_factor(account, by):
    """Removes every device of `account` (apps, recovery codes, passkeys), and says so in its
    history as the work of `by`. Returns how many were removed."""
    with transaction.atomic():
        devices = list(devices_for_user(account, confirmed=None))
        for device in devices:
            device.delete()
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[account],
            action_flag=CHANGE,
            change_message=_(
                "Reset the second factor: its authenticator apps, recovery codes and passkeys "
                "removed (%(count)d)."
            )
            % {"count": len(devices)},
            single_object=True,
        )
    return len(devices)


class AccountAdmin(UserAdmin):
    list_display = (*UserAdmin.list_display, "second_factor")

    def get_queryset(self, request):
        return with_second_factor(super().get_queryset(request))

    @admin.display(boolean=True, description=gettext_lazy("second factor"))
    def second_factor(self, account):
        return account.has_second_factor

    def get_urls(self):
        return [
            path(
                "<path:object_id>/reset-second-factor/",
                self.admin_site.admin_view(self.reset_second_factor_view),
                name="auth_user_reset_second_factor",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def reset_second_factor_view(self, request, object_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        account = self.get_object(request, unquote(object_id))
        if account is None:
            raise Http404
        change_page = reverse("admin:auth_user_change", args=[account.pk])
        if request.method == "POST":
            count = reset_second_factor(account, by=request.user)
            messages.success(
                request,
                _(
                    "The second factor of %(account)s is reset (%(count)d removed). At their "
                    "next sign-in they set up a new one."
                )
                % {"account": account.get_username(), "count": count},
            )
            return redirect(change_page)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reset the second factor of %(account)s") % {"account": account},
            "account": account,
            "devices": list(devices_for_user(account, confirmed=None)),
            "change_page": change_page,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/auth/user/reset_second_factor.html", context)


def register_accounts(site):
    """Django's accounts admin replaced by this one; the devices' own admins taken away."""
    site.unregister(User)
    site.register(User, AccountAdmin)
    for model in DEVICE_MODELS:
        if site.is_registered(model):
            site.unregister(model)
