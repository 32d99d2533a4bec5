"""S21: deleting what the record refers to is refused (PROTECT), in the ORM and in the admin."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from meetings.models import Meeting
from partners.models import Organization, Person
from pathfinders.models import Country

from .conftest import client_for


@pytest.mark.parametrize("model", [Organization, Person, Country, Meeting])
def test_s21_delete_refused(users, every_model, model):
    obj = model.objects.filter(pk__in=referenced_pks(model)).first()
    assert obj is not None
    with pytest.raises(ProtectedError), transaction.atomic():
        obj.delete()
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    client = client_for(users["secretariat"])
    page = client.get(url).content.decode()
    assert "would require deleting the following protected related objects" in page
    client.post(url, {"post": "yes"})
    assert model.objects.filter(pk=obj.pk).exists()


def referenced_pks(model):
    """Rows that some other row refers to, as the every_model fixture builds them."""
    if model is Organization:
        return Person.objects.values("organization")
    if model is Person:
        return Person.objects.filter(attendances__isnull=False).values("pk")
    if model is Country:
        return Country.objects.filter(milestones__isnull=False).values("pk")
    return Meeting.objects.filter(agenda_items__isnull=False).values("pk")
