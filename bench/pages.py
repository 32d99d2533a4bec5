"""The pages `make bench` drives, found in the scaled database by what the 2019 record names
them (as tests/scale/pages.py finds them), each with the texts that show it is the right page:
its heading or a row it must list. Runs inside Django (scaled_site.py)."""

from dataclasses import dataclass
from math import ceil

from django.urls import reverse
from django.utils.html import escape

from actiongroups.models import ActionGroup
from directory.views import PeopleView
from meetings.models import Meeting
from partners.models import Country, Organization, Person

# The kinds of page, each with its own targets (targets.py).
ANONYMOUS = "anonymous"
ANONYMOUS_LARGE = "anonymous-large"  # a meeting's page, the calendar: 100–400 KB at factor 100
SIGNED_IN_DETAIL = "signed-in-detail"
SIGNED_IN_LIST = "signed-in-list"
MEMBER_PAGE = "member-page"  # /me/
STAFF = "staff"  # a public page, as a Secretariat officer sees it
STAFF_LARGE = "staff-large"
ADMIN_LIST = "admin-list"
WORKSPACE = "workspace"
WORKSPACE_SAVE = "workspace-save"
WORKSPACE_LARGE = "workspace-large"
WORKSPACE_LARGE_SAVE = "workspace-large-save"
SAVES = {WORKSPACE_SAVE, WORKSPACE_LARGE_SAVE}


@dataclass(frozen=True)
class Page:
    name: str
    kind: str
    # (user) -> (path, [texts every response must contain]), called inside the scaled database;
    # for a save, [texts its redirect's Location must contain]
    locate: object

    @property
    def signed_in(self):
        return self.kind not in (ANONYMOUS, ANONYMOUS_LARGE)

    @property
    def reader(self):
        """Who asks for it: a visitor, a member, or a Secretariat officer (the workspace, the
        admin, the staff views)."""
        if self.kind.startswith((WORKSPACE, STAFF, ADMIN_LIST)):
            return "officer"
        return "member" if self.signed_in else "visitor"

    @property
    def method(self):
        return "POST" if self.kind in SAVES else "GET"


def heading(text):
    return f"<h1>{escape(text)}"


def _meeting():
    return Meeting.objects.get(number=5)


def meeting(user):
    found = _meeting()
    return found.get_absolute_url(), [heading(found.title)]


def meeting_report(user):
    found = _meeting()
    path = reverse("meetings:report", args=[found.slug])
    return path, [f"<title>{escape(found.title)}: meeting report"]


def country(user):
    found = Country.objects.get(name="Nepal")
    return found.get_absolute_url(), [heading(found.name)]


def action_group(user):
    found = ActionGroup.objects.get(name="Supply Chains")
    return found.get_absolute_url(), [heading(found.name)]


def organization(user):
    found = Organization.objects.get(acronym="ILO")
    return found.get_absolute_url(), [heading(found.name)]


def directory_page(middle):
    """The directory's first page, or its middle one, with the first name it must list."""

    def locate(user):
        people = Person.objects.visible_to(user).listed().order_by("sort_key", "pk")
        size = PeopleView.paginate_by
        number = (ceil(people.count() / size) + 1) // 2 if middle else 1
        first = people[(number - 1) * size]
        path = reverse("directory:people") + (f"?page={number}" if middle else "")
        return path, [heading("Participant directory"), escape(first.name)]

    return locate


def fixed(path_name, *texts, query=""):
    return lambda user: (reverse(path_name) + query, list(texts))


def meeting_list(user):
    """The meetings, newest first: the newest the reader may see is listed."""
    newest = Meeting.objects.visible_to(user).order_by("-date", "-number").first()
    return reverse("meetings:list"), [heading(MEETINGS_HEADING), escape(newest.title)]


MEETINGS_HEADING = "Meetings of the Global Coordinating Group"


def admin_meetings(user):
    """The admin's list of meetings, in its own order: the first meeting it lists."""
    from django.contrib import admin

    model_admin = admin.site._registry[Meeting]
    ordering = model_admin.ordering or Meeting._meta.ordering
    first = Meeting.objects.order_by(*ordering, "-pk").first()
    path = reverse("admin:meetings_meeting_changelist")
    return path, ["<title>Select meeting to change", escape(first.title)]


