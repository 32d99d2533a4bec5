"""Commenting on the draft record, confirming one's summary, withdrawing a comment: what is
saved, and every refusal, each keeping what the reviewer typed and saving nothing."""

import datetime

import pytest
from django.urls import reverse

from comment_rounds.commenting import CommentRefused, comment_made, summary_confirmed
from comment_rounds.links import make_token
from comment_rounds.models import COMMENT_MAX_LENGTH, WORDING_MAX_LENGTH, Comment, Confirmation
from tests.factories import make_comment, make_draft_record

from .conftest import DEADLINE

pytestmark = pytest.mark.django_db

# Session, user, the reviewer; the savepoint, the reviewer again and their round (locked), the
# intervention, the comment saved and its history's row; the savepoint released.
POST_QUERIES = 10


def page_url(draft):
    return reverse("comment_rounds:page", args=[draft.round.pk])


def link_url(reviewer):
    """Past the deadline a session has expired; the personal link still works."""
    return reverse("comment_rounds:by_link", args=[make_token(reviewer)])


def on_item(draft, text="Qz the narrative forgets the coffee.", **extra):
    return {
        "action": "comment",
        "target": "item",
        "target_pk": draft.first_item.pk,
        "text": text,
        **extra,
    }


def on_intervention(intervention, text="Qz wrong organisation?", **extra):
    return {
        "action": "comment",
        "target": "intervention",
        "target_pk": intervention.pk,
        "text": text,
        **extra,
    }


def correction(intervention, text="Qz we said more.", wording="Qz A said yes, twice."):
    return {
        "action": "correction",
        "target": "intervention",
        "target_pk": intervention.pk,
        "text": text,
        "proposed_wording": wording,
    }


class TestCommenting:
    def test_on_the_whole_record(self, draft, speaker_client):
        data = {"action": "comment", "target": "whole", "text": "  Qz all good.  "}
        response = speaker_client.post(page_url(draft), data)
        assert response.status_code == 302
        assert response["Location"] == page_url(draft) + "#whole-record"
        comment = Comment.objects.get()
        assert (comment.reviewer, comment.text, comment.place) == (
            draft.speaker,
            "Qz all good.",
            "",
        )
        assert comment.agenda_item is None and comment.intervention is None
        assert comment.proposed_wording == "" and comment.original_wording == ""
        body = speaker_client.get(response["Location"]).content.decode()
        assert "Your comment was sent to the Secretariat." in body and "Qz all good." in body

    def test_on_an_agenda_item_with_a_wording(self, draft, speaker_client):
        data = on_item(draft, proposed_wording="Qz it opened with coffee.")
        response = speaker_client.post(page_url(draft), data)
        assert response["Location"] == page_url(draft) + f"#item-{draft.first_item.pk}"
        comment = Comment.objects.get()
        assert comment.agenda_item == draft.first_item
        assert comment.place == draft.first_item.number_and_title
        assert comment.original_wording == "The item opened with a tour de table."
        assert comment.proposed_wording == "Qz it opened with coffee."

    def test_on_an_intervention(self, draft, speaker_client, now):
        speaker_client.post(page_url(draft), on_intervention(draft.intervention_b))
        comment = Comment.objects.get()
        assert comment.intervention == draft.intervention_b
        assert comment.agenda_item is None
        organization = draft.participant_b.organization.short_name
        assert comment.place == f"{draft.second_item.number_and_title} · {organization}"
        assert comment.original_wording == "B said no."
        assert comment.made_at == now

    def test_the_whole_record_takes_no_wording(self, draft):
        with pytest.raises(CommentRefused, match="comment on that item or intervention"):
            comment_made(draft.speaker.pk, "whole", None, "Qz text", proposed_wording="Qz w")
        assert not Comment.objects.exists()

    def test_posting_costs_a_fixed_number_of_queries(
        self, draft, speaker_client, django_assert_num_queries
    ):
        with django_assert_num_queries(POST_QUERIES):
            response = speaker_client.post(page_url(draft), on_intervention(draft.intervention_a))
        assert response.status_code == 302
        assert Comment.objects.count() == 1


