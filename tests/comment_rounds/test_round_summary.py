"""What the published record says of its comment round (comment_rounds.round_summary and the
`comment_round` template tags): its dates, re-circulations and counts, on the meeting's page and
its printable report, in one query however many comments; never a comment itself, on any public
page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from base.record.visibility import PublicationStatus
from comment_rounds.models import Confirmation, Resolution
from comment_rounds.round_summary import round_summary
from meetings.models import Meeting
from tests.factories import (
    make_announced_meeting,
    make_comment,
    make_comment_round,
    make_draft_record,
    make_intervention,
    make_organization,
    make_person,
    make_reviewer,
)
from tests.meetings.test_open_data import MEETING_QUERIES

pytestmark = pytest.mark.django_db

OPENED = datetime.datetime(2019, 8, 1, 12, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2019, 8, 11, 12, tzinfo=datetime.UTC)
CLOSED = datetime.datetime(2019, 8, 9, 12, tzinfo=datetime.UTC)
SECRET = "Qzsecretcomment"
STATEMENT = "This record was circulated in draft for comments from 1 August 2019 to 9 August 2019."


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def published(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=PublicationStatus.PUBLISHED)
    meeting.refresh_from_db()
    return meeting


def closed_round(meeting, **kwargs):
    return make_comment_round(
        meeting, opened_at=OPENED, deadline=DEADLINE, closed_at=CLOSED, **kwargs
    )


@pytest.fixture
def commented():
    """A draft record's round: three reviewers commented four times (one for an organisation
    other than their own, one without an organisation, so counted for their own), a fourth only
    confirmed; two of the three interventions confirmed, the third since deleted."""
    draft = make_draft_record()
    comment_round = closed_round(draft.meeting)
    speaker_a = make_reviewer(comment_round, draft.speaker_a)
    for_another = make_reviewer(comment_round, make_person(), organization=make_organization())
    without = make_reviewer(comment_round, draft.participant_b, organization=None)
    only_confirms = make_reviewer(comment_round, make_person())
    deleted = make_intervention(draft.first_item, organization=only_confirms.person.organization)
    make_comment(speaker_a, text=f"{SECRET} on the whole", reply=f"{SECRET} reply")
    make_comment(
        speaker_a,
        intervention=draft.intervention_a,
        proposed_wording=f"{SECRET} wording",
        resolution=Resolution.ACCEPTED,
    )
    make_comment(for_another, agenda_item=draft.first_item, resolution=Resolution.DECLINED)
    make_comment(without, intervention=deleted, place=f"{SECRET} place")
    Confirmation.objects.create(
        round=comment_round, intervention=draft.intervention_a, reviewer=speaker_a
    )
    Confirmation.objects.create(round=comment_round, intervention=deleted, reviewer=only_confirms)
    Confirmation.objects.create(
        round=comment_round, intervention=draft.intervention_b, reviewer=without
    )
    Confirmation.objects.create(
        round=comment_round, intervention=draft.intervention_b, reviewer=only_confirms
    )
    deleted.delete()
    draft.round = comment_round
    return draft


class TestTheCounts:
    def test_comments_organisations_and_confirmed_interventions(self, commented):
        summary = round_summary(commented.meeting)
        assert summary.comments == 4  # answered or not
        # The speaker's, the other organisation (not the reviewer's own), B's for the reviewer
        # without one; not the organisation of the reviewer who only confirmed.
        assert summary.organisations == 3
        # A's and B's (confirmed twice); the deleted intervention is not counted, nor in the total.
        assert (summary.interventions_confirmed, summary.interventions) == (2, 2)
        assert (summary.opened_at, summary.closes_at) == (OPENED, CLOSED)
        assert not summary.is_open

    def test_a_reviewer_without_an_organisation_counts_for_their_own(self):
        comment_round = closed_round(published(make_draft_record().meeting))
        organization = make_organization()
        make_comment(make_reviewer(comment_round, make_person(organization=organization)))
        make_comment(
            make_reviewer(comment_round, make_person(organization=organization), organization=None)
        )
        assert round_summary(comment_round.meeting).organisations == 1

    def test_no_comments_and_no_confirmation(self):
        draft = make_draft_record()
        closed_round(draft.meeting)
        summary = round_summary(draft.meeting)
        assert (summary.comments, summary.organisations) == (0, 0)
        assert (summary.interventions_confirmed, summary.interventions) == (0, 2)

    def test_an_open_round_closes_at_its_deadline(self, time_machine):
        time_machine.move_to(OPENED + datetime.timedelta(days=1), tick=False)
        comment_round = make_comment_round(opened_at=OPENED, deadline=DEADLINE)
        summary = round_summary(comment_round.meeting)
        assert summary.is_open and summary.closes_at == DEADLINE
        time_machine.move_to(DEADLINE, tick=False)
        assert not round_summary(comment_round.meeting).is_open

    def test_no_round_no_summary(self):
        assert round_summary(make_draft_record().meeting) is None

    def test_one_query_however_many_comments(self, commented, django_assert_num_queries):
        for _n in range(200):
            make_comment(make_reviewer(commented.round))
        with django_assert_num_queries(1):
            summary = round_summary(commented.meeting)
        assert (summary.comments, summary.organisations) == (204, 203)


def page(client, meeting, name="meetings:detail"):
    response = client.get(reverse(name, args=[meeting.slug]))
    assert response.status_code == 200
    return response.content.decode()


class TestThePublishedRecordSaysIt:
    @pytest.mark.parametrize("name", ["meetings:detail", "meetings:report"])
    def test_a_visitor_reads_the_statement(self, client, commented, name):
        html = text(page(client, published(commented.meeting), name))
        assert (
            f"{STATEMENT} It received 4 comments from 3 organisations. "
            "2 of 2 interventions were confirmed by their speakers."
        ) in html
        assert "Comment round" not in html

    def test_re_circulated_once_then_twice(self, client, commented):
        meeting = published(commented.meeting)
        commented.round.times_recirculated = 1
        commented.round.save()
        assert "to 9 August 2019, re-circulated 1 time. It received" in text(page(client, meeting))
        commented.round.times_recirculated = 2
        commented.round.save()
        assert "re-circulated 2 times." in text(page(client, meeting, "meetings:report"))

    def test_no_comments_one_organisation_one_intervention(self, client):
        meeting = published(make_draft_record().meeting)
        meeting.agenda_items.last().interventions.all().delete()
        closed_round(meeting)
        html = text(page(client, meeting))
        assert (
            f"{STATEMENT} It received no comments. "
            "0 of 1 intervention was confirmed by its speakers."
        ) in html
        comment_round = meeting.comment_round
        make_comment(make_reviewer(comment_round))
        html = text(page(client, meeting))
        assert "It received 1 comment from 1 organisation." in html

    def test_a_meeting_without_a_round_says_nothing(self, client):
        html = page(client, published(make_draft_record().meeting))
        assert "circulated in draft" not in html and "comment-round" not in html


class TestOnADraft:
    def test_staff_see_it_marked_open_until_the_deadline(self, staff_client, time_machine):
        time_machine.move_to(OPENED + datetime.timedelta(days=1), tick=False)
        draft = make_draft_record()
        make_comment_round(draft.meeting, opened_at=OPENED, deadline=DEADLINE)
        for name in ("meetings:detail", "meetings:report"):
            html = text(page(staff_client, draft.meeting, name))
            assert "Comment round open until 11 August 2019, 12:00 UTC" in html
            assert "from 1 August 2019 to 11 August 2019. It received no comments." in html

    def test_staff_see_it_marked_closed(self, staff_client, commented):
        html = text(page(staff_client, commented.meeting))
        assert "Comment round closed on 9 August 2019, 12:00 UTC" in html
        assert "It received 4 comments from 3 organisations." in html

    def test_an_announced_drafts_announcement_says_nothing_of_it(self, client):
        meeting = make_announced_meeting(agenda=["Opening"], agenda_circulated=True)
        comment_round = make_comment_round(meeting)
        make_comment(make_reviewer(comment_round), text=SECRET)
        html = page(client, meeting)
        assert "circulated in draft" not in html and SECRET.lower() not in html.lower()


def public_urls(meeting):
    return [
        reverse("meetings:detail", args=[meeting.slug]),
        reverse("meetings:report", args=[meeting.slug]),
        reverse("meetings:detail_json", args=[meeting.slug]),
        reverse("meetings:interventions_csv", args=[meeting.slug]),
        reverse("meetings:attendance_csv", args=[meeting.slug]),
        reverse("meetings:list_json"),
        # The search repeats what it was asked: it is asked for the comments' other words.
        *[f"{reverse('search:results')}?q={word}" for word in ("whole", "wording", "reply")],
    ]


def test_no_comment_reaches_a_public_page(client, member_client, staff_client, commented):
    """Not its text, proposed wording, reply or place: to a visitor, a member, nor staff."""
    meeting = published(commented.meeting)
    for reader in (client, member_client, staff_client):
        for url in public_urls(meeting):
            response = reader.get(url)
            assert response.status_code == 200, url
            assert SECRET.lower() not in response.content.decode().lower(), url
    assert "circulated in draft" in text(page(client, meeting))


@pytest.mark.parametrize("name", ["meetings:detail", "meetings:report"])
def test_the_pages_cost_one_query_more_with_or_without_a_round(
    client, name, django_assert_num_queries
):
    """The statement's one query, whether the round has one comment or 200."""
    draft = make_draft_record()
    meeting = published(draft.meeting)
    url = reverse(name, args=[meeting.slug])
    with CaptureQueriesContext(connection) as without_round:
        client.get(url)
    comment_round = closed_round(meeting)
    make_comment(make_reviewer(comment_round))
    with django_assert_num_queries(len(without_round)):
        client.get(url)
    for _n in range(199):
        make_comment(make_reviewer(comment_round))
    Confirmation.objects.create(
        round=comment_round,
        intervention=draft.intervention_a,
        reviewer=make_reviewer(comment_round, draft.speaker_a),
    )
    with django_assert_num_queries(len(without_round)):
        html = text(client.get(url).content.decode())
    assert "It received 200 comments from 200 organisations." in html
    assert "1 of 2 interventions were confirmed" in html


