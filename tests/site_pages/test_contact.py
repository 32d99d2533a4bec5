"""The contact form: a message is saved, then e-mailed to the Secretariat; mistakes come back with
the text typed; a fourth message in an hour from one address or one place is refused, saying
so; a robot's message is dropped and thanked."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from site_pages.models import ContactMessage

pytestmark = pytest.mark.django_db

URL = "/contact/"
FILLED = {
    "name": "Ana Pérez",
    "email": "ana@example.org",
    "subject": "Joining the Migration action group",
    "message": "How does a trade union take part?\n\nThank you.",
    "website": "",
}
# Sending: a count for each limit; the message and its history's first row, in a savepoint; the
# Secretariat's addresses.
SENDING_QUERIES = 7


def post(client, ip="192.0.2.10", **changes):
    return client.post(URL, {**FILLED, **changes}, REMOTE_ADDR=ip)


@pytest.fixture
def secretariat(officer, roles, django_user_model):
    """Two active officers with an address (one given twice in another case), one without, one
    inactive: the first two are written to."""
    second = django_user_model.objects.create_user(
        "second-officer", email="second@secretariat.example.org", is_staff=True
    )
    no_address = django_user_model.objects.create_user("no-address", is_staff=True)
    gone = django_user_model.objects.create_user(
        "gone", email="gone@secretariat.example.org", is_staff=True, is_active=False
    )
    for user in (second, no_address, gone):
        user.groups.add(roles.secretariat)
    return officer


def test_a_message_is_saved_and_emailed_to_the_secretariat(client, secretariat):
    response = post(client)

    assert response.status_code == 302
    assert response.url == reverse("site_pages:contact_sent")
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.subject) == (
        "Ana Pérez",
        "ana@example.org",
        "Joining the Migration action group",
    )
    assert message.message == "How does a trade union take part?\n\nThank you."
    assert message.language == "en-gb"
    assert message.replied_at is None
    [email] = mail.outbox
    assert sorted(email.to) == ["officer@secretariat.example.org", "second@secretariat.example.org"]
    assert email.reply_to == ["ana@example.org"]
    assert email.subject == (
        "Message from the portal's contact form: Joining the Migration action group"
    )
    assert "Ana Pérez <ana@example.org> wrote from the portal's contact form:" in email.body
    assert "How does a trade union take part?" in email.body
    assert f"/admin/site_pages/contactmessage/{message.pk}/change/" in email.body
    html = email.alternatives[0][0]
    assert "Ana Pérez &lt;ana@example.org&gt;" in html


def test_sending_costs_a_fixed_number_of_queries(client, secretariat, django_assert_num_queries):
    with django_assert_num_queries(SENDING_QUERIES):
        post(client)
    assert ContactMessage.objects.count() == 1


@override_settings(CONTACT_FORM_RECIPIENTS=["desk@example.org", "OFFICER@secretariat.example.org"])
def test_the_setting_adds_recipients_without_doubles(client, secretariat):
    post(client)

    assert sorted(mail.outbox[0].to) == [
        "desk@example.org",
        "officer@secretariat.example.org",
        "second@secretariat.example.org",
    ]


def test_the_thank_you_page_shows_no_address(client, secretariat):
    response = client.get(reverse("site_pages:contact_sent"))
    post(client)
    after = client.get(reverse("site_pages:contact_sent")).content.decode()

    assert "Thank you: your message has reached the Secretariat" in after
    assert "ana@example.org" not in after
    assert "ana@example.org" not in client.get(URL).content.decode()
    assert response.status_code == 200


def test_a_message_in_french_is_kept_in_french(client, secretariat):
    client.cookies["django_language"] = "fr"
    post(client)

    assert ContactMessage.objects.get().language == "fr"


def test_an_invalid_address_comes_back_with_the_text_typed(client, secretariat):
    response = post(client, email="ana-at-example.org")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Your message was not sent: please correct what is marked below." in html
    assert "Enter a valid email address." in html
    assert 'value="ana-at-example.org"' in html
    assert 'value="Joining the Migration action group"' in html
    assert "How does a trade union take part?\n\nThank you.</textarea>" in html
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("field", ["name", "email", "subject", "message"])
def test_each_field_is_required(client, field):
    response = post(client, **{field: "  "})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_a_too_long_message_is_refused_not_cut(client):
    response = post(client, message="x" * 5001)

    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_a_robot_filling_the_trap_is_thanked_and_dropped(client, secretariat):
    response = post(client, website="https://spam.example")

    assert response.status_code == 302
    assert response.url == reverse("site_pages:contact_sent")
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_the_trap_is_hidden_from_people_and_screen_readers(client):
    html = client.get(URL).content.decode()

    assert '<div class="contact-trap" aria-hidden="true">' in html
    assert '<label for="id_website">Leave this field empty</label>' in html
    assert 'tabindex="-1"' in html


def test_the_fourth_message_in_an_hour_from_one_address_is_refused(client, secretariat):
    for n in range(3):
        assert post(client, ip=f"192.0.2.{n}").status_code == 302

    response = post(client, ip="192.0.2.99", email="ANA@example.org")

    assert response.status_code == 429
    html = response.content.decode()
    assert "you have sent as many messages as the form takes in an hour" in html
    assert "How does a trade union take part?\n\nThank you.</textarea>" in html
    assert ContactMessage.objects.count() == 3


def test_the_fourth_message_in_an_hour_from_one_place_is_refused(client):
    for n in range(3):
        assert post(client, email=f"writer{n}@example.org").status_code == 302

    response = post(client, email="someone-else@example.org")

    assert response.status_code == 429
    assert ContactMessage.objects.count() == 3


def test_behind_a_proxy_the_place_is_the_clients(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(3):
        client.post(
            URL,
            {**FILLED, "email": f"w{n}@example.org"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    assert ContactMessage.objects.count() == 3  # three clients, one proxy: none refused


def test_an_hour_later_a_message_is_taken_again(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    for _n in range(3):
        post(client)
    assert post(client).status_code == 429

    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, 1, tzinfo=datetime.UTC), tick=False)

    assert post(client).status_code == 302
    assert ContactMessage.objects.count() == 4


@override_settings(CONTACT_MESSAGES_PER_HOUR=1)
def test_the_limit_is_the_setting(client):
    assert post(client).status_code == 302
    assert post(client).status_code == 429


def test_the_network_address_is_not_kept(client):
    post(client, ip="203.0.113.77")

    message = ContactMessage.objects.get()
    assert "203.0.113.77" not in str(vars(message))
    assert len(message.sender_key) >= 40


def test_a_mail_server_down_loses_no_message(client, secretariat):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError,
    ):
        response = post(client)

    assert response.status_code == 302
    assert ContactMessage.objects.get().subject == "Joining the Migration action group"


def test_the_form_is_served_from_the_cache_but_each_post_is_handled(client, secretariat):
    client.get(URL)
    assert client.get(URL).status_code == 200  # the visitors' copy

    post(client)
    post(client, email="other@example.org")

    assert ContactMessage.objects.count() == 2


def test_a_post_without_the_csrf_token_is_refused(secretariat):
    from django.test import Client

    checking = Client(enforce_csrf_checks=True)

    response = checking.post(URL, FILLED)

    assert response.status_code == 403
    assert ContactMessage.objects.count() == 0


def test_the_privacy_page_names_what_a_message_keeps(client):
    html = client.get(reverse("site_pages:privacy")).content.decode()

    assert "keeps name, e-mail address, subject, message and the time it was received" in html
