"""Sending the e-mails (the commands and the admin's actions): never the same invitation's
e-mail twice on one day; reminders and "date confirmed" to those due, not to those who declined;
a bounded number of queries, none per invitee."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from invitations import sending
from invitations.models import Answer, EmailKind, Invitation, OptOut, SentEmail
from invitations.sending import send_date_confirmed, send_invitations, send_reminders
from tests.factories import make_invitation, make_person

from .conftest import DEADLINE, NOW

pytestmark = pytest.mark.django_db

NEXT_DAY = NOW + datetime.timedelta(days=1)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def invite(meeting, count, **kwargs):
    return [make_invitation(meeting, make_person(), **kwargs) for _ in range(count)]


def confirm_the_day(meeting, day=14):
    meeting.date = meeting.date.replace(day=day)
    meeting.date_precision = "day"
    meeting.save()


class TestInvitations:
    def test_each_invitation_once_however_often_the_command_runs(self, planned, time_machine):
        invite(planned, 3)
        out = StringIO()
        call_command("send_invitations", stdout=out)
        assert len(mail.outbox) == 3
        assert "Invitations sent: 3; already sent today: 0" in out.getvalue()
        call_command("send_invitations", stdout=StringIO())
        time_machine.move_to(NEXT_DAY, tick=False)
        call_command("send_invitations", stdout=StringIO())
        assert len(mail.outbox) == 3
        assert SentEmail.objects.filter(kind=EmailKind.INVITATION).count() == 3

    def test_a_new_invitation_is_sent_the_next_run(self, planned):
        invite(planned, 2)
        send_invitations()
        make_invitation(planned, make_person(email="late@example.org"))
        report = send_invitations()
        assert (report.sent, report.considered) == (1, 1)
        assert mail.outbox[-1].to == ["late@example.org"]

    def test_the_action_sends_again_once_a_day(self, planned, time_machine):
        [invitation] = invite(planned, 1)
        send_invitations()
        chosen = Invitation.objects.all()
        report = send_invitations(selected=chosen)
        assert (report.sent, report.already_today) == (0, 1)
        time_machine.move_to(NEXT_DAY, tick=False)
        assert send_invitations(selected=chosen).sent == 1
        assert len(mail.outbox) == 2
        assert list(
            SentEmail.objects.filter(invitation=invitation).values_list("sent_on", flat=True)
        ) == [NOW.date(), NEXT_DAY.date()]

    @pytest.mark.parametrize("change", ["cancelled", "published", "held"])
    def test_none_for_a_meeting_that_takes_no_invitations(self, planned, time_machine, change):
        invite(planned, 2)
        if change == "cancelled":
            planned.cancelled = True
        elif change == "published":
            planned.date_precision = "day"
            planned.status = "published"
        else:
            time_machine.move_to(datetime.datetime(2019, 12, 1, tzinfo=datetime.UTC))
        planned.save()
        assert send_invitations().sent == 0
        assert send_invitations(selected=Invitation.objects.all()).considered == 0
        assert mail.outbox == []

    def test_a_person_without_an_address_is_counted(self, planned):
        make_invitation(planned, make_person(email=False))
        invite(planned, 1)
        report = send_invitations()
        assert (report.sent, report.without_address) == (1, 1)

    def test_the_first_of_several_addresses(self, planned, invitee, invitation):
        invitee.emails.create(address="second@example.org", position=2)
        send_invitations()
        assert recipients() == ["ana.invitada@example.org"]

    def test_sent_in_chunks_each_recorded(self, planned, monkeypatch):
        monkeypatch.setattr(sending, "CHUNK", 2)
        invite(planned, 5)
        assert send_invitations().sent == 5
        assert SentEmail.objects.count() == 5
        assert send_invitations().sent == 0


class TestReminders:
    def test_to_those_who_have_not_answered_once_a_day(self, planned, time_machine):
        silent = invite(planned, 3)
        answered = invite(planned, 2, answer=Answer.NOT_ATTENDING)
        send_invitations()
        mail.outbox.clear()
        out = StringIO()
        call_command("send_registration_reminders", stdout=out)
        assert "Reminders sent: 3;" in out.getvalue()
        assert recipients() == sorted(i.person.emails.get().address for i in silent)
        call_command("send_registration_reminders", stdout=out)
        assert "Reminders sent: 0; already sent today: 3" in out.getvalue()
        assert len(mail.outbox) == 3
        time_machine.move_to(NEXT_DAY, tick=False)
        assert send_reminders().sent == 3
        assert len(mail.outbox) == 6
        assert not SentEmail.objects.filter(invitation__in=answered, kind=EmailKind.REMINDER)

    def test_not_before_the_invitation_was_sent(self, planned):
        invite(planned, 2)
        assert send_reminders().considered == 0
        assert mail.outbox == []

    def test_not_to_those_who_declined_them(self, planned, invitation):
        send_invitations()
        mail.outbox.clear()
        OptOut.objects.create(person=invitation.person, kind=EmailKind.REMINDER)
        report = send_reminders()
        assert (report.sent, report.declined) == (0, 1)
        assert mail.outbox == []

    def test_declining_the_date_confirmed_keeps_reminders(self, planned, invitation):
        send_invitations()
        OptOut.objects.create(person=invitation.person, kind=EmailKind.DATE_CONFIRMED)
        assert send_reminders().sent == 1

    def test_none_after_the_deadline_nor_for_a_cancelled_meeting(
        self, planned, invitation, time_machine
    ):
        send_invitations()
        time_machine.move_to(DEADLINE, tick=False)
        assert send_reminders().considered == 0
        time_machine.move_to(NOW, tick=False)
        planned.cancelled = True
        planned.save()
        assert send_reminders().considered == 0

    def test_the_action_reminds_those_chosen(self, planned):
        chosen, other = invite(planned, 2)
        send_invitations()
        mail.outbox.clear()
        assert send_reminders(selected=Invitation.objects.filter(pk=chosen.pk)).sent == 1
        assert recipients() == [chosen.person.emails.get().address]


class TestDateConfirmed:
    def test_once_to_those_invited_while_the_day_was_unknown(self, planned, time_machine):
        invited = invite(planned, 3)
        send_invitations()
        time_machine.move_to(NEXT_DAY, tick=False)
        confirm_the_day(planned)
        mail.outbox.clear()
        out = StringIO()
        call_command("send_date_confirmed", stdout=out)
        assert "Date confirmed e-mails sent: 3;" in out.getvalue()
        assert len(mail.outbox) == 3
        assert send_date_confirmed().sent == 0
        time_machine.move_to(NEXT_DAY + datetime.timedelta(days=1), tick=False)
        assert send_date_confirmed().sent == 0
        assert SentEmail.objects.filter(kind=EmailKind.DATE_CONFIRMED).count() == len(invited)

    def test_not_while_the_day_is_unknown(self, planned):
        invite(planned, 2)
        send_invitations()
        assert send_date_confirmed().considered == 0

    def test_not_to_those_invited_once_the_day_was_known(self, planned, time_machine):
        confirm_the_day(planned)
        time_machine.move_to(NEXT_DAY, tick=False)
        invite(planned, 2)
        send_invitations()
        assert send_date_confirmed().considered == 0

    def test_not_for_a_meeting_always_known_to_the_day(self, planned):
        planned.date_precision = "day"
        planned.save()
        planned.history.all().update(date_precision="day")
        invite(planned, 2)
        send_invitations()
        assert send_date_confirmed().considered == 0

    def test_not_to_those_who_declined_it(self, planned, invitation):
        send_invitations()
        confirm_the_day(planned)
        OptOut.objects.create(person=invitation.person, kind=EmailKind.DATE_CONFIRMED)
        mail.outbox.clear()
        report = send_date_confirmed()
        assert (report.sent, report.declined) == (0, 1)

    def test_the_action_tells_those_chosen_once(self, planned):
        planned.date_precision = "day"
        planned.save()
        invite(planned, 2)
        send_invitations()
        mail.outbox.clear()
        chosen = Invitation.objects.all()
        assert send_date_confirmed(selected=chosen).sent == 2
        assert send_date_confirmed(selected=chosen).considered == 0


class TestQueries:
    """The same number of queries for 3 invitees as for 30."""

    @pytest.mark.parametrize(
        "send, prepare",
        [
            (send_invitations, lambda meeting: None),
            (send_reminders, lambda meeting: send_invitations()),
            (
                send_date_confirmed,
                lambda meeting: (send_invitations(), confirm_the_day(meeting)),
            ),
        ],
        ids=["invitations", "reminders", "date confirmed"],
    )
    def test_bounded(self, planned, send, prepare):
        counts = []
        for count in (3, 30):
            Invitation.objects.all().delete()
            planned.refresh_from_db()
            planned.date_precision = "month"
            planned.save()
            invite(planned, count)
            prepare(planned)
            with CaptureQueriesContext(connection) as queries:
                assert send().sent == count
            counts.append(len(queries))
        assert counts[0] == counts[1]
        assert counts[0] <= 8


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


class TestTheMailServerFailing:
    def test_what_it_took_is_recorded_the_rest_sent_next_run(
        self, planned, monkeypatch, failing_server, settings
    ):
        monkeypatch.setattr(sending, "CHUNK", 2)
        monkeypatch.setattr(failing_server, "takes", 2)
        invite(planned, 5)

        report = send_invitations()

        assert (report.sent, report.failed) == (2, 3)
        assert "Connection unexpectedly closed" in report.error
        assert SentEmail.objects.count() == 2
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert send_invitations().sent == 3  # the others, and none twice
        assert SentEmail.objects.count() == 5

    def test_unreachable_the_command_fails_saying_so(self, planned, monkeypatch, failing_server):
        monkeypatch.setattr(failing_server, "on_open", True)
        invite(planned, 2)
        out = StringIO()

        with pytest.raises(CommandError, match="did not take 2 e-mail"):
            call_command("send_invitations", stdout=out)

        assert "not sent, the mail server failing: 2" in out.getvalue()
        assert SentEmail.objects.count() == 0

    def test_the_action_says_so_instead_of_an_error_page(
        self, planned, monkeypatch, failing_server, staff_client
    ):
        monkeypatch.setattr(failing_server, "on_open", True)
        invite(planned, 1)
        response = staff_client.post(
            reverse("admin:invitations_invitation_changelist"),
            {
                "action": "send_invitation_action",
                "_selected_action": list(Invitation.objects.values_list("pk", flat=True)),
            },
            follow=True,
        )
        assert response.status_code == 200
        shown = [str(message) for message in response.context["messages"]]
        assert "E-mails sent: 0." in shown
        assert any("did not take 1 e-mail(s)" in message for message in shown)
        assert SentEmail.objects.count() == 0
