"""The main pages the browser tests visit, found by name on the 2019 record."""

from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import Meeting
from partners.models import Country, Organization

# Each main page by name, with how to find its path on the 2019 record (one page of each kind).
MAIN_PAGES = [
    ("home", lambda: reverse("home")),
    ("meetings", lambda: reverse("meetings:list")),
    ("meeting", lambda: Meeting.objects.get(number=5).get_absolute_url()),
    (
        "meeting-report",
        lambda: reverse("meetings:report", kwargs={"slug": "5th-meeting-2019-07-17"}),
    ),
    ("countries", lambda: reverse("pathfinders:country_list")),
    ("country", lambda: Country.objects.get(name="Nepal").get_absolute_url()),
    ("action-groups", lambda: reverse("directory:action_group_list")),
    ("action-group", lambda: ActionGroup.objects.get(name="Supply Chains").get_absolute_url()),
    ("organizations", lambda: reverse("directory:organization_list")),
    ("organization", lambda: Organization.objects.get(acronym="ILO").get_absolute_url()),
    ("directory", lambda: reverse("directory:people")),
    ("events", lambda: reverse("meetings:events")),
    ("follow-ups", lambda: reverse("meetings:followups")),
    ("voices", lambda: reverse("meetings:voices")),
    ("search", lambda: reverse("search:results") + "?q=forced+labour"),
    ("login", lambda: reverse("login")),
]
MAIN_PAGE_NAMES = [name for name, _ in MAIN_PAGES]


def main_page_path(name):
    return dict(MAIN_PAGES)[name]()
