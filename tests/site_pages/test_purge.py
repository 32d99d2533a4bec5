"""`manage.py purge_contact_messages`: messages older than CONTACT_MESSAGES_DAYS are deleted with
every version the history kept of them; younger ones stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from site_pages.models import ContactMessage

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def received(days_ago, time_machine, subject):
    time_machine.move_to(NOW - datetime.timedelta(days=days_ago), tick=False)
    message = ContactMessage.objects.create(
        name="W", email="w@example.org", subject=subject, message="M"
    )
    message.reply = "An answer."
    message.save()
    return message


def test_old_messages_and_their_history_are_deleted(time_machine):
    old = received(366, time_machine, "old")
    young = received(364, time_machine, "young")
    time_machine.move_to(NOW, tick=False)
    out = StringIO()

    call_command("purge_contact_messages", stdout=out)

    assert list(ContactMessage.objects.values_list("subject", flat=True)) == ["young"]
    assert not ContactMessage.history.filter(id=old.pk).exists()
    assert ContactMessage.history.filter(id=young.pk).count() == 2
    assert "contact messages: 1 deleted (older than 365 days)" in out.getvalue()


@override_settings(CONTACT_MESSAGES_DAYS=30)
def test_the_retention_is_the_setting(time_machine):
    received(31, time_machine, "old")
    received(29, time_machine, "young")
    time_machine.move_to(NOW, tick=False)

    call_command("purge_contact_messages", stdout=StringIO())
    call_command("purge_contact_messages", stdout=StringIO())  # twice: nothing more

    assert list(ContactMessage.objects.values_list("subject", flat=True)) == ["young"]
