"""Every portal ModelAdmin is a PortalModelAdmin (history with reasons, optimistic locking), and
the admin site serves its own pages ("Recently deleted") under /admin/."""

from django.contrib import admin
from django.urls import reverse

from base.admin.model_admin import PortalModelAdmin
from base.portal_apps import portal_app_configs


def test_every_portal_model_admin_is_a_portal_model_admin():
    portal_apps = {config.label for config in portal_app_configs()}
    model_admins = {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in portal_apps
    }

    assert len(model_admins) >= 15
    assert [
        label
        for label, model_admin in model_admins.items()
        if not isinstance(model_admin, PortalModelAdmin)
    ] == []


def test_the_admin_site_serves_recently_deleted():
    assert reverse("admin:recently_deleted") == "/admin/recently-deleted/"


def test_recently_deleted_is_for_staff_only(client):
    response = client.get("/admin/recently-deleted/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
