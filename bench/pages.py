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

# The kinds of page, each with its own target (targets.py).
ANONYMOUS = "anonymous"
SIGNED_IN_DETAIL = "signed-in-detail"
SIGNED_IN_LIST = "signed-in-list"
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
        return self.kind != ANONYMOUS

    @property
    def reader(self):
        """Who asks for it: a visitor, a member, or a Secretariat officer (the workspace)."""
        if self.kind.startswith(WORKSPACE):
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


PAGES = [
    Page("home", ANONYMOUS, fixed("home", "<title>The GCG at a glance")),
    Page("meeting", ANONYMOUS, meeting),
    Page("meeting-report", ANONYMOUS, meeting_report),
    Page("country", ANONYMOUS, country),
    Page("action-group", ANONYMOUS, action_group),
    Page("organization", ANONYMOUS, organization),
    Page("directory", ANONYMOUS, directory_page(middle=False)),
    Page("directory-middle", ANONYMOUS, directory_page(middle=True)),
    Page(
        "search",
        ANONYMOUS,
        fixed("search:results", "Search: forced labour", query="?q=forced+labour"),
    ),
    Page("follow-ups", ANONYMOUS, fixed("meetings:followups", heading("Decisions and follow-ups"))),
    Page("events-ics", ANONYMOUS, fixed("meetings:events_ics", "BEGIN:VEVENT", "END:VCALENDAR")),
    Page("interventions-csv", ANONYMOUS, interventions_csv),
    Page("meeting-signed-in", SIGNED_IN_DETAIL, meeting),
    Page("directory-signed-in", SIGNED_IN_LIST, directory_page(middle=False)),
    Page("directory-middle-signed-in", SIGNED_IN_LIST, directory_page(middle=True)),
    Page("workspace", WORKSPACE, workspace(large=False)),
    Page("workspace-save", WORKSPACE_SAVE, saved(workspace(large=False))),
    Page("workspace-large", WORKSPACE_LARGE, workspace(large=True)),
    Page("workspace-large-save", WORKSPACE_LARGE_SAVE, saved(workspace(large=True))),
]
