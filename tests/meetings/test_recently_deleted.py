"""Recently deleted: what was deleted, by whom and when, and restoring it with the rows deleted
together with it; refused clearly, with nothing changed, when it cannot come back."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from simple_history.middleware import HistoryRequestMiddleware

from base.audit.recently_deleted import history_models
from meetings.models import AgendaItem, Attendance, Intervention, KeyFigure, Meeting, Objective
from tests.admin_forms import inline_prefix, page_text, posted_data
from tests.factories import (
    make_action_group,
    make_agenda_item,
    make_attendance,
    make_country,
    make_event,
    make_intervention,
    make_meeting,
    make_person,
)

LIST = "/admin/recently-deleted/"
# The session, the user and their second factor, the deleted rows of each of the 21 models that keep
# a history (the invitations' since issue 21, a comment round's and a comment's since issue 22, the
# site's pages' and the contact messages' since issue 23), the labels in bulk: however many
# deletions it lists.
QUERIES_OF_THE_LIST = 29
# The rows to delete and their deletion; then one history row per key figure, no more.
QUERIES_TO_DELETE_KEY_FIGURES = 2


def restore_url(obj_or_model, history_id):
    return reverse(
        "admin:recently_deleted_restore", args=[obj_or_model._meta.label_lower, history_id]
    )


def deletion_of(model, pk):
    return model.history.filter(id=pk, history_type="-").latest("history_id")


def delete_as(user, *objects):
    """Delete as `user` would in one save of the admin (one transaction: one save,
    base.audit.saves); each object keeps its pk, to look its history up."""
    with transaction.atomic():
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
        assert "officer" in listed

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
        delete_as(staff, person)  # another save, though the same person's, a moment later

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
        # One save, the objectives cascading with the meeting, recorded for no one.
        Meeting.objects.get(pk=meeting.pk).delete()

        deletion = deletion_of(Meeting, meeting.pk)
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


# What one save deleted ---------------------------------------------------------------------------


def in_one_request(user, work):
    """Run `work` as a request of `user` runs in the admin: inside simple_history's middleware,
    which is what makes everything it records one save (base.audit.saves)."""
    request = RequestFactory().post("/admin/")
    request.user = user
    HistoryRequestMiddleware(lambda request: work())(request)


def delete_in_order(*objects):
    """Delete each object in turn (children before their parent), keeping its pk."""
    for obj in objects:
        pk = obj.pk
        obj.delete()
        obj.pk = pk


def save_of(model, pk):
    return deletion_of(model, pk).history_save


def restore_save_url(save):
    return reverse("admin:recently_deleted_restore_save", args=[save])


def an_agenda_item_with_its_parts(meeting=None):
    """Test data: an agenda item with two interventions, a key figure and an event mentioned."""
    item = make_agenda_item(meeting=meeting, number=3, title="Communications")
    country = make_country()
    spoken = [make_intervention(agenda_item=item, countries=[country]) for _ in range(2)]
    figure = KeyFigure.objects.create(agenda_item=item, value=12, label="test data: partners")
    event = make_event(mentioned_at=item)
    return item, [*spoken, figure, event]


@pytest.mark.django_db
class TestWhatOneSaveDeleted:
    def test_one_request_is_one_entry_restored_whole(self, staff, staff_client):
        item, parts = an_agenda_item_with_its_parts()
        attendance = make_attendance(meeting=item.meeting)
        with time_machine.travel(datetime.datetime(2019, 7, 18, 9, tzinfo=datetime.UTC)) as now:
            in_one_request(staff, lambda: delete_in_order(*parts, item))
            now.shift(datetime.timedelta(seconds=1))
            in_one_request(staff, lambda: delete_in_order(attendance))

        listed = staff_client.get(LIST)
        entries = [deletion for deletion, _url in listed.context["entries"]]
        assert [len(deletion.rows) for deletion in entries] == [1, 5]
        text = page_text(listed)
        assert re.search(
            r"Agenda item · [^·]+ · 3\. Communications, with 2 interventions, 1 event and 1 key "
            r"figure Restore…",
            text,
        )
        assert "2 deletions" in text

        response = staff_client.post(restore_save_url(save_of(AgendaItem, item.pk)))

        assert response.status_code == 302
        assert AgendaItem.objects.filter(pk=item.pk).exists()
        assert item.interventions.count() == 2
        country = parts[0].countries.model.objects.get()  # the interventions' links came back
        assert [list(i.countries.all()) for i in item.interventions.all()] == [[country]] * 2
        assert item.key_figures.get().value == 12
        assert item.events_mentioned.count() == 1
        assert not Attendance.objects.filter(pk=attendance.pk).exists()  # another save
        staff_client.post(restore_save_url(save_of(Attendance, attendance.pk)))
        assert Attendance.objects.filter(pk=attendance.pk).exists()
        assert staff_client.get(LIST).context["entries"] == []

    def test_a_large_save_is_summed_up(self, staff, staff_client):
        item, parts = an_agenda_item_with_its_parts()
        attendances = [make_attendance(meeting=item.meeting) for _ in range(5)]
        in_one_request(staff, lambda: delete_in_order(*parts, item, *attendances))

        text = page_text(staff_client.get(LIST))

        # "attendance": the model's plural, as the admin's index says it.
        assert re.search(
            r"Agenda item · [^·]+ · 3\. Communications and 5 attendance, with 2 interventions, 1 "
            r"event and 1 key figure Restore…",
            text,
        )

    def test_two_saves_a_second_apart_are_two_entries(self, staff, staff_client):
        """The interventions deleted one second before their agenda item, by another save: the
        time rule took them back with it."""
        item, parts = an_agenda_item_with_its_parts()
        with time_machine.travel(datetime.datetime(2019, 7, 18, 9, tzinfo=datetime.UTC)) as now:
            in_one_request(staff, lambda: delete_in_order(*parts))
            now.shift(datetime.timedelta(seconds=1))
            in_one_request(staff, lambda: delete_in_order(item))

        entries = staff_client.get(LIST).context["entries"]
        assert [len(deletion.rows) for deletion, _url in entries] == [1, 4]
        staff_client.post(restore_save_url(save_of(AgendaItem, item.pk)))

        assert AgendaItem.objects.filter(pk=item.pk).exists()
        assert item.interventions.count() == 0  # not deleted by that save
        assert len(staff_client.get(LIST).context["entries"]) == 1

    def test_a_save_longer_than_the_old_window_is_still_one(self, staff, staff_client):
        item, parts = an_agenda_item_with_its_parts()
        other_item = make_agenda_item(meeting=item.meeting)
        spoken_elsewhere = make_intervention(agenda_item=other_item)

        def slowly(now):
            delete_in_order(*parts)
            now.shift(datetime.timedelta(seconds=8))  # a large meeting's page, slow to save
            delete_in_order(spoken_elsewhere, item)

        with time_machine.travel(datetime.datetime(2019, 7, 18, 9, tzinfo=datetime.UTC)) as now:
            in_one_request(staff, lambda: slowly(now))

        entries = staff_client.get(LIST).context["entries"]
        assert [len(deletion.rows) for deletion, _url in entries] == [6]
        # Restoring the first intervention alone: with no row of its save referring to it.
        first = deletion_of(Intervention, parts[0].pk)
        confirm = staff_client.get(restore_url(Intervention, first.history_id))
        assert len(confirm.context["group"]) == 1

        staff_client.post(restore_save_url(first.history_save))

        assert item.interventions.count() == 2
        assert Intervention.objects.filter(pk=spoken_elsewhere.pk).exists()  # no key to item

    def test_two_peoples_saves_at_the_same_moment_are_apart(
        self, staff, staff_client, django_user_model
    ):
        other = django_user_model.objects.create_superuser("other", password="a-long-pass-1")
        item = make_agenda_item()
        mine, theirs = make_intervention(agenda_item=item), make_intervention(agenda_item=item)
        with time_machine.travel(datetime.datetime(2019, 7, 18, 9, tzinfo=datetime.UTC)):
            in_one_request(staff, lambda: delete_in_order(mine))
            in_one_request(other, lambda: delete_in_order(theirs))

        entries = staff_client.get(LIST).context["entries"]
        assert sorted(str(deletion.user) for deletion, _url in entries) == ["officer", "other"]
        staff_client.post(restore_save_url(save_of(Intervention, mine.pk)))
        assert list(item.interventions.all()) == [mine]

    def test_a_save_of_the_admin_deleting_unrelated_rows_is_one_entry(self, staff, staff_client):
        item = make_agenda_item(title="Communications")
        spoken = [make_intervention(agenda_item=item) for _ in range(2)]
        figure = KeyFigure.objects.create(agenda_item=item, value=50, label="test data")
        url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
        data = posted_data(staff_client.get(url))
        for prefix, obj in [("interventions", spoken[0]), ("interventions", spoken[1])]:
            data[f"{inline_prefix(data, prefix, obj.pk)}-DELETE"] = "on"
        data[f"{inline_prefix(data, 'key_figures', figure.pk)}-DELETE"] = "on"
        assert staff_client.post(url, data).status_code == 302

        [(deletion, restore_link)] = staff_client.get(LIST).context["entries"]
        assert restore_link == restore_save_url(save_of(KeyFigure, figure.pk))
        assert len(deletion.roots) == 3
        confirm = staff_client.get(restore_link)
        assert "These 3 records, deleted together" in page_text(confirm)
        assert "Or restore one of them alone" in page_text(confirm)

        alone = restore_url(KeyFigure, deletion_of(KeyFigure, figure.pk).history_id)
        assert alone in confirm.content.decode()
        staff_client.post(alone)
        assert list(item.key_figures.all()) == [figure]
        assert item.interventions.count() == 0
        staff_client.post(restore_link)
        assert item.interventions.count() == 2

    def test_when_one_row_cannot_come_back_none_does(self, staff, staff_client):
        meeting = make_meeting()
        person = make_person()
        attendance = make_attendance(meeting=meeting, person=person)
        objective = Objective.objects.create(meeting=meeting, position=1, text="Take stock.")
        in_one_request(staff, lambda: delete_in_order(attendance, objective))
        make_attendance(meeting=meeting, person=person)  # recorded again since

        response = staff_client.post(restore_save_url(save_of(Objective, objective.pk)))

        assert response.status_code == 200
        text = page_text(response)
        assert "cannot be restored now, and nothing was changed" in text
        assert "Attendance with this Meeting and Person already exists" in text
        assert not Objective.objects.filter(pk=objective.pk).exists()

    def test_a_row_deleted_again_since_belongs_to_its_later_save(self, staff, staff_client):
        objective = Objective.objects.create(meeting=make_meeting(), position=1, text="Plan.")
        in_one_request(staff, lambda: delete_in_order(objective))
        first_save = save_of(Objective, objective.pk)
        staff_client.post(restore_save_url(first_save))
        in_one_request(staff, lambda: delete_in_order(Objective.objects.get(pk=objective.pk)))

        response = staff_client.get(restore_save_url(first_save), follow=True)

        assert "restored already" in page_text(response)
        [(deletion, _url)] = staff_client.get(LIST).context["entries"]
        assert deletion.save == save_of(Objective, objective.pk) != first_save

    def test_an_unknown_save_says_so(self, staff_client):
        response = staff_client.get(restore_save_url(uuid.uuid4()), follow=True)
        assert "restored already" in page_text(response)


@pytest.mark.django_db
class TestDeletedBeforeSavesWereRecorded:
    """Rows without a save keep the time rule: one entry each, restored with the rows deleted
    by the same person within five seconds that refer to them."""

    def forget_the_saves(self):
        for model in history_models():
            model.history.filter(history_type="-").update(history_save=None)

    def test_the_time_rule_still_brings_the_children(self, staff, staff_client):
        item, parts = an_agenda_item_with_its_parts()
        unrelated = make_attendance(meeting=item.meeting)
        later = make_intervention(agenda_item=make_agenda_item(meeting=item.meeting))
        with time_machine.travel(datetime.datetime(2019, 7, 18, 9, tzinfo=datetime.UTC)) as now:
            delete_as(staff, *parts, unrelated, item)
            now.shift(datetime.timedelta(seconds=6))
            delete_as(staff, later, later.agenda_item)
        self.forget_the_saves()

        entries = staff_client.get(LIST).context["entries"]
        assert [len(deletion.rows) for deletion, _url in entries] == [1] * 8
        response = staff_client.post(
            restore_url(AgendaItem, deletion_of(AgendaItem, item.pk).history_id)
        )

        assert response.status_code == 302
        assert item.interventions.count() == 2
        assert item.key_figures.count() == 1 and item.events_mentioned.count() == 1
        assert not Attendance.objects.filter(pk=unrelated.pk).exists()  # no key to the item
        assert not Intervention.objects.filter(pk=later.pk).exists()  # six seconds later

    def test_a_row_with_a_save_is_not_taken_by_the_time_rule(self, staff, staff_client):
        item = make_agenda_item()
        spoken = make_intervention(agenda_item=item)
        with time_machine.travel(datetime.datetime(2019, 7, 18, 9, tzinfo=datetime.UTC)):
            delete_as(staff, spoken)
            delete_as(staff, item)
        AgendaItem.history.filter(history_type="-").update(history_save=None)

        staff_client.post(restore_url(AgendaItem, deletion_of(AgendaItem, item.pk).history_id))

        assert AgendaItem.objects.filter(pk=item.pk).exists()
        assert not item.interventions.exists()  # its own save's, listed apart


@pytest.mark.django_db
@pytest.mark.parametrize("saves", [1, 60])
def test_the_lists_queries_do_not_grow_with_its_deletions(
    saves, superuser, superuser_client, django_assert_num_queries
):
    for _ in range(saves):
        item, parts = an_agenda_item_with_its_parts()
        delete_as(superuser, *parts, make_attendance(), item)
    old = make_attendance()
    delete_as(superuser, old)
    Attendance.history.filter(id=old.pk).update(history_save=None)

    with django_assert_num_queries(QUERIES_OF_THE_LIST):
        response = superuser_client.get(LIST)

    assert len(response.context["entries"]) == min(saves + 1, 50)
    assert "None" not in page_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("figures", [1, 4])
def test_a_deletion_adds_no_query_per_row(figures, django_assert_num_queries):
    """One query per deleted key figure, its history row; none to say which save it is."""
    item = make_agenda_item()
    for n in range(figures):
        KeyFigure.objects.create(agenda_item=item, value=n, label="test data")

    with django_assert_num_queries(QUERIES_TO_DELETE_KEY_FIGURES + figures):
        item.key_figures.all().delete()

    saves = KeyFigure.history.filter(history_type="-").values_list("history_save", flat=True)
    assert len(set(saves)) == 1 and None not in saves
