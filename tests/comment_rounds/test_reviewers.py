"""Who takes part in a round (comment_rounds.reviewers), and whose words a reviewer may confirm."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from base.accounts.invitations import MEMBERS
from comment_rounds.models import Audience, Confirmation
from comment_rounds.reviewers import add_reviewers, people_taking_part, speaks_for
from comment_rounds.speaker_answers import (
    CONFIRMED,
    CORRECTION_PROPOSED,
    NO_ANSWER,
    statuses,
)
from tests.factories import (
    make_attendance,
    make_comment,
    make_comment_round,
    make_draft_record,
    make_invitation,
    make_person,
    make_reviewer,
)

pytestmark = pytest.mark.django_db


def test_participants_are_the_attendance_each_for_their_organisation():
    draft = make_draft_record()
    people = people_taking_part(draft.meeting, Audience.PARTICIPANTS)
    assert people == {
        draft.speaker_a.pk: draft.speaker_a.organization_id,
        draft.participant_b.pk: draft.participant_b.organization_id,
        draft.listener.pk: draft.listener.organization_id,
    }


def test_invitees_and_always_the_speakers():
    draft = make_draft_record()
    invitee = make_person()
    make_invitation(draft.meeting, invitee)
    people = people_taking_part(draft.meeting, Audience.INVITEES)
    # The listener attended for an organisation that did not take the floor: not a speaker.
    assert set(people) == {invitee.pk, draft.speaker_a.pk, draft.participant_b.pk}


def test_members_are_those_with_an_active_members_account(django_user_model):
    draft = make_draft_record()
    member = make_person()
    member.user = django_user_model.objects.create_user("a-member")
    member.user.groups.add(Group.objects.get_or_create(name=MEMBERS)[0])
    member.save()
    inactive = make_person()
    inactive.user = django_user_model.objects.create_user("gone", is_active=False)
    inactive.user.groups.add(Group.objects.get(name=MEMBERS))
    inactive.save()
    people = people_taking_part(draft.meeting, Audience.MEMBERS)
    assert set(people) == {member.pk, draft.speaker_a.pk, draft.participant_b.pk}


def test_erased_people_take_no_part():
    draft = make_draft_record()
    draft.listener.erased_at = timezone.now()
    draft.listener.save()
    assert draft.listener.pk not in people_taking_part(draft.meeting, Audience.PARTICIPANTS)


def test_adding_twice_adds_only_the_newcomers():
    draft = make_draft_record()
    comment_round = make_comment_round(draft.meeting)
    assert add_reviewers(comment_round) == 3
    assert add_reviewers(comment_round) == 0
    newcomer = make_person()
    make_attendance(draft.meeting, newcomer)
    assert add_reviewers(comment_round) == 1
    assert comment_round.reviewers.count() == 4


def test_the_speaker_and_their_organisation_speak_for_an_intervention():
    draft = make_draft_record()
    comment_round = make_comment_round(draft.meeting)
    add_reviewers(comment_round)
    by_person = {r.person_id: r for r in comment_round.reviewers.all()}
    assert speaks_for(by_person[draft.speaker_a.pk], draft.intervention_a)
    assert speaks_for(by_person[draft.participant_b.pk], draft.intervention_b)
    assert not speaks_for(by_person[draft.listener.pk], draft.intervention_a)
    assert not speaks_for(by_person[draft.speaker_a.pk], draft.intervention_b)


def test_statuses_a_correction_outweighs_a_confirmation():
    draft = make_draft_record()
    comment_round = make_comment_round(draft.meeting)
    add_reviewers(comment_round)
    by_person = {r.person_id: r for r in comment_round.reviewers.all()}
    pks = [draft.intervention_a.pk, draft.intervention_b.pk]
    assert statuses(comment_round, pks) == dict.fromkeys(pks, NO_ANSWER)
    Confirmation.objects.create(
        round=comment_round,
        intervention=draft.intervention_a,
        reviewer=by_person[draft.speaker_a.pk],
    )
    # A listener's proposed wording is a comment, not a speaker's correction.
    make_comment(
        by_person[draft.listener.pk],
        intervention=draft.intervention_b,
        proposed_wording="B said so.",
    )
    assert statuses(comment_round, pks) == {pks[0]: CONFIRMED, pks[1]: NO_ANSWER}
    make_comment(
        by_person[draft.participant_b.pk],
        intervention=draft.intervention_b,
        proposed_wording="B said no, for now.",
    )
    make_comment(
        by_person[draft.speaker_a.pk], intervention=draft.intervention_a, proposed_wording="Yes!"
    )
    assert statuses(comment_round, pks) == dict.fromkeys(pks, CORRECTION_PROPOSED)


def test_a_reviewer_made_by_hand_is_for_their_own_organisation():
    reviewer = make_reviewer()
    assert reviewer.organization_id == reviewer.person.organization_id
