"""Opening a round, closing it by hand and re-circulating it (comment_rounds.opening): the
people added, the refusals, and each change in the round's history with its reason."""

import datetime

import pytest
from django.utils import timezone

from base.record.visibility import PublicationStatus
from comment_rounds.models import Audience, CommentRound
from comment_rounds.opening import (
    CLOSED_REASON,
    OPENED_REASON,
    RECIRCULATED_REASON,
    RoundRefused,
    close_round,
    open_round,
    recirculate,
)
from tests.factories import (
    make_attendance,
    make_comment_round,
    make_draft_record,
    make_meeting,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2019, 8, 1, 9, 0, tzinfo=datetime.UTC)
IN_TEN_DAYS = NOW + datetime.timedelta(days=10)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def reasons(comment_round):
    return [row.history_change_reason for row in comment_round.history.order_by("history_id")]


def test_opening_a_round_adds_the_people_taking_part(now):
    draft = make_draft_record()

    opened = open_round(draft.meeting, Audience.PARTICIPANTS, IN_TEN_DAYS, True)

    assert opened.meeting == draft.meeting and opened.shares_comments
    assert (opened.opened_at, opened.deadline, opened.closed_at) == (NOW, IN_TEN_DAYS, None)
    people = set(opened.reviewers.values_list("person", flat=True))
    assert people == {draft.speaker_a.pk, draft.participant_b.pk, draft.listener.pk}
    assert reasons(opened) == [OPENED_REASON]


@pytest.mark.parametrize(
    "meeting_kwargs, refusal",
    [
        ({"status": PublicationStatus.PUBLISHED}, "is published"),
        ({"status": PublicationStatus.DRAFT, "cancelled": True}, "was cancelled"),
    ],
    ids=["published", "cancelled"],
)
def test_opening_is_refused_on_a_published_or_cancelled_meeting(now, meeting_kwargs, refusal):
    meeting = make_meeting(**meeting_kwargs)

    with pytest.raises(RoundRefused, match=refusal):
        open_round(meeting, Audience.PARTICIPANTS, IN_TEN_DAYS, False)

    assert not CommentRound.objects.exists()


def test_opening_is_refused_on_a_meeting_with_a_round(now):
    existing = make_comment_round()

    with pytest.raises(RoundRefused, match="circulated already"):
        open_round(existing.meeting, Audience.MEMBERS, IN_TEN_DAYS, False)

    assert CommentRound.objects.get().audience == Audience.PARTICIPANTS


def test_opening_is_refused_with_a_past_deadline(now):
    meeting = make_meeting(status=PublicationStatus.DRAFT)

    with pytest.raises(RoundRefused, match="must be in the future"):
        open_round(meeting, Audience.PARTICIPANTS, NOW - datetime.timedelta(minutes=1), False)

    assert not CommentRound.objects.exists()


def test_closing_sets_the_moment_and_keeps_it_in_the_history(now):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS)

    closed = close_round(comment_round)

    assert closed.closed_at == NOW and not closed.is_open(NOW)
    assert reasons(closed)[-1] == CLOSED_REASON


def test_closing_a_closed_round_is_refused(now):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)

    with pytest.raises(RoundRefused, match="closed on"):
        close_round(comment_round)

    assert comment_round.history.count() == 1


def test_closing_a_round_past_its_deadline_is_refused(now, time_machine):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS)
    time_machine.move_to(IN_TEN_DAYS + datetime.timedelta(hours=1), tick=False)

    with pytest.raises(RoundRefused):
        close_round(comment_round)

    comment_round.refresh_from_db()
    assert comment_round.closed_at is None  # it closed at its deadline, and says so


def test_recirculating_opens_it_again_and_adds_the_newcomers(now, time_machine):
    draft = make_draft_record()
    comment_round = open_round(draft.meeting, Audience.PARTICIPANTS, IN_TEN_DAYS, False)
    close_round(comment_round)
    newcomer = make_attendance(draft.meeting).person
    later = NOW + datetime.timedelta(days=2)
    time_machine.move_to(later, tick=False)
    new_deadline = later + datetime.timedelta(days=7)

    again, added = recirculate(comment_round, new_deadline)

    assert added == 1
    assert again.reviewers.filter(person=newcomer).exists()
    assert again.reviewers.count() == 4
    assert (again.deadline, again.closed_at, again.recirculated_at) == (new_deadline, None, later)
    assert again.times_recirculated == 1 and again.is_open()
    assert reasons(again) == [OPENED_REASON, CLOSED_REASON, RECIRCULATED_REASON]


def test_recirculating_an_open_round_is_refused(now):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS)

    with pytest.raises(RoundRefused, match="still open"):
        recirculate(comment_round, IN_TEN_DAYS + datetime.timedelta(days=5))

    comment_round.refresh_from_db()
    assert (comment_round.deadline, comment_round.times_recirculated) == (IN_TEN_DAYS, 0)


def test_recirculating_a_published_record_is_refused(now):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)
    comment_round.meeting.status = PublicationStatus.PUBLISHED
    comment_round.meeting.save()

    with pytest.raises(RoundRefused, match="published"):
        recirculate(comment_round, IN_TEN_DAYS + datetime.timedelta(days=5))

    comment_round.refresh_from_db()
    assert comment_round.closed_at == NOW


def test_recirculating_with_a_past_deadline_is_refused(now):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)

    with pytest.raises(RoundRefused, match="future"):
        recirculate(comment_round, NOW - datetime.timedelta(days=1))

    comment_round.refresh_from_db()
    assert (comment_round.closed_at, comment_round.times_recirculated) == (NOW, 0)


def test_a_closed_round_stays_closed_once_recirculation_is_refused(now):
    """Nothing half-done: the refusal leaves no history row."""
    comment_round = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)
    before = comment_round.history.count()

    with pytest.raises(RoundRefused):
        recirculate(comment_round, timezone.now())

    assert comment_round.history.count() == before
