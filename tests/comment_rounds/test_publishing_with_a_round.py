"""A meeting is not published while its draft record is circulated for comments
(meetings.publishing, asking by the relation's name): from the confirmation, nor as an action."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.models import Meeting
from meetings.publishing import meetings_publish, why_not_publishable
from tests.factories import make_comment_round, make_meeting

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2019, 8, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def draft():
    return make_meeting(status=PublicationStatus.DRAFT)


def test_an_open_round_refuses_publishing_in_one_query(now):
    circulated = make_comment_round(draft(), deadline=NOW + datetime.timedelta(days=3)).meeting
    closed = make_comment_round(
        draft(), deadline=NOW + datetime.timedelta(days=3), closed_at=NOW
    ).meeting
    opened_earlier = make_comment_round(
        draft(), deadline=NOW + datetime.timedelta(days=3), opened_at=NOW - datetime.timedelta(1)
    ).meeting
    without = draft()
    meetings = Meeting.objects.filter(
        pk__in=[circulated.pk, closed.pk, opened_earlier.pk, without.pk]
    )

    with CaptureQueriesContext(connection) as queries:
        refused = why_not_publishable(meetings, now=NOW + datetime.timedelta(days=5))
    still_open = why_not_publishable(meetings)

    assert len(queries.captured_queries) == 1
    assert refused == {}
    assert list(still_open) == [circulated.pk, opened_earlier.pk]
    assert still_open[circulated.pk] == [
        "Close the comment round first: comments are taken until 4 August 2019, 09:00 UTC."
    ]


def test_publishing_leaves_a_circulated_meeting_a_draft(now):
    circulated = make_comment_round(draft()).meeting
    plain = draft()

    published = meetings_publish(Meeting.objects.filter(pk__in=[circulated.pk, plain.pk]))

    assert published == [plain]
    circulated.refresh_from_db()
    assert circulated.status == PublicationStatus.DRAFT


def test_the_confirmation_says_why_and_publishes_once_closed(now, staff_client):
    comment_round = make_comment_round(draft())
    publish_url = reverse("admin:meetings_meeting_publish", args=[comment_round.meeting.pk])

    page = staff_client.get(publish_url).content.decode()
    checked_open = staff_client.get(publish_url).context["checked"]
    staff_client.post(publish_url, {"post": "yes", "checked": checked_open})
    comment_round.meeting.refresh_from_db()
    assert comment_round.meeting.status == PublicationStatus.DRAFT
    comment_round.closed_at = NOW
    comment_round.save()
    checked = staff_client.get(publish_url).context["checked"]
    staff_client.post(publish_url, {"post": "yes", "checked": checked})

    assert "Close the comment round first" in page
    comment_round.meeting.refresh_from_db()
    assert comment_round.meeting.status == PublicationStatus.PUBLISHED
