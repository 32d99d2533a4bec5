"""/me/ lists the draft records circulated to the member for comments: each meeting, its
deadline or "closed", a link to the round's page; never a round the member takes no part in."""

import datetime

import pytest
from django.urls import reverse

from directory.member_page import ROUNDS_SHOWN
from tests.directory.test_member_page import LINKED_QUERIES
from tests.factories import make_comment_round, make_person, make_reviewer

from .conftest import NOW

pytestmark = pytest.mark.django_db

ME = reverse("directory:me")
# As tests/directory/test_member_page.py counts them, less the two that fetch what the person's
# interventions and follow-ups link to: here they have none.
QUERIES = LINKED_QUERIES - 2


def rounds_section(client):
    body = client.get(ME).content.decode()
    start = body.index('id="rounds"')
    return body[start : body.index("</section>", start)]


def test_the_rounds_taken_part_in(draft, speaker_client, now):
    other = make_comment_round()  # another round, the member not in it
    closed = make_comment_round(opened_at=now - datetime.timedelta(days=30), closed_at=now)
    make_reviewer(closed, person=draft.speaker_a)
    listed = rounds_section(speaker_client)
    assert "Draft records for your comments" in listed
    assert reverse("comment_rounds:page", args=[draft.round.pk]) in listed
    assert draft.meeting.title in listed
    assert "comments until 11 December 2019, 17:00 UTC" in listed
    assert reverse("comment_rounds:page", args=[closed.pk]) in listed
    assert "closed" in listed[listed.index(closed.meeting.title) :]
    assert reverse("comment_rounds:page", args=[other.pk]) not in listed
    assert other.meeting.title not in listed
    # The latest first.
    assert listed.index(draft.meeting.title) < listed.index(closed.meeting.title)


def test_none(member_client, member, db):
    make_person(user=member)
    make_comment_round()
    listed = rounds_section(member_client)
    assert "No draft record is circulated to you for comments." in listed


def test_a_published_record_reads_closed(draft, speaker_client):
    draft.meeting.status = "published"
    draft.meeting.save()
    listed = rounds_section(speaker_client)
    assert "closed" in listed and "comments until" not in listed


def rounds_for(person, count, now):
    for n in range(count):
        make_reviewer(
            make_comment_round(opened_at=now - datetime.timedelta(days=n + 1)), person=person
        )


def test_the_list_is_capped(draft, speaker_client, now):
    rounds_for(draft.speaker_a, ROUNDS_SHOWN, now)
    listed = rounds_section(speaker_client)
    assert listed.count("<li>") == ROUNDS_SHOWN
    assert f"Only the latest {ROUNDS_SHOWN} draft records are listed." in listed


@pytest.mark.parametrize("times", [1, 10])
def test_a_fixed_number_of_queries(
    speaker_client, draft, times, django_assert_num_queries, time_machine
):
    time_machine.move_to(NOW, tick=False)
    rounds_for(draft.speaker_a, times - 1, NOW)
    with django_assert_num_queries(QUERIES):
        listed = rounds_section(speaker_client)
    assert listed.count("<li>") == times
