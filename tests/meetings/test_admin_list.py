"""The admin's list of meetings: its rows, written at once (meetings.admin.meeting_list_rows), are
the ones Django writes; staff find, sort, filter and select meetings in it; its queries do not
grow with the record."""

import datetime

import pytest
from django.contrib.admin.templatetags.admin_list import result_list as djangos_result_list
from django.contrib.auth.models import Permission
from django.db import connection
from django.template.loader import get_template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from base.record.visibility import PublicationStatus
from meetings.admin.meeting_list_rows import result_list, writes_rows
from meetings.models import Meeting
from tests.factories import make_agenda_item, make_attendance, make_meeting

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:meetings_meeting_changelist")
# The session, the user, their second factor, their permissions (the user's and their groups'),
# the meetings counted as filtered and as a whole, the page of them, and the date hierarchy's first
# and last dates and its years.
QUERIES = 10


def make_list():
    # Numbered by the factory: a number typed here could be one it hands out in the same worker.
    hostile = make_meeting(
        title='Say "<b>hi</b>" & more', city="   ", date=datetime.date(2021, 3, 9)
    )
    make_agenda_item(meeting=hostile)
    make_attendance(meeting=hostile)
    make_meeting(title="A draft", status=PublicationStatus.DRAFT, date=datetime.date(2020, 10, 1))
    make_meeting(title="Zanzibar", city="Stone Town", date=datetime.date(2019, 7, 17))
    return hostile


def rows(response, language):
    """The result table as the page writes it, and as Django's `result_list` would."""
    cl = response.context["cl"]
    template = get_template("admin/change_list_results.html")
    with translation.override(language):
        return template.render(result_list(cl)), template.render(djangos_result_list(cl))


@pytest.mark.parametrize("language", ["en-gb", "fr", "es"])
@pytest.mark.parametrize(
    "query",
    [{}, {"status__exact": "draft", "q": "draft", "o": "-2"}, {"date__year": "2021", "o": "7.1"}],
)
def test_the_rows_are_djangos_own(staff_client, language, query):
    make_list()

    response = staff_client.get(CHANGELIST, query)

    assert writes_rows(response.context["cl"])
    ours, djangos = rows(response, language)
    assert ours == djangos
    assert "<tr>" in ours
    if query:
        assert "?_changelist_filters=" in ours  # the links keep the list's filters
    if language == "en-gb":  # the page's own
        assert djangos in response.content.decode()


def test_the_rows_escape_what_the_record_holds(staff_client):
    make_list()

    ours, _ = rows(staff_client.get(CHANGELIST), "en-gb")

    assert "Say &quot;&lt;b&gt;hi&lt;/b&gt;&quot; &amp; more</a>" in ours
    assert '<td class="field-city">-</td>' in ours  # a blank city, as Django shows it


def test_a_list_it_does_not_write_is_djangos(staff_client):
    """A popup's rows, for a lookup from another form, carry what the opener needs."""
    make_list()

    response = staff_client.get(CHANGELIST, {"_popup": "1"})

    assert not writes_rows(response.context["cl"])
    assert "data-popup-opener" in response.content.decode()


def test_who_may_only_view_gets_the_rows_without_checkboxes(staff, db):
    make_list()
    viewer = staff.__class__.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client = Client()
    client.force_login(viewer)

    response = client.get(CHANGELIST)

    ours, djangos = rows(response, "en-gb")
    assert writes_rows(response.context["cl"])
    assert ours == djangos
    assert "action-select" not in ours


def test_staff_find_sort_filter_and_select_meetings(staff_client):
    hostile = make_list()

    def listed(query):
        return [m.title for m in staff_client.get(CHANGELIST, query).context["cl"].result_list]

    selection = {"action": "return_selected_to_draft", "_selected_action": [hostile.pk]}
    confirmation = staff_client.post(CHANGELIST, selection)

    assert listed({"q": "Zanzibar"}) == ["Zanzibar"]
    assert listed({"o": "2"}) == ["A draft", hostile.title, "Zanzibar"]
    assert listed({"status__exact": "draft"}) == ["A draft"]
    assert listed({"date__year": "2021"}) == [hostile.title]
    assert confirmation.status_code == 200
    assert confirmation.context["selected"] == [hostile]


def test_the_list_pages_by_fifty(staff_client):
    for n in range(51):
        make_meeting(date=datetime.date(2000 + n % 3, 1, 1))

    cl = staff_client.get(CHANGELIST).context["cl"]

    assert (len(cl.result_list), cl.result_count, cl.paginator.num_pages) == (50, 51, 2)


def count_queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(CHANGELIST).status_code == 200
    return len(context.captured_queries)


def test_the_list_costs_the_same_queries_whatever_the_record(staff_client):
    make_list()
    staff_client.get(CHANGELIST)  # a session's first request loads more
    few = count_queries(staff_client)

    for n in range(60):
        meeting = make_meeting(date=datetime.date(1990 + n, 5, 1))
        make_agenda_item(meeting=meeting)
        make_attendance(meeting=meeting)
    many = count_queries(staff_client)

    assert (few, many) == (QUERIES, QUERIES)
    assert Meeting.objects.count() > 50
