"""The Secretariat's admin: every model registered, every page answers, in a bounded number of
queries that does not grow with the number of rows."""

import datetime
import itertools

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from meetings.models import KeyFigure, Meeting, Objective
from partners.models import EmailAddress, Office, OfficeTerm
from pathfinders.models import Stage
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
    make_milestone,
    make_organization,
    make_person,
)

PORTAL_APPS = ["partners", "pathfinders", "actiongroups", "meetings"]
# Session, user, and a handful of queries per page and filter: generous, but fixed.
MAX_CHANGELIST_QUERIES = 15
MAX_FORM_QUERIES = 30

SEQUENCE = itertools.count(1)
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def portal_models():
    for label in PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            # The change histories are shown through their model's admin, not registered apart.
            if not issubclass(model, HistoricalChanges):
                yield model


def make_record_rows(count):
    """`count` of every kind of row, each with all its relations filled, as a real record has."""
    for _ in range(count):
        country = make_country()
        group = make_action_group()
        organization = make_organization(country=country, parent=make_organization())
        group.leads.add(organization)
        person = make_person(organization=organization)
        meeting = make_meeting(chair=person)
        Objective.objects.create(meeting=meeting, position=1, text="Review the strategy.")
        item = make_agenda_item(meeting=meeting)
        intervention = make_intervention(
            agenda_item=item,
            organization=organization,
            speaker=person,
            countries=[country],
            action_groups=[group],
        )
        intervention.on_behalf_of.add(make_organization())
        make_attendance(meeting=meeting, person=person)
        point = make_action_point(
            meeting=meeting,
            agenda_item=item,
            intervention=intervention,
            due_date=datetime.date(2019, 12, 1),
            due_precision="month",
        )
        point.owners.add(organization)
        point.countries.add(country)
        make_document(meeting=meeting, agenda_item=item).organizations.add(organization)
        make_event(meeting=meeting, mentioned_at=item).countries.add(country)
        make_milestone(
            country=country,
            kind=Stage.WORKSHOP_HELD,
            source_meeting=meeting,
            source_agenda_item=item,
            source_intervention=intervention,
        )
        KeyFigure.objects.create(
            agenda_item=item, reported_by=organization, value=217, label="active partners"
        )
        OfficeTerm.objects.create(
            office=Office.CHAIR, country=country, person=person, source_meeting=meeting
        )


def make_other_rows(count):
    """Rows for the registered models of Django and its add-ons, so their pages are tested too."""
    for _ in range(count):
        n = next(SEQUENCE)
        user = User.objects.create_user(f"user{n}", password="a-long-test-password-1")
        Group.objects.create(name=f"Group {n}").user_set.add(user)
        attempt = {
            "user_agent": "Firefox",
            "ip_address": "192.0.2.1",
            "username": user.username,
            "http_accept": "text/html",
            "path_info": "/admin/login/",
        }
        AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
        AccessLog.objects.create(**attempt)
        AccessFailureLog.objects.create(**attempt)


def make_rows(count):
    make_record_rows(count)
    make_other_rows(count)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_every_portal_model_is_registered():
    missing = [model._meta.label for model in portal_models() if model not in admin.site._registry]

    assert missing == []


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_queries_do_not_grow_with_rows(staff_client, model):
    make_rows(1)
    url = admin_url(model, "changelist")
    staff_client.get(url)  # The first request of a session may load what later ones reuse.
    few = count_queries(staff_client, url)

    make_rows(9)
    many = count_queries(staff_client, url)

    assert model._default_manager.count() >= 10
    assert many == few
    assert few <= MAX_CHANGELIST_QUERIES


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_pages_answer_within_bounded_queries(
    staff, staff_client, django_assert_max_num_queries, model
):
    make_rows(2)
    obj = model._default_manager.order_by("pk").last()
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = staff
    # A superuser may add anything, except where an add-on keeps its log read-only.
    add_status = 200 if model_admin.has_add_permission(request) else 403

    pages = [
        (admin_url(model, "changelist"), MAX_CHANGELIST_QUERIES, 200),
        (admin_url(model, "add"), MAX_FORM_QUERIES, add_status),
        (admin_url(model, "change", obj.pk), MAX_FORM_QUERIES, 200),
    ]
    if isinstance(model_admin, SimpleHistoryAdmin):
        pages.append((admin_url(model, "history", obj.pk), MAX_FORM_QUERIES, 200))

    for url, bound, status in pages:
        with django_assert_max_num_queries(bound):
            response = staff_client.get(url)
        assert response.status_code == status, url


