"""S8: every form refuses a POST without a CSRF token."""

from django.test import Client
from django.urls import reverse

from invitations.links import make_token
from invitations.models import Invitation

from .conftest import PASSWORD
from .test_s6_headers import assert_nothing_inline, assert_security_headers


def test_s8_every_form_needs_a_token(users, every_model):
    meeting = every_model.meeting
    unanswered = Invitation.objects.get(answer="")  # the one answered has no link here
    token = make_token(unanswered)
    anonymous = Client(enforce_csrf_checks=True)
    officer = Client(enforce_csrf_checks=True)
    officer.force_login(users["secretariat"])
    member = Client(enforce_csrf_checks=True)
    member.force_login(users["member"])
    posts = [
        (anonymous, reverse("login"), {"username": "a-member", "password": PASSWORD}),
        (anonymous, reverse("admin:login"), {"username": "an-officer", "password": PASSWORD}),
        (anonymous, reverse("password_reset"), {"email": "member@example.org"}),
        (member, reverse("logout"), {}),
        (member, reverse("password_change"), {"old_password": PASSWORD}),
        (officer, reverse("admin:logout"), {}),
        (officer, reverse("admin:meetings_meeting_change", args=[meeting.pk]), {"title": "X"}),
        (officer, reverse("admin:meetings_meeting_delete", args=[meeting.pk]), {"post": "yes"}),
        (officer, reverse("admin:meetings_meeting_import_participants", args=[meeting.pk]), {}),
        # The invitee's answer, by their personal link; the member's choice of e-mails. (The
        # one-click unsubscribe is the one exemption: tests/invitations/test_unsubscribe.py.)
        (anonymous, reverse("invitations:answer", args=[token]), {"answer": "not_attending"}),
        (member, reverse("invitations:email_preferences"), {"reminder": "on"}),
        (officer, reverse("admin:invitations_invitation_invite"), {"meeting": meeting.pk}),
    ]
    for client, url, data in posts:
        assert client.post(url, data).status_code == 403, url
    meeting.refresh_from_db()
    assert meeting.title != "X"
    unanswered.refresh_from_db()
    assert unanswered.answer == ""


def test_s8_the_refusal_is_the_portal_s_own_page(users):
    """A POST without its token gets the styled page (base.html, its stylesheet), under the same
    CSP as every page, with nothing inline for it to block."""
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "a-member", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "This form could not be sent" in page
    assert 'rel="stylesheet" href="/static/css/site.css"' in page
    assert "CSRF verification failed" not in page  # not Django's own, unstyled page
    assert_security_headers(response)
    assert_nothing_inline(page)
