"""Recently deleted: what was deleted, by whom and when, and restoring it with the rows deleted
together with it; refused clearly, with nothing changed, when it cannot come back."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import AgendaItem, Attendance, Intervention, Meeting, Objective
from partners.models import Person
from tests.admin_forms import inline_prefix, page_text, posted_data
from tests.factories import (
    make_action_group,
    make_agenda_item,
    make_attendance,
    make_country,
    make_intervention,
    make_meeting,
    make_person,
)

LIST = "/admin/recently-deleted/"


def restore_url(obj_or_model, history_id):
    return reverse("recently_deleted_restore", args=[obj_or_model._meta.label_lower, history_id])


def deletion_of(model, pk):
    return model.history.filter(id=pk, history_type="-").latest("history_id")


def delete_as(user, *objects):
    """Delete as `user` would in the admin; each object keeps its pk, to look its history up."""
    for obj in objects:
        obj._history_user = user
        pk = obj.pk
        obj.delete()
        obj.pk = pk


@pytest.mark.usefixtures("record")
class TestRestoringFromTheRecord:
    def test_an_attendance_deleted_from_the_meetings_form_comes_back(self, staff, staff_client):
        meeting = Meeting.objects.get(number=5)
        attendance = Attendance.objects.get(meeting=meeting, person__name="Anousheh Karvar")
        kept = Attendance.objects.filter(pk=attendance.pk).values().get()
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        data = posted_data(staff_client.get(url))
        data[f"{inline_prefix(data, 'attendances', attendance.pk)}-DELETE"] = "on"
        data["history_change_reason"] = "Listed twice"
        assert staff_client.post(url, data).status_code == 302
        assert not Attendance.objects.filter(pk=attendance.pk).exists()

        listed = page_text(staff_client.get(LIST))
        assert f"Attendance · Anousheh Karvar at {meeting.title} Reason: Listed twice" in listed
        assert "secretariat" in listed

        deletion = deletion_of(Attendance, attendance.pk)
        confirm = staff_client.get(restore_url(Attendance, deletion.history_id))
        assert "Yes, restore" in confirm.content.decode()
        assert Attendance.objects.filter(pk=attendance.pk).exists() is False  # only on POST

        response = staff_client.post(restore_url(Attendance, deletion.history_id))

        assert response.status_code == 302
        assert Attendance.objects.filter(pk=attendance.pk).values().get() == kept
        latest = Attendance.history.filter(id=attendance.pk).latest("history_id")
        assert (latest.history_type, latest.history_change_reason) == ("+", "Restored")
        assert latest.history_user == staff
        assert staff_client.get(LIST).context["entries"] == []
        timeline = page_text(
            staff_client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk]))
        )
        assert "Attendance · Anousheh Karvar at" in timeline and "Reason: Restored" in timeline

    def test_restoring_twice_says_it_is_back_already(self, staff, staff_client):
        attendance = Attendance.objects.first()
        delete_as(staff, attendance)
        url = restore_url(Attendance, deletion_of(Attendance, attendance.pk).history_id)
        staff_client.post(url)

        response = staff_client.post(url, follow=True)

        assert "restored already" in page_text(response)
        assert Attendance.objects.filter(pk=attendance.pk).count() == 1


@pytest.mark.django_db
def test_a_link_to_an_earlier_deletion_restores_the_latest_version(staff, staff_client):
    attendance = make_attendance(listed_as="First listing")
    delete_as(staff, attendance)
    first = deletion_of(Attendance, attendance.pk)
    staff_client.post(restore_url(Attendance, first.history_id))
    attendance = Attendance.objects.get(pk=attendance.pk)
    attendance.listed_as = "Second listing"
    attendance.save()
    delete_as(staff, attendance)

    staff_client.post(restore_url(Attendance, first.history_id))

    assert Attendance.objects.get(pk=attendance.pk).listed_as == "Second listing"


@pytest.mark.django_db
class TestRestoringWhatWasDeletedTogether:
    def test_an_agenda_item_comes_back_with_its_interventions(self, staff, staff_client):
        item = make_agenda_item(title="Update from pathfinder countries")
        nepal, group = make_country(name="Nepal"), make_action_group()
        spoken = [
            make_intervention(agenda_item=item, countries=[nepal], action_groups=[group])
            for _ in range(2)
        ]
        earlier = make_intervention(agenda_item=make_agenda_item(meeting=item.meeting))
        delete_as(staff, earlier)
        earlier_deletion = deletion_of(Intervention, earlier.pk)
        earlier_deletion.history_date -= datetime.timedelta(minutes=1)
        earlier_deletion.save()
        delete_as(staff, *spoken, item)  # as one request does: the children, then the item

        confirm = page_text(
            staff_client.get(restore_url(AgendaItem, deletion_of(AgendaItem, item.pk).history_id))
        )
        assert "These 3 records, deleted together" in confirm
        assert "come back empty" not in confirm  # the links were kept with the deletion
        response = staff_client.post(
            restore_url(AgendaItem, deletion_of(AgendaItem, item.pk).history_id)
        )

        assert response.status_code == 302
        assert AgendaItem.objects.filter(pk=item.pk, title=item.title).exists()
        assert set(item.interventions.values_list("pk", flat=True)) == {i.pk for i in spoken}
        for intervention in item.interventions.all():
            assert list(intervention.countries.all()) == [nepal]
            assert list(intervention.action_groups.all()) == [group]
        assert not Intervention.objects.filter(pk=earlier.pk).exists()  # deleted apart

    def test_an_intervention_without_its_agenda_item_is_refused_clearly(self, staff, staff_client):
        item = make_agenda_item()
        intervention = make_intervention(agenda_item=item)
        delete_as(staff, intervention, item)
        url = restore_url(Intervention, deletion_of(Intervention, intervention.pk).history_id)

        response = staff_client.post(url)

        assert response.status_code == 200
        text = page_text(response)
        assert "cannot be restored now, and nothing was changed" in text
        assert f"its agenda item (deleted: {item}) is not in the record any more" in text
        assert not Intervention.objects.filter(pk=intervention.pk).exists()

    def test_a_link_to_a_country_deleted_since_is_refused_clearly(self, staff, staff_client):
        fiji = make_country(name="Fiji")
        intervention = make_intervention(countries=[fiji])
        delete_as(staff, intervention)
        delete_as(staff, fiji)

        response = staff_client.post(
            restore_url(Intervention, deletion_of(Intervention, intervention.pk).history_id)
        )

        assert "its link to (deleted: Fiji) (countries concerned) cannot come back" in page_text(
            response
        )
        assert not Intervention.objects.filter(pk=intervention.pk).exists()

    def test_a_row_deleted_before_links_were_kept_says_which_to_check(self, staff, staff_client):
        intervention = make_intervention(countries=[make_country()])
        delete_as(staff, intervention)
        deletion = deletion_of(Intervention, intervention.pk)
        Intervention.history.filter(history_id=deletion.history_id).update(history_links={})

        confirm = page_text(staff_client.get(restore_url(Intervention, deletion.history_id)))

        assert "come back empty" in confirm
        assert "Interventions: countries concerned" in confirm

    def test_a_unique_clash_is_refused_and_nothing_is_restored(self, staff, staff_client):
        meeting = make_meeting()
        person = make_person()
        objective = Objective.objects.create(meeting=meeting, position=1, text="Take stock.")
        attendance = make_attendance(meeting=meeting, person=person)
        delete_as(staff, attendance)
        make_attendance(meeting=meeting, person=person)  # recorded again since

        response = staff_client.post(
            restore_url(Attendance, deletion_of(Attendance, attendance.pk).history_id)
        )

        assert "Attendance with this Meeting and Person already exists" in page_text(response)
        assert not Attendance.objects.filter(pk=attendance.pk).exists()
        assert Objective.objects.filter(pk=objective.pk).exists()

    def test_a_person_gone_since_refuses_the_attendance(self, staff, staff_client):
        person = make_person(email=False, name="Jane Doe")
        attendance = make_attendance(person=person)
        delete_as(staff, attendance)
        delete_as(staff, person)
        Person.history.filter(id=person.pk, history_type="-").update(
            history_date=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        )

        response = staff_client.post(
            restore_url(Attendance, deletion_of(Attendance, attendance.pk).history_id)
        )

        assert "its person (deleted: Jane Doe) is not in the record any more" in page_text(response)
        assert not Attendance.objects.filter(pk=attendance.pk).exists()

    def test_a_meeting_comes_back_with_the_objectives_its_deletion_cascaded_to(
        self, staff, staff_client
    ):
        meeting = make_meeting()
        Objective.objects.create(meeting=meeting, position=1, text="Take stock.")
        Objective.objects.create(meeting=meeting, position=2, text="Plan.")
        meeting._history_user = staff
        Meeting.objects.get(pk=meeting.pk).delete()  # the objectives cascade, user from no one

        deletion = deletion_of(Meeting, meeting.pk)
        Objective.history.filter(meeting_id=meeting.pk).update(history_user=staff)
        deletion.history_user = staff
        deletion.save()
        staff_client.post(restore_url(Meeting, deletion.history_id))

        assert list(meeting.objectives.values_list("text", flat=True)) == ["Take stock.", "Plan."]


@pytest.mark.django_db
def test_who_may_see_it(client, member, django_user_model):
    client.force_login(member)
    assert client.get(LIST).status_code == 302  # to the admin's sign-in
    assert client.get(LIST)["Location"].startswith("/admin/login/")
    staff = django_user_model.objects.create_user("staff", password="x-long-pass-1", is_staff=True)
    client.force_login(staff)
    assert client.get(LIST).status_code == 403
    assert "Recently deleted" not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_only_the_secretariat_restores(client, member, django_user_model, staff):
    attendance = make_attendance()
    delete_as(staff, attendance)
    url = restore_url(Attendance, deletion_of(Attendance, attendance.pk).history_id)
    without_permissions = django_user_model.objects.create_user(
        "staff", password="x-long-pass-1", is_staff=True
    )

    client.force_login(member)
    assert client.post(url).status_code == 302  # to the admin's sign-in
    client.force_login(without_permissions)
    assert client.post(url).status_code == 403

    assert not Attendance.objects.filter(pk=attendance.pk).exists()


@pytest.mark.django_db
def test_the_index_links_it_for_the_secretariat(staff_client):
    assert LIST in staff_client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_the_lists_queries_do_not_grow_with_its_rows(staff, staff_client):
    def delete_some(count):
        for _ in range(count):
            item = make_agenda_item()
            delete_as(staff, make_intervention(agenda_item=item), make_attendance(), item)

    delete_some(1)
    staff_client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(LIST)
    delete_some(20)
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(LIST)

    assert len(response.context["entries"]) == 50
    assert "None" not in page_text(response)
    assert len(few) == len(many) <= 30
