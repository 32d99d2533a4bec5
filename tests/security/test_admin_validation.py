"""The admin's forms refuse invalid data with a message on the field, and save nothing."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import ActionPoint, Attendance, Event, Intervention
from partners.models import EmailAddress, Organization, Person
from tests import factories
from tests.admin_forms import posted_data as page_data

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
            "city": "",
            "description": "",
        },
    )
    assert response.status_code == 200
    assert field_errors(response)
    assert Event.objects.count() == count


# The tests below post what the admin page itself rendered (read with a GET), changed only where
# the test says, so that the one invalid value is the only thing wrong with the submission; each
# then corrects that value and posts again, proving the rest of the data would have been saved.


def field_error(response, field_id):
    """The error list rendered on one field (by its HTML id), as text; None if it has none."""
    match = re.search(
        rf'<ul class="errorlist" id="{re.escape(field_id)}_error">(.*?)</ul>',
        response.content.decode(),
        re.S,
    )
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else None


def get_and_post(client, url, **changes):
    """Read the admin page, post it back with the changes; the response to the POST."""
    data = page_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


DUE_BEFORE_MEETING = "It cannot be due before the meeting that agreed it."


def test_follow_up_due_before_its_meeting_refused(users, every_model):
    client = client_for(users["secretariat"])
    meeting = every_model.meeting  # held on 17 July 2019
    url = reverse("admin:meetings_actionpoint_add")
    count = ActionPoint.objects.count()
    new = {
        "meeting": meeting.pk,
        "kind": "follow_up",
        "text": "Circulate the revised terms of reference.",
    }

    response = get_and_post(client, url, **new, due_date="2019-07-16")

    assert response.status_code == 200
    assert field_error(response, "id_due_date") == DUE_BEFORE_MEETING
    assert 'value="2019-07-16"' in response.content.decode()
    assert ActionPoint.objects.count() == count

    response = get_and_post(client, url, **new, due_date="2019-07-17")
    assert response.status_code == 302
    assert ActionPoint.objects.count() == count + 1


def test_decision_due_in_a_month_before_its_meeting_refused(users, every_model):
    client = client_for(users["secretariat"])
    point = ActionPoint.objects.get(meeting=every_model.meeting)  # held on 17 July 2019
    url = reverse("admin:meetings_actionpoint_change", args=[point.pk])
    count = ActionPoint.objects.count()

    # "June 2019" is due by 30 June at the latest: still before the meeting.
    response = get_and_post(client, url, kind="decision", due_date="June 2019")

    assert response.status_code == 200
    assert field_error(response, "id_due_date") == DUE_BEFORE_MEETING
    point.refresh_from_db()
    assert (point.kind, point.due_date) == ("follow_up", None)
    assert ActionPoint.objects.count() == count

    response = get_and_post(client, url, kind="decision", due_date="July 2019")
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.kind, point.due_date, point.due_precision) == (
        "decision",
        datetime.date(2019, 7, 1),
        "month",
    )


def test_attendance_recorded_twice_refused(users, every_model):
    client = client_for(users["secretariat"])
    attendance = Attendance.objects.get(meeting=every_model.meeting)
    url = reverse("admin:meetings_attendance_add")
    count = Attendance.objects.count()
    again = {
        "meeting": attendance.meeting_id,
        "organization": attendance.organization_id,
        "mode": "remote",
    }

    response = get_and_post(client, url, **again, person=attendance.person_id)

    assert response.status_code == 200
    # Uniqueness over two fields is the whole form's error in Django, shown above the fields.
    assert re.search(
        r'<ul class="errorlist nonfield"><li>'
        r"Attendance with this Meeting and Person already exists.</li></ul>",
        response.content.decode(),
    )
    assert Attendance.objects.count() == count

    someone_else = factories.make_person(organization=attendance.organization)
    response = get_and_post(client, url, **again, person=someone_else.pk)
    assert response.status_code == 302
    assert Attendance.objects.count() == count + 1


@pytest.mark.parametrize("rows", ["repeating the recorded row", "two new rows"])
def test_attendance_recorded_twice_in_the_meeting_page_refused(users, every_model, rows):
    client = client_for(users["secretariat"])
    meeting = every_model.meeting
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    recorded = Attendance.objects.get(meeting=meeting)
    person = recorded.person if rows == "repeating the recorded row" else factories.make_person()
    data = page_data(client.get(url))
    # The recorded row; new rows are added with the inline's "Add another" (extra = 0).
    assert data["attendances-TOTAL_FORMS"] == 1
    for row in [1] if rows == "repeating the recorded row" else [1, 2]:
        data[f"attendances-{row}-meeting"] = meeting.pk
        data[f"attendances-{row}-person"] = person.pk
        data[f"attendances-{row}-organization"] = person.organization_id
        data[f"attendances-{row}-mode"] = "in_person"
        data[f"attendances-{row}-position"] = row
    data["attendances-TOTAL_FORMS"] = row + 1
    count = Attendance.objects.count()

    response = client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<ul class="errorlist nonform"><li>Please correct the duplicate data for person.' in page
    assert '<ul class="errorlist"><li>Please correct the duplicate values below.</li></ul>' in page
    assert Attendance.objects.count() == count

    data[f"attendances-{row}-person"] = factories.make_person().pk
    response = client.post(url, data)
    assert response.status_code == 302
    assert Attendance.objects.count() == count + (1 if rows == "repeating the recorded row" else 2)


def test_intervention_without_summary_refused(users, every_model):
    client = client_for(users["secretariat"])
    intervention = Intervention.objects.get()
    url = reverse("admin:meetings_intervention_add")
    count = Intervention.objects.count()
    new = {
        "agenda_item": intervention.agenda_item_id,
        "position": 2,
        "organization": intervention.organization_id,
        "kind": "intervention",
    }

    response = get_and_post(client, url, **new, summary="")

    assert response.status_code == 200
    assert field_error(response, "id_summary") == "This field is required."
    assert Intervention.objects.count() == count

    response = get_and_post(client, url, **new, summary="Welcomed the new partners.")
    assert response.status_code == 302
    assert Intervention.objects.count() == count + 1


def test_email_address_that_is_not_one_refused_in_the_person_page(users, every_model):
    client = client_for(users["secretariat"])
    person = Person.objects.filter(emails__isnull=False).first()
    url = reverse("admin:partners_person_change", args=[person.pk])
    addresses = list(person.emails.values_list("address", flat=True))
    count = EmailAddress.objects.count()
    data = page_data(client.get(url))
    assert data["emails-TOTAL_FORMS"] == 2  # the recorded address and one blank row
    data["emails-1-address"] = "not-an-address"
    data["emails-1-position"] = 2

    response = client.post(url, data)

    assert response.status_code == 200
    assert field_error(response, "id_emails-1-address") == "Enter a valid email address."
    assert 'value="not-an-address"' in response.content.decode()
    assert EmailAddress.objects.count() == count
    assert list(person.emails.values_list("address", flat=True)) == addresses

    data["emails-1-address"] = "second.address@example.org"
    response = client.post(url, data)
    assert response.status_code == 302
    assert EmailAddress.objects.count() == count + 1


def test_email_address_that_is_not_one_refused(users, every_model):
    client = client_for(users["secretariat"])
    person = Person.objects.first()
    url = reverse("admin:partners_emailaddress_add")
    count = EmailAddress.objects.count()

    response = get_and_post(client, url, person=person.pk, address="someone@", position=2)

    assert response.status_code == 200
    assert field_error(response, "id_address") == "Enter a valid email address."
    assert EmailAddress.objects.count() == count

    response = get_and_post(client, url, person=person.pk, address="someone@example.org")
    assert response.status_code == 302
    assert EmailAddress.objects.count() == count + 1
