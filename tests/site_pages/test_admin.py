"""The Secretariat in the admin: edits the pages (kept in the history with a reason) and answers
the contact form's messages, the reply sent by e-mail in the writer's language, who sent it and
when recorded; a reply the mail server refuses is saved and the officer told."""

from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from site_pages.models import ContactMessage, PageKind, SitePage
from tests.admin_forms import posted_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def message():
    return ContactMessage.objects.create(
        name="Ana Pérez",
        email="ana@example.org",
        subject="Joining the Migration action group",
        message="How does a trade union take part?",
        language="es",
    )


def change_url(obj):
    return reverse(f"admin:site_pages_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_page_edited_is_kept_in_the_history_with_its_reason(officer_client, officer):
    page = SitePage.objects.get(kind=PageKind.ABOUT)
    form = officer_client.get(change_url(page))

    response = officer_client.post(
        change_url(page),
        posted_data(
            form,
            title_fr="À propos du portail",
            body_fr="Le portail du GCG.",
            history_change_reason="French text",
        ),
    )

    assert response.status_code == 302
    latest = page.history.order_by("-history_id").first()
    assert (latest.title_fr, latest.history_user, latest.history_change_reason) == (
        "À propos du portail",
        officer,
        "French text",
    )
    assert page.history.count() == 2  # the first text's, and this one
    first = page.history.earliest("history_id")
    assert first.history_change_reason == "Loaded from the record's fixtures"


def test_the_reply_is_sent_in_the_writers_language_and_recorded(officer_client, officer, message):
    form = officer_client.get(change_url(message))
    assert 'name="_send_reply"' in form.content.decode()

    response = officer_client.post(
        change_url(message),
        posted_data(form, reply="Escriba a su central sindical.", _send_reply="1"),
        follow=True,
    )

    message.refresh_from_db()
    assert message.reply == "Escriba a su central sindical."
    assert message.replied_by == officer
    assert message.replied_at is not None
    [email] = mail.outbox
    assert email.to == ["ana@example.org"]
    assert email.subject == "Re: Joining the Migration action group"
    assert email.extra_headers["Content-Language"] == "es"
    assert "Escriba a su central sindical." in email.body
    assert "> How does a trade union take part?" in email.body
    assert "was sent to its writer" in response.content.decode()


def test_saving_without_the_button_sends_nothing(officer_client, message):
    form = officer_client.get(change_url(message))

    officer_client.post(change_url(message), posted_data(form, reply="A draft answer."))

    message.refresh_from_db()
    assert (message.reply, message.replied_at) == ("A draft answer.", None)
    assert mail.outbox == []


def test_a_refused_reply_is_saved_and_the_officer_told(officer_client, message):
    form = officer_client.get(change_url(message))
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError,
    ):
        response = officer_client.post(
            change_url(message),
            posted_data(form, reply="Our answer.", _send_reply="1"),
            follow=True,
        )

    message.refresh_from_db()
    assert message.reply == "Our answer."
    assert message.replied_at is None and message.replied_by is None
    assert "was saved but not sent (ConnectionRefusedError): try again later." in (
        response.content.decode()
    )


def test_the_action_sends_the_replies_written_and_says_which_have_none(
    officer_client, officer, message
):
    silent = ContactMessage.objects.create(
        name="B", email="b@example.org", subject="No reply yet", message="?"
    )
    ContactMessage.objects.filter(pk=message.pk).update(reply="Our answer.")

    response = officer_client.post(
        reverse("admin:site_pages_contactmessage_changelist"),
        {"action": "send_replies", "_selected_action": [message.pk, silent.pk]},
        follow=True,
    )

    assert [email.to for email in mail.outbox] == [["ana@example.org"]]
    message.refresh_from_db()
    silent.refresh_from_db()
    assert message.replied_by == officer
    assert silent.replied_at is None
    assert "“No reply yet”: write a reply before sending it." in response.content.decode()


def test_a_reply_sent_is_not_sent_again_nor_changed(officer_client, officer, message):
    ContactMessage.objects.filter(pk=message.pk).update(reply="Sent.")
    officer_client.post(
        reverse("admin:site_pages_contactmessage_changelist"),
        {"action": "send_replies", "_selected_action": [message.pk]},
    )
    form = officer_client.get(change_url(message)).content.decode()

    officer_client.post(
        reverse("admin:site_pages_contactmessage_changelist"),
        {"action": "send_replies", "_selected_action": [message.pk]},
    )

    assert len(mail.outbox) == 1
    assert 'name="_send_reply"' not in form
    assert 'name="reply"' not in form


def test_messages_are_not_written_in_the_admin(officer_client):
    response = officer_client.get(reverse("admin:site_pages_contactmessage_add"))

    assert response.status_code == 403


def test_the_list_of_messages_costs_the_same_with_more(
    officer_client, officer, django_assert_num_queries
):
    url = reverse("admin:site_pages_contactmessage_changelist")

    def make(count):
        ContactMessage.objects.bulk_create(
            ContactMessage(
                name=f"W{n}",
                email=f"w{n}@example.org",
                subject="S",
                message="M",
                replied_by=officer,
            )
            for n in range(count)
        )

    make(1)
    officer_client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert officer_client.get(url).status_code == 200
    make(9)
    with django_assert_num_queries(len(one)):
        officer_client.get(url)
