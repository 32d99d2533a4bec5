"""Which save wrote a history row (base.audit.saves): one request, or outside a request the
outermost transaction the code opened; every history of the portal keeps it."""

import uuid

import pytest
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from simple_history.middleware import HistoryRequestMiddleware

from base.audit.recently_deleted import history_models
from base.models import PortalHistory
from meetings.models import Attendance, Objective
from tests.admin_forms import inline_prefix, posted_data
from tests.factories import make_attendance, make_meeting


def saves(model, history_type="+"):
    """The save of each of `model`'s history rows of that type, oldest first."""
    return list(
        model.history.filter(history_type=history_type)
        .order_by("history_id")
        .values_list("history_save", flat=True)
    )


def objective(meeting, position):
    return Objective.objects.create(meeting=meeting, position=position, text="Test data.")


def test_every_history_of_the_portal_keeps_its_save():
    histories = [model.history.model for model in history_models()]
    # 16, the invitations' (issue 21), a round's and a comment's (22), the site's pages' and the
    # contact messages' (23).
    assert len(histories) == 21
    without = [h.__name__ for h in histories if not issubclass(h, PortalHistory)]
    assert without == []


@pytest.mark.django_db
class TestInARequest:
    def test_one_admin_save_is_one_save_and_the_next_another(self, staff_client):
        meeting = make_meeting()
        kept, gone = objective(meeting, 1), objective(meeting, 2)
        attendances = [make_attendance(meeting=meeting) for _ in range(2)]
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])

        data = posted_data(staff_client.get(url))
        data[f"{inline_prefix(data, 'attendances', attendances[0].pk)}-DELETE"] = "on"
        data[f"{inline_prefix(data, 'objectives', gone.pk)}-DELETE"] = "on"
        assert staff_client.post(url, data).status_code == 302
        data = posted_data(staff_client.get(url))
        data[f"{inline_prefix(data, 'attendances', attendances[1].pk)}-DELETE"] = "on"
        assert staff_client.post(url, data).status_code == 302

        first, second = saves(Attendance, "-")
        assert saves(Objective, "-") == [first]
        assert first != second and None not in (first, second)
        assert kept.pk in Objective.objects.values_list("pk", flat=True)

    def test_a_request_spanning_transactions_is_one_save(self, staff):
        meeting = make_meeting()
        request = RequestFactory().post("/admin/")
        request.user = staff

        def work(request):
            for position in (1, 2):
                with transaction.atomic():
                    objective(meeting, position)

        HistoryRequestMiddleware(work)(request)

        first, second = saves(Objective)
        assert first == second and isinstance(first, uuid.UUID)


@pytest.mark.django_db
class TestOutsideARequest:
    def test_one_transaction_is_one_save(self):
        meeting = make_meeting()
        with transaction.atomic():
            objective(meeting, 1)
            with transaction.atomic():  # a savepoint of the same save
                objective(meeting, 2)
        with transaction.atomic():
            objective(meeting, 3)

        first, second, third = saves(Objective)
        assert first == second != third

    def test_a_function_called_twice_is_two_saves(self):
        meeting = make_meeting()

        @transaction.atomic
        def add(position):  # the same atomic block each call
            objective(meeting, position)

        add(1)
        add(2)

        first, second = saves(Objective)
        assert first != second

    def test_a_deletion_is_one_save_with_its_cascade(self):
        meeting = make_meeting()
        objective(meeting, 1)
        objective(meeting, 2)

        meeting.delete()

        assert len(set(saves(Objective, "-"))) == 1
        assert (
            saves(Objective, "-")[0]
            == meeting.history.model.objects.get(history_type="-").history_save
        )

    def test_a_write_outside_any_transaction_is_a_save_of_its_own(self):
        meeting = make_meeting()
        objective(meeting, 1)
        objective(meeting, 2)

        first, second = saves(Objective)
        assert first != second and None not in (first, second)


@pytest.mark.django_db(transaction=True)
class TestOutsideATestsTransaction:
    """As a management command runs: the code's transaction is the database's own."""

    def test_a_function_called_twice_is_two_saves_even_after_a_rollback(self):
        meeting = make_meeting()

        @transaction.atomic
        def add(position, fail_first=False):
            if fail_first:
                try:
                    with transaction.atomic():
                        objective(meeting, 90)  # the first row of the save, rolled back
                        raise RuntimeError
                except RuntimeError:
                    pass
            objective(meeting, position)
            objective(meeting, position + 1)

        add(1, fail_first=True)
        add(3)

        first, second, third, fourth = saves(Objective)
        assert first == second != third == fourth
        assert Objective.objects.filter(position=90).exists() is False
