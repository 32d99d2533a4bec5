"""Milestones: what the database refuses. (That a milestone's sources are its meeting's is
SameMeetingMixin's rule, tested once in tests/meetings/test_models.py.)"""

import datetime

import pytest

from pathfinders.models import Milestone, Stage
from tests.factories import assert_refused, make_country, make_meeting, make_milestone

pytestmark = pytest.mark.django_db


def test_bad_stage():
    milestone = make_milestone()
    rows = Milestone.objects.filter(pk=milestone.pk)

    assert_refused(lambda: rows.update(kind="not-a-choice"), "pathfinders_milestone_kind_valid")


def test_a_date_needs_a_known_precision():
    milestone = make_milestone()
    rows = Milestone.objects.filter(pk=milestone.pk)
    constraint = "pathfinders_milestone_date_precision_valid"
    rows.update(date=datetime.date(2019, 12, 1), date_precision="month")  # accepted

    assert_refused(lambda: rows.update(date_precision=""), constraint)  # a date, no precision
    assert_refused(lambda: rows.update(date_precision="decade"), constraint)


def test_one_stage_once_per_source_meeting():
    country, meeting = make_country(), make_meeting()
    make_milestone(country=country, kind=Stage.WORKSHOP_HELD, source_meeting=meeting)

    assert_refused(
        lambda: make_milestone(country=country, kind=Stage.WORKSHOP_HELD, source_meeting=meeting)
    )
    assert Milestone.objects.count() == 1
