"""Issue 22 (TRUST.md S13/S14): a draft record circulated for comments, and every comment on it,
reach its reviewers alone. Every public URL the Secretariat's walk finds (tests/security/
url_table.py), and /me/, fetched as a visitor, as a member outside the round and as a reviewer of
another round, shows neither the draft's text nor any comment; the round's own page answers them
"not found", and a reviewer's personal link, used signed in as someone else, is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from comment_rounds.links import make_token
from comment_rounds.reviewers import add_reviewers
from tests.factories import (
    make_action_point,
    make_comment,
    make_comment_round,
    make_draft_record,
    make_person,
)

from .test_drafts_are_for_staff import fetch, signed_in
from .url_table import public_pages

pytestmark = pytest.mark.django_db

DRAFT = {
    "title": "Qzroundmeeting",
    "item": "Qzrounditem",
    "narrative": "Qzroundnarrative",
    "summary": "Qzroundsummary",
    "decision": "Qzrounddecision",
}
COMMENTS = {
    "on the whole": "Qzcommentwhole",
    "on an item": "Qzcommentitem",
    "a correction": "Qzcommentcorrection",
    "a wording": "Qzcommentwording",
    "a reply": "Qzcommentreply",
}


def circulated_draft():
    draft = make_draft_record()
    draft.meeting.title = DRAFT["title"]
    draft.meeting.save()
    draft.first_item.title = DRAFT["item"]
    draft.first_item.narrative = DRAFT["narrative"]
    draft.first_item.save()
    draft.intervention_a.summary = DRAFT["summary"]
    draft.intervention_a.save()
    make_action_point(draft.meeting, agenda_item=draft.first_item, text=DRAFT["decision"])
    draft.round = make_comment_round(draft.meeting, shares_comments=True)
    add_reviewers(draft.round)
    reviewers = {r.person_id: r for r in draft.round.reviewers.all()}
    speaker, listener = reviewers[draft.speaker_a.pk], reviewers[draft.listener.pk]
    make_comment(
        listener, text=COMMENTS["on the whole"], resolution="declined", reply=COMMENTS["a reply"]
    )
    make_comment(listener, agenda_item=draft.first_item, place="1", text=COMMENTS["on an item"])
    make_comment(
        speaker,
        intervention=draft.intervention_a,
        place="1 · A",
        text=COMMENTS["a correction"],
        proposed_wording=COMMENTS["a wording"],
    )
    draft.speaker = speaker
    return draft


def leaks(pages):
    markers = {**DRAFT, **COMMENTS}
    return {
        url: sorted(name for name, marker in markers.items() if marker.lower() in page)
        for url, (_status, page) in pages.items()
        if any(marker.lower() in page for marker in markers.values())
    }


@pytest.mark.usefixtures("record")
def test_the_draft_and_its_comments_reach_no_one_outside_the_round(
    member, staff, django_user_model
):
    draft = circulated_draft()
    make_person(user=member)
    # A reviewer of another round, signed in: theirs is another meeting's draft.
    other_round = make_comment_round()
    elsewhere = make_person(user=django_user_model.objects.create_user("elsewhere"))
    other_round.reviewers.create(person=elsewhere, organization=elsewhere.organization)

    walked = public_pages(signed_in(staff))
    # Less the personal links: each is its holder's page, reached with its token alone (S1's
    # table, and the tests of the round's page, hold them to that).
    personal = tuple(
        reverse(name, args=["x"]).removesuffix("x/")
        for name in ["comment_rounds:by_link", "invitations:answer", "invitations:unsubscribe"]
    )
    urls = {url for found in walked.values() for url in found if not url.startswith(personal)}
    assert draft.meeting.get_absolute_url() in urls  # staff found the draft's own page
    page = reverse("comment_rounds:page", args=[draft.round.pk])
    urls = sorted(urls | {reverse("directory:me"), page})

    readers = {
        "visitor": Client(),
        "member outside the round": signed_in(member),
        "reviewer of another round": signed_in(elsewhere.user),
    }
    for who, client in readers.items():
        pages = fetch(client, urls)
        assert leaks(pages) == {}, who
        assert pages[page][0] == 404, who
        assert client.get(reverse("comment_rounds:page", args=[other_round.pk])).status_code == (
            200 if who == "reviewer of another round" else 404
        )

    # The speaker's link, used by someone signed in: refused, showing nothing.
    link = reverse("comment_rounds:by_link", args=[make_token(draft.speaker)])
    for who in ["member outside the round", "reviewer of another round"]:
        refused = fetch(readers[who], [link])
        assert refused[link][0] == 403
        assert leaks(refused) == {}
    # While the round's own reviewer reads it all (the markers can be found).
    mine = fetch(Client(), [link])
    assert sorted(leaks(mine)[link]) == sorted({**DRAFT, **COMMENTS})
