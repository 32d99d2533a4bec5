"""A draft record (tests.factories.make_draft_record) circulated on 1 December 2019, comments
until 11 December 17:00 UTC, to its participants: the speaker of the first item's intervention
(signed in as `member`), the participant for the second's organisation, and a listener."""

import datetime

import pytest
from django.test import Client

from comment_rounds.reviewers import add_reviewers
from tests.factories import make_action_point, make_comment_round, make_draft_record

NOW = datetime.datetime(2019, 12, 1, 9, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2019, 12, 11, 17, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def draft(now):
    record = make_draft_record()
    record.first_item.narrative = "The item opened with a tour de table."
    record.first_item.save()
    record.decision = make_action_point(
        record.meeting, agenda_item=record.first_item, text="Circulate the draft roadmap."
    )
    record.round = make_comment_round(record.meeting, opened_at=NOW, deadline=DEADLINE)
    add_reviewers(record.round)
    by_person = {r.person_id: r for r in record.round.reviewers.select_related("person")}
    record.speaker = by_person[record.speaker_a.pk]
    record.participant = by_person[record.participant_b.pk]
    record.listener_reviewer = by_person[record.listener.pk]
    return record


@pytest.fixture
def speaker_client(draft, member):
    """Signed in as the first intervention's speaker."""
    draft.speaker_a.user = member
    draft.speaker_a.save(update_fields=["user"])
    client = Client()
    client.force_login(member)
    return client
