"""The admin's forms refuse invalid data with a message on the field, and save nothing."""

import re

from django.urls import reverse

from meetings.models import Event
from partners.models import Organization

from .conftest import client_for


def field_errors(response):
    return re.findall(
        r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )


def test_invalid_organisation_refused(users, every_model):
    client = client_for(users["secretariat"])
    count = Organization.objects.count()
    response = client.post(
        reverse("admin:partners_organization_add"),
        {
            "name": "",
            "slug": "not a slug!",
            "kind": "bogus",
            "acronym": "",
            "country": "",
            "parent": "",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Select a valid choice. bogus is not one of the available choices." in page
    assert "Enter a valid “slug”" in page
    assert len(field_errors(response)) >= 3
    assert Organization.objects.count() == count


def test_event_ending_before_it_starts_refused(users, every_model):
    client = client_for(users["secretariat"])
    count = Event.objects.count()
    response = client.post(
        reverse("admin:meetings_event_add"),
        {
            "title": "Backwards",
            "slug": "backwards",
            "kind": "external",
            "status": "confirmed",
            "start_date": "2019-11-13",
            "end_date": "2019-11-11",
            "date_precision": "day",
            "city": "",
            "description": "",
        },
    )
    assert response.status_code == 200
    assert field_errors(response)
    assert Event.objects.count() == count