def test_nothing_is_counted_of_another_meetings_round(commented):
    other = make_comment_round(opened_at=timezone.now())
    make_comment(make_reviewer(other))
    assert round_summary(commented.meeting).comments == 4
    assert round_summary(other.meeting).comments == 1


class TestTheMeetingsJson:
    """The meeting's JSON carries the same dates and counts (meetings.open_data counts them by
    relation names, the meetings app not importing comment_rounds: held here to the summary)."""

    def test_the_same_counts_as_the_statement(self, client, commented):
        meeting = published(commented.meeting)
        data = client.get(reverse("meetings:detail_json", args=[meeting.slug])).json()
        summary = round_summary(meeting)
        assert data["comment_round"] == {
            "circulated_from": OPENED.isoformat(),
            "circulated_until": CLOSED.isoformat(),
            "times_recirculated": 0,
            "comments": summary.comments,
            "organizations": summary.organisations,
            "interventions_confirmed": summary.interventions_confirmed,
            "interventions": summary.interventions,
        }
        assert (summary.comments, summary.organisations) == (4, 3)
        assert (summary.interventions_confirmed, summary.interventions) == (2, 2)

    def test_none_without_a_round(self, client):
        meeting = published(make_draft_record().meeting)
        data = client.get(reverse("meetings:detail_json", args=[meeting.slug])).json()
        assert data["comment_round"] is None

    def test_no_query_more_with_200_comments(self, client, django_assert_num_queries):
        meeting = published(make_draft_record().meeting)
        url = reverse("meetings:detail_json", args=[meeting.slug])
        with django_assert_num_queries(MEETING_QUERIES):
            client.get(url)
        comment_round = closed_round(meeting)
        for _n in range(200):
            make_comment(make_reviewer(comment_round))
        with django_assert_num_queries(MEETING_QUERIES):
            data = client.get(url).json()
        assert data["comment_round"]["comments"] == 200
