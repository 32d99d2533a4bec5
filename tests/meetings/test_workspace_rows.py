"""The meeting workspace's rows: a saved row is a line until it is opened, an order typed twice,
left empty or not a number is shown back and put in order, never a server error, and a row is
deleted with what depends on it in one save (meetings/admin/workspace_rows.py,
meetings/admin/workspace_deletions.py)."""

import datetime

import pytest
from django.urls import reverse

from devtools.html_form import BrowserForm
from devtools.scale_data import large_meeting
from meetings.admin.workspace_deletions import referrers_first
from meetings.models import ActionPoint, AgendaItem, Attendance, Intervention, KeyFigure
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)
from tests.meetings.workspace_page import (
    FORM_ID,
    change_url,
    open_row,
    read_form,
    row_of,
    workspace_form,
)

pytestmark = pytest.mark.django_db


def meeting_with_attendance(count=3):
    meeting = make_meeting(title="Test meeting")
    people = [make_person(name=f"Test Person {n}") for n in range(1, count + 1)]
    for position, person in enumerate(people, start=1):
        make_attendance(meeting, person=person, position=position)
    return meeting


def post(client, meeting, form):
    return client.post(change_url(meeting), form.post_data())


class TestCompactRows:
    def test_a_saved_row_is_a_line_with_its_order_and_delete_box_only(self, officer_client):
        meeting = meeting_with_attendance(1)
        attendance = Attendance.objects.get()

        form = workspace_form(officer_client, meeting)

        row = row_of(form, "attendances", attendance.pk)
        assert form.value(f"{row}-COMPACT") == "1"
        assert form.value(f"{row}-position") == "1"
        assert f"{row}-DELETE" in form
        assert f"{row}-person" not in form and f"{row}-listed_as" not in form
        page = officer_client.get(change_url(meeting)).content.decode()
        assert "Test Person 1" in page

    def test_opening_a_row_gives_its_fields_under_the_pages_prefix(self, officer_client):
        meeting = meeting_with_attendance(2)
        attendance = Attendance.objects.order_by("pk").last()
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "attendances", attendance.pk)

        assert open_row(officer_client, form, row)

        assert form.value(f"{row}-person") == str(attendance.person_id)
        assert form.value(f"{row}-listed_as") == attendance.listed_as
        assert f"{row}-COMPACT" not in form

    def test_a_nested_row_opens_too(self, officer_client):
        meeting = make_meeting()
        intervention = make_intervention(make_agenda_item(meeting), summary="Took the floor.")
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "agenda_items-0-interventions", intervention.pk)

        assert open_row(officer_client, form, row)

        assert form.value(f"{row}-summary") == "Took the floor."

    @pytest.mark.parametrize(
        "query",
        [
            {"prefix": "attendances-0"},  # no row named
            {"prefix": "attendances-0", "id": "x"},
            {"prefix": "../x", "id": "1"},
            {"prefix": "attendances", "id": "1"},
        ],
    )
    def test_a_malformed_request_is_refused_plainly(self, officer_client, query):
        meeting = meeting_with_attendance(1)
        url = reverse("admin:meetings_meeting_workspace_row", args=[meeting.pk])

        assert officer_client.get(url, query).status_code == 400

    @pytest.mark.parametrize("prefix", ["attendances-0", "objectives-0", "nothing-0"])
    def test_a_row_of_another_meeting_is_not_found(self, officer_client, prefix):
        meeting, other = make_meeting(), meeting_with_attendance(1)
        url = reverse("admin:meetings_meeting_workspace_row", args=[meeting.pk])

        response = officer_client.get(url, {"prefix": prefix, "id": Attendance.objects.get().pk})

        assert response.status_code == 404
        assert other.attendances.exists()

    def test_another_meetings_intervention_is_not_found_under_this_ones_items(self, officer_client):
        meeting = make_meeting()
        make_agenda_item(meeting)
        elsewhere = make_intervention(make_agenda_item(make_meeting()))
        url = reverse("admin:meetings_meeting_workspace_row", args=[meeting.pk])

        query = {"prefix": "agenda_items-0-interventions-0", "id": elsewhere.pk}

        assert officer_client.get(url, query).status_code == 404

    def test_a_compact_row_dragged_is_renumbered_and_the_others_follow(self, officer_client):
        meeting = meeting_with_attendance(3)
        first, second, third = Attendance.objects.order_by("position")
        form = workspace_form(officer_client, meeting)
        # Dragged to the top: the page's script numbers the rows 1, 2, 3 as they now stand.
        for attendance, number in [(third, 1), (first, 2), (second, 3)]:
            form.set(f"{row_of(form, 'attendances', attendance.pk)}-position", number)

        response = post(officer_client, meeting, form)

        assert response.status_code == 302
        names = Attendance.objects.order_by("position").values_list("person__name", flat=True)
        assert list(names) == ["Test Person 3", "Test Person 1", "Test Person 2"]


