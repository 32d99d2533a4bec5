"""Declining the optional e-mails: the one-click link (RFC 8058: a POST with no cookie and no
CSRF token stops them; a GET only asks), and the member's choice on /me/."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from invitations.models import OPTIONAL, EmailKind, OptOut
from invitations.unsubscribe_links import make_unsubscribe_token
from tests.factories import make_person

pytestmark = pytest.mark.django_db

ME = reverse("directory:me")


def link(person, kind=EmailKind.REMINDER):
    return reverse("invitations:unsubscribe", args=[make_unsubscribe_token(person.pk, kind)])


def declined(person):
    return sorted(OptOut.objects.filter(person=person).values_list("kind", flat=True))


class TestTheLink:
    def test_a_get_asks_and_stops_nothing(self, invitee):
        for _ in range(2):  # a mail scanner opening it, then the person
            response = Client().get(link(invitee))
            assert response.status_code == 200
            page = response.content.decode()
            assert "Reminder to answer" in page
            assert '<form method="post"' in page
        assert declined(invitee) == []

    def test_one_click_without_cookie_session_or_csrf_token(self, invitee):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            link(invitee, EmailKind.DATE_CONFIRMED),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert "Done: you will no longer receive" in response.content.decode()
        assert declined(invitee) == [EmailKind.DATE_CONFIRMED]
        assert "sessionid" not in response.cookies
        assert "no-store" in response["Cache-Control"]

    def test_twice_is_harmless(self, invitee):
        Client().post(link(invitee))
        Client().post(link(invitee))
        assert declined(invitee) == [EmailKind.REMINDER]
        assert "You already receive no more" in Client().get(link(invitee)).content.decode()

    @pytest.mark.parametrize(
        "token",
        [
            lambda person: make_unsubscribe_token(person.pk, EmailKind.REMINDER)[:-2] + "xx",
            lambda person: make_unsubscribe_token(person.pk, EmailKind.INVITATION),
            lambda person: make_unsubscribe_token(str(person.pk), EmailKind.REMINDER),
            lambda person: "garbage",
        ],
        ids=["altered", "the invitation itself", "not a number", "garbage"],
    )
    def test_a_bad_link_stops_nothing(self, invitee, token):
        url = reverse("invitations:unsubscribe", args=[token(invitee)])
        for response in (Client().get(url), Client().post(url)):
            assert response.status_code == 404
            assert "This link is not valid" in response.content.decode()
        assert declined(invitee) == []

    def test_a_person_gone_or_erased_leaves_nothing_stored(self, invitee):
        url = reverse("invitations:unsubscribe", args=[make_unsubscribe_token(999999, "reminder")])
        assert Client().post(url).status_code == 200
        invitee.erased_at = timezone.now()
        invitee.save()
        assert Client().post(link(invitee)).status_code == 200
        assert not OptOut.objects.exists()

    def test_one_persons_link_stops_only_their_e_mails(self, invitee):
        other = make_person()
        Client().post(link(invitee))
        assert declined(other) == []


class TestMyChoice:
    @pytest.fixture
    def signed_in(self, member, invitee):
        invitee.user = member
        invitee.save()
        client = Client()
        client.force_login(member)
        return client

    def test_the_page_shows_what_they_receive(self, signed_in, invitee):
        OptOut.objects.create(person=invitee, kind=EmailKind.REMINDER)
        page = signed_in.get(ME).content.decode()
        assert 'id="emails"' in page
        assert '<input type="checkbox" name="reminder" id="id_reminder">' in page
        assert (
            '<input type="checkbox" name="date_confirmed" id="id_date_confirmed" checked>' in page
        )

    def test_declining_and_taking_back(self, signed_in, invitee):
        url = reverse("invitations:email_preferences")
        every_box = {kind: "on" for kind in OPTIONAL}
        all_but_reminders = {k: v for k, v in every_box.items() if k != EmailKind.REMINDER}
        response = signed_in.post(url, all_but_reminders, follow=True)
        assert response.redirect_chain[-1][0] == f"{ME}#emails"
        assert "Saved: your choice of e-mails." in response.content.decode()
        assert declined(invitee) == [EmailKind.REMINDER]
        signed_in.post(url, every_box)
        assert declined(invitee) == []
        signed_in.post(url, {})
        assert declined(invitee) == sorted(OPTIONAL)

    def test_a_get_goes_back_to_the_page(self, signed_in):
        response = signed_in.get(reverse("invitations:email_preferences"))
        assert response.status_code == 302 and response["Location"] == f"{ME}#emails"

    def test_a_member_not_linked_changes_nothing(self, member_client):
        response = member_client.post(reverse("invitations:email_preferences"), {})
        assert response["Location"] == f"{ME}#emails"
        assert not OptOut.objects.exists()

    def test_visitors_are_sent_to_sign_in(self, client):
        response = client.post(reverse("invitations:email_preferences"), {})
        assert response.status_code == 302 and reverse("login") in response["Location"]
        assert not OptOut.objects.exists()

    def test_the_form_needs_its_csrf_token(self, member, invitee):
        invitee.user = member
        invitee.save()
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        assert client.post(reverse("invitations:email_preferences"), {}).status_code == 403
        assert not OptOut.objects.exists()
