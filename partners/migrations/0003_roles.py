"""The two roles: the Secretariat (staff, edits every portal model in the admin, not accounts)
and Members (signed in, not staff: they see contact details). A superuser manages accounts."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PORTAL_APPS = ["partners", "pathfinders", "actiongroups", "meetings"]
SECRETARIAT = "Secretariat"
MEMBERS = "Members"


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration (post_migrate); the groups need
    # them now, on a new database too.
    for label in PORTAL_APPS:
        create_permissions(
            global_apps.get_app_config(label),
            verbosity=0,
            using=schema_editor.connection.alias,
            apps=apps,
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    portal = Permission.objects.filter(content_type__app_label__in=PORTAL_APPS)
    # Every permission on the portal's models; on their audit history, only viewing it: the
    # history is changed by editing the record, never directly.
    granted = portal.exclude(content_type__model__startswith="historical") | portal.filter(
        content_type__model__startswith="historical", codename__startswith="view_"
    )
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    secretariat.permissions.add(*granted)
    Group.objects.get_or_create(name=MEMBERS)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[SECRETARIAT, MEMBERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0002_history"),
        ("pathfinders", "0002_history"),
        ("actiongroups", "0003_history"),
        ("meetings", "0003_history"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
