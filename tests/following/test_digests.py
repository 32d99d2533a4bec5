"""The follow digests: when each follow is due (daily, weekly), in the follower's language,
grouped by target (one e-mail a follow), the mail server failing, and a fixed number of queries
for any number of followers."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actiongroups.models import ActionGroup
from following import digests
from following.models import FollowDigestSent
from meetings.models import Meeting
from partners.models import Country, Organization
from pathfinders.models import Stage
from tests.factories import make_action_point, make_country, make_document, make_milestone

from .conftest import make_follower

DAY_0 = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
# The follows with their accounts, targets and last digests; a query per kind of change (seven);
# one per relation that ties a kind of change to the followed kinds of target, countries (seven:
# one a kind) and organisations (seven: a meeting's two, none for milestones, one for each other
# kind); one insert of the digests sent.
DIGEST_QUERIES = 1 + 7 + 7 + 7 + 1


def at(time_machine, moment):
    time_machine.move_to(moment, tick=False)


def send(time_machine, moment):
    at(time_machine, moment)
    return digests.send_digests()


@pytest.mark.django_db
class TestWhenAndWhat:
    def test_weekly_seven_days_after_the_last(self, record, time_machine, mailoutbox):
        at(time_machine, DAY_0)
        nepal = Country.objects.get(name="Nepal")
        make_follower(nepal, frequency="weekly")
        at(time_machine, DAY_0 + HOUR)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))
        assert send(time_machine, DAY_0 + 6 * DAY).sent == 0
        assert send(time_machine, DAY_0 + 7 * DAY).sent == 1
        at(time_machine, DAY_0 + 8 * DAY)
        make_milestone(nepal, Stage.PROGRESS_REPORT, Meeting.objects.get(number=5))
        assert send(time_machine, DAY_0 + 13 * DAY).sent == 0
        assert send(time_machine, DAY_0 + 14 * DAY).sent == 1
        assert len(mailoutbox) == 2

    def test_in_the_followers_language(self, record, time_machine, mailoutbox):
        at(time_machine, DAY_0)
        nepal = Country.objects.get(name="Nepal")
        make_follower(nepal, language="fr")
        at(time_machine, DAY_0 + HOUR)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))
        send(time_machine, DAY_0 + DAY)
        [email] = mailoutbox
        assert email.extra_headers["Content-Language"] == "fr"
        assert 'lang="fr"' in email.alternatives[0][0]
        assert "Feuille de route" in email.body  # the milestone's kind, in French

    def test_each_kind_of_change_of_an_action_group(self, record, time_machine, mailoutbox):
        at(time_machine, DAY_0)
        group = ActionGroup.objects.get(name="Supply Chains")
        make_follower(group)
        at(time_machine, DAY_0 + HOUR)
        meeting = Meeting.objects.get(number=5)
        decision = make_action_point(meeting, kind="decision", text="Adopt the work plan.")
        decision.action_groups.add(group)
        due = make_action_point(
            meeting, text="Send the paper.", due_date=datetime.date(2027, 3, 2), due_precision="day"
        )
        due.action_groups.add(group)
        make_document(title="Supply chains paper", meeting=meeting).action_groups.add(group)
        other = make_document(title="Not about the group", meeting=meeting)
        other.countries.add(Country.objects.get(name="Nepal"))
        send(time_machine, DAY_0 + DAY)
        [email] = mailoutbox
        assert "Decision: Adopt the work plan." in email.body
        assert "Follow-up agreed: Send the paper." in email.body
        assert "Follow-up due: Send the paper." in email.body
        assert "Document added: Supply chains paper" in email.body
        assert "Not about the group" not in email.body
        assert email.subject == "GCG portal: 4 changes about Supply Chains"


class FailingBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.django_db
class TestTheMailServerFailing:
    def test_nothing_recorded_the_command_fails_saying_so(
        self, record, time_machine, settings, mailoutbox
    ):
        at(time_machine, DAY_0)
        nepal = Country.objects.get(name="Nepal")
        make_follower(nepal)
        make_follower(nepal)
        at(time_machine, DAY_0 + HOUR)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))
        at(time_machine, DAY_0 + DAY)
        settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
        out = StringIO()
        with pytest.raises(CommandError, match="did not take 2 e-mail"):
            call_command("send_follow_digests", stdout=out)
        assert "not sent, the mail server failing: 2" in out.getvalue()
        assert FollowDigestSent.objects.count() == 0

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        call_command("send_follow_digests", stdout=out)
        assert len(mailoutbox) == 2  # sent on the next run


@pytest.mark.django_db
class TestQueries:
    def test_the_same_for_1_and_10_times_the_followers(
        self, record, time_machine, django_assert_num_queries, mailoutbox
    ):
        at(time_machine, DAY_0)
        nepal = Country.objects.get(name="Nepal")
        ilo = Organization.objects.get(acronym="ILO")
        make_follower(nepal)
        make_follower(ilo)
        at(time_machine, DAY_0 + HOUR)
        make_milestone(nepal, Stage.ROADMAP, Meeting.objects.get(number=5))
        make_document(meeting=Meeting.objects.get(number=5)).organizations.add(ilo)
        at(time_machine, DAY_0 + DAY)
        with django_assert_num_queries(DIGEST_QUERIES):
            assert digests.send_digests().sent == 2

        at(time_machine, DAY_0 + DAY + HOUR)
        countries = [make_country() for _n in range(10)]
        for country in countries:
            make_follower(country)
            make_follower(ilo)
        at(time_machine, DAY_0 + DAY + 2 * HOUR)
        for country in countries:
            make_milestone(country, Stage.ROADMAP, Meeting.objects.get(number=5))
            make_document(meeting=Meeting.objects.get(number=5)).countries.add(country)
        make_document(meeting=Meeting.objects.get(number=5)).organizations.add(ilo)
        at(time_machine, DAY_0 + 2 * DAY)
        with django_assert_num_queries(DIGEST_QUERIES):
            report = digests.send_digests()
        # Nepal's follower has nothing new; ILO's eleven followers have its new paper.
        assert (report.sent, report.nothing_new) == (21, 1)
        assert len(mailoutbox) == 2 + 21
