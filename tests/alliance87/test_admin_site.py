"""The Secretariat's admin: every model registered, every page answers, in a bounded number of
queries that does not grow with the number of rows."""

import datetime
import itertools

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from base.models import LoadedFixtureRow
from base.portal_apps import portal_app_configs
from comment_rounds.models import Confirmation, Reviewer, RoundEmail
from following.models import Follow, FollowDigestSent, TargetKind
from invitations.models import EmailKind, OptOut, SentEmail
from meetings.models import FollowupDigestSent, KeyFigure, Meeting, Objective, Office, OfficeTerm
from partners.models import EmailAddress
from pathfinders.models import Stage
from search.models import SearchEntry, SearchWord
from site_pages.models import ContactMessage, PageKind, SitePage
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_comment,
    make_comment_round,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_invitation,
    make_meeting,
    make_milestone,
    make_organization,
    make_person,
    make_reviewer,
)

pytestmark = pytest.mark.django_db

# Session, user, and a handful of queries per page and filter: generous, but fixed.
MAX_CHANGELIST_QUERIES = 15
MAX_FORM_QUERIES = 30
# The meeting's page holds the whole meeting, with the state the locking signs into it: fixed at
# 46 (tests/meetings/test_workspace.py counts them).
MAX_WORKSPACE_QUERIES = 46

SEQUENCE = itertools.count(1)


def form_bound(model):
    return MAX_WORKSPACE_QUERIES if model is Meeting else MAX_FORM_QUERIES


REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# The site's own pages are one of each kind: their list is measured with all of them.
ROWS_MEASURED = {SitePage: len(PageKind)}


# Bookkeeping of `load_record`, `send_followup_digest` and the invitations' e-mails (shown on each
# invitation's row), the e-mails a person declined (theirs to choose, on /me/ or from the e-mail),
# and the search's vectors (kept by the database's triggers), not part of the record the
# Secretariat keeps.
# A comment round's reviewers are listed on the round's page, its speakers' confirmations on its
# resolve page, its e-mails are the sending's bookkeeping (comment_rounds.admin.round_rows_admin).
NOT_IN_THE_ADMIN = {
    # The search's words (its "Did you mean", kept from the index) and the follow digests sent
    # (the sending's bookkeeping), issue 23.
    SearchWord,
    FollowDigestSent,
    LoadedFixtureRow,
    FollowupDigestSent,
    SentEmail,
    OptOut,
    SearchEntry,
    Reviewer,
    Confirmation,
    RoundEmail,
}


