"""No silent overwrite: a change form saved after someone else's save of the same record (or of a
row of its inlines) is refused, says what changed, keeps the officer's input, and a deliberate
second save goes through."""

import pytest
from django.contrib import admin
from django.db import connection
from django.http import QueryDict
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.admin.edit_state import edit_state
from base.admin.locking import OptimisticLockingAdminMixin
from base.admin.stale_form_merge import merge_their_changes
from base.portal_apps import portal_app_configs
from meetings.models import AgendaItem, AttendanceMode, Intervention, Meeting, Objective
from partners.models import Organization, OrganizationKind
from tests.admin_forms import changes_nothing, posted_data
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_country,
    make_intervention,
    make_meeting,
    make_organization,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_officer(django_user_model):
    officer = django_user_model.objects.create_superuser(
        "other-officer", password="a-long-test-password-1"
    )
    client = Client()
    client.force_login(officer)
    return client


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def refusal(response):
    """The lines of the error at the top of a refused form."""
    assert response.status_code == 200
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


def test_every_portal_model_admin_refuses_stale_saves():
    portal_apps = {config.label for config in portal_app_configs()}
    model_admins = {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in portal_apps
    }

    without = [
        label
        for label, model_admin in model_admins.items()
        if not isinstance(model_admin, OptimisticLockingAdminMixin)
        and not changes_nothing(model_admin)
    ]

    assert len(model_admins) >= 15
    assert without == []


def test_a_save_from_a_page_nobody_changed_meanwhile_goes_through(staff_client):
    org = make_organization(name="Walk Free")
    page = staff_client.get(change_url(org))

    response = staff_client.post(change_url(org), posted_data(page, acronym="WF"))

    assert response.status_code == 302
    org.refresh_from_db()
    assert org.acronym == "WF"


def test_a_stale_save_of_a_plain_record_is_refused_and_says_what_changed(
    staff_client, other_officer
):
    org = make_organization(name="Walk Free", kind=OrganizationKind.CIVIL_SOCIETY)
    page = staff_client.get(change_url(org))  # this officer opens the page...
    theirs = other_officer.get(change_url(org))  # ...another saves first
    saved = other_officer.post(
        change_url(org), posted_data(theirs, name="Walk Free Foundation", kind="intergovernmental")
    )
    assert saved.status_code == 302

    response = staff_client.post(change_url(org), posted_data(page, acronym="WF"))

    lines = refusal(response)
    assert lines[0].startswith(
        "Not saved: this organisation was changed after you opened this page (by other-officer on "
    )
    assert lines[1] == (
        "Name: “Walk Free” → “Walk Free Foundation”; kind: Civil society → UN and intergovernmental"
    )
    org.refresh_from_db()
    assert (org.name, org.kind, org.acronym) == ("Walk Free Foundation", "intergovernmental", "")
    form = response.context["adminform"].form
    # The officer's input is kept; the fields they left alone now show the other save.
    assert (form["acronym"].value(), form["name"].value(), form["kind"].value()) == (
        "WF",
        "Walk Free Foundation",
        "intergovernmental",
    )

    again = staff_client.post(change_url(org), posted_data(response))

    assert again.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.kind, org.acronym) == ("Walk Free Foundation", "intergovernmental", "WF")


def test_where_both_changed_a_field_the_form_keeps_the_officers_value(staff_client, other_officer):
    org = make_organization(name="Walk Free")
    page = staff_client.get(change_url(org))
    other_officer.post(change_url(org), posted_data(other_officer.get(change_url(org)), name="WFF"))

    response = staff_client.post(change_url(org), posted_data(page, name="Walk Free Foundation"))

    assert refusal(response)[1] == (
        "Name: “Walk Free” → “WFF” (you changed it too: the form keeps yours)"
    )
    assert response.context["adminform"].form["name"].value() == "Walk Free Foundation"
    org.refresh_from_db()
    assert org.name == "WFF"


