"""The Secretariat's permissions, kept whole as the portal grows.

The Secretariat edits every portal model the admin shows, and views (never edits) their audit
history; accounts are a superuser's. The roles migration granted what existed then; this grants
the same to models added since, after every `migrate`.
"""

from django.apps import apps as global_apps
from django.contrib import admin
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from base.portal_apps import portal_app_configs

from .invitations import SECRETARIAT


def secretariat_permissions():
    """Every permission on the portal's models in the admin; on their history, viewing only."""
    portal_apps = {config.label for config in portal_app_configs()}
    edited = [model for model in admin.site._registry if model._meta.app_label in portal_apps]
    grants = Permission.objects.none()
    for model in edited:
        grants |= Permission.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
        history = getattr(model, "history", None)
        if history is not None:
            grants |= Permission.objects.filter(
                content_type__app_label=history.model._meta.app_label,
                content_type__model=history.model._meta.model_name,
                codename__startswith="view_",
            )
    return grants


def grant_the_secretariat_its_permissions(using="default", apps=global_apps, **kwargs):
    """post_migrate: add what the Secretariat lacks (on a database without the role: nothing)."""
    secretariat = Group.objects.using(using).filter(name=SECRETARIAT).first()
    if secretariat is not None:
        # auth makes an app's permissions on that app's post_migrate; some come after this one.
        for config in portal_app_configs():
            # `apps` is the migrated state: after a backward migrate, models may be elsewhere.
            create_permissions(config, verbosity=0, using=using, apps=apps)
        secretariat.permissions.add(*secretariat_permissions().using(using))
