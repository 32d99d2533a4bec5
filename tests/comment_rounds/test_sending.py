"""Sending the comment rounds' e-mails (`send_due`, the command, the admin's action): each once
(per circulation, per comment, per closing) however often it runs; deadline near within three
days to those who have done nothing yet; none to those who declined it; the mail server failing
midway or unreachable; a fixed number of queries, none per reviewer."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from base.record.visibility import PublicationStatus
from comment_rounds import sending
from comment_rounds.admin.email_action import send_round_emails_due
from comment_rounds.models import CommentRound, Confirmation, Resolution, RoundEmail
from comment_rounds.sending import DEADLINE_NEAR_WITHIN, send_due
from invitations.models import EmailKind, OptOut
from tests.factories import (
    make_agenda_item,
    make_comment,
    make_comment_round,
    make_intervention,
    make_person,
    make_reviewer,
)

from .round_emails import DAY, DEADLINE, NOW, draft_round, recipients, reviewers, told_of_it

pytestmark = pytest.mark.django_db

OPENED = EmailKind.ROUND_OPENED
NEAR = EmailKind.ROUND_DEADLINE_NEAR
REPLY = EmailKind.COMMENT_REPLY
CLOSED = EmailKind.ROUND_CLOSED
SECOND = datetime.timedelta(seconds=1)
WINDOW = DEADLINE - DEADLINE_NEAR_WITHIN


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def comment_round(now):
    return draft_round()


def sent(report):
    return {
        kind: kind_report.sent for kind, kind_report in report.kinds.items() if kind_report.sent
    }


def addresses_of(people):
    return sorted(person.emails.get().address for person in people)


def answer(comment, reply="Thank you."):
    comment.resolution = Resolution.ACCEPTED
    comment.reply = reply
    comment.resolved_at = timezone.now()
    comment.save()


def recirculate(comment_round, deadline):
    comment_round.closed_at = None
    comment_round.recirculated_at = timezone.now()
    comment_round.times_recirculated += 1
    comment_round.deadline = deadline
    comment_round.save()


class TestOpened:
    def test_once_to_each_reviewer_however_often_it_runs(self, comment_round, time_machine):
        first = reviewers(comment_round, 3)
        out = StringIO()
        call_command("send_round_emails", stdout=out)
        assert recipients() == addresses_of(r.person for r in first)
        assert "Draft record circulated for comments: sent: 3; declined: 0" in out.getvalue()
        assert sent(send_due()) == {}
        time_machine.move_to(NOW + DAY, tick=False)
        assert sent(send_due()) == {}
        late = make_reviewer(comment_round, make_person(email="late@example.org"))
        assert sent(send_due()) == {OPENED: 1}
        assert mail.outbox[-1].to == ["late@example.org"]
        assert RoundEmail.objects.filter(kind=OPENED).count() == 4
        assert RoundEmail.objects.get(reviewer=late).sent_on == (NOW + DAY).date()

    def test_re_circulated_to_every_reviewer_again_and_the_new_ones(
        self, comment_round, time_machine
    ):
        earlier = reviewers(comment_round, 2)
        send_due()
        time_machine.move_to(DEADLINE + DAY, tick=False)
        assert sent(send_due()) == {CLOSED: 2}
        recirculate(comment_round, DEADLINE + 10 * DAY)
        added = reviewers(comment_round, 1)
        mail.outbox.clear()
        assert sent(send_due()) == {OPENED: 3}
        assert recipients() == addresses_of(r.person for r in earlier + added)
        assert all(message.subject.startswith("Re-circulated") for message in mail.outbox)
        assert sent(send_due()) == {}

    @pytest.mark.parametrize("change", ["published", "closed", "deadline passed"])
    def test_none_for_a_round_that_takes_no_comments(self, comment_round, time_machine, change):
        reviewers(comment_round, 2)
        if change == "published":
            comment_round.meeting.status = PublicationStatus.PUBLISHED
            comment_round.meeting.save()
        elif change == "closed":
            comment_round.closed_at = timezone.now()
            comment_round.save()
        else:
            time_machine.move_to(DEADLINE, tick=False)
        report = send_due()
        assert report[OPENED].due == 0
        assert sent(report) == {}  # nobody told of it: no "closed" either
        assert mail.outbox == []

    def test_a_person_without_an_address_is_counted_and_not_recorded(self, comment_round):
        make_reviewer(comment_round, make_person(email=False))
        reviewers(comment_round, 1)
        report = send_due()[OPENED]
        assert (report.sent, report.without_address, report.skipped) == (1, 1, 1)
        assert RoundEmail.objects.count() == 1

    def test_the_first_of_several_addresses(self, comment_round):
        person = make_person(email="first@example.org")
        person.emails.create(address="second@example.org", position=2)
        make_reviewer(comment_round, person)
        send_due()
        assert recipients() == ["first@example.org"]

    def test_only_the_rounds_chosen(self, comment_round):
        reviewers(comment_round, 1)
        other = reviewers(draft_round_other(), 2)
        report = send_due(rounds=CommentRound.objects.filter(pk=other[0].round_id))
        assert report[OPENED].sent == 2
        assert recipients() == addresses_of(r.person for r in other)


def draft_round_other(**kwargs):
    return make_comment_round(**kwargs)


class TestDeadlineNear:
    @pytest.fixture
    def told(self, comment_round):
        found = reviewers(comment_round, 2)
        send_due()
        mail.outbox.clear()
        return found

    @pytest.mark.parametrize(
        ("moment", "due"),
        [
            (WINDOW - SECOND, False),
            (WINDOW, True),
            (WINDOW + SECOND, True),
            (DEADLINE - SECOND, True),
            (DEADLINE, False),
            (DEADLINE + SECOND, False),
        ],
        ids=["before-window", "window-opens", "in-window", "last-second", "deadline", "after"],
    )
    def test_within_three_days_of_the_deadline_until_it(self, told, time_machine, moment, due):
        time_machine.move_to(moment, tick=False)
        report = send_due()
        assert report[NEAR].sent == (2 if due else 0)
        assert len([m for m in mail.outbox if m.subject.startswith("Comments on")]) == (
            2 if due else 0
        )

    def test_once_per_circulation(self, told, comment_round, time_machine):
        time_machine.move_to(WINDOW, tick=False)
        assert send_due()[NEAR].sent == 2
        assert send_due()[NEAR].due == 0
        time_machine.move_to(WINDOW + DAY, tick=False)
        assert send_due()[NEAR].due == 0
        time_machine.move_to(DEADLINE + DAY, tick=False)
        recirculate(comment_round, DEADLINE + 5 * DAY)
        assert sent(send_due()) == {OPENED: 2}  # closed already sent the day before
        time_machine.move_to(DEADLINE + 3 * DAY, tick=False)
        assert sent(send_due()) == {NEAR: 2}

    def test_not_to_those_who_commented_or_confirmed(self, told, comment_round, time_machine):
        commenter, confirmer = told
        silent = make_reviewer(comment_round, make_person())
        told_of_it(silent, NOW)
        make_comment(commenter)
        Confirmation.objects.create(
            round=comment_round,
            reviewer=confirmer,
            intervention=make_intervention(make_agenda_item(comment_round.meeting)),
        )
        time_machine.move_to(WINDOW, tick=False)
        assert send_due()[NEAR].sent == 1
        assert recipients() == addresses_of([silent.person])

    def test_not_on_the_day_the_round_was_announced(self, comment_round, time_machine):
        time_machine.move_to(WINDOW, tick=False)
        reviewers(comment_round, 1)
        assert sent(send_due()) == {OPENED: 1}
        time_machine.move_to(WINDOW + DAY, tick=False)
        assert sent(send_due()) == {NEAR: 1}

    def test_not_to_those_who_declined_it(self, told, time_machine):
        OptOut.objects.create(person=told[0].person, kind=NEAR)
        time_machine.move_to(WINDOW, tick=False)
        report = send_due()[NEAR]
        assert (report.sent, report.declined) == (1, 1)
        assert recipients() == addresses_of([told[1].person])

    def test_none_once_the_record_is_published(self, told, comment_round, time_machine):
        comment_round.meeting.status = PublicationStatus.PUBLISHED
        comment_round.meeting.save()
        time_machine.move_to(WINDOW, tick=False)
        assert send_due()[NEAR].due == 0


class TestReplies:
    def test_once_per_answered_comment(self, comment_round, time_machine):
        [reviewer] = reviewers(comment_round, 1)
        send_due()
        first, second, unanswered = (make_comment(reviewer, text=f"{n}") for n in range(3))
        answer(first)
        answer(second)
        mail.outbox.clear()
        assert sent(send_due()) == {REPLY: 2}
        assert sent(send_due()) == {}
        time_machine.move_to(NOW + DAY, tick=False)
        assert sent(send_due()) == {}
        answer(unanswered)
        assert sent(send_due()) == {REPLY: 1}
        assert set(RoundEmail.objects.filter(kind=REPLY).values_list("comment", flat=True)) == {
            first.pk,
            second.pk,
            unanswered.pk,
        }

    def test_still_after_publication(self, comment_round, time_machine):
        [reviewer] = reviewers(comment_round, 1)
        send_due()
        comment = make_comment(reviewer)
        time_machine.move_to(DEADLINE + DAY, tick=False)
        send_due()
        comment_round.meeting.status = PublicationStatus.PUBLISHED
        comment_round.meeting.save()
        answer(comment)
        assert sent(send_due()) == {REPLY: 1}

    def test_not_to_those_who_declined_them(self, comment_round):
        [reviewer] = reviewers(comment_round, 1)
        OptOut.objects.create(person=reviewer.person, kind=REPLY)
        answer(make_comment(reviewer))
        report = send_due()[REPLY]
        assert (report.sent, report.declined) == (0, 1)


class TestClosed:
    def test_once_per_closing_to_every_reviewer_told(self, comment_round, time_machine):
        told = reviewers(comment_round, 2)
        send_due()
        time_machine.move_to(DEADLINE - SECOND, tick=False)
        assert send_due()[CLOSED].due == 0
        time_machine.move_to(DEADLINE, tick=False)
        make_reviewer(comment_round, make_person())  # added once closed: never told of it
        mail.outbox.clear()
        assert sent(send_due()) == {CLOSED: 2}
        assert recipients() == addresses_of(r.person for r in told)
        time_machine.move_to(DEADLINE + DAY, tick=False)
        assert sent(send_due()) == {}
        recirculate(comment_round, DEADLINE + 10 * DAY)
        assert sent(send_due()) == {OPENED: 3}
        time_machine.move_to(DEADLINE + 2 * DAY, tick=False)
        comment_round.closed_at = timezone.now()
        comment_round.save()
        assert sent(send_due()) == {CLOSED: 3}
        assert sent(send_due()) == {}

    def test_not_to_those_who_declined_it(self, comment_round):
        first, second = reviewers(comment_round, 2)
        send_due()
        OptOut.objects.create(person=first.person, kind=CLOSED)
        comment_round.closed_at = timezone.now()
        comment_round.save()
        report = send_due()[CLOSED]
        assert (report.sent, report.declined) == (1, 1)


class FailingBackend:
    """A mail server that takes the first `takes` messages, then refuses (or cannot be reached,
    `on_open`)."""

    takes = 0
    on_open = False
    taken = []

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        if FailingBackend.on_open:
            raise ConnectionRefusedError(111, "Connection refused")

    def close(self):
        pass

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc):
        self.close()

    def send_messages(self, messages):
        if len(FailingBackend.taken) + len(messages) > FailingBackend.takes:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        FailingBackend.taken.extend(messages)
        return len(messages)


@pytest.fixture
def failing_server(settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    monkeypatch.setattr(FailingBackend, "taken", [])
    return FailingBackend


def request_to_the_admin():
    request = RequestFactory().post("/admin/comment_rounds/commentround/")
    SessionMiddleware(lambda request: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


def shown(request):
    return [str(message) for message in get_messages(request)]


class TestTheMailServerFailing:
    def test_what_it_took_is_recorded_the_rest_sent_next_run(
        self, comment_round, monkeypatch, failing_server, settings
    ):
        monkeypatch.setattr(sending, "CHUNK", 2)
        monkeypatch.setattr(failing_server, "takes", 2)
        [reviewer, *_others] = reviewers(comment_round, 5)
        answer(make_comment(reviewer))

        report = send_due()

        assert (report[OPENED].sent, report[OPENED].failed) == (2, 3)
        assert "Connection unexpectedly closed" in report[OPENED].error
        # Not tried once the server failed: counted, and sent on the next run.
        assert (report[REPLY].sent, report[REPLY].failed) == (0, 1)
        assert (report.failed, report.sent) == (4, 2)
        assert RoundEmail.objects.count() == 2
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert sent(send_due()) == {OPENED: 3, REPLY: 1}  # the others, and none twice
        assert RoundEmail.objects.count() == 6

    def test_unreachable_the_command_fails_saying_so(
        self, comment_round, monkeypatch, failing_server
    ):
        monkeypatch.setattr(failing_server, "on_open", True)
        reviewers(comment_round, 2)
        out = StringIO()

        with pytest.raises(CommandError, match="did not take 2 e-mail"):
            call_command("send_round_emails", stdout=out)

        assert "not sent, the mail server failing: 2" in out.getvalue()
        assert RoundEmail.objects.count() == 0

    def test_the_action_says_so(self, comment_round, monkeypatch, failing_server):
        monkeypatch.setattr(failing_server, "on_open", True)
        reviewers(comment_round, 1)
        request = request_to_the_admin()
        send_round_emails_due(None, request, CommentRound.objects.all())
        messages = shown(request)
        assert "E-mails sent: 0." in messages
        assert any(
            "did not take 1 e-mail(s) ([Errno 111] Connection refused)" in message
            for message in messages
        )
        assert RoundEmail.objects.count() == 0


class TestTheAdminAction:
    def test_sends_what_is_due_for_the_rounds_chosen_and_says_what(self, comment_round):
        reviewers(comment_round, 2)
        make_reviewer(comment_round, make_person(email=False))
        reviewers(draft_round_other(), 3)
        request = request_to_the_admin()

        send_round_emails_due(None, request, CommentRound.objects.filter(pk=comment_round.pk))

        assert len(mail.outbox) == 2
        assert shown(request) == [
            "E-mails sent: 2.",
            "Draft record circulated for comments: sent 2. Not sent: no e-mail address: 1.",
        ]
        send_round_emails_due(None, request, CommentRound.objects.filter(pk=comment_round.pk))
        assert len(mail.outbox) == 2

    def test_is_an_admin_action(self):
        assert send_round_emails_due.short_description == "Send the e-mails due to their reviewers"


class TestQueries:
    """The same number of queries for one reviewer of each kind due as for ten."""

    def test_bounded(self, now):
        counts = []
        for count in (1, 10):
            CommentRound.objects.all().delete()
            earlier = {"opened_at": NOW - 2 * DAY}
            opening = draft_round_other()
            near = draft_round_other(deadline=NOW + DAY, **earlier)
            closed = draft_round_other(closed_at=NOW, **earlier)
            make_intervention(make_agenda_item(opening.meeting))
            reviewers(opening, count)
            for reviewer in reviewers(near, count) + reviewers(closed, count):
                told_of_it(reviewer, NOW - DAY)
                if reviewer.round == closed:
                    answer(make_comment(reviewer))
            with CaptureQueriesContext(connection) as queries:
                report = send_due()
            assert sent(report) == {OPENED: count, NEAR: count, REPLY: count, CLOSED: count}
            counts.append(len(queries))
        assert counts[0] == counts[1]
        # Per kind: who is due, their opt-outs and addresses, one insert; the speakers (opened,
        # deadline near) and the comments received (closed). No opt-outs for the opened one.
        assert counts[0] == 18
