"""The page where the Secretariat resolves a round's comments: answers, replies, a wording
applied or refused, pages of fifty, and the same queries at ten times the comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comment_rounds.models import Resolution
from tests.factories import make_comment, make_comment_round, make_draft_record, make_reviewer

from .round_admin_helpers import make_busy_round

pytestmark = pytest.mark.django_db


def resolve_url(comment_round, page=None):
    url = reverse("admin:comment_rounds_commentround_resolve", args=[comment_round.pk])
    return f"{url}?page={page}" if page else url


@pytest.fixture
def draft():
    draft = make_draft_record()
    draft.round = make_comment_round(draft.meeting)
    draft.speaker = make_reviewer(draft.round, person=draft.speaker_a)
    draft.correction = make_comment(
        draft.speaker,
        intervention=draft.intervention_a,
        place="1. Item 1 · A",
        text="I said yes, with conditions.",
        original_wording="A said yes.",
        proposed_wording="A said yes, with conditions.",
    )
    return draft


def test_the_page_shows_each_comment_with_both_wordings(staff_client, draft):
    page = staff_client.get(resolve_url(draft.round)).content.decode()

    for text in (
        str(draft.speaker_a),
        "I said yes, with conditions.",
        "A said yes, with conditions.",  # proposed
        "A said yes.",  # the record now
        "Correction proposed",
        "Accept and apply the proposed wording",
    ):
        assert text in page, text


def test_declining_with_a_reply(staff_client, draft):
    response = staff_client.post(
        resolve_url(draft.round),
        {"comment": draft.correction.pk, "resolution": "declined", "reply": "Kept as said."},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{draft.correction.pk}")
    draft.correction.refresh_from_db()
    assert (draft.correction.resolution, draft.correction.reply) == ("declined", "Kept as said.")
    assert draft.correction.resolved_at is not None


def test_an_answer_without_a_resolution_keeps_the_reply_typed(staff_client, draft):
    response = staff_client.post(
        resolve_url(draft.round), {"comment": draft.correction.pk, "reply": "Typed with care."}
    )

    assert response.status_code == 200
    assert "Typed with care." in response.content.decode()
    assert "Choose an answer" in response.content.decode()
    draft.correction.refresh_from_db()
    assert draft.correction.resolved_at is None


def test_accepting_and_applying_the_wording(staff_client, draft):
    response = staff_client.post(
        resolve_url(draft.round),
        {"comment": draft.correction.pk, "reply": "Corrected.", "apply": "1"},
        follow=True,
    )

    draft.intervention_a.refresh_from_db()
    assert draft.intervention_a.summary == "A said yes, with conditions."
    reason = draft.intervention_a.history.first().history_change_reason
    assert reason.startswith(f"Applied comment #{draft.correction.pk} by {draft.speaker_a}")
    draft.correction.refresh_from_db()
    assert draft.correction.resolution == Resolution.ACCEPTED
    assert draft.correction.reply == "Corrected."
    assert draft.correction.wording_applied_at is not None
    assert "Accept and apply" not in response.content.decode()  # nothing left to apply


def test_applying_over_an_edit_is_refused_on_the_page_with_both(staff_client, draft):
    draft.intervention_a.summary = "A said yes, as the Secretariat has it now."
    draft.intervention_a.save()

    response = staff_client.post(
        resolve_url(draft.round),
        {"comment": draft.correction.pk, "reply": "Let us see.", "apply": "1"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "edited since" in body
    assert "A said yes, as the Secretariat has it now." in body and "A said yes." in body
    assert "Let us see." in body
    draft.intervention_a.refresh_from_db()
    assert draft.intervention_a.summary == "A said yes, as the Secretariat has it now."


def test_applying_to_a_deleted_intervention_is_refused_on_the_page(staff_client, draft):
    draft.intervention_a.delete()

    response = staff_client.post(
        resolve_url(draft.round), {"comment": draft.correction.pk, "apply": "1"}
    )

    assert response.status_code == 200
    assert "deleted since" in response.content.decode()
    draft.correction.refresh_from_db()
    assert draft.correction.wording_applied_at is None


def test_a_comment_of_another_round_is_not_answered(staff_client, draft):
    other = make_comment()

    response = staff_client.post(
        resolve_url(draft.round), {"comment": other.pk, "resolution": "declined"}, follow=True
    )

    assert "not one of this round" in response.content.decode()
    other.refresh_from_db()
    assert other.resolution == ""


@pytest.mark.parametrize("value", ["", "abc", "9" * 30, "-1"])
def test_a_bad_comment_number_changes_nothing(staff_client, draft, value):
    response = staff_client.post(
        resolve_url(draft.round), {"comment": value, "resolution": "declined"}
    )

    assert response.status_code == 302
    draft.correction.refresh_from_db()
    assert draft.correction.resolution == ""


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


RESOLVE_PAGE_QUERIES = 14


def test_fifty_a_page_in_the_same_queries_at_ten_times(staff_client):
    few = make_busy_round(reviewers=5, comments=20)
    many = make_busy_round(reviewers=40, comments=200)
    staff_client.get(resolve_url(few))

    counts = [
        count_queries(staff_client, resolve_url(few)),
        count_queries(staff_client, resolve_url(many)),
        count_queries(staff_client, resolve_url(many, page=4)),
    ]

    # The first page of the many holds whole-record and item comments alone: the speakers'
    # answers need no query there.
    assert counts[0] == counts[2] <= RESOLVE_PAGE_QUERIES, counts
    assert counts[1] <= counts[0], counts
    response = staff_client.get(resolve_url(many, page=2))
    assert len(response.context["page"].object_list) == 50
    assert "page 2 of 4" in response.content.decode()
    assert staff_client.get(resolve_url(many, page="x")).status_code == 200


def test_viewing_without_changing_shows_no_form(client, django_user_model, draft):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user(
        "reader", password="a-long-test-password-1", is_staff=True
    )
    reader.user_permissions.add(Permission.objects.get(codename="view_commentround"))
    client.force_login(reader)

    page = client.get(resolve_url(draft.round))
    refused = client.post(
        resolve_url(draft.round), {"comment": draft.correction.pk, "resolution": "declined"}
    )

    assert page.status_code == 200 and "Save the answer" not in page.content.decode()
    assert refused.status_code == 403