class TestOrdersAsTyped:
    """The order a row shows is what the officer typed: the same number twice (the import's
    "correct the line and paste it again" did this), none, or not a number."""

    @pytest.mark.parametrize("typed", ["1", "", "abc", "2.5", "-3", "99999"])
    def test_with_another_error_the_page_comes_back_with_what_was_typed(
        self, officer_client, typed
    ):
        meeting = meeting_with_attendance(3)
        last = Attendance.objects.order_by("position").last()
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "attendances", last.pk)
        form.set(f"{row}-position", typed)
        form.set("title", "")  # a required field left empty: the page comes back

        response = post(officer_client, meeting, form)

        assert response.status_code == 200
        answer = BrowserForm.from_response(response, FORM_ID)
        assert answer.value(f"{row}-position") == typed
        assert answer.value("title") == ""

    def test_rows_saved_with_the_same_number_show_and_save_without_a_crash(self, officer_client):
        meeting = meeting_with_attendance(3)
        Attendance.objects.update(position=1)
        form = workspace_form(officer_client, meeting)
        form.set("city", "")

        assert post(officer_client, meeting, form).status_code == 200
        form.set("city", "Geneva")
        assert post(officer_client, meeting, form).status_code == 302
        numbers = sorted(Attendance.objects.values_list("position", flat=True))
        assert numbers == [1, 2, 3]

    def test_the_same_number_typed_twice_is_put_in_order_on_save(self, officer_client):
        meeting = meeting_with_attendance(3)
        first, second, third = Attendance.objects.order_by("position")
        form = workspace_form(officer_client, meeting)
        form.set(f"{row_of(form, 'attendances', third.pk)}-position", "1")

        assert post(officer_client, meeting, form).status_code == 302

        order = Attendance.objects.order_by("position").values_list("pk", flat=True)
        assert list(order) == [first.pk, third.pk, second.pk]


