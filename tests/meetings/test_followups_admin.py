"""The admin's bulk actions on follow-ups: "Mark done" and "Carry over", with who and when kept
in each row's history, for those who may change follow-ups only."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from meetings.admin.followups import CARRY_OVER_REASON, MARK_DONE_REASON
from meetings.models import ActionPoint, ActionPointStatus
from tests.factories import make_action_point, make_meeting

pytestmark = pytest.mark.django_db

# Session, user and their second factor; the changelist's actions; the selected rows (one SELECT),
# one UPDATE for them all and one INSERT of their history rows, with the transactions' savepoints.
QUERIES = 16
CHANGELIST = reverse("admin:meetings_actionpoint_changelist")
JULY_2019 = datetime.date(2019, 7, 17)
NOVEMBER_2019 = datetime.date(2019, 11, 12)


@pytest.fixture
def two_meetings():
    return make_meeting(date=JULY_2019), make_meeting(date=NOVEMBER_2019)


def act(client, action, points, **data):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [point.pk for point in points], **data},
    )


def test_the_first_step_asks_for_the_meeting_and_changes_nothing(officer_client, two_meetings):
    fifth, sixth = two_meetings
    point = make_action_point(fifth, text="Circulate the outcomes report.")
    response = act(officer_client, "carry_over_action", [point])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Circulate the outcomes report." in html
    assert "their status stays as it is" in html
    point.refresh_from_db()
    assert point.carried_over_to is None
    assert point.history.count() == 1


@time_machine.travel(datetime.datetime(2019, 11, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_mark_done_at_a_meeting_keeps_who_when_and_why(officer_client, officer, two_meetings):
    fifth, sixth = two_meetings
    points = [make_action_point(fifth) for _ in range(3)]
    response = act(officer_client, "mark_done_action", points, apply="yes", meeting=sixth.pk)
    assert response.status_code == 302
    for point in points:
        point.refresh_from_db()
        assert (point.status, point.closed_at, point.closed_on) == ("done", sixth, NOVEMBER_2019)
        latest = point.history.order_by("-history_id").first()
        assert latest.history_user == officer
        assert latest.history_change_reason == MARK_DONE_REASON
        assert latest.history_date == datetime.datetime(2019, 11, 20, 9, tzinfo=datetime.UTC)
        assert latest.status == "done"


@time_machine.travel(datetime.datetime(2019, 9, 3, 9, tzinfo=datetime.UTC), tick=False)
def test_mark_done_between_meetings_closes_it_today(officer_client, two_meetings):
    point = make_action_point(two_meetings[0])
    act(officer_client, "mark_done_action", [point], apply="yes", meeting="")
    point.refresh_from_db()
    assert (point.status, point.closed_at, point.closed_on) == (
        "done",
        None,
        datetime.date(2019, 9, 3),
    )


def test_carry_over_keeps_the_status_and_records_the_meeting(officer_client, officer, two_meetings):
    fifth, sixth = two_meetings
    started = make_action_point(fifth, status=ActionPointStatus.IN_PROGRESS)
    done = make_action_point(fifth, status=ActionPointStatus.DONE)
    response = act(
        officer_client, "carry_over_action", [started, done], apply="yes", meeting=sixth.pk
    )
    assert response.status_code == 302
    started.refresh_from_db()
    done.refresh_from_db()
    assert (started.status, started.carried_over_to) == ("in_progress", sixth)
    assert done.carried_over_to is None  # a closed one is left as it was, and said so
    latest = started.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (officer, CARRY_OVER_REASON)
    assert done.history.count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "1 follow-up changed.",
        "1 left as it was: already done, or decided at or after that meeting.",
    ]


def test_carry_over_needs_a_meeting(officer_client, two_meetings):
    point = make_action_point(two_meetings[0])
    response = act(officer_client, "carry_over_action", [point], apply="yes", meeting="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    point.refresh_from_db()
    assert point.carried_over_to is None


def test_a_meeting_not_after_the_decision_changes_nothing(officer_client, two_meetings):
    fifth, sixth = two_meetings
    point = make_action_point(sixth)
    act(officer_client, "mark_done_action", [point], apply="yes", meeting=fifth.pk)
    point.refresh_from_db()
    assert (point.status, point.closed_at) == ("open", None)


def test_the_cost_does_not_grow_with_the_rows(
    officer_client, two_meetings, django_assert_num_queries
):
    fifth, sixth = two_meetings
    few = [make_action_point(fifth) for _ in range(2)]
    many = [make_action_point(fifth) for _ in range(20)]
    with django_assert_num_queries(QUERIES) as few_queries:
        act(officer_client, "carry_over_action", few, apply="yes", meeting=sixth.pk)
    with django_assert_num_queries(QUERIES):
        act(officer_client, "carry_over_action", many, apply="yes", meeting=sixth.pk)
    assert sum(q["sql"].startswith("UPDATE") for q in few_queries.captured_queries) == 1
    assert ActionPoint.objects.filter(carried_over_to=sixth).count() == 22


def test_staff_without_the_change_permission_gets_no_action(
    client, django_user_model, two_meetings
):
    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actionpoint"))
    client.force_login(viewer)
    point = make_action_point(two_meetings[0])
    response = act(client, "mark_done_action", [point], apply="yes", meeting=two_meetings[1].pk)
    point.refresh_from_db()
    assert point.status == "open"
    assert point.history.count() == 1
    page = client.get(CHANGELIST).content.decode()
    assert "mark_done_action" not in page
    assert response.status_code == 200  # the list again, no action run


@time_machine.travel(datetime.datetime(2019, 9, 3, 9, tzinfo=datetime.UTC), tick=False)
def test_the_lists_status_column_closes_one_at_a_time(officer_client, officer, two_meetings):
    point = make_action_point(two_meetings[0])
    response = officer_client.post(
        CHANGELIST,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(point.pk),
            "form-0-status": "dropped",
            "initial-form-0-status": "open",  # what the list showed
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.status, point.closed_on) == ("dropped", datetime.date(2019, 9, 3))
    latest = point.history.order_by("-history_id").first()
    assert (latest.history_user, latest.status) == (officer, "dropped")