def test_a_stale_save_of_a_meeting_is_refused_when_an_attendance_row_changed(
    staff_client, other_officer
):
    meeting = make_meeting(title="5th meeting of the GCG")
    attendance = make_attendance(meeting=meeting, mode=AttendanceMode.IN_PERSON, listed_as="ILO")
    page = staff_client.get(change_url(meeting))
    attendance.mode = AttendanceMode.REMOTE
    attendance.save()  # by another officer, in the attendance's own page say

    row = "attendances-0-"
    response = staff_client.post(
        change_url(meeting),
        posted_data(page, city="Geneva", **{f"{row}listed_as": "International Labour Office"}),
    )

    lines = refusal(response)
    assert f"Attendance “{attendance}”: attended: In person → Remote" in lines
    meeting.refresh_from_db()
    attendance.refresh_from_db()
    assert (meeting.city, attendance.mode, attendance.listed_as) == (
        "New York",
        AttendanceMode.REMOTE,
        "ILO",
    )
    attendance_form = response.context["inline_admin_formsets"][2].formset.forms[0]
    assert response.context["adminform"].form["city"].value() == "Geneva"
    assert attendance_form["listed_as"].value() == "International Labour Office"
    assert attendance_form["mode"].value() == AttendanceMode.REMOTE

    again = staff_client.post(change_url(meeting), posted_data(response))

    assert again.status_code == 302
    meeting.refresh_from_db()
    attendance.refresh_from_db()
    assert (meeting.city, attendance.mode, attendance.listed_as) == (
        "Geneva",
        AttendanceMode.REMOTE,
        "International Labour Office",
    )


def test_rows_added_and_removed_meanwhile_are_named(staff_client, other_officer):
    meeting = make_meeting()
    Objective.objects.create(meeting=meeting, position=1, text="Take stock of the pathfinders.")
    page = staff_client.get(change_url(meeting))
    Objective.objects.filter(meeting=meeting).delete()
    added = make_attendance(meeting=meeting)

    response = staff_client.post(change_url(meeting), posted_data(page))

    lines = refusal(response)
    assert f"Attendance added: “{added}”" in lines
    assert "Objective removed: order: 1; objective: “Take stock of the pathfinders.”" in lines
    objectives = response.context["inline_admin_formsets"][0].formset
    assert objectives.forms[0]["DELETE"].value() is True  # as the other officer did
    again = staff_client.post(change_url(meeting), posted_data(response))
    assert again.status_code == 302
    assert list(meeting.attendances.all()) == [added]
    assert not meeting.objectives.exists()


def test_a_stale_save_names_related_rows_and_many_to_many_changes(staff_client):
    point = make_action_point()
    owner = make_organization(name="Walk Free")
    country = make_country(name="Nepal")
    page = staff_client.get(change_url(point))
    point.owners.add(owner)
    point.countries.add(country)

    response = staff_client.post(change_url(point), posted_data(page, text="Circulate it."))

    assert refusal(response)[1] == (
        "Owners: (empty) → Walk Free; countries concerned: (empty) → Nepal"
    )
    assert staff_client.post(change_url(point), posted_data(response)).status_code == 302
    point.refresh_from_db()
    assert (point.text, list(point.owners.all()), list(point.countries.all())) == (
        "Circulate it.",
        [owner],
        [country],
    )


def test_a_stale_save_of_an_agenda_item_sees_its_interventions(staff_client):
    intervention = make_intervention()
    page = staff_client.get(change_url(intervention.agenda_item))
    intervention.countries.add(make_country(name="Nepal"))

    response = staff_client.post(change_url(intervention.agenda_item), posted_data(page))

    assert f"Intervention “{intervention}”: countries concerned: (empty) → Nepal" in refusal(
        response
    )
    again = staff_client.post(change_url(intervention.agenda_item), posted_data(response))
    assert again.status_code == 302
    assert [country.name for country in intervention.countries.all()] == ["Nepal"]


def test_a_stale_revert_is_refused_too(staff_client, other_officer):
    """django-simple-history's revert page is a form of the object: the same check."""
    org = make_organization(name="Walk Free")
    first = org.history.get()
    org.name = "Walk Free Foundation"
    org.save()
    url = reverse("admin:partners_organization_simple_history", args=[org.pk, first.history_id])
    page = staff_client.get(url)
    org.acronym = "WFF"
    org.save()

    response = staff_client.post(url, posted_data(page))

    lines = refusal(response)
    assert lines[1] == "Acronym: (empty) → “WFF”"
    org.refresh_from_db()
    assert (org.name, org.acronym) == ("Walk Free Foundation", "WFF")
    assert response.context["adminform"].form["name"].value() == "Walk Free"  # the revert's

    assert staff_client.post(url, posted_data(response)).status_code == 302
    org.refresh_from_db()
    assert (org.name, org.acronym) == ("Walk Free", "WFF")  # reverted; the other change kept