class TestDeletingWithWhatDependsOnIt:
    def meeting(self):
        meeting = make_meeting()
        item = make_agenda_item(meeting, title="Test item to delete")
        kept = make_agenda_item(meeting, title="Test item kept")
        interventions = [make_intervention(item), make_intervention(item)]
        KeyFigure.objects.create(agenda_item=item, position=1, value=3, label="test figures")
        make_event(title="Test event mentioned", mentioned_at=item)
        return meeting, item, kept, interventions

    def test_an_item_and_everything_nested_in_it_ticked_go_in_one_save(self, officer_client):
        meeting, item, kept, _interventions = self.meeting()
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "agenda_items", item.pk)
        for name in list(form.names()):
            if name.startswith(f"{row}-") and name.endswith("-DELETE"):
                form.set(name, True)

        response = post(officer_client, meeting, form)

        assert response.status_code == 302
        assert list(AgendaItem.objects.all()) == [kept]
        assert not Intervention.objects.exists() and not KeyFigure.objects.exists()

    def test_an_item_alone_ticked_says_what_goes_with_it_and_asks(self, officer_client):
        meeting, item, _kept, _interventions = self.meeting()
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "agenda_items", item.pk)
        form.set(f"{row}-DELETE", True)

        response = post(officer_client, meeting, form)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Not deleted: these still refer to it." in page
        assert "Key figure “3 test figures”" in page
        assert AgendaItem.objects.filter(pk=item.pk).exists()
        answer = read_form(response, meeting)
        assert answer.get(f"{row}-DELETE").checked
        answer.set(f"{row}-DELETE_WITH", True)
        assert post(officer_client, meeting, answer).status_code == 302
        assert not AgendaItem.objects.filter(pk=item.pk).exists()
        assert not Intervention.objects.exists()

    def test_a_decision_referring_to_it_is_named_and_not_deleted_with_it(self, officer_client):
        meeting, item, _kept, (intervention, _) = self.meeting()
        make_action_point(meeting, agenda_item=item, text="Test decision on the item")
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "agenda_items", item.pk)
        for name in list(form.names()):
            if name.startswith(f"{row}-") and name.endswith("-DELETE"):
                form.set(name, True)

        response = post(officer_client, meeting, form)

        assert response.status_code == 200
        assert "Decision or follow-up “" in response.content.decode()
        assert "Delete them with it" not in response.content.decode()
        assert AgendaItem.objects.filter(pk=item.pk).exists()

    def test_a_decision_pointed_elsewhere_in_the_same_save_lets_it_go(self, officer_client):
        meeting, item, kept, (intervention, _) = self.meeting()
        point = make_action_point(meeting, agenda_item=item, text="Test decision on the item")
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "agenda_items", item.pk)
        for name in list(form.names()):
            if name.startswith(f"{row}-") and name.endswith("-DELETE"):
                form.set(name, True)
        decision = row_of(form, "action_points", point.pk)
        open_row(officer_client, form, decision)
        form.set(f"{decision}-agenda_item", str(kept.pk))

        response = post(officer_client, meeting, form)

        assert response.status_code == 302
        point.refresh_from_db()
        assert point.agenda_item == kept
        assert not AgendaItem.objects.filter(pk=item.pk).exists()

    def test_a_new_item_removed_with_a_new_intervention_in_it_saves_nothing_of_them(
        self, officer_client
    ):
        meeting = make_meeting()
        organization = make_organization()
        form = workspace_form(officer_client, meeting)
        form.set("agenda_items-TOTAL_FORMS", 1)
        for name, value in {
            "agenda_items-0-title": "Test new item",
            "agenda_items-0-number": "1",
            "agenda_items-0-DELETE": "on",
            "agenda_items-0-interventions-TOTAL_FORMS": "1",
            "agenda_items-0-interventions-INITIAL_FORMS": "0",
            "agenda_items-0-interventions-0-organization": organization.pk,
            "agenda_items-0-interventions-0-summary": "Test summary",
            "agenda_items-0-interventions-0-kind": "intervention",
            "agenda_items-0-key_figures-TOTAL_FORMS": "0",
            "agenda_items-0-key_figures-INITIAL_FORMS": "0",
            "agenda_items-0-events_mentioned-TOTAL_FORMS": "0",
            "agenda_items-0-events_mentioned-INITIAL_FORMS": "0",
        }.items():
            form.add(name, value)

        assert post(officer_client, meeting, form).status_code == 302
        assert not AgendaItem.objects.exists() and not Intervention.objects.exists()

    def test_one_save_deletes_rows_before_what_they_refer_to(self):
        from meetings.models import Document, Event

        order = referrers_first({AgendaItem, Intervention, ActionPoint, Document, Event})

        assert order.index(ActionPoint) < order.index(Intervention) < order.index(AgendaItem)
        assert order.index(Document) < order.index(AgendaItem)
        assert order.index(Event) < order.index(AgendaItem)


class TestThePageIsLight:
    """The 2019 meeting's page: at most 350 KB of HTML and 5,000 elements (it was 1.4 MB and
    about 9,400 elements in the HTML, 18,465 in the browser); a meeting five times its size at
    most twice that."""

    @pytest.mark.usefixtures("record")
    class TestThe2019Meeting:
        def test_its_size(self, officer_client):
            from meetings.models import Meeting

            page = officer_client.get(change_url(Meeting.objects.get())).content.decode()

            assert len(page.encode()) <= 350_000
            assert elements(page) <= 5_000

    def test_a_meeting_five_times_the_2019_one(self, officer_client):
        meeting = large_meeting(5)
        assert meeting.agenda_items.count() == 30
        assert Intervention.objects.filter(agenda_item__meeting=meeting).count() == 150
        assert meeting.attendances.count() == 220

        page = officer_client.get(change_url(meeting)).content.decode()

        assert len(page.encode()) <= 700_000
        assert elements(page) <= 10_000


def elements(page):
    """The elements of a page, as a browser counts them (a <template>'s content is not in the
    document)."""
    import re

    page = re.sub(r"<template\b.*?</template>", "", page, flags=re.S)
    return len(re.findall(r"<[a-zA-Z][a-zA-Z0-9-]*[\s>/]", page))


class TestWhatAPageShownAfreshMakes:
    def test_no_form_for_a_row_shown_as_a_line(self, officer_client, monkeypatch):
        """A long meeting's page was mostly the making of its hundreds of rows' forms: a row
        shown as a line is drawn from the row itself; only rows with rows nested in them (the
        agenda items) have their forms made, to hold those."""
        from meetings.admin.workspace_rows import CompactRowsMixin

        meeting = meeting_with_attendance(3)
        make_intervention(make_agenda_item(meeting))
        made = []
        construct = CompactRowsMixin._construct_form

        def counted(formset, i, **kwargs):
            made.append(formset.prefix)
            return construct(formset, i, **kwargs)

        monkeypatch.setattr(CompactRowsMixin, "_construct_form", counted)

        page = officer_client.get(change_url(meeting)).content.decode()

        assert made == ["agenda_items"]
        assert page.count('-COMPACT" value="1"') == 5  # three people, an item, an intervention


