"""The issue's acceptance: a member following Nepal gets one e-mail after a milestone is recorded,
and none the next day with nothing new; the unsubscribe link works without signing in and stops
only that follow of that address; a draft's items reach no digest."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from actiongroups.models import ActionGroup
from following.models import Follow, FollowDigestSent
from meetings.models import Meeting
from partners.models import Country
from pathfinders.models import Stage
from tests.factories import make_action_point, make_document, make_meeting, make_milestone

from .conftest import follow, make_follower

DAY_0 = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def run(time_machine, moment):
    time_machine.move_to(moment, tick=False)
    call_command("send_follow_digests", stdout=StringIO())


def unsubscribe_link(email):
    return re.search(
        r"<https?://[^/]+(/follow/stop/[^>]+)>", email.extra_headers["List-Unsubscribe"]
    )[1]


@pytest.mark.django_db
class TestFollowingNepal:
    def test_one_email_after_a_milestone_none_the_next_day(self, record, time_machine, sent_today):
        time_machine.move_to(DAY_0, tick=False)
        nepal = Country.objects.get(name="Nepal")
        follower = make_follower(nepal, email="nepal.follower@example.org")
        time_machine.move_to(DAY_0 + datetime.timedelta(hours=1), tick=False)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))

        run(time_machine, DAY_0 + DAY)
        [email] = sent_today()
        assert email.to == ["nepal.follower@example.org"]
        assert email.subject == "GCG portal: 1 change about Nepal"
        assert "Nepal: Roadmap" in email.body
        html = email.alternatives[0][0]
        assert "Nepal: Roadmap" in html and 'lang="en-gb"' in html
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert FollowDigestSent.objects.filter(follow=follower).count() == 1

        run(time_machine, DAY_0 + DAY + datetime.timedelta(hours=3))  # again, the same day
        run(time_machine, DAY_0 + 2 * DAY)  # the next day, nothing new
        assert sent_today() == []
        assert FollowDigestSent.objects.count() == 1

    def test_the_next_digest_tells_only_what_is_new(self, record, time_machine, sent_today):
        time_machine.move_to(DAY_0, tick=False)
        nepal = Country.objects.get(name="Nepal")
        make_follower(nepal)
        time_machine.move_to(DAY_0 + datetime.timedelta(hours=1), tick=False)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))
        run(time_machine, DAY_0 + DAY)
        time_machine.move_to(DAY_0 + DAY + datetime.timedelta(hours=2), tick=False)
        make_milestone(nepal, Stage.PROGRESS_REPORT, Meeting.objects.get(number=5))
        run(time_machine, DAY_0 + 2 * DAY)
        first, second = sent_today()
        assert "Nepal: Roadmap" in first.body
        assert "Nepal: Progress report" in second.body and "Roadmap" not in second.body

    def test_the_unsubscribe_link_stops_only_that_follow_of_that_address(
        self, record, time_machine, sent_today, client
    ):
        time_machine.move_to(DAY_0, tick=False)
        nepal = Country.objects.get(name="Nepal")
        supply_chains = ActionGroup.objects.get(name="Supply Chains")
        leaving = make_follower(nepal, email="leaving@example.org")
        their_other = follow(leaving.user, supply_chains)
        staying = make_follower(nepal, email="staying@example.org")
        time_machine.move_to(DAY_0 + datetime.timedelta(hours=1), tick=False)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))
        run(time_machine, DAY_0 + DAY)
        emails = {email.to[0]: email for email in sent_today()}
        link = unsubscribe_link(emails["leaving@example.org"])

        # Not signed in: a GET only asks.
        page = client.get(link)
        assert page.status_code == 200
        assert "Stop these e-mails" in page.content.decode()
        assert Follow.objects.filter(pk=leaving.pk).exists()
        # The mail provider's one-click POST: no cookie, no CSRF token.
        stopped = client.post(link, {"List-Unsubscribe": "One-Click"})
        assert stopped.status_code == 200
        assert not Follow.objects.filter(pk=leaving.pk).exists()
        assert set(Follow.objects.values_list("pk", flat=True)) == {their_other.pk, staying.pk}

        time_machine.move_to(DAY_0 + DAY + datetime.timedelta(hours=2), tick=False)
        make_milestone(nepal, Stage.PROGRESS_REPORT, Meeting.objects.get(number=5))
        run(time_machine, DAY_0 + 2 * DAY)
        assert [email.to for email in sent_today()] == [["staying@example.org"]]

    def test_a_tampered_link_is_refused_saying_so(self, record, time_machine, sent_today, client):
        time_machine.move_to(DAY_0, tick=False)
        nepal = Country.objects.get(name="Nepal")
        kept = make_follower(nepal)
        time_machine.move_to(DAY_0 + datetime.timedelta(hours=1), tick=False)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))
        run(time_machine, DAY_0 + DAY)
        [email] = sent_today()
        link = unsubscribe_link(email)
        tampered = link[:-3] + "xx/"  # the signature altered
        for url in (tampered, reverse("following:unsubscribe", args=["not-a-token"])):
            page = client.post(url)
            assert page.status_code == 404
            assert "This link is not valid" in page.content.decode()
        assert Follow.objects.filter(pk=kept.pk).exists()

    def test_a_drafts_items_reach_no_digest(self, record, time_machine, sent_today):
        time_machine.move_to(DAY_0, tick=False)
        nepal = Country.objects.get(name="Nepal")
        make_follower(nepal)
        make_follower(None)
        time_machine.move_to(DAY_0 + datetime.timedelta(hours=1), tick=False)
        draft = make_meeting(status="draft", title="Draft meeting, never shown")
        make_milestone(nepal, Stage.ROADMAP, draft)
        point = make_action_point(draft, text="A draft's decision, never shown")
        point.countries.add(nepal)
        make_document(title="A draft's paper, never shown", meeting=draft).countries.add(nepal)
        run(time_machine, DAY_0 + DAY)
        assert sent_today() == []
        assert FollowDigestSent.objects.count() == 0

        # Published, it is told, once, from its publication.
        time_machine.move_to(DAY_0 + DAY + datetime.timedelta(hours=1), tick=False)
        draft.status = "published"
        draft.save()
        run(time_machine, DAY_0 + 2 * DAY)
        emails = sent_today()
        assert len(emails) == 2
        nepal_email = next(email for email in emails if "Nepal" in email.subject)
        assert "Nepal: Roadmap" in nepal_email.body
        assert "A draft&#x27;s paper" in nepal_email.alternatives[0][0] or (
            "A draft's paper" in nepal_email.body
        )
