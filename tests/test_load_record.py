"""load_record adds what is missing, keeps what is there, and leaves the database usable."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from meetings.management.commands.load_record import load_record
from meetings.models import Intervention, Meeting
from partners.models import EmailAddress, Organization, Person
from pathfinders.models import Country

pytestmark = pytest.mark.django_db


def run(verbosity=1):
    out = StringIO()
    call_command("load_record", verbosity=verbosity, stdout=out)
    return out.getvalue()


def write_fixture(directory, objects):
    (directory / "record.json").write_text(json.dumps(objects), encoding="utf-8")


def test_first_load_reports_what_it_added():
    output = run()
    assert output.startswith("Loaded ")
    assert output.endswith(" new objects, kept 0 existing\n")
    assert Meeting.objects.filter(number=5).exists()


def test_loading_twice_adds_nothing():
    loaded = run().split()[1]
    counts = {model: model.objects.count() for model in (Person, EmailAddress, Intervention)}
    assert run() == f"Loaded 0 new objects, kept {loaded} existing\n"
    assert {model: model.objects.count() for model in counts} == counts


def test_quiet_with_verbosity_0():
    assert run(verbosity=0) == ""


def test_edits_made_after_loading_survive_a_second_load():
    run()
    meeting = Meeting.objects.get(number=5)
    meeting.city = "New York City"
    meeting.save()
    unicef = Intervention.objects.get(agenda_item__number=3, position=1)
    unicef.summary = "Edited in the admin."
    unicef.save()
    unicef.on_behalf_of.clear()
    EmailAddress.objects.filter(address="gs@bwint.org").update(address="ambet@example.org")

    run()

    assert Meeting.objects.get(number=5).city == "New York City"
    unicef.refresh_from_db()
    assert unicef.summary == "Edited in the admin."
    assert not unicef.on_behalf_of.exists()
    assert not EmailAddress.objects.filter(address="gs@bwint.org").exists()


def test_a_deleted_row_comes_back_and_nothing_else_changes():
    run()
    EmailAddress.objects.filter(address="gs@bwint.org").delete()
    assert run().startswith("Loaded 1 new objects, kept ")
    assert EmailAddress.objects.get(address="gs@bwint.org").person.name == "Ambet Yuson"


def test_new_rows_can_be_created_after_loading():
    """Catches sequences left behind the fixture's explicit pks (PostgreSQL)."""
    run()
    organization = Organization.objects.create(name="A new partner", kind="civil_society")
    person = Person.objects.create(name="A new person", organization=organization)
    EmailAddress.objects.create(person=person, address="new.person@example.org")
    country = Country.objects.create(name="A new country")
    assert organization.pk > Organization.objects.exclude(pk=organization.pk).latest("pk").pk
    assert country.pk > Country.objects.exclude(pk=country.pk).latest("pk").pk


def test_forward_references_load(tmp_path):
    write_fixture(
        tmp_path,
        [
            {
                "model": "partners.person",
                "pk": 1,
                "fields": {"name": "Early Bird", "slug": "early-bird", "organization": 7},
            },
            {
                "model": "partners.organization",
                "pk": 7,
                "fields": {"name": "Listed later", "slug": "listed-later", "kind": "other"},
            },
        ],
    )
    assert load_record(tmp_path) == (2, 0)
    assert Person.objects.get(pk=1).organization.name == "Listed later"


def test_a_dangling_reference_saves_nothing(tmp_path):
    write_fixture(
        tmp_path,
        [
            {
                "model": "partners.organization",
                "pk": 1,
                "fields": {"name": "Fine", "slug": "fine", "kind": "other"},
            },
            {
                "model": "partners.person",
                "pk": 1,
                "fields": {"name": "Orphan", "slug": "orphan", "organization": 999},
            },
        ],
    )
    with pytest.raises(IntegrityError):
        load_record(tmp_path)
    assert not Organization.objects.exists()
    assert not Person.objects.exists()
