"""How a follow-up is closed and carried over: what the database and clean() refuse, and how
the closing day follows the status whichever form changes it."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from meetings.models import ActionPoint, ActionPointStatus
from tests.factories import assert_refused, make_action_point, make_meeting

pytestmark = pytest.mark.django_db

JULY = datetime.date(2019, 7, 17)
NOVEMBER = datetime.date(2019, 11, 12)


def refused_by_clean(obj):
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    return set(excinfo.value.message_dict)


def test_the_database_keeps_the_closing_columns_with_the_status():
    point = make_action_point(make_meeting(date=JULY))
    rows = ActionPoint.objects.filter(pk=point.pk)
    constraint = "meetings_actionpoint_closed_when_done_or_dropped"
    assert_refused(lambda: rows.update(closed_on=NOVEMBER), constraint)  # open, yet closed
    assert_refused(lambda: rows.update(status=ActionPointStatus.DONE), constraint)  # no day
    assert_refused(
        lambda: rows.update(status="done", closed_on=JULY, closed_at=point.meeting),
        "meetings_actionpoint_closed_at_a_later_meeting",
    )
    assert_refused(
        lambda: rows.update(carried_over_to=point.meeting),
        "meetings_actionpoint_carried_over_at_a_later_meeting",
    )


def test_clean_refuses_closing_or_carrying_over_before_the_decision():
    earlier, later = make_meeting(date=JULY), make_meeting(date=NOVEMBER)
    point = make_action_point(later)
    point.status, point.closed_at = ActionPointStatus.DONE, earlier
    assert refused_by_clean(point) == {"closed_at"}
    point.closed_at, point.closed_on = None, datetime.date(2019, 8, 1)
    assert refused_by_clean(point) == {"closed_on"}
    point.status, point.closed_on, point.carried_over_to = ActionPointStatus.OPEN, None, earlier
    assert refused_by_clean(point) == {"carried_over_to"}


@time_machine.travel(datetime.datetime(2019, 9, 3, 10, tzinfo=datetime.UTC), tick=False)
def test_clean_lets_the_closing_follow_a_status_changed_alone():
    # As the admin's list and the meeting workspace change the status, before the constraints
    # are checked.
    point = make_action_point(make_meeting(date=JULY))
    point.status = ActionPointStatus.DONE
    point.full_clean()
    assert point.closed_on == datetime.date(2019, 9, 3)
    point.status = ActionPointStatus.OPEN
    point.closed_at = make_meeting(date=NOVEMBER)
    point.full_clean()
    assert (point.closed_on, point.closed_at) == (None, None)


@time_machine.travel(datetime.datetime(2019, 9, 3, 10, tzinfo=datetime.UTC), tick=False)
def test_saving_a_status_dates_the_closing():
    later = make_meeting(date=NOVEMBER)
    point = make_action_point(make_meeting(date=JULY))
    point.status = ActionPointStatus.DROPPED
    point.save()
    assert point.closed_on == datetime.date(2019, 9, 3)  # today: no meeting closed it
    point.closed_at = later
    point.save()
    assert point.closed_on == NOVEMBER  # the closing meeting's date
    point.status = ActionPointStatus.IN_PROGRESS
    point.save()
    point.refresh_from_db()
    assert (point.closed_on, point.closed_at) == (None, None)  # reopened: closed nowhere


def test_a_carried_over_follow_up_may_be_closed_later():
    sixth, seventh = make_meeting(date=NOVEMBER), make_meeting(date=datetime.date(2020, 3, 4))
    point = make_action_point(make_meeting(date=JULY), carried_over_to=sixth)
    point.status, point.closed_at = ActionPointStatus.DONE, seventh
    point.full_clean()
    point.save()
    assert (point.carried_over_to, point.closed_on) == (sixth, seventh.date)