class TestRefusalsKeepWhatWasTyped:
    def test_an_empty_comment(self, draft, speaker_client):
        data = on_item(draft, text="   ", proposed_wording="Qz kept wording")
        response = speaker_client.post(page_url(draft), data)
        body = response.content.decode()
        assert response.status_code == 200
        assert "Write your comment." in body
        assert "Qz kept wording" in body
        assert not Comment.objects.exists()

    def test_a_comment_too_long(self, draft, speaker_client):
        text = "Qz" + "x" * COMMENT_MAX_LENGTH
        body = speaker_client.post(page_url(draft), on_item(draft, text=text)).content.decode()
        assert f"at most {COMMENT_MAX_LENGTH} characters" in body
        assert text in body
        assert not Comment.objects.exists()

    def test_a_wording_too_long(self, draft, speaker_client):
        wording = "Qz" + "y" * WORDING_MAX_LENGTH
        data = on_item(draft, text="Qz short", proposed_wording=wording)
        body = speaker_client.post(page_url(draft), data).content.decode()
        assert f"at most {WORDING_MAX_LENGTH} characters" in body
        assert wording in body and "Qz short" in body
        assert not Comment.objects.exists()

    def test_the_service_refuses_too_long_too(self, draft):
        with pytest.raises(CommentRefused, match="shorten it"):
            comment_made(draft.speaker.pk, "whole", None, "z" * (COMMENT_MAX_LENGTH + 1))

    def test_an_intervention_deleted_since(self, draft, speaker_client):
        data = on_intervention(draft.intervention_b, text="Qz about B", proposed_wording="Qz B2")
        draft.intervention_b.delete()
        body = speaker_client.post(page_url(draft), data).content.decode()
        assert (
            "That intervention has since been removed from the draft; your comment is below, "
            "copy it to comment on the record as a whole." in body
        )
        assert "Qz B2" in body
        # In the whole record's form, ready to send there.
        whole = body[body.index('id="whole-record"') :]
        whole = whole[: whole.index("</section>")]
        assert "Qz about B</textarea>" in whole
        assert not Comment.objects.exists()

    def test_an_intervention_of_another_meeting(self, draft, speaker_client):
        elsewhere = make_draft_record().intervention_a
        body = speaker_client.post(
            page_url(draft), on_intervention(elsewhere, text="Qz elsewhere")
        ).content.decode()
        assert "has since been removed from the draft" in body
        assert "Qz elsewhere" in body
        assert not Comment.objects.exists()

    def test_an_agenda_item_of_another_meeting(self, draft, speaker_client):
        data = on_item(draft, text="Qz other item")
        data["target_pk"] = make_draft_record().first_item.pk
        body = speaker_client.post(page_url(draft), data).content.decode()
        assert "That agenda item has since been removed from the draft" in body
        assert "Qz other item" in body
        assert not Comment.objects.exists()

    def test_a_target_that_makes_no_sense(self, draft, speaker_client):
        data = {"action": "comment", "target": "meeting", "text": "Qz odd"}
        response = speaker_client.post(page_url(draft), data)
        assert response.status_code == 200
        assert "Qz odd" in response.content.decode()
        assert not Comment.objects.exists()

    def test_one_second_before_the_deadline(self, draft, client, time_machine):
        time_machine.move_to(DEADLINE - datetime.timedelta(seconds=1), tick=False)
        response = client.post(link_url(draft.speaker), on_item(draft))
        assert response.status_code == 302
        assert Comment.objects.count() == 1

    def test_at_the_deadline(self, draft, client, time_machine):
        time_machine.move_to(DEADLINE, tick=False)
        body = client.post(link_url(draft.speaker), on_item(draft, text="Qz late")).content.decode()
        assert "the round is closed" in body and "Nothing was saved." in body
        assert "Qz late" in body
        assert "Send my comment" not in body
        assert not Comment.objects.exists()

    def test_one_second_after_the_deadline(self, draft, client, time_machine):
        time_machine.move_to(DEADLINE + datetime.timedelta(seconds=1), tick=False)
        data = correction(draft.intervention_a)
        body = client.post(link_url(draft.speaker), data).content.decode()
        assert "the round is closed" in body
        assert "Qz A said yes, twice." in body and "Qz we said more." in body
        assert not Comment.objects.exists()

    def test_the_deadline_is_checked_again_when_saving(self, draft):
        # The page was shown open; the service, inside its transaction, finds it closed.
        with pytest.raises(CommentRefused, match="the round is closed"):
            comment_made(draft.speaker.pk, "whole", None, "Qz", now=DEADLINE)
        with pytest.raises(CommentRefused, match="the round is closed"):
            summary_confirmed(draft.speaker.pk, draft.intervention_a.pk, now=DEADLINE)
        assert not Comment.objects.exists() and not Confirmation.objects.exists()

    def test_a_round_closed_by_hand(self, draft, speaker_client, now):
        draft.round.closed_at = now
        draft.round.save()
        body = speaker_client.post(page_url(draft), on_item(draft, text="Qz shut")).content.decode()
        assert "the round is closed" in body and "Qz shut" in body
        assert not Comment.objects.exists()