def test_a_forged_state_is_refused(staff_client):
    org = make_organization()
    page = staff_client.get(change_url(org))
    data = posted_data(page, acronym="X")
    data["_edit_state"] = data["_edit_state"][:-3] + "abc"

    lines = refusal(staff_client.post(change_url(org), data))

    assert "cannot be read" in lines[0]
    org.refresh_from_db()
    assert org.acronym == ""


def test_a_save_without_a_state_is_not_checked(staff_client):
    """A post that no change page made (a script): there is nothing to compare with."""
    org = make_organization()
    data = posted_data(staff_client.get(change_url(org)), acronym="X")
    del data["_edit_state"]

    assert staff_client.post(change_url(org), data).status_code == 302


def test_the_page_carries_the_state(staff_client):
    org = make_organization()

    page = staff_client.get(change_url(org)).content.decode()

    assert 'name="_edit_state" value="' in page


@pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="the database has no row locks"
)
def test_the_check_locks_the_rows_it_reads_until_the_save_commits(staff_client):
    meeting = make_meeting()
    make_attendance(meeting=meeting)
    page = staff_client.get(change_url(meeting))

    with CaptureQueriesContext(connection) as queries:
        response = staff_client.post(change_url(meeting), posted_data(page))

    assert response.status_code == 302
    locked = [q["sql"] for q in queries.captured_queries if q["sql"].endswith("FOR UPDATE")]
    tables = {
        table
        for sql in locked
        for table in ("meetings_meeting", "meetings_attendance")
        if f'FROM "{table}"' in sql
    }
    assert tables == {"meetings_meeting", "meetings_attendance"}


def state_queries(staff, model, obj, django_assert_num_queries, expected):
    request = RequestFactory().get("/")
    request.user = staff
    with django_assert_num_queries(expected):
        state = edit_state(admin.site._registry[model], request, str(obj.pk))
    return state


def test_reading_the_state_costs_one_query_per_inline_whatever_the_rows(
    superuser, django_assert_num_queries
):
    """The meeting workspace: the meeting (1), objectives (1), agenda items (1) with their
    interventions (1 + 3 many-to-many), key figures (1) and events (1 + 2), attendance (1),
    decisions (1 + 3) and documents (1 + 3): twenty queries, whatever the rows."""
    meeting = make_meeting()
    small = state_queries(superuser, Meeting, meeting, django_assert_num_queries, 20)
    for n in range(1, 11):
        Objective.objects.create(meeting=meeting, position=n, text=f"Objective {n}")
        make_agenda_item(meeting=meeting)
        make_attendance(meeting=meeting)

    state = state_queries(superuser, Meeting, meeting, django_assert_num_queries, 20)

    assert (len(small), len(state)) == (1, 31)


def test_many_to_many_fields_cost_one_query_each_whatever_the_rows(
    superuser, django_assert_num_queries
):
    """An agenda item, its interventions, each with three many-to-many fields, and its key
    figures: six."""
    item = make_agenda_item()
    for _ in range(10):
        make_intervention(agenda_item=item, countries=[make_country()])

    state = state_queries(superuser, AgendaItem, item, django_assert_num_queries, 6)

    assert sum(len(row.get("countries", [])) for row in state.values()) == 10


def test_an_unknown_object_has_no_state(staff):
    request = RequestFactory().get("/")
    request.user = staff
    model_admin = admin.site._registry[Organization]

    assert edit_state(model_admin, request, "999999") is None
    assert edit_state(model_admin, request, "not-a-number") is None


def list_data(response, **changes):
    """What the list of action points posts when its editable column is saved."""
    formset = response.context["cl"].formset
    data = {"_save": "Save"}
    management = formset.management_form
    data.update({management.add_prefix(n): management[n].value() for n in management.fields})
    for form in formset.forms:
        data[form.add_prefix("id")] = str(form.instance.pk)
        data[form.add_prefix("status")] = form["status"].value()
        shown_as = form.add_initial_prefix("status")
        data[shown_as] = form.data.get(shown_as, form["status"].initial)
    data.update(changes)
    return data


