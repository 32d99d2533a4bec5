"""A page of the follow-ups list read as columns (meetings.followup_page) writes the rows that
`ActionPoint.for_list()`'s instances write; the country and action group filters' options read
as columns (OfferedChoicesFilterSet.option_labels) are Django's."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.forms.models import ModelChoiceIterator
from django.test import RequestFactory

from base.record.partial_dates import DatePrecision
from base.record.visibility import PublicationStatus
from meetings.filters import FollowUpFilter
from meetings.followup_html import followup_rows
from meetings.followup_page import page_points
from meetings.models import ActionPoint, ActionPointStatus
from tests.factories import (
    make_action_group,
    make_action_point,
    make_country,
    make_meeting,
    make_organization,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def points():
    first = make_meeting(date=datetime.date(2019, 7, 17))
    second = make_meeting(date=datetime.date(2019, 11, 12))
    draft = make_meeting(date=datetime.date(2020, 3, 4), status=PublicationStatus.DRAFT)
    owned = make_action_point(
        first,
        text="Owned by two.",
        due_date=datetime.date(2019, 9, 1),
        due_precision=DatePrecision.END_MONTH,
    )
    # Added out of their names' order: listed by name, as the prefetch lists them.
    owned.owners.set([make_organization(name="Zeta"), make_organization(name="Alpha")])
    make_action_point(first, text="Owned by none.").owners.set([])
    make_action_point(second, text="Shares an owner.").owners.set(owned.owners.all()[:1])
    closed = make_action_point(first, text="Closed at the draft.")
    ActionPoint.objects.filter(pk=closed.pk).update(
        status=ActionPointStatus.DONE, closed_at=draft, closed_on=draft.date
    )
    make_action_point(first, text="Carried to the second.", carried_over_to=second)
    return ActionPoint.objects.order_by("-meeting__date", "position", "pk")


@pytest.mark.parametrize("is_staff", [False, True])
def test_the_rows_are_those_of_the_instances_for_list_builds(points, is_staff, request):
    user = request.getfixturevalue("staff") if is_staff else AnonymousUser()
    read = page_points(points)
    built = list(points.for_list())
    assert [point.pk for point in read] == [point.pk for point in built]
    for mine, django in zip(read, built, strict=True):
        assert [owner.name for owner in mine.listed_owners] == [
            owner.name for owner in django.listed_owners
        ]
    assert followup_rows(read, user) == followup_rows(built, user)


def test_a_page_costs_two_queries_and_its_meetings_are_built_once(
    points, django_assert_num_queries
):
    with django_assert_num_queries(2):
        read = page_points(points)
        followup_rows(read, AnonymousUser())
    by_text = {point.text: point for point in read}
    assert by_text["Owned by two."].meeting is by_text["Owned by none."].meeting


def test_no_follow_up_no_owners_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert page_points(ActionPoint.objects.all()) == []


def test_the_options_of_countries_and_action_groups_are_djangos():
    point = make_action_point(make_meeting())
    point.countries.set([make_country(name="Yemen"), make_country(name="Chad")])
    point.action_groups.set([make_action_group(name="B group"), make_action_group(name="A group")])
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    form = FollowUpFilter({}, queryset=ActionPoint.objects.all(), request=request).form
    for name in ("country", "action_group"):
        field = form.fields[name]
        djangos = [(str(value), str(label)) for value, label in ModelChoiceIterator(field)]
        assert [(str(value), str(label)) for value, label in field.widget.choices] == djangos
        assert len(djangos) == 3
