"""S18: no missing migration; every step reverses; rolling back and forward keeps the data."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

PORTAL_APPS = ["partners", "pathfinders", "actiongroups", "meetings"]
# The last migration of each app before the audit history and the roles were added.
BEFORE_HISTORY = {
    "partners": "0001_initial",
    "pathfinders": "0001_initial",
    "actiongroups": "0002_initial",
    "meetings": "0002_initial",
}


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for label in PORTAL_APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
    }


def applied(app_label):
    return set(
        MigrationRecorder(connection)
        .migration_qs.filter(app=app_label)
        .values_list("name", flat=True)
    )


@pytest.mark.django_db
def test_s18_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


@pytest.mark.django_db(transaction=True)
def test_s18_back_and_forth_keeps_the_data(record):
    before = row_counts()
    assert before["meetings.Attendance"] == 43  # the record really is there
    for app_label, name in BEFORE_HISTORY.items():
        call_command("migrate", app_label, name, verbosity=0)
    assert "0003_roles" not in applied("partners")
    assert not Group.objects.filter(name__in=["Secretariat", "Members"]).exists()
    assert row_counts() == before
    call_command("migrate", verbosity=0)
    assert row_counts() == before
    assert (
        Group.objects.get(name="Secretariat").permissions.filter(codename="change_meeting").exists()
    )
    assert Group.objects.filter(name="Members").exists()


@pytest.mark.django_db(transaction=True)
def test_s18_every_app_to_zero_and_back(record):
    for app_label in reversed(PORTAL_APPS):
        call_command("migrate", app_label, "zero", verbosity=0)
    for app_label in PORTAL_APPS:
        assert not applied(app_label), app_label
    tables = set(connection.introspection.table_names())
    assert "meetings_meeting" not in tables and "partners_historicalperson" not in tables
    call_command("migrate", verbosity=0)
    tables = set(connection.introspection.table_names())
    for app_label in PORTAL_APPS:
        for model in apps.get_app_config(app_label).get_models():
            assert model._meta.db_table in tables
    call_command("load_record", verbosity=0)  # the schema works again
    assert row_counts()["meetings.Attendance"] == 43