class TestARowRemovedMeanwhile:
    def test_what_was_typed_in_it_is_shown_and_it_is_not_saved_again(self, officer_client):
        meeting = meeting_with_attendance(2)
        last = Attendance.objects.order_by("position").last()
        form = workspace_form(officer_client, meeting)
        row = row_of(form, "attendances", last.pk)
        open_row(officer_client, form, row)
        form.set(f"{row}-listed_as", "Test listing typed")
        last.delete()  # by someone else, meanwhile

        response = post(officer_client, meeting, form)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Removed by someone else since you opened this page" in page
        assert read_form(response, meeting).value(f"{row}-listed_as") == "Test listing typed"
        assert post(officer_client, meeting, read_form(response, meeting)).status_code == 302
        assert Attendance.objects.count() == 1


class TestLines:
    """What a saved row's line says (meetings/admin/workspace_lines.py), escaped."""

    def test_each_kind_of_row_in_a_few_words(self, officer_client):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        item = make_agenda_item(meeting, title="Test item")
        speaker = make_person(name="Test Speaker", organization=make_organization(name="Test Org"))
        make_intervention(item, speaker=speaker, summary="Said a test thing.", kind="response")
        make_attendance(meeting, person=speaker, position_held="Test Adviser", mode="remote")
        point = make_action_point(
            meeting,
            text="Test follow-up.",
            due_date=datetime.date(2019, 12, 1),
            due_precision="month",
        )
        point.owners.add(speaker.organization)
        make_event(
            title="Test event",
            mentioned_at=item,
            start_date=datetime.date(2019, 11, 1),
            date_precision="early_month",
            city="Paris",
            status="planned",
        )

        page = officer_client.get(change_url(meeting)).content.decode()

        assert "<b>Test Org</b> (Test Speaker) · Response: <span>Said a test thing.</span>" in page
        assert "<b>Test Speaker</b> · Test Adviser · Test Org · Remote" in page
        assert "<span>Test follow-up.</span> · Test Org · due December 2019 · Open" in page
        assert "<b>Test event</b> · early November 2019, Paris · Planned" in page

    def test_what_is_recorded_is_escaped(self, officer_client):
        meeting = make_meeting()
        hostile = make_organization(name='<script>alert("x")</script>')
        make_intervention(make_agenda_item(meeting), organization=hostile, summary="<b>bold</b>")

        page = officer_client.get(change_url(meeting)).content.decode()

        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "&lt;b&gt;bold&lt;/b&gt;" in page


class TestTwiceTheSamePerson:
    def test_a_person_added_again_is_refused_against_a_row_shown_as_a_line(self, officer_client):
        meeting = meeting_with_attendance(1)
        attendance = Attendance.objects.get()
        form = workspace_form(officer_client, meeting)
        form.set("attendances-TOTAL_FORMS", 2)
        for name, value in {
            "attendances-1-person": attendance.person_id,
            "attendances-1-organization": attendance.organization_id,
            "attendances-1-mode": "in_person",
            "attendances-1-position": "2",
        }.items():
            form.add(name, value)

        response = post(officer_client, meeting, form)

        assert response.status_code == 200
        assert "Please correct the duplicate data for person." in response.content.decode()
        assert Attendance.objects.count() == 1

    def test_a_row_deleted_and_its_person_added_again_in_one_save(self, officer_client):
        meeting = meeting_with_attendance(1)
        attendance = Attendance.objects.get()
        form = workspace_form(officer_client, meeting)
        form.set(f"{row_of(form, 'attendances', attendance.pk)}-DELETE", True)
        form.set("attendances-TOTAL_FORMS", 2)
        for name, value in {
            "attendances-1-person": attendance.person_id,
            "attendances-1-organization": attendance.organization_id,
            "attendances-1-listed_as": "Test listed anew",
            "attendances-1-mode": "remote",
            "attendances-1-position": "2",
        }.items():
            form.add(name, value)

        assert post(officer_client, meeting, form).status_code == 302
        again = Attendance.objects.get()
        assert (again.person_id, again.listed_as, again.mode) == (
            attendance.person_id,
            "Test listed anew",
            "remote",
        )