@pytest.mark.parametrize(
    "model, search",
    [
        (model, term)
        for model in REGISTERED
        if admin.site._registry[model].search_fields
        for term in ["New York"]
    ],
    ids=lambda value: value._meta.label if hasattr(value, "_meta") else value,
)
def test_search_answers(staff_client, model, search):
    make_record_rows(2)

    response = staff_client.get(admin_url(model, "changelist"), {"q": search})

    assert response.status_code == 200


def test_meeting_changelist_counts_without_a_query_per_row(staff_client):
    meeting = make_meeting(title="5th meeting of the GCG")
    make_agenda_item(meeting=meeting)
    make_agenda_item(meeting=meeting)
    for _ in range(3):
        make_attendance(meeting=meeting)

    response = staff_client.get(admin_url(meeting._meta.model, "changelist"))

    row = next(r for r in response.context["cl"].result_list if r.pk == meeting.pk)
    assert (row.agenda_item_count, row.participant_count) == (2, 3)


def test_country_changelist_shows_the_derived_stage_and_filters_on_it(staff_client):
    reached = make_country(name="Nepal")
    make_milestone(country=reached, kind=Stage.EXPRESSION_OF_INTEREST)
    make_milestone(country=reached, kind=Stage.WORKSHOP_HELD)
    make_country(name="Fiji")
    url = admin_url(reached._meta.model, "changelist")

    page = staff_client.get(url).content.decode()
    filtered = staff_client.get(url, {"stage": Stage.WORKSHOP_HELD})

    assert "Strategic planning workshop held" in page
    assert [c.name for c in filtered.context["cl"].result_list] == ["Nepal"]


CHILDREN = {
    "meeting attendance, objectives, agenda": (
        make_meeting,
        lambda meeting: (
            make_attendance(meeting=meeting),
            Objective.objects.create(
                meeting=meeting, position=meeting.objectives.count() + 1, text="Review."
            ),
            make_agenda_item(meeting=meeting),
        ),
    ),
    "agenda item interventions": (
        make_agenda_item,
        lambda item: make_intervention(
            agenda_item=item,
            speaker=make_person(),
            countries=[make_country()],
            action_groups=[make_action_group()],
        ).on_behalf_of.add(make_organization()),
    ),
    "country milestones": (
        make_country,
        lambda country: make_milestone(
            country=country,
            kind=Stage.values[country.milestones.count() % len(Stage.values)],
            source_intervention=make_intervention(),
        ),
    ),
    "person e-mail addresses": (
        make_person,
        lambda person: EmailAddress.objects.create(
            person=person, address=f"extra{next(SEQUENCE)}@example.org"
        ),
    ),
}


@pytest.mark.parametrize("make_parent, add_child", CHILDREN.values(), ids=CHILDREN.keys())
def test_change_page_queries_do_not_grow_with_inline_rows(staff_client, make_parent, add_child):
    parent = make_parent()
    add_child(parent)
    url = admin_url(type(parent), "change", parent.pk)
    staff_client.get(url)
    few = count_queries(staff_client, url)

    for _ in range(9):
        add_child(parent)
    many = count_queries(staff_client, url)

    assert many == few


def test_inline_rows_show_their_selected_people_and_organisations(staff_client):
    meeting = make_meeting()
    attendances = [make_attendance(meeting=meeting) for _ in range(3)]

    page = staff_client.get(admin_url(Meeting, "change", meeting.pk)).content.decode()

    for attendance in attendances:
        for chosen in (attendance.person, attendance.organization):
            assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in page


def test_the_record_pages_answer_within_bounded_queries(
    record, staff_client, django_assert_max_num_queries
):
    """The July 2019 record: the meeting's page holds its whole attendance and agenda."""
    pages = 0
    for model in REGISTERED:
        obj = model._default_manager.order_by("pk").first()
        urls = [admin_url(model, "changelist")]
        if obj is not None:
            urls.append(admin_url(model, "change", obj.pk))
        for url in urls:
            with django_assert_max_num_queries(MAX_FORM_QUERIES):
                response = staff_client.get(url)
            assert response.status_code == 200, url
            pages += 1
    assert Meeting.objects.get().attendances.count() > 40  # the page really holds many rows
    assert pages > 2 * len([m for m in REGISTERED if m._meta.app_label in PORTAL_APPS])
