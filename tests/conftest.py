"""Fixtures every test can use: the 2019 record loaded once per class, signed-in clients for a
member and for the Secretariat, and a temporary folder for uploaded files."""

import datetime
import tempfile

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import translation

from base.accounts.second_factor import must_have_a_second_factor
from tests.factories import make_roles
from tests.second_factor import given_the_second_factor

_force_login = Client.force_login


def _force_login_with_both_steps(client, user, backend=None):
    """`force_login` signs a staff account in as if it had given its second factor, as every
    staff session that reaches the admin has (tests/second_factor.py)."""
    _force_login(client, user, backend)
    if must_have_a_second_factor(user):
        given_the_second_factor(client, user)


Client.force_login = _force_login_with_both_steps


@pytest.fixture(autouse=True, scope="session")
def compiled_catalogues():
    """The French and Spanish catalogues compiled, as `make test` compiles them, so that running
    pytest directly (or a fresh checkout) tests the translated pages too. A .mo newer than its
    .po is left as it is."""
    call_command(
        "compilemessages", ignore_patterns=[".venv", "node_modules", "staticfiles"], verbosity=0
    )


@pytest.fixture(autouse=True, scope="session")
def media_root():
    """Files uploaded by tests go to a temporary folder, removed at the end of the run."""
    with tempfile.TemporaryDirectory(prefix="gcg-test-media-") as folder:
        with override_settings(MEDIA_ROOT=folder):
            yield folder


@pytest.fixture(autouse=True)
def fresh_visit():
    """Each test starts as a new visitor would find the portal: no page cached for visitors or
    members by an earlier test (base/web/page_cache.py), and the default language, whatever
    language an earlier test's last request was answered in."""
    caches["default"].clear()
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="class")
def record(django_db_setup, django_db_blocker):
    """The July 2019 record, loaded from fixtures/ as `make run` loads it, once for the class
    that asks for it. (A plain test function asking for it gets it loaded for itself alone: put
    the tests that use the record in a class.)

    It is loaded inside a transaction rolled back at the end, and each test runs inside a
    savepoint of it (pytest-django's `db`), so a test's changes never reach the next test.
    Transactional tests (the live server, the migrations) cannot run inside it: they load the
    record themselves.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_record", verbosity=0)
            yield
            transaction.set_rollback(True)
        # PostgreSQL's sequences are not rolled back: that is harmless, ids only move on.
        assert not connection.in_atomic_block


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("member", password="a-long-test-password-1")


@pytest.fixture
def superuser(django_user_model):
    """For the tests of what only a superuser may do (accounts, groups); the Secretariat signs
    in as `staff`."""
    return django_user_model.objects.create_superuser(
        "superuser", password="a-long-test-password-1"
    )


@pytest.fixture
def staff(officer):
    """The Secretariat as it works: an officer, staff in the Secretariat group, not a
    superuser."""
    return officer


@pytest.fixture
def roles(db):
    """The Secretariat's and the members' groups (tests/factories.py, `make_roles`)."""
    return make_roles()


@pytest.fixture
def officer(django_user_model, roles):
    """A Secretariat officer: staff in the Secretariat group, not a superuser."""
    user = django_user_model.objects.create_user(
        "officer",
        email="officer@secretariat.example.org",
        password="a-long-test-password-2",
        is_staff=True,
    )
    user.groups.add(roles.secretariat)
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def today_is(time_machine):
    """Stops the clock on the date given: `today_is(datetime.date(2019, 12, 1))`."""

    def set_today(date):
        time_machine.move_to(date, tick=False)

    return set_today


@pytest.fixture
def sixth_meeting(record):
    """Test data on the 2019 record: a published 6th meeting, on 14 November 2019, that
    carried over one of the 5th meeting's open follow-ups and received an undated document
    concerning Nepal, so that meetings' ordinals appear on every page that names one: the
    follow-ups list, the 6th meeting's matters arising, Nepal's timeline, the search's results."""
    from base.record.visibility import PublicationStatus
    from meetings.models import ActionPoint, ActionPointKind, Document, DocumentKind, Meeting
    from partners.models import Country

    meeting = Meeting.objects.create(
        number=6,
        title="Test data: 6th meeting",
        date=datetime.date(2019, 11, 14),
        city="Test city",
        status=PublicationStatus.PUBLISHED,
    )
    carried = (
        ActionPoint.objects.filter(meeting__number=5, kind=ActionPointKind.FOLLOW_UP)
        .exclude(status__in=ActionPoint.CLOSED_STATUSES)
        .order_by("position", "pk")
        .first()
    )
    carried.carried_over_to = meeting
    carried.save()
    document = Document.objects.create(
        title="Test data: a paper of the 6th meeting", kind=DocumentKind.REPORT, meeting=meeting
    )
    document.countries.add(Country.objects.get(name="Nepal"))
    return meeting


# The fixtures through which a test reaches the database (pytest-django's, and the record's).
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server", "record"})


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (CI's run on its second engine): a test "
        "that touches no database passes or fails alike on any engine, so it runs once",
    )


def uses_the_database(item):
    """Whether the test may touch the database: pytest-django refuses database access to any
    test that is not marked `django_db` and asks for none of its database fixtures."""
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(fixtures & DATABASE_FIXTURES)


def pytest_collection_modifyitems(config, items):
    """A test that uses the record uses the test database (inside the record's transaction):
    pytest-django sets the test database up only for tests marked `django_db`, and without the
    mark `record` would load into the database DATABASE_URL names.

    With --database-tests-only, the tests that touch no database are deselected."""
    for item in items:
        if "record" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)
    if config.getoption("--database-tests-only"):
        once = [item for item in items if not uses_the_database(item)]
        if once:
            config.hook.pytest_deselected(items=once)
            items[:] = [item for item in items if uses_the_database(item)]
