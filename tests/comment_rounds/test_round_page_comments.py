"""The comments on the reviewer's page: their own, and everyone's when the round shares them,
each where it belongs, with the Secretariat's answer; capped per place; and the page's cost,
the same with 200 comments as with 20."""

import pytest
from django.urls import reverse

from comment_rounds.draft_record import COMMENTS_SHOWN
from comment_rounds.models import Confirmation
from tests.factories import make_comment

pytestmark = pytest.mark.django_db

# Session, user, the reviewer with their round, meeting and person; the agenda items, their
# interventions, those's "also on behalf of"; the decisions; the speakers' answers (corrections,
# confirmations); the reviewer's own confirmations; the comments shown, counted per place.
QUERIES = 11
LINK_QUERIES = QUERIES - 2


def page(client, draft):
    return client.get(reverse("comment_rounds:page", args=[draft.round.pk])).content.decode()


def section(body, anchor):
    start = body.index(f'id="{anchor}"')
    return body[start : body.index("</section>", start)]


def article(body, intervention):
    start = body.index(f'id="intervention-{intervention.pk}"')
    return body[start : body.index("</article>", start)]


@pytest.fixture
def comments(draft):
    """A comment of each reviewer's on each kind of place."""
    return {
        "mine_whole": make_comment(draft.speaker, text="Qz mine on the whole"),
        "mine_item": make_comment(
            draft.speaker, agenda_item=draft.second_item, place="2. Item 2", text="Qz mine item"
        ),
        "theirs_intervention": make_comment(
            draft.participant,
            intervention=draft.intervention_a,
            place="1. Item 1 · A",
            text="Qz theirs on A",
        ),
        "theirs_whole": make_comment(draft.listener_reviewer, text="Qz theirs on the whole"),
    }


def test_a_reviewer_sees_only_their_own_when_comments_are_private(draft, comments, speaker_client):
    body = page(speaker_client, draft)
    assert "Qz mine on the whole" in section(body, "whole-record")
    assert "Qz mine item" in section(body, f"item-{draft.second_item.pk}")
    assert "Qz theirs" not in body
    assert "seen by you and the Secretariat alone" in body


def test_everyone_sees_everyones_when_the_round_shares_them(draft, comments, speaker_client):
    draft.round.shares_comments = True
    draft.round.save()
    body = page(speaker_client, draft)
    assert "Qz theirs on the whole" in section(body, "whole-record")
    assert "Qz theirs on A" in article(body, draft.intervention_a)
    assert draft.participant_b.name in article(body, draft.intervention_a)
    # Only one's own comments may be withdrawn.
    assert section(body, "whole-record").count("Withdraw this comment") == 1


def test_the_secretariats_answer_once_given(draft, speaker_client, now):
    make_comment(
        draft.speaker,
        agenda_item=draft.first_item,
        place="1. Item 1",
        text="Qz answered",
        resolution="partly_accepted",
        reply="We kept the first half.",
        resolved_at=now,
    )
    make_comment(draft.speaker, agenda_item=draft.first_item, place="1. Item 1", text="Qz open")
    item = section(page(speaker_client, draft), f"item-{draft.first_item.pk}")
    answered = item[item.index("Qz answered") :]
    assert "The Secretariat's answer: Partly accepted." in answered
    assert "We kept the first half." in answered
    # The unanswered one may still be withdrawn, the answered one not.
    assert item.count("Withdraw this comment") == 1
    assert item.index("Withdraw this comment") > item.index("Qz open")


def test_a_comment_on_an_intervention_deleted_since_says_where_it_was(draft, speaker_client):
    make_comment(
        draft.speaker,
        intervention=draft.intervention_a,
        place="1. Item 1 · Gone Org",
        text="Qz on what went",
    )
    draft.decision.delete()
    draft.intervention_a.delete()
    body = page(speaker_client, draft)
    removed = section(body, "removed")
    assert "On parts since removed" in removed
    assert "Qz on what went" in removed and "on 1. Item 1 · Gone Org" in removed
    assert "Qz on what went" not in section(body, "whole-record")


def test_the_latest_comments_of_a_place_are_shown_with_how_many_more(draft, speaker_client):
    for n in range(COMMENTS_SHOWN + 3):
        make_comment(draft.speaker, text=f"Qz number {n:03d} here")
    whole = section(page(speaker_client, draft), "whole-record")
    assert "Qz number 000 here" not in whole and "Qz number 002 here" not in whole
    assert f"Qz number {COMMENTS_SHOWN + 2:03d} here" in whole
    assert whole.count("Qz number") == COMMENTS_SHOWN
    assert "3 earlier comments are not shown." in whole


def test_ones_own_comments_are_not_crowded_out_by_others(draft, speaker_client):
    draft.round.shares_comments = True
    draft.round.save()
    make_comment(draft.speaker, text="Qz my early one")
    for _ in range(COMMENTS_SHOWN + 1):
        make_comment(draft.participant, text="Qz theirs")
    whole = section(page(speaker_client, draft), "whole-record")
    assert "Qz my early one" in whole
    assert whole.count("Qz theirs") == COMMENTS_SHOWN
    assert "One earlier comment is not shown." in whole


def many_comments(draft, count):
    reviewers = [draft.speaker, draft.participant, draft.listener_reviewer]
    places = [
        {},
        {"agenda_item": draft.first_item, "place": "1. Item 1"},
        {"intervention": draft.intervention_a, "place": "1. Item 1 · A"},
        {"intervention": draft.intervention_b, "place": "2. Item 2 · B"},
        {"place": "3. Removed"},
    ]
    for n in range(count):
        make_comment(
            reviewers[n % 3],
            text=f"Comment {n}",
            proposed_wording="Reworded." if n % 2 else "",
            **places[n % 5],
        )


@pytest.mark.parametrize("count", [20, 200])
def test_a_fixed_number_of_queries(draft, speaker_client, count, django_assert_num_queries):
    draft.round.shares_comments = True
    draft.round.save()
    many_comments(draft, count)
    Confirmation.objects.create(
        round=draft.round, intervention=draft.intervention_a, reviewer=draft.speaker
    )
    url = reverse("comment_rounds:page", args=[draft.round.pk])
    with django_assert_num_queries(QUERIES):
        response = speaker_client.get(url)
    assert response.status_code == 200
    shown = response.content.decode().count('class="comment card"')
    assert shown == min(count, 5 * 2 * COMMENTS_SHOWN)


@pytest.mark.parametrize("count", [20, 200])
def test_a_fixed_number_of_queries_by_link(draft, client, count, django_assert_num_queries):
    from comment_rounds.links import make_token

    many_comments(draft, count)
    url = reverse("comment_rounds:by_link", args=[make_token(draft.participant)])
    with django_assert_num_queries(LINK_QUERIES):
        assert client.get(url).status_code == 200
