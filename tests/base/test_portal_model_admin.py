"""Every portal ModelAdmin is a PortalModelAdmin (history with reasons, optimistic locking), and
the admin site serves its own pages ("Recently deleted") under /admin/."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from base.admin.model_admin import PortalModelAdmin
from base.portal_apps import portal_app_configs
from tests.admin_forms import changes_nothing
from tests.factories import make_meeting


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
        if not isinstance(model_admin, PortalModelAdmin) and not changes_nothing(model_admin)
    ] == []


def test_the_admin_site_serves_recently_deleted():
    assert reverse("admin:recently_deleted") == "/admin/recently-deleted/"


def test_recently_deleted_is_for_staff_only(client):
    response = client.get("/admin/recently-deleted/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_rows_checkbox_is_djangos_own(language):
    """PortalModelAdmin writes each changelist row's checkbox directly: the same HTML as Django's
    widget, a title with markup in it escaped."""
    meeting = make_meeting(title='Say "<b>hi</b>" & more')
    model_admin = admin.site._registry[type(meeting)]
    with translation.override(language):
        djangos = admin.ModelAdmin.action_checkbox(model_admin, meeting)
        assert model_admin.action_checkbox(meeting) == djangos
    assert "&lt;b&gt;" in djangos