class TestSpeakers:
    def test_only_those_who_speak_for_it_see_the_buttons(self, draft, client):
        def page_by_link(reviewer):
            url = reverse("comment_rounds:by_link", args=[make_token(reviewer)])
            return client.get(url).content.decode()

        listener = page_by_link(draft.listener_reviewer)
        assert "Confirm this summary" not in listener and "Propose a correction" not in listener
        speaker = page_by_link(draft.speaker)
        assert speaker.count("Confirm this summary") == 1
        assert speaker.count("Propose a correction") == 1
        a = speaker.index(f'id="intervention-{draft.intervention_a.pk}"')
        b = speaker.index(f'id="intervention-{draft.intervention_b.pk}"')
        assert a < speaker.index("Confirm this summary") < b
        # The participant for B's organisation speaks for B, though not named.
        participant = page_by_link(draft.participant)
        assert b > 0 and participant.count("Confirm this summary") == 1

    def test_confirming_twice_is_one_confirmation(self, draft, speaker_client):
        data = {"action": "confirm", "pk": draft.intervention_a.pk}
        first = speaker_client.post(page_url(draft), data)
        assert first["Location"] == page_url(draft) + f"#intervention-{draft.intervention_a.pk}"
        speaker_client.post(page_url(draft), data)
        confirmation = Confirmation.objects.get()
        assert (confirmation.reviewer, confirmation.intervention) == (
            draft.speaker,
            draft.intervention_a,
        )
        body = speaker_client.get(page_url(draft)).content.decode()
        assert "You had confirmed this summary already." in body
        assert "Confirmed</span>" in body and "You confirmed it." in body

    def test_a_forged_confirmation_is_refused(self, draft, speaker_client):
        data = {"action": "confirm", "pk": draft.intervention_b.pk}
        response = speaker_client.post(page_url(draft), data)
        assert response.status_code == 200
        assert "Only the speaker, or a participant for" in response.content.decode()
        assert not Confirmation.objects.exists()

    def test_a_correction(self, draft, speaker_client):
        response = speaker_client.post(page_url(draft), correction(draft.intervention_a))
        assert response.status_code == 302
        comment = Comment.objects.get()
        assert comment.proposed_wording == "Qz A said yes, twice."
        assert comment.original_wording == "A said yes."
        body = speaker_client.get(page_url(draft)).content.decode()
        assert "Your correction was sent to the Secretariat." in body
        assert "Correction proposed</span>" in body

    def test_a_correction_needs_its_wording(self, draft, speaker_client):
        data = correction(draft.intervention_a, wording="")
        body = speaker_client.post(page_url(draft), data).content.decode()
        assert "Write the summary as it should read." in body
        assert "Qz we said more." in body
        assert not Comment.objects.exists()

    def test_a_forged_correction_is_refused(self, draft, speaker_client):
        body = speaker_client.post(
            page_url(draft), correction(draft.intervention_b)
        ).content.decode()
        assert "Only the speaker, or a participant for" in body
        assert "Qz A said yes, twice." in body
        assert not Comment.objects.exists()


class TestWithdrawing:
    def test_ones_own_unanswered_comment(self, draft, speaker_client):
        comment = make_comment(draft.speaker, text="Qz second thoughts")
        response = speaker_client.post(page_url(draft), {"action": "withdraw", "pk": comment.pk})
        assert response.status_code == 302
        assert not Comment.objects.exists()
        # Its history keeps it.
        assert Comment.history.filter(id=comment.pk, history_type="-").exists()

    def test_someone_elses_is_refused(self, draft, speaker_client):
        draft.round.shares_comments = True
        draft.round.save()
        comment = make_comment(draft.participant)
        body = speaker_client.post(
            page_url(draft), {"action": "withdraw", "pk": comment.pk}
        ).content.decode()
        assert "That comment is not one of yours" in body
        assert Comment.objects.filter(pk=comment.pk).exists()

    def test_an_answered_one_is_refused(self, draft, speaker_client, now):
        comment = make_comment(draft.speaker, resolution="accepted", resolved_at=now)
        body = speaker_client.post(
            page_url(draft), {"action": "withdraw", "pk": comment.pk}
        ).content.decode()
        assert "it can no longer be withdrawn" in body
        assert Comment.objects.filter(pk=comment.pk).exists()

    def test_after_the_deadline(self, draft, client, time_machine):
        comment = make_comment(draft.speaker)
        time_machine.move_to(DEADLINE, tick=False)
        url = link_url(draft.speaker)
        body = client.post(url, {"action": "withdraw", "pk": comment.pk}).content.decode()
        assert "the round is closed" in body
        assert Comment.objects.filter(pk=comment.pk).exists()

    def test_a_comment_of_another_round_is_refused(self, draft, speaker_client):
        other = make_comment()
        assert other.round != draft.round
        speaker_client.post(page_url(draft), {"action": "withdraw", "pk": other.pk})
        assert Comment.objects.filter(pk=other.pk).exists()


def test_an_empty_comment_on_an_intervention_deleted_since_keeps_the_wording(draft, speaker_client):
    data = on_intervention(draft.intervention_b, text="", proposed_wording="Qz lone wording")
    draft.intervention_b.delete()
    body = speaker_client.post(page_url(draft), data).content.decode()
    assert "no longer in the draft" in body and "Write your comment." in body
    assert "Qz lone wording" in body
    assert not Comment.objects.exists()
