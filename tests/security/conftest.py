"""Fixtures for the security tests: the four roles, one object of every model the admin shows,
a copy of the checkout for the tests that start processes, and `make serve` started from one
(`served`: one server per module that asks for it)."""

import datetime
import http.client
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from comment_rounds.models import Confirmation, RoundEmail
from devtools.serving import clean_environment, free_port, running
from following.models import Follow, FollowDigestSent
from invitations.models import Answer, EmailKind, Invitation
from meetings.models import KeyFigure, Objective, Office, OfficeTerm
from site_pages.models import ContactMessage, SitePage
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
    """At least one row of every model of the portal's apps (and of the sign-in log)."""
    meeting = factories.make_meeting()
    item = factories.make_agenda_item(meeting=meeting)
    person = factories.make_person()
    country = factories.make_country()
    intervention = factories.make_intervention(agenda_item=item, speaker=person)
    factories.make_attendance(meeting=meeting, person=person)
    Invitation.objects.create(meeting=meeting, person=person, answer=Answer.IN_PERSON)
    factories.make_milestone(country=country, source_meeting=meeting)
    factories.make_action_group()
    factories.make_action_point(meeting=meeting, intervention=intervention)
    factories.make_document_with_file(meeting=meeting, briefing_pack_position=1)
    factories.make_event(meeting=meeting)
    factories.make_invitation(person=factories.make_person())
    # A round on a draft meeting, with a reviewer who has no account, and a comment.
    reviewer = factories.make_reviewer(person=factories.make_person())
    factories.make_comment(reviewer)
    Confirmation.objects.create(round=reviewer.round, intervention=intervention, reviewer=reviewer)
    RoundEmail.objects.create(
        reviewer=reviewer, kind=EmailKind.ROUND_OPENED, sent_on=datetime.date(2019, 7, 1)
    )
    Objective.objects.create(meeting=meeting, position=1, text="Take stock.")
    SitePage.objects.create(kind="about", title_en="About the portal")
    ContactMessage.objects.create(
        name="A writer", email="writer@example.org", subject="A question", message="How?"
    )
    follower = get_user_model().objects.create_user("a-follower", email="follower@example.org")
    follow = Follow.objects.create(
        user=follower, target_kind="country", country=country, language="en-gb"
    )
    FollowDigestSent.objects.create(
        follow=follow, sent_on=datetime.date(2019, 7, 18), up_to=timezone.now(), changes=1
    )
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


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        # skip_host: the path is sent exactly as written ("/static/../x" stays unnormalised).
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", "127.0.0.1")
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def make_serve(folder, checkout, **variables):
    """`make serve` on a new SQLite database, in a clean environment, as on a server."""
    port = free_port()
    env = clean_environment(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{folder / 'serve.sqlite3'}",
        STATIC_ROOT=str(folder / "static"),
        WEB_CONCURRENCY="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
    )
    env.update(variables)
    # -o: use the installed virtualenv as it is (no reinstall from inside the test run).
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "serve", f"PORT={port}"]
    return port, env, running(command, port, cwd=checkout, env=env, log=folder / "serve.log")


@dataclass
class Served:
    port: int
    folder: Path  # the server's database, collected static files and log
    checkout: Path
    env: dict  # the server's environment, which its commands share

    @property
    def log(self):
        return self.folder / "serve.log"

    def manage_shell(self, code, **variables):
        """`manage.py shell -c code` in another process, as an officer's command would run, in
        the server's environment changed by `variables` (None: taken out); what it printed."""
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "alliance87.settings.production"}
        env.update(variables)
        return subprocess.run(
            [".venv/bin/python", "manage.py", "shell", "-c", code],
            cwd=self.checkout,
            env={name: value for name, value in env.items() if value is not None},
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the module (collecting the static files and migrating a new database
    take a while): two workers, so that a page kept by one and an edit seen by the other are
    tested; one proxy in front, whose X-Forwarded-For is the client's address; the record's
    version in a folder every process of the server shares (no Redis)."""
    folder = tmp_path_factory.mktemp("serve")
    checkout = copy_of_the_checkout(folder)
    port, env, serving = make_serve(
        folder,
        checkout,
        WEB_CONCURRENCY="2",
        TRUSTED_PROXY_COUNT="1",
        RECORD_VERSION_DIR=str(folder / "version"),
    )
    with serving:
        yield Served(port, folder, checkout, env)
