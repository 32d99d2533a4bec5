"""The sign-in and the second factor's own pages, at the portal's addresses (/accounts/...).

django-two-factor-auth names its pages in the `two_factor` namespace and reverses them by those
names; its own URLs module puts them under /account/two_factor/. These are its views under the
portal's /accounts/, with the same names; the sign-in is also Django's `login`, which the rest of
the portal asks for.
"""

from django.urls import include, path
from two_factor import views

from .second_factor import (
    KeepTheSecondFactorView,
    SecondFactorView,
    SetUpDoneView,
    SetUpView,
    TwoStepSignInView,
)

app_name = "two_factor"

urlpatterns = [
    path("login/", TwoStepSignInView.as_view(), name="login"),
    path("second-factor/", SecondFactorView.as_view(), name="profile"),
    path("second-factor/set-up/", SetUpView.as_view(), name="setup"),
    path("second-factor/set-up/qr-code/", views.QRGeneratorView.as_view(), name="qr"),
    path("second-factor/set-up/done/", SetUpDoneView.as_view(), name="setup_complete"),
    path("second-factor/recovery-codes/", views.BackupTokensView.as_view(), name="backup_tokens"),
    path("second-factor/turn-off/", KeepTheSecondFactorView.as_view(), name="disable"),
    path(
        "second-factor/passkeys/",
        include("two_factor.plugins.webauthn.urls", namespace="webauthn"),
    ),
]