def me(user):
    """The member's own page: the person the bench member is (scaled_site.signed_in links them
    to the participant of the 2019 record who attended most)."""
    person = Person.objects.get(user=user)
    return reverse("directory:me"), [heading(person.name)]


def workspace(large):
    """The meeting's change page in the admin: the 2019 meeting's, or the one five times its
    size (generate_scale_data --large-meeting); saving it goes back to it."""

    def locate(user):
        meetings = Meeting.objects.order_by("-number")
        found = meetings.filter(occasion__startswith="A long meeting").first() if large else None
        found = found or _meeting()
        path = reverse("admin:meetings_meeting_change", args=[found.pk])
        return path, [f"<title>{escape(found.title)} | Change meeting"]

    return locate


def saved(locate):
    def saving(user):
        path, _markers = locate(user)
        return path, [path]  # the redirect of "Save and continue editing"

    return saving


def interventions_csv(user):
    path = reverse("meetings:interventions_csv", args=[_meeting().slug])
    return path, ["Position,Agenda item,Organisation,Speaker"]


HOME = fixed("home", "<title>The GCG at a glance")
SEARCH = fixed("search:results", "Search: forced labour", query="?q=forced+labour")
FOLLOW_UPS = fixed("meetings:followups", heading("Decisions and follow-ups"))

PAGES = [
    Page("home", ANONYMOUS, HOME),
    Page("meeting", ANONYMOUS_LARGE, meeting),
    Page("meeting-report", ANONYMOUS_LARGE, meeting_report),
    Page("meetings", ANONYMOUS, meeting_list),
    Page("events", ANONYMOUS, fixed("meetings:events", heading("Calendar of events"))),
    Page(
        "countries",
        ANONYMOUS,
        fixed("pathfinders:country_list", heading("Countries and regional bodies")),
    ),
    Page(
        "organizations",
        ANONYMOUS,
        fixed("directory:organization_list", heading("Partner organisations")),
    ),
    Page(
        "action-groups",
        ANONYMOUS,
        fixed("directory:action_group_list", heading("Action groups"), "Supply Chains"),
    ),
    Page("country", ANONYMOUS, country),
    Page("action-group", ANONYMOUS, action_group),
    Page("organization", ANONYMOUS, organization),
    Page("directory", ANONYMOUS, directory_page(middle=False)),
    Page("directory-middle", ANONYMOUS, directory_page(middle=True)),
    Page("search", ANONYMOUS, SEARCH),
    Page("follow-ups", ANONYMOUS, FOLLOW_UPS),
    Page(
        "events-ics", ANONYMOUS_LARGE, fixed("meetings:events_ics", "BEGIN:VEVENT", "END:VCALENDAR")
    ),
    Page("interventions-csv", ANONYMOUS, interventions_csv),
    Page("meeting-signed-in", SIGNED_IN_DETAIL, meeting),
    Page("directory-signed-in", SIGNED_IN_LIST, directory_page(middle=False)),
    Page("directory-middle-signed-in", SIGNED_IN_LIST, directory_page(middle=True)),
    Page("me", MEMBER_PAGE, me),
    Page("home-staff", STAFF, HOME),
    Page("meeting-staff", STAFF_LARGE, meeting),
    Page("country-staff", STAFF, country),
    Page("organization-staff", STAFF, organization),
    Page("directory-staff", STAFF, directory_page(middle=False)),
    Page("search-staff", STAFF, SEARCH),
    Page("follow-ups-staff", STAFF, FOLLOW_UPS),
    Page("admin-meetings", ADMIN_LIST, admin_meetings),
    Page("workspace", WORKSPACE, workspace(large=False)),
    Page("workspace-save", WORKSPACE_SAVE, saved(workspace(large=False))),
    Page("workspace-large", WORKSPACE_LARGE, workspace(large=True)),
    Page("workspace-large-save", WORKSPACE_LARGE_SAVE, saved(workspace(large=True))),
]
