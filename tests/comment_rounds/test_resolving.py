"""Answering a comment and applying its proposed wording (comment_rounds.resolving), and the
order the Secretariat reads a round's comments in (comment_rounds.admin.resolve_rows)."""

import datetime

import pytest

from comment_rounds.admin.resolve_rows import comments_in_record_order, grouped
from comment_rounds.models import Resolution
from comment_rounds.resolving import (
    AnswerRefused,
    WordingRefused,
    apply_wording,
    change_reason,
    resolve,
)
from comment_rounds.speaker_answers import CONFIRMED, LABELS, NO_ANSWER
from tests.factories import (
    make_comment,
    make_comment_round,
    make_draft_record,
    make_intervention,
    make_reviewer,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2019, 8, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def draft():
    draft = make_draft_record()
    draft.round = make_comment_round(draft.meeting)
    draft.speaker = make_reviewer(draft.round, person=draft.speaker_a)
    return draft


def correction(draft, **kwargs):
    kwargs.setdefault("intervention", draft.intervention_a)
    kwargs.setdefault("original_wording", kwargs["intervention"].summary)
    kwargs.setdefault("proposed_wording", "A said yes, with conditions.")
    kwargs.setdefault("place", "1. Item 1 · A")
    return make_comment(draft.speaker, **kwargs)


def test_resolving_answers_the_comment(now, draft):
    comment = make_comment(draft.speaker)

    resolve(comment, Resolution.DECLINED, "  The record keeps what was said.  ")

    comment.refresh_from_db()
    assert (comment.resolution, comment.reply) == ("declined", "The record keeps what was said.")
    assert comment.resolved_at == NOW
    assert comment.history.first().history_change_reason == "Answered"


def test_resolving_without_an_answer_is_refused(draft):
    comment = make_comment(draft.speaker)

    with pytest.raises(AnswerRefused):
        resolve(comment, "maybe", "")

    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_applying_writes_the_summary_with_the_comment_as_reason(now, draft):
    comment = correction(draft, text="My words were: yes, with conditions.")

    apply_wording(comment)

    intervention = draft.intervention_a
    intervention.refresh_from_db()
    assert intervention.summary == "A said yes, with conditions."
    latest = intervention.history.first()
    assert latest.summary == "A said yes, with conditions."
    assert latest.history_change_reason == (
        f"Applied comment #{comment.pk} by {draft.speaker_a}: My words were: yes, with conditions."
    )
    comment.refresh_from_db()
    assert (comment.wording_applied_at, comment.resolution) == (NOW, Resolution.ACCEPTED)


def test_the_reason_fits_the_history_s_column(draft):
    comment = correction(draft, text="Long. " * 100)

    reason = change_reason(comment)

    assert len(reason) == 100
    assert reason.startswith(f"Applied comment #{comment.pk} by ") and reason.endswith("…")


def test_applying_to_an_agenda_item_writes_its_narrative(draft):
    item = draft.first_item
    item.narrative = "The item was opened."
    item.save()
    comment = make_comment(
        draft.speaker,
        agenda_item=item,
        original_wording="The item was opened.",
        proposed_wording="The item was opened by the Chair.",
    )

    apply_wording(comment)

    item.refresh_from_db()
    assert item.narrative == "The item was opened by the Chair."
    assert item.history.first().history_change_reason.startswith(f"Applied comment #{comment.pk}")


def test_applying_over_an_edited_summary_is_refused_and_shows_both(draft):
    comment = correction(draft)
    draft.intervention_a.summary = "A said yes, edited by the Secretariat."
    draft.intervention_a.save()

    with pytest.raises(WordingRefused, match="edited since") as refused:
        apply_wording(comment)

    assert refused.value.current == "A said yes, edited by the Secretariat."
    assert refused.value.original == "A said yes."
    draft.intervention_a.refresh_from_db()
    assert draft.intervention_a.summary == "A said yes, edited by the Secretariat."
    comment.refresh_from_db()
    assert comment.wording_applied_at is None and comment.resolution == ""


def test_applying_to_a_deleted_intervention_is_refused(draft):
    comment = correction(draft)
    draft.intervention_a.delete()
    comment.refresh_from_db()

    with pytest.raises(WordingRefused, match="deleted since"):
        apply_wording(comment)

    comment.refresh_from_db()
    assert comment.wording_applied_at is None


def test_applying_twice_is_refused(draft):
    comment = correction(draft)
    apply_wording(comment)
    history_rows = draft.intervention_a.history.count()

    with pytest.raises(WordingRefused, match="already"):
        apply_wording(comment)

    assert draft.intervention_a.history.count() == history_rows


def test_a_comment_on_the_whole_record_has_nothing_to_apply_to(draft):
    comment = make_comment(draft.speaker, proposed_wording="A better record.")

    with pytest.raises(WordingRefused, match="as a whole"):
        apply_wording(comment)


def test_the_comments_are_read_in_the_record_s_order(draft):
    later_intervention = make_intervention(draft.first_item, summary="C said maybe.")
    on_removed = correction(draft, intervention=later_intervention, place="1. Item 1 · C")
    on_second_item = make_comment(draft.speaker, agenda_item=draft.second_item)
    on_b = correction(draft, intervention=draft.intervention_b)
    on_a = correction(draft)
    on_first_item = make_comment(draft.speaker, agenda_item=draft.first_item)
    whole = make_comment(draft.speaker)
    later_intervention.delete()

    order = list(comments_in_record_order(draft.round))

    assert order == [whole, on_first_item, on_a, on_second_item, on_b, on_removed]


def test_the_comments_are_grouped_by_place_with_the_speakers_answer(draft):
    whole = make_comment(draft.speaker)
    first = correction(draft)
    second = correction(draft, text="And another thing.")
    on_b = make_comment(draft.speaker, intervention=draft.intervention_b)

    class Row:
        def __init__(self, comment):
            self.comment = comment

    rows = [Row(c) for c in comments_in_record_order(draft.round)]
    statuses = {draft.intervention_a.pk: CONFIRMED, draft.intervention_b.pk: NO_ANSWER}
    groups = grouped(rows, statuses, LABELS)

    assert [[row.comment for row in group.rows] for group in groups] == [
        [whole],
        [first, second],
        [on_b],
    ]
    assert [group.first_of_item for group in groups] == [False, True, True]
    assert [group.status for group in groups] == ["", LABELS[CONFIRMED], LABELS[NO_ANSWER]]
    assert groups[1].current_wording == "A said yes."
