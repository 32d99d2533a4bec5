"""The reviewer's page in Chromium: a speaker opens the draft record by their personal link,
comments on the whole record, confirms their summary; axe-core finds no serious violation, with
a comment form open and after each step."""

import pytest
from django.urls import reverse

from comment_rounds.links import make_token
from comment_rounds.reviewers import add_reviewers
from tests.factories import make_comment_round, make_draft_record

from .conftest import audit, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def speakers_link(site):
    """A draft record circulated for comments, committed for the live server: the link of the
    first intervention's speaker."""
    draft = make_draft_record()
    draft.first_item.narrative = "The item opened with a tour de table."
    draft.first_item.save()
    comment_round = make_comment_round(draft.meeting)
    add_reviewers(comment_round)
    speaker = comment_round.reviewers.get(person=draft.speaker_a)
    return reverse("comment_rounds:by_link", args=[make_token(speaker)])


def test_a_speaker_comments_and_confirms(page, site, speakers_link, axe_path):
    page.goto(site + speakers_link)
    assert "not the published record" in page.locator("#draft-banner").inner_text()
    page.get_by_text("Comment on the record as a whole").click()
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the reviewer's page:\n{describe(blocking)}"

    whole = page.locator("#whole-record")
    whole.get_by_label("Your comment").fill("The record reads well.")
    whole.get_by_role("button", name="Send my comment").click()
    page.get_by_role("status").filter(has_text="Your comment was sent").wait_for()
    assert "The record reads well." in page.locator("#whole-record").inner_text()

    page.get_by_role("button", name="Confirm this summary").click()
    page.get_by_role("status").filter(has_text="you confirmed the summary").wait_for()
    assert page.get_by_text("You confirmed it.").count() == 1
    screenshot(page, "round-page-1280.png")
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the reviewer's page after commenting:\n{describe(blocking)}"
