"""generate_scale_data: rows in proportion to the factor, the same for the same seed, every one
valid, addresses on reserved domains only, and fast."""

import os
import subprocess
import sys
import time

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from devtools.scale_data import generate
from invitations.models import Answer, Invitation
from meetings.models import Attendance, Event, Intervention, Meeting
from partners.models import Country, EmailAddress, Organization, Person

from .records import scaled_record

pytestmark = pytest.mark.django_db

# The 2019 record's rows, which the scale data is added to.
RECORD = {Meeting: 1, Attendance: 43, Person: 43, Organization: 34, EmailAddress: 44}


def fingerprint():
    """What a reader sees of the generated rows, in the order they were made."""
    return {
        "people": list(Person.objects.order_by("pk").values_list("name", "organization__name")),
        "meetings": list(Meeting.objects.order_by("pk").values_list("title", "date", "status")),
        "events": list(Event.objects.order_by("pk").values_list("title", "start_date")),
        "said": list(Intervention.objects.order_by("pk").values_list("summary", flat=True)),
    }


def test_the_same_seed_gives_the_same_rows():
    with scaled_record(2, seed=5):
        first = fingerprint()
    with scaled_record(2, seed=5):
        again = fingerprint()
    with scaled_record(2, seed=6):
        other = fingerprint()
    assert first == again
    assert first["people"] != other["people"]


def test_rows_in_proportion_to_the_factor():
    with scaled_record(2):
        assert Meeting.objects.count() == RECORD[Meeting] + 2
        assert Attendance.objects.count() == RECORD[Attendance] + 2 * 45
        assert Person.objects.count() == RECORD[Person] + 2 * 45
        assert Organization.objects.count() == RECORD[Organization] + 2 * 6
        assert Invitation.objects.count() == 2 * 45
        assert set(Invitation.objects.values_list("answer", flat=True)) == {"", *Answer.values}
        assert 2 * 7 * 2 <= Intervention.objects.filter(agenda_item__meeting__number__gt=5).count()
        # One in ten meetings is a draft, from the second on.
        assert list(Meeting.objects.filter(status="draft").values_list("number", flat=True)) == [7]
        # Every ISO 3166-1 country (249), the record's African Union and a dozen regional bodies.
        assert Country.objects.count() == 249 + 1 + 12


def test_every_row_is_valid():
    with scaled_record(2):
        for model in apps.get_models():
            apps_made = {"partners", "actiongroups", "meetings", "pathfinders", "invitations"}
            if model._meta.app_label not in apps_made:
                continue
            if model.__name__.startswith("Historical"):
                continue
            for row in model._default_manager.order_by("-pk")[:25]:
                row.full_clean()


def test_addresses_are_on_reserved_domains_only():
    with scaled_record(2):
        generated = EmailAddress.objects.filter(person__attendances__meeting__number__gt=5)
        domains = {
            address.rsplit("@", 1)[1] for address in generated.values_list("address", flat=True)
        }
        assert domains == {"example.org", "example.net", "mail.example.org"}


def test_factor_ten_takes_seconds():
    with scaled_record(1):
        started = time.monotonic()
        generate(10, seed=1)
        # 0.6 s on an idle 2-core machine (factor 100: 5-6 s); generous for a loaded one.
        assert time.monotonic() - started < 15


def test_the_command():
    with scaled_record(1):
        call_command("generate_scale_data", factor=1, seed=2, verbosity=0)
        assert Meeting.objects.count() == RECORD[Meeting] + 2
        assert planner_rows(Person._meta.db_table) >= Person.objects.count() > 0
    with pytest.raises(CommandError, match="--factor must be 1 or more"):
        call_command("generate_scale_data", factor=0)


def test_the_command_is_a_development_tool_never_installed_in_production(tmp_path):
    """devtools (the command and its generator) is in the development and test settings only: a
    server running the production settings does not even know the command."""
    from alliance87.settings import base, local, production

    assert "devtools" not in base.INSTALLED_APPS and "devtools" not in production.INSTALLED_APPS
    assert "devtools" in local.INSTALLED_APPS and "devtools" in settings.INSTALLED_APPS
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(SECRET_KEY="x", DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    listed = {}
    for name in ("production", "local"):
        listed[name] = subprocess.run(
            [sys.executable, "manage.py", "help", "--commands"],
            cwd=settings.BASE_DIR,
            env={**env, "DJANGO_SETTINGS_MODULE": f"alliance87.settings.{name}"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    assert "load_record" in listed["production"]
    assert "generate_scale_data" not in listed["production"]
    assert "generate_scale_data" in listed["local"]


def planner_rows(table):
    """How many rows the database's planner believes `table` holds: known only once analysed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NULL", [table])
        found = cursor.fetchone()
        if found is None:  # an indexed table's row count leads each of its indexes' stats
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            found = cursor.fetchone()
        return int(found[0].split()[0]) if found else 0
