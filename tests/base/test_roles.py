"""The Secretariat edits every portal model the admin shows and only views their history, for
models added after the roles migration too; members have no permission at all."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from base.portal_apps import portal_app_configs


def admin_models():
    portal = {config.label for config in portal_app_configs()}
    return [model for model in admin.site._registry if model._meta.app_label in portal]


def codenames(group, model):
    return set(
        group.permissions.filter(content_type__model=model._meta.model_name).values_list(
            "codename", flat=True
        )
    )


@pytest.mark.django_db
def test_the_secretariat_edits_every_portal_model_in_the_admin_and_views_its_history(roles):
    secretariat = roles.secretariat
    models = admin_models()
    assert len(models) >= 16
    for model in models:
        name = model._meta.model_name
        # The four of every model, and the model's own (a person's export and erasure).
        own = {codename for codename, _label in model._meta.permissions}
        assert (
            codenames(secretariat, model)
            == {f"{verb}_{name}" for verb in ("add", "change", "delete", "view")} | own
        ), name
        if hasattr(model, "history"):
            # A proxy's history is its concrete model's (a registration's, its invitation's).
            history = model.history.model
            assert codenames(secretariat, history) == {f"view_{history._meta.model_name}"}


@pytest.mark.django_db
def test_migrate_grants_what_the_secretariat_lacks_and_nothing_to_members(roles):
    secretariat = roles.secretariat
    lost = Permission.objects.filter(codename__in=["change_keyfigure", "view_historicalkeyfigure"])
    secretariat.permissions.remove(*lost)

    call_command("migrate", verbosity=0)

    assert {"change_keyfigure", "view_historicalkeyfigure"} <= set(
        secretariat.permissions.values_list("codename", flat=True)
    )
    assert not Group.objects.get(name="Members").permissions.exists()