def test_the_list_saves_no_row_over_someone_elses_change(staff_client):
    """The list of decisions and follow-ups edits their status in place: a row the officer left
    alone is not saved over another change; a row both changed is refused, then saved again."""
    left_alone, both_changed = make_action_point(), make_action_point()
    url = reverse("admin:meetings_actionpoint_changelist")
    page = staff_client.get(url)
    rows = {form.instance.pk: form.prefix for form in page.context["cl"].formset.forms}
    for point in (left_alone, both_changed):
        point.status = "done"
        point.save()

    response = staff_client.post(
        url, list_data(page, **{f"{rows[both_changed.pk]}-status": "dropped"})
    )

    assert response.status_code == 200
    errors = response.context["cl"].formset.errors
    assert {
        "status": [
            "Not saved: changed by someone else after you opened this page, to Done. "
            "Save again to replace it."
        ]
    } in errors
    left_alone.refresh_from_db()
    both_changed.refresh_from_db()
    assert (left_alone.status, both_changed.status) == ("done", "done")

    again = staff_client.post(url, list_data(response))

    assert again.status_code == 302
    left_alone.refresh_from_db()
    both_changed.refresh_from_db()
    assert (left_alone.status, both_changed.status) == ("done", "dropped")


def test_nested_inlines_rows_are_in_the_state_at_one_query_per_inline(
    superuser, django_assert_num_queries
):
    """A meeting page with agenda items and, nested in each, its interventions (as
    django-nested-admin shows them): the interventions of every item in one query."""
    nested_admin = pytest.importorskip("nested_admin")

    class Interventions(nested_admin.NestedStackedInline):
        model = Intervention

    class AgendaItems(nested_admin.NestedStackedInline):
        model = AgendaItem
        inlines = [Interventions]

    class Meetings(OptimisticLockingAdminMixin, nested_admin.NestedModelAdmin):
        inlines = [AgendaItems]

    meeting = make_meeting()
    for _ in range(3):
        item = make_agenda_item(meeting=meeting)
        for _ in range(3):
            make_intervention(agenda_item=item)
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = Meetings(Meeting, admin.AdminSite(name="nested"))

    # The meeting; its agenda items; their interventions and each of their three many-to-many.
    with django_assert_num_queries(6):
        state = edit_state(model_admin, request, str(meeting.pk))

    assert sum(key.startswith("meetings.intervention:") for key in state) == 9


def test_nested_inlines_rows_are_brought_up_to_date_too(staff):
    """The form of a nested intervention takes the other officer's change where this officer
    left the field alone, and keeps this officer's where they changed it."""
    nested_admin = pytest.importorskip("nested_admin")

    class Interventions(nested_admin.NestedStackedInline):
        model = Intervention
        fields = ["summary", "speaking_as"]

    class AgendaItems(nested_admin.NestedStackedInline):
        model = AgendaItem
        fields = ["title"]
        inlines = [Interventions]

    class Meetings(OptimisticLockingAdminMixin, nested_admin.NestedModelAdmin):
        inlines = [AgendaItems]

    intervention = make_intervention(summary="Took the floor.")
    meeting = intervention.agenda_item.meeting
    request = RequestFactory().get("/")
    request.user = staff
    model_admin = Meetings(Meeting, admin.AdminSite(name="nested"))
    opened = edit_state(model_admin, request, str(meeting.pk))
    row = "agenda_items-0-interventions-0"
    posted = QueryDict(mutable=True)
    posted.update(
        {
            "agenda_items-INITIAL_FORMS": "1",
            "agenda_items-0-id": str(intervention.agenda_item.pk),
            "agenda_items-0-title": intervention.agenda_item.title,
            "agenda_items-0-interventions-INITIAL_FORMS": "1",
            f"{row}-id": str(intervention.pk),
            f"{row}-summary": "Took the floor.",
            f"{row}-speaking_as": "Chair",
        }
    )
    request.POST = posted
    Intervention.objects.filter(pk=intervention.pk).update(
        summary="Presented the strategy.", speaking_as="Deputy Chair"
    )
    current = edit_state(model_admin, request, str(meeting.pk))

    data, yours = merge_their_changes(model_admin, request, meeting, opened, current)

    assert (data[f"{row}-summary"], data[f"{row}-speaking_as"]) == (
        "Presented the strategy.",
        "Chair",
    )
    assert yours == {(f"meetings.intervention:{intervention.pk}", "speaking_as")}
