"""Root URLs: the public portal, sign-in, and the Secretariat's admin."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from base.admin_recently_deleted import recently_deleted_view, restore_view

from . import views

admin.site.site_header = _("GCG portal: the Secretariat's workplace")
admin.site.site_title = _("GCG portal admin")
admin.site.index_title = _("Record meetings, countries, action groups and partners")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("", include("meetings.urls")),
    path("countries/", include("pathfinders.urls")),
    path("", include("directory.urls")),
    path("search/", include("search.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path(
        "admin/recently-deleted/",
        admin.site.admin_view(recently_deleted_view),
        name="recently_deleted",
    ),
    path(
        "admin/recently-deleted/<str:label>/<int:history_id>/",
        admin.site.admin_view(restore_view),
        name="recently_deleted_restore",
    ),
    path("admin/", admin.site.urls),
]