def portal_models():
    for config in portal_app_configs():
        for model in config.get_models():
            # The change histories are shown through their model's admin, not registered apart.
            if not issubclass(model, HistoricalChanges) and model not in NOT_IN_THE_ADMIN:
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
        invitation = make_invitation(
            meeting=meeting, person=person, answer="in_person", organization=organization
        )
        SentEmail.objects.create(
            invitation=invitation, kind=EmailKind.INVITATION, sent_on=datetime.date(2019, 7, 1)
        )
        comment_round = make_comment_round(meeting=meeting)
        reviewer = make_reviewer(comment_round, person=person, organization=organization)
        make_comment(reviewer, intervention=intervention, proposed_wording="ILO said yes.")
        Confirmation.objects.create(
            round=comment_round, intervention=intervention, reviewer=reviewer
        )
        RoundEmail.objects.create(
            reviewer=reviewer, kind=EmailKind.ROUND_OPENED, sent_on=datetime.date(2019, 7, 1)
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
        ContactMessage.objects.create(
            name=f"Writer {n}",
            email=f"writer{n}@example.org",
            subject="A question",
            message="How do we take part?",
            reply="Thus.",
            replied_by=user,
        )
        Follow.objects.create(user=user, target_kind=TargetKind.MEETINGS)
        for kind in PageKind:  # one page of each kind, no more
            SitePage.objects.get_or_create(kind=kind, defaults={"title_en": kind.label})


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


def test_changelist_queries_do_not_grow_with_rows(superuser_client):
    """Every registered model's list, at 1 and at 10 of every row: the same number of queries."""
    make_rows(1)
    superuser_client.get(admin_url(User, "changelist"))  # a session's first request loads more
    few = {
        model: count_queries(superuser_client, admin_url(model, "changelist"))
        for model in REGISTERED
    }

    make_rows(9)
    many = {
        model: count_queries(superuser_client, admin_url(model, "changelist"))
        for model in REGISTERED
    }

    assert len(few) > 20
    assert [
        m._meta.label for m in REGISTERED if m._default_manager.count() < ROWS_MEASURED.get(m, 10)
    ] == []
    assert {m._meta.label: (few[m], many[m]) for m in REGISTERED if few[m] != many[m]} == {}
    assert {m._meta.label: few[m] for m in REGISTERED if few[m] > MAX_CHANGELIST_QUERIES} == {}


def test_every_page_answers_within_bounded_queries(superuser, superuser_client):
    """Every registered model's list, add, change and history pages."""
    make_rows(2)
    request = RequestFactory().get("/")
    request.user = superuser
    pages = []
    for model in REGISTERED:
        obj = model._default_manager.order_by("pk").last()
        model_admin = admin.site._registry[model]
        # A superuser may add anything, except where an add-on keeps its log read-only.
        add_status = 200 if model_admin.has_add_permission(request) else 403
        pages += [
            (admin_url(model, "changelist"), MAX_CHANGELIST_QUERIES, 200),
            (admin_url(model, "add"), MAX_FORM_QUERIES, add_status),
            (admin_url(model, "change", obj.pk), form_bound(model), 200),
        ]
        if isinstance(model_admin, SimpleHistoryAdmin):
            pages.append((admin_url(model, "history", obj.pk), MAX_FORM_QUERIES, 200))
    superuser_client.get(pages[0][0])  # a session's first request loads more

    answers = {}
    for url, _bound, _status in pages:
        with CaptureQueriesContext(connection) as context:
            response = superuser_client.get(url)
        answers[url] = (response.status_code, len(context.captured_queries))

    assert len(pages) > 3 * len(REGISTERED)
    wrong = {
        url: answers[url]
        for url, bound, status in pages
        if answers[url][0] != status or answers[url][1] > bound
    }
    assert wrong == {}


def test_search_answers_on_every_searchable_list(superuser_client):
    make_record_rows(2)
    searchable = [model for model in REGISTERED if admin.site._registry[model].search_fields]

    answers = {
        model._meta.label: superuser_client.get(admin_url(model, "changelist"), {"q": "New York"})
        for model in searchable
    }

    assert len(searchable) > 10
    assert {label: r.status_code for label, r in answers.items() if r.status_code != 200} == {}
    meetings = answers["meetings.Meeting"].context["cl"].result_list
    assert len(meetings) == 2  # the factories' meetings are all in New York


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
    """A saved row's line names its person and organisation; opened, its selects have them
    chosen."""
    meeting = make_meeting()
    attendances = [make_attendance(meeting=meeting) for _ in range(3)]

    page = staff_client.get(admin_url(Meeting, "change", meeting.pk)).content.decode()

    row_url = reverse("admin:meetings_meeting_workspace_row", args=[meeting.pk])
    for index, attendance in enumerate(attendances):
        assert f"<b>{attendance.person}</b>" in page
        assert str(attendance.listed_as) in page
        query = {"prefix": f"attendances-{index}", "id": attendance.pk}
        opened = staff_client.get(row_url, query).content.decode()
        for chosen in (attendance.person, attendance.organization):
            assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in opened


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The July 2019 record, loaded once for the class."""

    def test_pages_answer_within_bounded_queries(
        self, superuser_client, django_assert_max_num_queries
    ):
        """The meeting's page holds its whole attendance and agenda."""
        pages = 0
        for model in REGISTERED:
            obj = model._default_manager.order_by("pk").first()
            urls = [admin_url(model, "changelist")]
            if obj is not None:
                urls.append(admin_url(model, "change", obj.pk))
            for url in urls:
                with django_assert_max_num_queries(form_bound(model)):
                    response = superuser_client.get(url)
                assert response.status_code == 200, url
                pages += 1
        assert Meeting.objects.get().attendances.count() > 40  # the page really holds many rows
        assert pages > 2 * len(list(portal_models()))


def test_the_index_lists_models_by_task(superuser_client):
    """Recording a meeting first, its parts after it; then the reference data; accounts last."""
    apps = superuser_client.get(reverse("admin:index")).context["app_list"]

    tasks = [[model["object_name"] for model in app["models"]] for app in apps]
    assert tasks[0][:4] == ["Meeting", "AgendaItem", "Intervention", "Attendance"]
    assert {"ActionPoint", "Document", "KeyFigure", "Event", "Objective"} < set(tasks[0])
    assert tasks[1][:4] == ["Organization", "Person", "EmailAddress", "Country"]
    assert "ActionGroup" in tasks[1]
    assert tasks[-1][:2] == ["User", "Group"]
    listed = [name for task in tasks for name in task]
    assert len(listed) == len(set(listed)) == len(admin.site._registry)


def test_an_app_page_keeps_its_own_models(staff_client):
    apps = staff_client.get(reverse("admin:app_list", args=["partners"])).context["app_list"]

    assert [app["app_label"] for app in apps] == ["partners"]
