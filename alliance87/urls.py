"""Root URLs: the public portal, sign-in, and the Secretariat's admin."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("", include("meetings.urls")),
    path("countries/", include("pathfinders.urls")),
    path("action-groups/", include("actiongroups.urls")),
    path("", include("partners.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
