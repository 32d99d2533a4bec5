"""load_record adds each fixture row once: it keeps what is there, never brings back what was
deleted, skips (and says so) what clashes with a row made by hand, and leaves the database
usable."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError

from base.management.commands import load_record as command
from base.management.commands.load_record import load_record
from base.models import LoadedFixtureRow
from meetings.models import Intervention, Meeting
from partners.models import Country, EmailAddress, Organization, Person

pytestmark = pytest.mark.django_db


def run(verbosity=1):
    out, err = StringIO(), StringIO()
    call_command("load_record", verbosity=verbosity, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rows_in_the_fixtures():
    """Counted from the JSON itself, not by the command under test."""
    return sum(
        len(json.loads(path.read_text(encoding="utf-8")))
        for path in (settings.BASE_DIR / "fixtures").glob("*.json")
    )


def write_fixture(directory, objects):
    (directory / "record.json").write_text(json.dumps(objects), encoding="utf-8")


def organization(pk, name, **fields):
    slug = name.lower().replace(" ", "-")
    return {
        "model": "partners.organization",
        "pk": pk,
        "fields": {"name": name, "slug": slug, "kind": "other", **fields},
    }


def person(pk, name, organization_pk):
    slug = name.lower().replace(" ", "-")
    return {
        "model": "partners.person",
        "pk": pk,
        "fields": {"name": name, "slug": slug, "organization": organization_pk},
    }


def test_the_first_load_adds_every_row_and_says_so():
    out, err = run()
    assert out == f"Loaded {rows_in_the_fixtures()} new objects, kept 0 existing\n"
    assert err == ""
    assert Meeting.objects.get().number == 5
    assert LoadedFixtureRow.objects.count() == rows_in_the_fixtures()


@pytest.mark.usefixtures("record")
class TestOverTheLoadedRecord:
    """Each test starts from the record as `make run` loads it."""

    def test_loading_again_adds_nothing(self):
        counts = {model: model.objects.count() for model in (Person, EmailAddress, Intervention)}
        remembered = LoadedFixtureRow.objects.count()

        assert run() == (f"Loaded 0 new objects, kept {rows_in_the_fixtures()} existing\n", "")
        assert {model: model.objects.count() for model in counts} == counts
        assert LoadedFixtureRow.objects.count() == remembered

    def test_quiet_with_verbosity_0(self):
        assert run(verbosity=0) == ("", "")

    def test_edits_made_after_loading_survive(self):
        Meeting.objects.filter(number=5).update(city="New York City")
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

    def test_a_row_deleted_after_loading_is_not_brought_back(self):
        EmailAddress.objects.filter(address="gs@bwint.org").delete()

        out, _err = run()

        assert out == (
            f"Loaded 0 new objects, kept {rows_in_the_fixtures() - 1} existing, "
            "left out 1 deleted since they were loaded\n"
        )
        assert not EmailAddress.objects.filter(address="gs@bwint.org").exists()
        assert Person.objects.filter(name="Ambet Yuson").exists()

    def test_new_rows_take_new_keys(self):
        """The sequences moved past the fixture's explicit keys (PostgreSQL)."""
        highest = {model: model.objects.latest("pk").pk for model in (Organization, Country)}
        new_organization = Organization.objects.create(name="A new partner", kind="civil_society")
        new_person = Person.objects.create(name="A new person", organization=new_organization)
        EmailAddress.objects.create(person=new_person, address="new.person@example.org")
        new_country = Country.objects.create(name="A new country")
        assert new_organization.pk > highest[Organization]
        assert new_country.pk > highest[Country]


def test_a_clash_with_a_row_made_by_hand_is_skipped_with_what_refers_to_it(tmp_path):
    hand_made = Organization.objects.create(name="Free the Slaves", kind="civil_society")
    write_fixture(
        tmp_path,
        [
            organization(900001, "Free the Slaves"),
            person(900001, "Gina Reiss", 900001),
            organization(900002, "Walk Free Foundation"),
            person(900002, "Someone at Walk Free", 900002),
        ],
    )

    report = load_record(tmp_path)

    assert (report.loaded, report.kept, report.deleted_since) == (2, 0, 0)
    assert len(report.skipped) == 2
    clash, referring = report.skipped
    assert clash.startswith("Skipped partners.organization 900001 “Free the Slaves”: ")
    assert "already in the database" in clash
    assert referring.startswith("Skipped partners.person 900001 “Gina Reiss”: it refers to ")
    assert "partners.organization 900001" in referring
    assert report.summary() == "Loaded 2 new objects, kept 0 existing, skipped 2 (see above)"
    assert list(Organization.objects.values_list("pk", "name")) == [
        (hand_made.pk, "Free the Slaves"),
        (900002, "Walk Free Foundation"),
    ]
    assert list(Person.objects.values_list("name", flat=True)) == ["Someone at Walk Free"]


def test_the_command_reports_skipped_rows_on_stderr(tmp_path, monkeypatch):
    Organization.objects.create(name="Free the Slaves", kind="civil_society")
    write_fixture(tmp_path, [organization(900001, "Free the Slaves")])
    monkeypatch.setattr(command, "load_record", lambda: load_record(tmp_path))

    out, err = run()

    assert out == "Loaded 0 new objects, kept 0 existing, skipped 1 (see above)\n"
    assert err.startswith("Skipped partners.organization 900001 “Free the Slaves”")


def test_forward_references_load(tmp_path):
    write_fixture(tmp_path, [person(1, "Early Bird", 7), organization(7, "Listed later")])

    report = load_record(tmp_path)

    assert (report.loaded, report.kept, report.skipped) == (2, 0, [])
    assert Person.objects.get(pk=1).organization.name == "Listed later"


def test_a_dangling_reference_saves_nothing(tmp_path):
    write_fixture(tmp_path, [organization(1, "Fine"), person(1, "Orphan", 999)])

    with pytest.raises(IntegrityError):
        load_record(tmp_path)

    assert not Organization.objects.exists()
    assert not Person.objects.exists()
    assert not LoadedFixtureRow.objects.exists()
