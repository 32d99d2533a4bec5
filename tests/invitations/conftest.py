"""A planned 6th meeting (November 2019, its day not yet known, answers until 1 November), seen
on 1 October 2019, and invitees of it."""

import datetime

import pytest

from base.record.visibility import PublicationStatus
from tests.factories import make_invitation, make_meeting, make_person

NOW = datetime.datetime(2019, 10, 1, 9, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2019, 11, 1, 17, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def planned(now):
    return make_meeting(
        number=6,
        title="6th Meeting of the Global Coordinating Group",
        date=datetime.date(2019, 11, 1),
        date_precision="month",
        city="Paris",
        occasion="Back to back with the Paris Peace Forum.",
        status=PublicationStatus.DRAFT,
        announced=True,
        registration_deadline=DEADLINE,
    )


@pytest.fixture
def invitee(db):
    return make_person(name="Ana Invitada", email="ana.invitada@example.org")


@pytest.fixture
def invitation(planned, invitee):
    return make_invitation(planned, invitee, invited_as="All GCG members")
