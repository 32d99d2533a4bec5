"""The Secretariat's rounds in the admin: opening one (the add form), the round's page, closing
and re-circulating it, the link from the meeting's page, who may reach them, and their queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.record.visibility import PublicationStatus
from comment_rounds.models import Audience, CommentRound
from comment_rounds.reviewers import add_reviewers
from tests.factories import (
    make_attendance,
    make_comment_round,
    make_draft_record,
    make_meeting,
)

from .round_admin_helpers import make_busy_round

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2019, 8, 1, 9, 0, tzinfo=datetime.UTC)
IN_TEN_DAYS = NOW + datetime.timedelta(days=10)
ADD_URL = reverse("admin:comment_rounds_commentround_add")


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def round_url(view, comment_round):
    return reverse(f"admin:comment_rounds_commentround_{view}", args=[comment_round.pk])


def opening(meeting, deadline=("2019-08-11", "12:00"), **extra):
    return {
        "meeting": meeting.pk,
        "audience": Audience.PARTICIPANTS,
        "deadline_0": deadline[0],
        "deadline_1": deadline[1],
        **extra,
    }


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Opening ---------------------------------------------------------------------------------------


def test_the_add_form_offers_only_meetings_to_circulate(now, staff_client):
    draft = make_meeting(status=PublicationStatus.DRAFT, title="Draft to circulate")
    published = make_meeting(title="Published already")
    cancelled = make_meeting(status=PublicationStatus.DRAFT, cancelled=True, title="Cancelled")
    circulated = make_comment_round(make_meeting(status=PublicationStatus.DRAFT)).meeting

    form = staff_client.get(ADD_URL).context["adminform"].form

    offered = [value for value, _label in form.fields["meeting"].widget.choices if value]
    assert offered == [draft.pk]
    assert {published.pk, cancelled.pk, circulated.pk}.isdisjoint(offered)


def test_the_meeting_s_link_chooses_it_on_the_add_form(now, staff_client):
    meeting = make_meeting(status=PublicationStatus.DRAFT)

    response = staff_client.get(
        reverse("admin:comment_rounds_commentround_for_meeting", args=[meeting.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == f"{ADD_URL}?meeting={meeting.pk}"
    assert response.context["adminform"].form.initial["meeting"] == str(meeting.pk)


def test_opening_a_round_says_how_many_take_part(now, staff_client):
    draft = make_draft_record()

    response = staff_client.post(ADD_URL, opening(draft.meeting), follow=True)

    comment_round = CommentRound.objects.get()
    assert comment_round.meeting == draft.meeting
    assert comment_round.deadline == datetime.datetime(2019, 8, 11, 12, 0, tzinfo=datetime.UTC)
    assert comment_round.reviewers.count() == 3
    assert any("3 people take part" in message for message in messages_of(response))


@pytest.mark.parametrize(
    "meeting_kwargs, refusal",
    [
        ({"status": PublicationStatus.PUBLISHED}, "is published"),
        ({"status": PublicationStatus.DRAFT, "cancelled": True}, "was cancelled"),
    ],
    ids=["published", "cancelled"],
)
def test_opening_is_refused_with_the_reason(now, staff_client, meeting_kwargs, refusal):
    meeting = make_meeting(**meeting_kwargs)

    response = staff_client.post(ADD_URL, opening(meeting, shares_comments="on"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert refusal in errors["meeting"][0]
    assert not CommentRound.objects.exists()
    assert response.context["adminform"].form["shares_comments"].value() is True  # kept


def test_opening_a_second_round_is_refused(now, staff_client):
    existing = make_comment_round()

    response = staff_client.post(ADD_URL, opening(existing.meeting))

    assert "re-circulate" in response.context["adminform"].form.errors["meeting"][0]
    assert CommentRound.objects.count() == 1


def test_a_past_deadline_is_refused(now, staff_client):
    meeting = make_meeting(status=PublicationStatus.DRAFT)

    response = staff_client.post(ADD_URL, opening(meeting, deadline=("2019-07-31", "12:00")))

    assert "future" in response.context["adminform"].form.errors["deadline"][0]
    assert not CommentRound.objects.exists()


def test_an_unreadable_deadline_gets_a_message(now, staff_client):
    meeting = make_meeting(status=PublicationStatus.DRAFT)

    response = staff_client.post(ADD_URL, opening(meeting, deadline=("next week", "")))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["deadline"]


# The round's page ------------------------------------------------------------------------------


def test_the_round_s_page_shows_its_facts_and_people(now, staff_client):
    draft = make_draft_record()
    staff_client.post(ADD_URL, opening(draft.meeting))
    comment_round = CommentRound.objects.get()

    page = staff_client.get(round_url("change", comment_round)).content.decode()

    for text in (str(draft.meeting), "3 people", str(draft.speaker_a), "Resolve the comments"):
        assert text in page
    assert round_url("resolve", comment_round) in page
    assert round_url("close", comment_round) in page
    assert round_url("recirculate", comment_round) not in page


def test_the_deadline_is_editable_while_open_only(now, staff_client):
    open_round = make_comment_round(deadline=IN_TEN_DAYS)
    closed = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)

    open_form = staff_client.get(round_url("change", open_round)).context["adminform"].form
    closed_form = staff_client.get(round_url("change", closed)).context["adminform"].form

    assert "deadline" in open_form.fields and "meeting" not in open_form.fields
    assert "deadline" not in closed_form.fields


def test_extending_the_deadline_keeps_the_reason(now, staff_client):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS)

    response = staff_client.post(
        round_url("change", comment_round),
        {
            "deadline_0": "2019-08-20",
            "deadline_1": "12:00",
            "history_change_reason": "Asked for by the ILO",
        },
    )

    assert response.status_code == 302
    comment_round.refresh_from_db()
    assert comment_round.deadline == datetime.datetime(2019, 8, 20, 12, 0, tzinfo=datetime.UTC)
    assert comment_round.history.first().history_change_reason == "Asked for by the ILO"


def test_moving_the_deadline_into_the_past_is_refused(now, staff_client):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS)

    response = staff_client.post(
        round_url("change", comment_round), {"deadline_0": "2019-07-20", "deadline_1": "12:00"}
    )

    assert "future" in response.context["adminform"].form.errors["deadline"][0]
    comment_round.refresh_from_db()
    assert comment_round.deadline == IN_TEN_DAYS


# Closing and re-circulating --------------------------------------------------------------------


def test_close_now(now, staff_client):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS)
    assert "Close now" in staff_client.get(round_url("close", comment_round)).content.decode()

    response = staff_client.post(round_url("close", comment_round), follow=True)

    comment_round.refresh_from_db()
    assert comment_round.closed_at == NOW
    assert any("is closed" in message for message in messages_of(response))
    assert comment_round.history.first().history_change_reason == "Closed by hand"


def test_closing_a_closed_round_is_refused_with_a_message(now, staff_client):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)

    response = staff_client.post(round_url("close", comment_round))

    assert response.status_code == 200
    assert "closed on" in response.context["refused"]
    assert comment_round.history.count() == 1


def test_closing_from_the_list(now, staff_client):
    open_round = make_comment_round(deadline=IN_TEN_DAYS)
    closed = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW - datetime.timedelta(days=1))

    response = staff_client.post(
        reverse("admin:comment_rounds_commentround_changelist"),
        {"action": "close_action", "_selected_action": [open_round.pk, closed.pk]},
        follow=True,
    )

    open_round.refresh_from_db()
    closed.refresh_from_db()
    assert open_round.closed_at == NOW
    assert closed.closed_at == NOW - datetime.timedelta(days=1)
    assert any("closed on" in message for message in messages_of(response))


def test_sending_the_e_mails_from_the_list(now, staff_client, mailoutbox):
    draft = make_draft_record()
    comment_round = make_comment_round(draft.meeting, deadline=IN_TEN_DAYS)
    add_reviewers(comment_round)
    changelist = reverse("admin:comment_rounds_commentround_changelist")
    chosen = {"action": "send_round_emails_due", "_selected_action": [comment_round.pk]}

    response = staff_client.post(changelist, chosen, follow=True)

    assert "E-mails sent: 3." in messages_of(response)
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        person.emails.first().address
        for person in (draft.speaker_a, draft.participant_b, draft.listener)
    )
    response = staff_client.post(changelist, chosen, follow=True)  # the same day: none again
    assert "E-mails sent: 0." in messages_of(response) and len(mailoutbox) == 3


def test_recirculating_with_a_new_deadline(now, staff_client):
    draft = make_draft_record()
    staff_client.post(ADD_URL, opening(draft.meeting))
    comment_round = CommentRound.objects.get()
    staff_client.post(round_url("close", comment_round))
    make_attendance(draft.meeting)

    response = staff_client.post(
        round_url("recirculate", comment_round),
        {"deadline_0": "2019-08-30", "deadline_1": "18:00"},
        follow=True,
    )

    comment_round.refresh_from_db()
    assert comment_round.is_open() and comment_round.times_recirculated == 1
    assert comment_round.deadline == datetime.datetime(2019, 8, 30, 18, 0, tzinfo=datetime.UTC)
    assert comment_round.reviewers.count() == 4
    assert any("1 person joined" in message for message in messages_of(response))


def test_recirculating_an_open_round_is_refused_on_its_page(now, staff_client):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS)

    response = staff_client.post(
        round_url("recirculate", comment_round), {"deadline_0": "2019-08-30", "deadline_1": "18:00"}
    )

    assert "still open" in response.context["refused"]
    comment_round.refresh_from_db()
    assert comment_round.times_recirculated == 0


def test_recirculating_with_a_past_deadline_keeps_what_was_typed(now, staff_client):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)

    response = staff_client.post(
        round_url("recirculate", comment_round), {"deadline_0": "2019-07-30", "deadline_1": "18:00"}
    )

    form = response.context["form"]
    assert "future" in form.errors["deadline"][0]
    assert form["deadline"].value() == ["2019-07-30", "18:00"]
    comment_round.refresh_from_db()
    assert comment_round.closed_at == NOW


def test_recirculating_from_the_list_goes_to_its_page(now, staff_client):
    comment_round = make_comment_round(deadline=IN_TEN_DAYS, closed_at=NOW)

    response = staff_client.post(
        reverse("admin:comment_rounds_commentround_changelist"),
        {"action": "recirculate_action", "_selected_action": [comment_round.pk]},
    )

    assert response["Location"] == round_url("recirculate", comment_round)


# The meeting's page ----------------------------------------------------------------------------


def test_the_meeting_s_page_links_to_its_round(now, staff_client):
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    meeting_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    link = reverse("admin:comment_rounds_commentround_for_meeting", args=[meeting.pk])

    before = staff_client.get(meeting_url).content.decode()
    comment_round = make_comment_round(meeting)
    after = staff_client.get(meeting_url).content.decode()

    assert link in before and "Circulate the draft record for comments" in before
    assert link in after and "Comment round" in after
    assert "Circulate the draft record" not in after
    assert staff_client.get(link)["Location"] == round_url("change", comment_round)


# Who may reach them ----------------------------------------------------------------------------


@pytest.fixture
def staff_without_permissions(django_user_model):
    return django_user_model.objects.create_user(
        "bare-staff", password="a-long-test-password-1", is_staff=True
    )


@pytest.mark.parametrize("view", ["change", "close", "recirculate", "resolve"])
def test_staff_without_the_secretariat_s_permissions_are_refused(
    client, staff_without_permissions, view
):
    comment_round = make_comment_round()
    client.force_login(staff_without_permissions)

    assert client.get(round_url(view, comment_round)).status_code == 403
    assert client.post(round_url(view, comment_round)).status_code == 403
    comment_round.refresh_from_db()
    assert comment_round.closed_at is None


@pytest.mark.parametrize("view", ["change", "close", "resolve"])
def test_members_are_sent_to_sign_in(member_client, member, view):
    comment_round = make_comment_round()

    response = member_client.post(round_url(view, comment_round))

    assert response.status_code == 302 and "/login/" in response["Location"]
    comment_round.refresh_from_db()
    assert comment_round.closed_at is None


def test_nobody_writes_a_comment_under_a_reviewer_s_name(staff_client):
    from comment_rounds.models import Comment

    comment_round = make_busy_round(reviewers=1, comments=1)
    comment = comment_round.comments.get()
    add = reverse("admin:comment_rounds_comment_add")
    change = reverse("admin:comment_rounds_comment_change", args=[comment.pk])

    assert staff_client.get(add).status_code == 403
    staff_client.post(change, {"text": "Written by the Secretariat"})

    assert Comment.objects.get().text == "Comment 0"
    assert 'name="text"' not in staff_client.get(change).content.decode()


# Queries ---------------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


ROUND_PAGE_QUERIES = 14


def test_the_round_s_page_and_list_in_the_same_queries_at_ten_times(now, staff_client):
    few = make_busy_round(reviewers=6, comments=20)
    many = make_busy_round(reviewers=60, comments=200)
    changelist = reverse("admin:comment_rounds_commentround_changelist")
    staff_client.get(changelist)
    staff_client.get(round_url("change", few))

    counts = [
        count_queries(staff_client, round_url("change", few)),
        count_queries(staff_client, round_url("change", many)),
    ]
    list_few = count_queries(staff_client, changelist)
    for _ in range(9):
        make_busy_round(reviewers=2, comments=3)
    list_many = count_queries(staff_client, changelist)

    assert counts[0] == counts[1] <= ROUND_PAGE_QUERIES, counts
    assert list_few == list_many
    page = staff_client.get(round_url("change", many)).content.decode()
    assert "60 people" in page and "and 10 more" in page
