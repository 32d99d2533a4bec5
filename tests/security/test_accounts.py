"""Accounts: `manage.py invite` opens a member's or an officer's account; the e-mailed link sets
the password; password reset by e-mail goes through Django's views."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.factories import make_person
from tests.second_factor import sign_in

NEW_PASSWORD = "a-brand-new-passphrase-9"


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def set_password_through(client, link):
    response = client.get(link)
    assert response.status_code == 302  # Django hides the token from the page's address
    form_url = response["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")


@pytest.mark.parametrize("secretariat", [False, True])
def test_invite(client, roles, django_capture_on_commit_callbacks, secretariat):
    options = ["--secretariat"] if secretariat else []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("invite", "lspagnolo", "lspagnolo@example.org", *options, stdout=None)
    user = get_user_model().objects.get(username="lspagnolo")
    assert user.is_staff is secretariat and not user.is_superuser
    assert not user.has_usable_password()
    expected_group = "Secretariat" if secretariat else "Members"
    assert list(user.groups.values_list("name", flat=True)) == [expected_group]
    (message,) = mail.outbox
    assert message.to == ["lspagnolo@example.org"]
    assert "lspagnolo" in message.body
    set_password_through(client, link_in(message))
    assert sign_in(client, "lspagnolo", NEW_PASSWORD).status_code == 302


def test_invite_refuses_a_taken_username(roles, users):
    with pytest.raises(CommandError, match="exists already"):
        call_command("invite", "a-member", "other@example.org")


def test_password_reset_by_email(client, users):
    response = client.post(reverse("password_reset"), {"email": "member@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    set_password_through(client, link_in(message))
    users["member"].refresh_from_db()
    assert users["member"].check_password(NEW_PASSWORD)


def test_password_reset_does_not_say_whether_an_address_is_known(client, users):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert not mail.outbox


def test_invite_links_the_account_to_a_person_by_slug_or_id(roles):

    by_slug, by_id = make_person(name="Laura Spagnolo"), make_person(name="Graciela Guzman")
    call_command("invite", "lspagnolo", "l@example.org", "--person", by_slug.slug, stdout=None)
    call_command("invite", "gguzman", "g@example.org", "--person", str(by_id.pk), stdout=None)
    by_slug.refresh_from_db()
    by_id.refresh_from_db()
    assert by_slug.user.username == "lspagnolo"
    assert by_id.user.username == "gguzman"
    latest = by_slug.history.latest()
    assert latest.user_id == by_slug.user.pk
    assert latest.history_change_reason == "Linked to a portal account by invite"


def test_invite_refuses_an_unknown_or_already_linked_person_and_opens_no_account(roles):

    with pytest.raises(CommandError, match="No person in the record"):
        call_command("invite", "nobody", "n@example.org", "--person", "no-such-person")
    linked = make_person()
    call_command("invite", "first", "f@example.org", "--person", linked.slug, stdout=None)
    with pytest.raises(CommandError, match="linked to an account already"):
        call_command("invite", "second", "s@example.org", "--person", linked.slug)
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert "nobody" not in usernames and "second" not in usernames
