"""The e-mails a reviewer can act on: each in the reviewer's language, as plain text and HTML,
with the personal link as an absolute address that works; the optional ones (deadline near,
reply, closed) with RFC 8058's one-click unsubscribe, the opened e-mail without it."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from base.record.visibility import PublicationStatus
from comment_rounds.models import Confirmation, Resolution
from comment_rounds.sending import send_due
from invitations.models import EmailKind, OptOut
from tests.factories import (
    make_agenda_item,
    make_comment,
    make_intervention,
    make_person,
    make_reviewer,
)

from .round_emails import DAY, DEADLINE, NOW, draft_round, parts, told_of_it

pytestmark = pytest.mark.django_db

SITE = "https://gcg.example.org"
LINK = re.compile(r"https://gcg\.example\.org(/comments/link/[^/\s\"<]+/)")
UNSUBSCRIBE = re.compile(r"<https://gcg\.example\.org(/e-mails/unsubscribe/[^/\s>]+/)>")
MEETING = "6th Meeting of the Global Coordinating Group"
ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture(autouse=True)
def site():
    with override_settings(SITE_DOMAIN="gcg.example.org", HTTPS=True):
        yield


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def comment_round(now):
    return draft_round()


@pytest.fixture
def ana(comment_round):
    person = make_person(name="Ana Revisora", email="ana.revisora@example.org")
    return make_reviewer(comment_round, person)


def sent_only():
    [message] = mail.outbox
    return message


def opened_email(reviewer):
    send_due()
    return sent_only()


def answered(comment, **kwargs):
    kwargs.setdefault("resolution", Resolution.DECLINED)
    kwargs.setdefault("reply", "The budget was discussed under item 4.")
    for name, value in kwargs.items():
        setattr(comment, name, value)
    comment.resolved_at = timezone.now()
    comment.save()
    return comment


def only_optional_headers(message):
    assert message.extra_headers["List-Unsubscribe-Post"] == ONE_CLICK
    path = UNSUBSCRIBE.fullmatch(message.extra_headers["List-Unsubscribe"]).group(1)
    text, html = parts(message)
    assert f"{SITE}{path}" in text and f"{SITE}{path}" in html
    assert f"{SITE}/me/" in text and f"{SITE}/me/" in html
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message.message().as_string()
    return path


class TestOpened:
    def test_both_parts_say_the_meeting_the_deadline_and_carry_the_link(self, ana):
        message = opened_email(ana)
        assert message.to == ["ana.revisora@example.org"]
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert message.subject == (
            f"For your comments until 12 December 2019, 17:00 UTC: the draft record of {MEETING}"
        )
        text, html = parts(message)
        for part in (text, html):
            assert "Dear Ana Revisora," in part
            assert f"circulates the draft record of {MEETING} for your comments until " in part
            assert "12 December 2019, 17:00 UTC" in part
            assert "on an agenda item or on one intervention" in part
            assert "Your comments are seen by the Secretariat alone." in part
            assert "60 days" in part
        assert LINK.search(text).group(1) == LINK.search(html).group(1)
        assert html.lstrip().startswith("<!DOCTYPE html>")
        assert '<html lang="en-gb">' in html
        assert message.extra_headers["Content-Language"] == "en-gb"

    def test_no_unsubscribe_on_the_opened_email(self, ana):
        message = opened_email(ana)
        assert "List-Unsubscribe" not in message.extra_headers
        assert "List-Unsubscribe-Post" not in message.extra_headers
        assert "List-Unsubscribe" not in message.message().as_string()
        assert "stop these e-mails" not in parts(message)[1]
        assert "/e-mails/unsubscribe/" not in message.body

    def test_the_link_opens_the_draft_record(self, ana):
        path = LINK.search(opened_email(ana).body).group(1)
        response = Client().get(path)
        assert response.status_code == 200
        assert f"Draft record of {MEETING}, for comments" in response.content.decode()

    def test_shared_comments_and_a_speaker_are_told_so(self, comment_round, ana):
        comment_round.shares_comments = True
        comment_round.save()
        make_intervention(make_agenda_item(comment_round.meeting), speaker=ana.person)
        text, html = parts(opened_email(ana))
        for part in (text, html):
            assert "seen by the Secretariat and by everyone taking part in this round" in part
            assert "confirm how your own intervention, or your organisation" in part

    def test_a_speaker_for_their_organisation_is_asked_too(self, comment_round, ana):
        make_intervention(
            make_agenda_item(comment_round.meeting), organization=ana.person.organization
        )
        assert "confirm how your own intervention" in opened_email(ana).body

    def test_a_listener_is_not_asked_to_confirm(self, comment_round, ana):
        make_intervention(make_agenda_item(comment_round.meeting))
        assert "confirm how your own intervention" not in opened_email(ana).body

    def test_re_circulated_says_so(self, comment_round, ana, time_machine):
        send_due()
        time_machine.move_to(DEADLINE + DAY, tick=False)
        comment_round.recirculated_at = timezone.now()
        comment_round.times_recirculated = 1
        comment_round.deadline = DEADLINE + 10 * DAY
        comment_round.save()
        mail.outbox.clear()
        send_due()
        opened = [m for m in mail.outbox if m.subject.startswith("Re-circulated")]
        [message] = opened
        assert "22 December 2019, 17:00 UTC" in message.subject
        assert "re-circulates the draft record" in message.body
        assert "with a new deadline: 22 December 2019" in parts(message)[1]

    @pytest.mark.parametrize(
        ("language", "month"), [("fr", "décembre 2019"), ("es", "diciembre de 2019")]
    )
    def test_in_the_reviewers_language(self, ana, language, month):
        ana.language = language
        ana.save()
        message = opened_email(ana)
        text, html = parts(message)
        assert message.extra_headers["Content-Language"] == language
        assert f'<html lang="{language}">' in html
        # The deadline is written by the portal's own formats, which are translated already.
        assert month in text and month in html and month in message.subject

    def test_names_are_escaped_in_html_and_plain_in_text(self, comment_round):
        make_reviewer(comment_round, make_person(name="Ana <b>Bold</b> & Co"))
        text, html = parts(opened_email(None))
        assert "Ana <b>Bold</b> & Co" in text
        assert "Ana &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html
        assert "<b>Bold</b>" not in html


class TestDeadlineNear:
    def test_carries_the_one_click_unsubscribe_and_the_link(self, ana, time_machine):
        told_of_it(ana, NOW)
        time_machine.move_to(DEADLINE - 2 * DAY, tick=False)
        send_due()
        message = sent_only()
        assert message.subject == (
            f"Comments on the draft record of {MEETING} close on 12 December 2019, 17:00 UTC"
        )
        assert message.extra_headers["Content-Language"] == "en-gb"
        only_optional_headers(message)
        text, html = parts(message)
        for part in (text, html):
            assert "You have not yet commented." in part
            assert "there is nothing to do" in part
        assert LINK.search(text) and LINK.search(html)

    def test_one_click_stops_them(self, ana, comment_round, time_machine):
        told_of_it(ana, NOW)
        time_machine.move_to(DEADLINE - 2 * DAY, tick=False)
        send_due()
        path = only_optional_headers(sent_only())
        # One click, as a mail provider makes it: a POST without cookie or CSRF token.
        response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert OptOut.objects.filter(person=ana.person, kind=EmailKind.ROUND_DEADLINE_NEAR).exists()
        # Re-circulated, the round's deadline near again: not to Ana.
        time_machine.move_to(DEADLINE + DAY, tick=False)
        comment_round.recirculated_at = timezone.now()
        comment_round.times_recirculated = 1
        comment_round.deadline = DEADLINE + 5 * DAY
        comment_round.save()
        send_due()
        time_machine.move_to(DEADLINE + 3 * DAY, tick=False)
        mail.outbox.clear()
        report = send_due()
        assert report[EmailKind.ROUND_DEADLINE_NEAR].declined == 1
        assert mail.outbox == []


class TestReply:
    def test_quotes_the_comment_the_answer_and_the_reply(self, ana):
        told_of_it(ana, NOW)
        comment = make_comment(
            ana,
            place="3. Pathfinder countries · ILO",
            text="The summary leaves out the budget.\nAnd the dates.",
            proposed_wording="ILO announced a budget of 2 million.",
        )
        answered(comment, resolution=Resolution.PARTLY_ACCEPTED, wording_applied_at=NOW)
        send_due()
        message = sent_only()
        assert message.subject == (
            f"The Secretariat answered your comment on the draft record of {MEETING}"
        )
        text, html = parts(message)
        assert "> The summary leaves out the budget.\n> And the dates." in text
        for part in (text, html):
            assert "Your comment, on 3. Pathfinder countries · ILO:" in part
            assert "ILO announced a budget of 2 million." in part
            assert "Answer: Partly accepted." in part
            assert "Your wording was applied to the record." in part
            assert "The budget was discussed under item 4." in part
        assert LINK.search(text) and LINK.search(html)
        only_optional_headers(message)

    def test_a_comment_on_the_whole_record_with_a_reply_alone(self, ana):
        told_of_it(ana, NOW)
        answered(make_comment(ana, text="<script>x</script>"), resolution="")
        send_due()
        text, html = parts(sent_only())
        for part in (text, html):
            assert "Your comment, on the record as a whole:" in part
            assert "Answer:" not in part
        assert "<script>x</script>" in text
        assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html

    def test_one_click_on_a_reply_stops_the_next_ones(self, ana):
        told_of_it(ana, NOW)
        answered(make_comment(ana))
        send_due()
        path = only_optional_headers(sent_only())
        Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
        mail.outbox.clear()
        answered(make_comment(ana, text="Another."))
        report = send_due()
        assert (report[EmailKind.COMMENT_REPLY].sent, report[EmailKind.COMMENT_REPLY].declined) == (
            0,
            1,
        )
        assert mail.outbox == []


class TestClosed:
    def test_thanks_counts_and_says_what_comes_next(self, ana, comment_round, time_machine):
        told_of_it(ana, NOW)
        other = make_comment(ana).reviewer
        make_comment(other, text="Another.")
        Confirmation.objects.create(
            round=comment_round,
            reviewer=ana,
            intervention=make_intervention(make_agenda_item(comment_round.meeting)),
        )
        time_machine.move_to(DEADLINE, tick=False)
        send_due()
        message = sent_only()
        assert message.subject == f"Comments closed: the draft record of {MEETING}"
        text, html = parts(message)
        for part in (text, html):
            assert "closed on 12 December 2019, 17:00 UTC. Thank you for taking part." in part
            assert "2 comments were received." in part
            assert "The Secretariat answers each comment" in part
        assert LINK.search(text) and LINK.search(html)
        only_optional_headers(message)

    def test_closed_by_hand_once_published_links_the_record(self, ana, comment_round):
        told_of_it(ana, NOW)
        make_comment(ana)
        comment_round.closed_at = timezone.now()
        comment_round.save()
        meeting = comment_round.meeting
        meeting.status = PublicationStatus.PUBLISHED
        meeting.save()
        send_due()
        text, html = parts(sent_only())
        record = f"{SITE}{meeting.get_absolute_url()}"
        for part in (text, html):
            assert "closed on 2 December 2019, 09:00 UTC" in part
            assert "One comment was received." in part
            assert "The record has been published" in part
            assert record in part

    @pytest.mark.parametrize("language", ["fr", "es"])
    def test_in_the_reviewers_language(self, ana, comment_round, language):
        ana.language = language
        ana.save()
        told_of_it(ana, NOW)
        comment_round.closed_at = timezone.now()
        comment_round.save()
        send_due()
        message = sent_only()
        assert message.extra_headers["Content-Language"] == language
        assert f'<html lang="{language}">' in parts(message)[1]
