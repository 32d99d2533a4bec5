"""The e-mails an invitee can act on: each in the invitation's language, as plain text and HTML,
with the personal link as an absolute address that works; the optional ones (reminder, date
confirmed) with RFC 8058's one-click unsubscribe, the invitation without it."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from invitations.models import Answer, EmailKind, OptOut
from invitations.sending import send_date_confirmed, send_invitations, send_reminders
from tests.factories import make_invitation, make_person

pytestmark = pytest.mark.django_db

SITE = "https://gcg.example.org"
LINK = re.compile(r"https://gcg\.example\.org(/invitation/[^/\s\"<]+/)")
UNSUBSCRIBE = re.compile(r"<https://gcg\.example\.org(/e-mails/unsubscribe/[^/\s>]+/)>")
# What each e-mail says, in each language, that only its translation says (an e-mail left in
# English in locale/fr or locale/es fails these).
SUBJECTS = {
    "en-gb": {
        EmailKind.INVITATION: "Invitation: 6th Meeting of the Global Coordinating Group, "
        "November 2019, Paris",
        EmailKind.REMINDER: "Reminder: will you attend 6th Meeting of the Global Coordinating "
        "Group? Please answer by 1 November 2019, 17:00 UTC",
    },
}


def sent_only():
    [message] = mail.outbox
    return message


def parts(message):
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return message.body, html


def invited_and_emailed(invitation):
    send_invitations()
    return sent_only()


@pytest.fixture(autouse=True)
def site():
    with override_settings(SITE_DOMAIN="gcg.example.org", HTTPS=True):
        yield


class TestTheInvitation:
    def test_both_parts_say_the_meeting_and_carry_the_link(self, invitation):
        message = invited_and_emailed(invitation)
        assert message.to == ["ana.invitada@example.org"]
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert message.subject == SUBJECTS["en-gb"][EmailKind.INVITATION]
        text, html = parts(message)
        for part in (text, html):
            assert "Dear Ana Invitada," in part
            assert "6th Meeting of the Global Coordinating Group" in part
            assert "November 2019" in part and "the day is not yet known" in part
            assert "Paris" in part and "Back to back with the Paris Peace Forum." in part
            assert "1 November 2019, 17:00 UTC" in part
            assert "60 days" in part
        assert LINK.search(text).group(1) == LINK.search(html).group(1)
        assert html.lstrip().startswith("<!DOCTYPE html>")
        assert '<html lang="en-gb">' in html
        assert message.extra_headers["Content-Language"] == "en-gb"

    def test_no_unsubscribe_on_the_invitation(self, invitation):
        message = invited_and_emailed(invitation)
        assert "List-Unsubscribe" not in message.extra_headers
        assert "List-Unsubscribe-Post" not in message.extra_headers
        assert "unsubscribe" not in message.body and "unsubscribe" not in parts(message)[1]
        assert "List-Unsubscribe" not in message.message().as_string()

    def test_the_link_opens_the_invitees_page(self, invitation):
        path = LINK.search(invited_and_emailed(invitation).body).group(1)
        response = Client().get(path)
        assert response.status_code == 200
        assert "Your invitation: 6th Meeting of the Global Coordinating Group" in (
            response.content.decode()
        )

    @pytest.mark.parametrize(
        ("language", "when"),
        [("fr", "novembre 2019"), ("es", "noviembre de 2019")],
    )
    def test_in_the_invitations_language(self, invitation, language, when):
        invitation.language = language
        invitation.save()
        message = invited_and_emailed(invitation)
        text, html = parts(message)
        assert f'<html lang="{language}">' in html
        assert message.extra_headers["Content-Language"] == language
        # The date is written by the portal's own formats, which are translated already.
        assert when in text and when in html
        assert when in message.subject

    def test_names_are_escaped_in_html_and_plain_in_text(self, planned):
        person = make_person(name="Ana <b>Bold</b> & Co", email="ana.bold@example.org")
        make_invitation(planned, person)
        text, html = parts(invited_and_emailed(None))
        assert "Ana <b>Bold</b> & Co" in text
        assert "Ana &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html
        assert "<b>Bold</b>" not in html


class TestTheOptionalOnes:
    def test_a_reminder_carries_the_one_click_unsubscribe(self, invitation):
        invited_and_emailed(invitation)
        mail.outbox.clear()
        send_reminders()
        message = sent_only()
        assert message.subject == SUBJECTS["en-gb"][EmailKind.REMINDER]
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        path = UNSUBSCRIBE.fullmatch(message.extra_headers["List-Unsubscribe"]).group(1)
        text, html = parts(message)
        assert f"{SITE}{path}" in text and f"{SITE}{path}" in html
        assert "You have not yet answered our invitation" in text
        assert LINK.search(text) and LINK.search(html)
        raw = message.message().as_string()
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
        # One click, as a mail provider makes it: a POST without cookie or CSRF token.
        response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert OptOut.objects.filter(person=invitation.person, kind=EmailKind.REMINDER).exists()

    def test_date_confirmed_says_the_day_and_the_answer(self, invitation):
        invited_and_emailed(invitation)
        invitation.answer = Answer.REMOTE
        invitation.save()
        meeting = invitation.meeting
        meeting.date = meeting.date.replace(day=14)
        meeting.date_precision = "day"
        meeting.save()
        mail.outbox.clear()
        send_date_confirmed()
        message = sent_only()
        assert message.subject == (
            "Date confirmed: 6th Meeting of the Global Coordinating Group, 14 November 2019, Paris"
        )
        text, html = parts(message)
        for part in (text, html):
            assert "14 November 2019" in part
            assert "the day is not yet known" not in part
            assert "Your answer: Attending remotely." in part
        assert UNSUBSCRIBE.fullmatch(message.extra_headers["List-Unsubscribe"])
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
