"""Fixtures for the security tests: the four roles, one object of every model the admin shows,
and a copy of the checkout for the tests that start processes."""

import datetime
import shutil
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.test import Client

from meetings.models import KeyFigure, Objective, Office, OfficeTerm
from tests import factories

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def users(roles, django_user_model):
    """One user per role, from least to most trusted (anonymous is None)."""
    make = django_user_model.objects.create_user
    member = make("a-member", email="member@example.org", password=PASSWORD)
    member.groups.add(roles.members)
    staff = make("a-staff-without-permissions", password=PASSWORD, is_staff=True)
    officer = make("an-officer", email="officer@example.org", password=PASSWORD, is_staff=True)
    officer.groups.add(roles.secretariat)
    superuser = django_user_model.objects.create_superuser("a-superuser", password=PASSWORD)
    return {
        "anonymous": None,
        "member": member,
        "staff": staff,
        "secretariat": officer,
        "superuser": superuser,
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def every_model(db):
    """At least one row of every model of the four apps (and of the sign-in log)."""
    meeting = factories.make_meeting()
    item = factories.make_agenda_item(meeting=meeting)
    person = factories.make_person()
    country = factories.make_country()
    intervention = factories.make_intervention(agenda_item=item, speaker=person)
    factories.make_attendance(meeting=meeting, person=person)
    factories.make_milestone(country=country, source_meeting=meeting)
    factories.make_action_group()
    factories.make_action_point(meeting=meeting, intervention=intervention)
    factories.make_document_with_file(meeting=meeting)
    factories.make_event(meeting=meeting)
    Objective.objects.create(meeting=meeting, position=1, text="Take stock.")
    KeyFigure.objects.create(agenda_item=item, value=217, label="active partners")
    OfficeTerm.objects.create(
        office=Office.CHAIR,
        country=country,
        person=person,
        start_date=datetime.date(2019, 7, 17),
        start_precision="day",
    )
    attempt = AccessAttempt.objects.create(
        username="someone",
        ip_address="192.0.2.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessLog.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="test", http_accept="*/*"
    )
    AccessFailureLog.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="test", http_accept="*/*"
    )
    return SimpleNamespace(meeting=meeting, attempt=attempt)


def copy_of_the_checkout(folder):
    """A copy of the checkout without its `.env` (the settings read it, and a developer may have
    one), for tests that start the portal in a clean environment, as on a server.

    The settings package and manage.py are copied, so BASE_DIR (found from the settings' own
    path) is the copy's; the rest of the checkout is linked.
    """
    root = settings.BASE_DIR
    copy = folder / "checkout"
    copy.mkdir()
    for entry in root.iterdir():
        if entry.name in ("alliance87", "manage.py"):
            if entry.is_dir():
                shutil.copytree(entry, copy / entry.name, ignore=shutil.ignore_patterns("*.pyc"))
            else:
                shutil.copy(entry, copy / entry.name)
        elif entry.name not in (".env", ".git", "db.sqlite3", "staticfiles"):
            (copy / entry.name).symlink_to(entry)
    return copy


@pytest.fixture
def checkout(tmp_path):
    return copy_of_the_checkout(tmp_path)
