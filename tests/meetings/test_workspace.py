"""The meeting workspace: a whole meeting recorded from its one admin page, in a fixed number of
queries, with order fields that number themselves and labels that name their meeting."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Document,
    Event,
    Intervention,
    KeyFigure,
    Meeting,
    Objective,
)
from tests.admin_forms import posted_data as page_data
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)
from tests.meetings.workspace_page import open_row, row_of, workspace_form

pytestmark = pytest.mark.django_db


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def nested_management(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial}


def new_agenda_item_rows(index):
    """The management forms of a new agenda item's nested inlines, as the page's script adds."""
    prefix = f"agenda_items-{index}"
    return {
        **nested_management(f"{prefix}-interventions"),
        **nested_management(f"{prefix}-key_figures"),
        **nested_management(f"{prefix}-events_mentioned"),
    }


def inline_formset(response, prefix):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )


class TestOnePost:
    def test_an_agenda_item_and_its_intervention_are_saved_from_the_meeting_page(
        self, staff_client
    ):
        meeting = make_meeting()
        make_agenda_item(meeting=meeting, number=1, title="Welcome")
        ilo = make_organization(name="International Labour Organization", acronym="ILO")
        data = page_data(staff_client.get(change_url(meeting)))
        data.update(
            {
                "agenda_items-TOTAL_FORMS": 2,
                "agenda_items-1-title": "Update from pathfinder countries",
                "agenda_items-1-number": "",  # left blank: numbered after the others
                **new_agenda_item_rows(1),
                "agenda_items-1-interventions-TOTAL_FORMS": 1,
                "agenda_items-1-interventions-0-organization": ilo.pk,
                "agenda_items-1-interventions-0-kind": "presentation",
                "agenda_items-1-interventions-0-summary": "Presented the pathfinder report.",
                "agenda_items-1-interventions-0-position": "",
            }
        )

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.context["errors"]
        item = AgendaItem.objects.get(meeting=meeting, title="Update from pathfinder countries")
        assert item.number == 2
        intervention = item.interventions.get()
        assert (intervention.organization, intervention.position) == (ilo, 1)
        assert intervention.kind == "presentation"

    def test_a_decision_document_key_figure_and_event_are_saved_from_the_meeting_page(
        self, staff_client
    ):
        meeting = make_meeting(date=datetime.date(2019, 7, 17))
        item = make_agenda_item(meeting=meeting, number=1)
        intervention = make_intervention(agenda_item=item)
        data = page_data(staff_client.get(change_url(meeting)))
        data.update(
            {
                "action_points-TOTAL_FORMS": 1,
                "action_points-0-kind": "decision",
                "action_points-0-status": "open",
                "action_points-0-text": "The GCG approved the communications strategy.",
                "action_points-0-agenda_item": item.pk,
                "action_points-0-intervention": intervention.pk,
                "documents-TOTAL_FORMS": 1,
                "documents-0-title": "Communications strategy",
                "documents-0-kind": "strategy",
                "documents-0-agenda_item": item.pk,
                "agenda_items-0-key_figures-TOTAL_FORMS": 1,
                "agenda_items-0-key_figures-0-value": 217,
                "agenda_items-0-key_figures-0-label": "active partners",
                "agenda_items-0-events_mentioned-TOTAL_FORMS": 1,
                "agenda_items-0-events_mentioned-0-title": "Paris Peace Forum",
                "agenda_items-0-events_mentioned-0-kind": "external",
                "agenda_items-0-events_mentioned-0-status": "planned",
                "agenda_items-0-events_mentioned-0-start_date": "12/11/2019",
                "agenda_items-0-events_mentioned-0-date_precision": "day",
            }
        )

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.context["errors"]
        point = ActionPoint.objects.get(meeting=meeting)
        assert (point.agenda_item, point.intervention, point.position) == (item, intervention, 1)
        assert Document.objects.get(meeting=meeting).agenda_item == item
        assert KeyFigure.objects.get(agenda_item=item).position == 1
        event = Event.objects.get(mentioned_at=item)
        assert (event.start_date, event.slug) == (datetime.date(2019, 11, 12), "paris-peace-forum")


class TestOrder:
    def test_a_new_row_shows_the_next_number(self, staff_client):
        meeting = make_meeting()
        for number in (1, 2, 4):
            make_agenda_item(meeting=meeting, number=number)
        Objective.objects.create(meeting=meeting, position=1, text="Take stock.")

        response = staff_client.get(change_url(meeting))

        assert inline_formset(response, "agenda_items").empty_form.initial["number"] == 5
        assert inline_formset(response, "objectives").empty_form.initial["position"] == 2
        assert inline_formset(response, "attendances").empty_form.initial["position"] == 1
        nested = inline_formset(response, "agenda_items").forms[0].nested_formsets[0]
        assert nested.empty_form.initial["position"] == 1
        assert not inline_formset(response, "agenda_items").form.base_fields["number"].required

    def test_rows_renumber_in_the_submitted_order_within_the_unique_constraint(self, staff_client):
        """Item 3 dragged first: 3, 1, 2 becomes 1, 2, 3. Saved in any order, two items would
        share a number (meetings_agendaitem_unique_number) unless moved out of the way first."""
        meeting = make_meeting()
        first, second, third = (
            make_agenda_item(meeting=meeting, number=n, title=t)
            for n, t in [(1, "Welcome"), (2, "Pathfinders"), (3, "Action groups")]
        )
        data = page_data(staff_client.get(change_url(meeting)))
        index = {int(data[f"agenda_items-{i}-id"]): i for i in range(3)}
        # The page's script submits each row's place (1, 2, 3) as the officer dragged them.
        for item, place in [(third, 1), (first, 2), (second, 3)]:
            data[f"agenda_items-{index[item.pk]}-number"] = place

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.context["errors"]
        assert list(meeting.agenda_items.order_by("number").values_list("title", flat=True)) == [
            "Action groups",
            "Welcome",
            "Pathfinders",
        ]

    def test_a_deleted_row_leaves_the_others_numbers_alone(self, staff_client):
        meeting = make_meeting()
        items = [make_agenda_item(meeting=meeting, number=n) for n in (1, 2, 3)]
        for item in items:
            make_intervention(agenda_item=item)
            make_intervention(agenda_item=item)
        data = page_data(staff_client.get(change_url(meeting)))
        first_item = next(i for i in range(3) if data[f"agenda_items-{i}-id"] == str(items[1].pk))
        prefix = f"agenda_items-{first_item}-interventions"
        first = next(i for i in range(2) if data[f"{prefix}-{i}-position"] == "1")
        data[f"{prefix}-{first}-DELETE"] = "on"

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.context["errors"]
        assert list(items[1].interventions.values_list("position", flat=True)) == [2]
        assert list(items[0].interventions.values_list("position", flat=True)) == [1, 2]

    def test_a_deleted_row_frees_its_number_for_a_moved_one(self, staff_client):
        """Item 1 deleted and item 2 moved to 1 in one save: the deletion goes first."""
        meeting = make_meeting()
        first, second = make_agenda_item(meeting=meeting), make_agenda_item(meeting=meeting)
        data = page_data(staff_client.get(change_url(meeting)))
        index = {data[f"agenda_items-{i}-id"]: i for i in range(2)}
        data[f"agenda_items-{index[str(first.pk)]}-DELETE"] = "on"
        data[f"agenda_items-{index[str(second.pk)]}-number"] = ""

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.context["errors"]
        assert list(meeting.agenda_items.values_list("pk", "number")) == [(second.pk, 1)]
        deleted = AgendaItem.history.filter(id=first.pk, history_type="-").get()
        assert deleted.number == 1

    def test_positions_swapped_by_hand_are_kept_without_a_clash(self, staff_client):
        meeting = make_meeting()
        item = make_agenda_item(meeting=meeting)
        a = make_intervention(agenda_item=item, position=1, summary="A")
        b = make_intervention(agenda_item=item, position=2, summary="B")
        data = page_data(staff_client.get(change_url(meeting)))
        prefix = "agenda_items-0-interventions"
        for i in range(2):
            data[f"{prefix}-{i}-position"] = {str(a.pk): 2, str(b.pk): 1}[data[f"{prefix}-{i}-id"]]

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.context["errors"]
        assert list(item.interventions.order_by("position").values_list("summary", flat=True)) == [
            "B",
            "A",
        ]


class TestPartsLeadBackToTheMeeting:
    def test_an_agenda_item_page_names_its_meeting_in_the_breadcrumb(self, staff_client):
        meeting = make_meeting(number=5, title="5th Meeting of the GCG")
        item = make_agenda_item(meeting=meeting, number=2, title="Update")

        page = staff_client.get(
            reverse("admin:meetings_agendaitem_change", args=[item.pk])
        ).content.decode()

        breadcrumbs = page[page.index('<div class="breadcrumbs">') :].split("</div>")[0]
        assert reverse("admin:meetings_meeting_changelist") in breadcrumbs
        assert f'<a href="{change_url(meeting)}">5th Meeting of the GCG</a>' in breadcrumbs
        assert "5th meeting · 2. Update" in breadcrumbs
        assert reverse("admin:meetings_agendaitem_changelist") not in breadcrumbs

    @pytest.mark.parametrize(
        "model, make",
        [
            ("agendaitem", lambda m: make_agenda_item(meeting=m)),
            ("intervention", lambda m: make_intervention(agenda_item=make_agenda_item(meeting=m))),
            ("attendance", lambda m: make_attendance(meeting=m)),
            ("actionpoint", lambda m: make_action_point(meeting=m)),
            ("document", lambda m: make_document(meeting=m)),
            ("event", lambda m: make_event(mentioned_at=make_agenda_item(meeting=m))),
        ],
    )
    def test_save_returns_to_the_meeting(self, staff_client, model, make):
        meeting = make_meeting()
        url = reverse(f"admin:meetings_{model}_change", args=[make(meeting).pk])
        data = page_data(staff_client.get(url))

        saved = staff_client.post(url, data)
        continued = staff_client.post(url, {**data, "_continue": "1"})

        assert (saved.status_code, saved["Location"]) == (302, change_url(meeting))
        assert (continued.status_code, continued["Location"]) == (302, url)


class TestImportFromTheWorkspace:
    def test_the_attendance_inline_links_to_the_import(self, staff_client):
        meeting = make_meeting()

        page = staff_client.get(change_url(meeting)).content.decode()

        import_url = reverse("admin:meetings_meeting_import_participants", args=[meeting.pk])
        start = page.index('id="attendances-group"')
        attendance = page[start : page.index("</section>", start)]
        assert f'href="{import_url}"' in attendance

    def test_adding_a_meeting_can_go_on_to_the_import(self, staff_client):
        add_url = reverse("admin:meetings_meeting_add")
        page = staff_client.get(add_url)
        assert 'name="_import_participants"' in page.content.decode()
        data = page_data(page)
        data.update(
            number=6,
            title="6th Meeting of the Global Coordinating Group",
            slug="6th-meeting",
            date="12/11/2019",
            city="Paris",
            status="draft",
            _import_participants="1",
        )

        response = staff_client.post(add_url, data)

        meeting = Meeting.objects.get(number=6)
        assert response.status_code == 302, response.context["errors"]
        assert response["Location"] == reverse(
            "admin:meetings_meeting_import_participants", args=[meeting.pk]
        )


class TestLabels:
    def test_agenda_items_of_two_meetings_read_apart_in_the_autocomplete(self, staff_client):
        for number in (5, 6):
            make_agenda_item(
                meeting=make_meeting(number=number),
                number=2,
                title="Update from pathfinder countries",
            )
        url = reverse("admin:autocomplete")
        query = {
            "app_label": "meetings",
            "model_name": "actionpoint",
            "field_name": "agenda_item",
            "term": "pathfinder",
        }

        results = staff_client.get(url, query).json()["results"]

        assert sorted(result["text"] for result in results) == [
            "5th meeting · 2. Update from pathfinder countries",
            "6th meeting · 2. Update from pathfinder countries",
        ]

    def test_interventions_read_apart_even_for_one_organisation(self, staff_client):
        item = make_agenda_item(meeting=make_meeting(number=5), number=2, title="Update")
        ilo = make_organization(name="International Labour Organization", acronym="ILO")
        make_intervention(agenda_item=item, organization=ilo, position=1)
        make_intervention(agenda_item=item, organization=ilo, position=3)
        query = {
            "app_label": "meetings",
            "model_name": "actionpoint",
            "field_name": "intervention",
            "term": "International",
        }

        results = staff_client.get(reverse("admin:autocomplete"), query).json()["results"]

        assert sorted(result["text"] for result in results) == [
            "5th meeting · 2. Update · 1. ILO",
            "5th meeting · 2. Update · 3. ILO",
        ]

    @pytest.mark.parametrize("field_name", ["agenda_item", "intervention"])
    def test_the_autocomplete_queries_do_not_grow_with_results(self, staff_client, field_name):
        query = {
            "app_label": "meetings",
            "model_name": "actionpoint",
            "field_name": field_name,
            "term": "",
        }
        url = reverse("admin:autocomplete")
        counts = []
        for _ in range(2):
            for _ in range(5):
                make_intervention(agenda_item=make_agenda_item(meeting=make_meeting()))
            with CaptureQueriesContext(connection) as context:
                assert staff_client.get(url, query).status_code == 200
            counts.append(len(context.captured_queries))

        assert counts[0] == counts[1]

    def test_a_follow_up_names_its_meeting(self):
        point = make_action_point(meeting=make_meeting(number=5), position=3, text="Circulate.")

        assert str(point) == "5th meeting · 3. Circulate."


class TestNarrowedChoices:
    def test_a_decision_chooses_among_this_meetings_items_and_interventions(self, staff_client):
        meeting, other = make_meeting(), make_meeting()
        ours = make_intervention(agenda_item=make_agenda_item(meeting=meeting))
        make_intervention(agenda_item=make_agenda_item(meeting=other))
        make_action_point(meeting=meeting)

        response = staff_client.get(change_url(meeting))

        for prefix in ("action_points", "documents"):
            form = inline_formset(response, prefix).empty_form
            items = [value for value, _label in form.fields["agenda_item"].choices if value]
            assert [str(value) for value in items] == [str(ours.agenda_item.pk)]
        # A saved decision, opened: its choices are the same.
        form = workspace_form(staff_client, meeting)
        row = row_of(form, "action_points", ActionPoint.objects.get().pk)
        open_row(staff_client, form, row)
        interventions = [value for value, _label in form.get(f"{row}-intervention").options]
        assert [value for value in interventions if value] == [str(ours.pk)]

    def test_a_decision_naming_another_meetings_item_is_refused(self, staff_client):
        meeting, other = make_meeting(), make_meeting()
        make_agenda_item(meeting=meeting)
        elsewhere = make_agenda_item(meeting=other)
        data = page_data(staff_client.get(change_url(meeting)))
        data.update(
            {
                "action_points-TOTAL_FORMS": 1,
                "action_points-0-kind": "decision",
                "action_points-0-status": "open",
                "action_points-0-text": "Agreed.",
                "action_points-0-agenda_item": elsewhere.pk,
            }
        )

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert not ActionPoint.objects.exists()


class TestSpeakers:
    """The speaker autocomplete lists the chosen organisation's people first, with those of its
    parent body and its other parts (whom Intervention.clean() accepts), then everyone else."""

    def autocomplete(self, client, **extra):
        query = {
            "app_label": "meetings",
            "model_name": "intervention",
            "field_name": "speaker",
            "term": "",
            **extra,
        }
        response = client.get(reverse("admin:autocomplete"), query)
        return [result["text"] for result in response.json()["results"]]

    def test_the_chosen_organisations_body_comes_first(self, staff_client):
        un = make_organization(name="United Nations")
        ilo = make_organization(name="International Labour Organization", parent=un)
        unicef = make_organization(name="UNICEF", parent=un)
        elsewhere = make_organization(name="Free the Slaves")
        make_person(name="Aaron Outsider", organization=elsewhere)
        make_person(name="Zoe Ilo", organization=ilo)
        make_person(name="Yann Unicef", organization=unicef)
        make_person(name="Xavier Un", organization=un)

        assert self.autocomplete(staff_client, organization=ilo.pk) == [
            "Xavier Un (United Nations)",
            "Yann Unicef (UNICEF)",
            "Zoe Ilo (International Labour Organization)",
            "Aaron Outsider (Free the Slaves)",  # still reachable, after the others
        ]
        assert self.autocomplete(staff_client)[0] == "Aaron Outsider (Free the Slaves)"
        outsider_first = self.autocomplete(staff_client, organization="not a number")[0]
        assert outsider_first == "Aaron Outsider (Free the Slaves)"

    def test_the_autocomplete_queries_do_not_grow_with_people(self, staff_client):
        counts = []
        for _ in range(2):
            for _ in range(5):
                make_person()
            with CaptureQueriesContext(connection) as context:
                self.autocomplete(staff_client, organization=make_organization().pk)
            counts.append(len(context.captured_queries))

        assert counts[0] == counts[1]

    def test_everyone_listed_first_is_accepted_as_speaker(self):
        un = make_organization(name="United Nations")
        ilo = make_organization(name="International Labour Organization", parent=un)
        unicef = make_organization(name="UNICEF", parent=un)
        for speaker in (make_person(organization=unicef), make_person(organization=un)):
            make_intervention(organization=ilo, speaker=speaker).full_clean()

    def test_the_workspace_sends_the_chosen_organisation(self, staff_client):
        meeting = make_meeting()
        make_intervention(agenda_item=make_agenda_item(meeting=meeting))

        intervention_url = reverse(
            "admin:meetings_intervention_change", args=[Intervention.objects.get().pk]
        )

        for url in (change_url(meeting), intervention_url):
            assert "workspace/speaker_choices" in staff_client.get(url).content.decode()


class TestQueries:
    def workspace_queries(self, client, meeting):
        client.get(change_url(meeting))
        with CaptureQueriesContext(connection) as context:
            response = client.get(change_url(meeting))
        assert response.status_code == 200
        return len(context.captured_queries)

    def test_the_workspace_does_not_grow_with_the_meeting(self, superuser_client):
        meeting = make_meeting(chair=make_person())
        fill(meeting, 1)
        few = self.workspace_queries(superuser_client, meeting)

        fill(meeting, 6)
        many = self.workspace_queries(superuser_client, meeting)

        assert (few, many) == (WORKSPACE_QUERIES, WORKSPACE_QUERIES)


def fill(meeting, count):
    """`count` more agenda items, each with all its parts and relations filled."""
    start = meeting.agenda_items.count()
    for number in range(start + 1, start + count + 1):
        item = make_agenda_item(meeting=meeting, number=number)
        for _ in range(3):
            person = make_person()
            intervention = make_intervention(
                agenda_item=item, speaker=person, countries=[make_country()]
            )
            intervention.on_behalf_of.add(make_organization())
            intervention.action_groups.add(make_action_group())
            make_attendance(meeting=meeting, person=person)
        KeyFigure.objects.create(
            agenda_item=item, value=5, label="partners", position=1, reported_by=person.organization
        )
        make_event(mentioned_at=item)
        point = make_action_point(meeting=meeting, agenda_item=item, intervention=intervention)
        point.owners.add(intervention.organization)
        point.countries.add(make_country())
        make_document(meeting=meeting, agenda_item=item).organizations.add(
            intervention.organization
        )
        Objective.objects.create(meeting=meeting, position=number, text="Take stock.")


# Session, user and their second factor (3), the meeting (1), its chair's label (1); objectives (1);
# agenda items with their interventions (+ three many-to-many), key figures and events (7);
# attendance (1); decisions (+ three many-to-many) and documents (+ one) (6); the decisions' and
# documents' agenda-item and intervention choices (3): 23. No label of a person or organisation
# chosen in a row: a saved row is a line of text (its names selected with it) until it is opened.
# Then the state of the meeting and of every row of its inlines, nested ones and many-to-many links
# included, signed into the page so that a stale save is refused (base.admin.locking,
# base.admin.edit_state): 20.
WORKSPACE_QUERIES = 43


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_the_workspace_holds_the_whole_record_in_the_same_queries(self, superuser_client):
        meeting = Meeting.objects.get()
        superuser_client.get(change_url(meeting))

        with CaptureQueriesContext(connection) as context:
            response = superuser_client.get(change_url(meeting))

        assert response.status_code == 200
        assert len(context.captured_queries) == WORKSPACE_QUERIES
        assert Intervention.objects.count() > 30  # the page really holds many rows

    def test_the_record_saves_back_unchanged(self, staff_client):
        """Every row of the 2019 record passes the workspace's validation as it is, and saving
        the page as shown renumbers nothing and writes no history."""
        meeting = Meeting.objects.get()
        parts = [AgendaItem, Intervention, Objective, Attendance, ActionPoint, KeyFigure]
        order = {"agendaitem": "number"}

        def numbers():
            return {
                model: list(
                    model.objects.order_by("pk").values_list(
                        order.get(model._meta.model_name, "position"), flat=True
                    )
                )
                for model in parts
            }

        before, history = numbers(), {model: model.history.count() for model in parts}
        data = page_data(staff_client.get(change_url(meeting)))

        response = staff_client.post(change_url(meeting), data)

        assert response.status_code == 302, response.content.decode()[:3000]
        assert numbers() == before
        assert {model: model.history.count() for model in parts} == history
