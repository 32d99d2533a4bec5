"""The reviewer's page: who may open it (the round's reviewers alone), and the draft record as it
shows it, marked as a draft, with each intervention's answer from its speakers."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from comment_rounds.links import LINK_LIFETIME, make_token
from comment_rounds.models import Confirmation
from tests.factories import (
    make_comment,
    make_comment_round,
    make_reviewer,
)

pytestmark = pytest.mark.django_db


def page_url(draft):
    return reverse("comment_rounds:page", args=[draft.round.pk])


def link_url(reviewer):
    return reverse("comment_rounds:by_link", args=[make_token(reviewer)])


def signed_in_as(person, django_user_model, username):
    person.user = django_user_model.objects.create_user(username)
    person.save(update_fields=["user"])
    client = Client()
    client.force_login(person.user)
    return client


class TestWhoMayOpenIt:
    def test_a_visitor_gets_not_found(self, draft, client):
        assert client.get(page_url(draft)).status_code == 404

    def test_a_member_outside_the_round_gets_not_found(self, draft, member_client):
        assert member_client.get(page_url(draft)).status_code == 404

    def test_a_reviewer_of_another_round_gets_not_found(self, draft, django_user_model):
        other = make_reviewer(make_comment_round())
        client = signed_in_as(other.person, django_user_model, "other-round")
        assert client.get(page_url(draft)).status_code == 404
        assert client.get(reverse("comment_rounds:page", args=[other.round_id])).status_code == 200

    def test_staff_who_do_not_take_part_get_not_found(self, draft, staff_client):
        # The Secretariat reads the round in the admin; this page is a reviewer's.
        assert staff_client.get(page_url(draft)).status_code == 404

    def test_an_erased_reviewer_gets_not_found(self, draft, speaker_client, now):
        draft.speaker_a.erased_at = now
        draft.speaker_a.save(update_fields=["erased_at"])
        assert speaker_client.get(page_url(draft)).status_code == 404

    def test_the_reviewer_reads_it_never_cached_never_indexed(self, draft, speaker_client):
        response = speaker_client.get(page_url(draft))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex">' in response.content.decode()

    def test_the_personal_link_works_without_an_account(self, draft, client):
        response = client.get(link_url(draft.participant))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "B said no." in response.content.decode()

    def test_a_link_used_by_someone_else_is_refused(self, draft, member_client):
        response = member_client.get(link_url(draft.participant))
        assert response.status_code == 403
        body = response.content.decode()
        assert "signed in as member" in body
        assert "B said no." not in body

    def test_a_link_used_by_someone_else_changes_nothing_when_posted(self, draft, member_client):
        data = {"action": "comment", "target": "whole", "text": "Not mine to say."}
        assert member_client.post(link_url(draft.participant), data).status_code == 403
        assert not draft.round.comments.exists()

    def test_an_expired_link(self, draft, client, time_machine, now):
        url = link_url(draft.participant)
        time_machine.move_to(now + LINK_LIFETIME + datetime.timedelta(seconds=1), tick=False)
        response = client.get(url)
        assert response.status_code == 410
        assert "B said no." not in response.content.decode()

    def test_a_link_still_valid_on_its_last_day(self, draft, client, time_machine, now):
        url = link_url(draft.participant)
        time_machine.move_to(now + LINK_LIFETIME - datetime.timedelta(seconds=1), tick=False)
        assert client.get(url).status_code == 200

    def test_an_altered_link(self, draft, client):
        token = make_token(draft.participant)
        altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        response = client.get(reverse("comment_rounds:by_link", args=[altered]))
        assert response.status_code == 404
        assert "B said no." not in response.content.decode()


class TestTheDraftRecord:
    def test_the_meeting_its_items_interventions_and_decisions(self, draft, speaker_client):
        draft.intervention_b.speaking_as = "Chair"
        draft.intervention_b.save()
        body = speaker_client.get(page_url(draft)).content.decode()
        meeting = draft.meeting
        assert meeting.title in body and meeting.city in body
        assert meeting.short_label in body and meeting.when in body
        assert draft.first_item.number_and_title in body
        assert "The item opened with a tour de table." in body
        assert draft.speaker_a.name in body and draft.speaker_a.organization.name in body
        assert draft.participant_b.organization.name in body
        assert "speaking as Chair" in body
        assert "A said yes." in body and "B said no." in body
        assert "Circulate the draft roadmap." in body
        assert body.index("A said yes.") < body.index("Circulate the draft roadmap.")
        assert body.index("Circulate the draft roadmap.") < body.index("B said no.")

    def test_marked_as_a_draft_with_its_deadline(self, draft, speaker_client):
        body = speaker_client.get(page_url(draft)).content.decode()
        assert (
            "Draft — circulated for comments until 11 December 2019, 17:00 UTC, not the "
            "published record." in body
        )

    def test_each_interventions_answer_from_its_speakers(self, draft, speaker_client):
        Confirmation.objects.create(
            round=draft.round, intervention=draft.intervention_a, reviewer=draft.speaker
        )
        make_comment(
            draft.participant,
            intervention=draft.intervention_b,
            proposed_wording="B said no, for now.",
        )
        body = speaker_client.get(page_url(draft)).content.decode()
        a = body[body.index(f'id="intervention-{draft.intervention_a.pk}"') :]
        b = body[body.index(f'id="intervention-{draft.intervention_b.pk}"') :]
        assert "Confirmed</span>" in a[: a.index("</article>")]
        assert "Correction proposed</span>" in b[: b.index("</article>")]

    def test_no_answer_yet(self, draft, speaker_client):
        body = speaker_client.get(page_url(draft)).content.decode()
        assert body.count("No answer yet</span>") == 2


class TestAfterPublishing:
    def test_the_reviewer_keeps_their_comments_and_answers_without_forms(
        self, draft, speaker_client
    ):
        make_comment(
            draft.speaker,
            intervention=draft.intervention_a,
            text="Say yes twice.",
            resolution="declined",
            reply="Once is enough.",
        )
        draft.meeting.status = "published"
        draft.meeting.save()
        response = speaker_client.get(page_url(draft))
        body = response.content.decode()
        assert response.status_code == 200
        assert "The record has been published" in body
        assert f'href="{draft.meeting.get_absolute_url()}"' in body
        assert "Say yes twice." in body and "Once is enough." in body
        assert "<textarea" not in body
        assert "Confirm this summary" not in body
        assert "Withdraw this comment" not in body

    def test_a_posted_comment_is_refused_keeping_the_text(self, draft, speaker_client):
        draft.meeting.status = "published"
        draft.meeting.save()
        data = {"action": "comment", "target": "whole", "text": "Too late, alas."}
        body = speaker_client.post(page_url(draft), data).content.decode()
        assert "has been published: comments are no longer taken" in body
        assert "Too late, alas." in body
        assert not draft.round.comments.exists()


def test_an_outsider_of_the_meeting_is_not_named_on_it(draft, speaker_client):
    # The page shows the record's people, not the round's list of reviewers.
    body = speaker_client.get(page_url(draft)).content.decode()
    assert draft.outsider.name not in body
    assert draft.listener.name not in body
    assert "@example.org" not in body
