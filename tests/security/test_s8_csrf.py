"""S8: every form refuses a POST without a CSRF token."""

from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD


def test_s8_every_form_needs_a_token(users, every_model):
    meeting = every_model.meeting
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
    ]
    for client, url, data in posts:
        assert client.post(url, data).status_code == 403, url
    meeting.refresh_from_db()
    assert meeting.title != "X"
