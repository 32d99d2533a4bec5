"""S20: an error midway through a multi-object admin save leaves nothing half-saved."""

from django.urls import reverse

from partners.models import EmailAddress, Person

from .conftest import client_for


def test_s20_admin_save_with_failing_inline_saves_nothing(users, every_model, monkeypatch):
    person = Person.objects.first()
    history_before = person.history.count()
    emails_before = list(EmailAddress.objects.values_list("address", flat=True))

    def fail(*args, **kwargs):
        raise RuntimeError("injected failure while saving the inline")

    monkeypatch.setattr(EmailAddress, "save", fail)
    client = client_for(users["secretariat"])
    client.raise_request_exception = False
    data = {
        "name": "Renamed midway",
        "slug": person.slug,
        "organization": person.organization_id,
        "position": "",
        "contact_visibility": person.contact_visibility,
        "emails-TOTAL_FORMS": "1",
        "emails-INITIAL_FORMS": "0",
        "emails-MIN_NUM_FORMS": "0",
        "emails-MAX_NUM_FORMS": "1000",
        "emails-0-address": "new.address@example.org",
        "emails-0-position": "2",
    }
    response = client.post(reverse("admin:partners_person_change", args=[person.pk]), data)
    assert response.status_code == 500  # the person was saved first, then the inline failed
    person.refresh_from_db()
    assert person.name != "Renamed midway"
    assert list(EmailAddress.objects.values_list("address", flat=True)) == emails_before
    assert person.history.count() == history_before
