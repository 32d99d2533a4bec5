"""Every page of the site, one line each, for the query-count tests at scale.

To add a page: one `Page(name, path)` line in PUBLIC_PAGES (or ADMIN_PAGES), with `paginated=True`
if it is a paginated list (its last page is then measured too), and `roles=` if only some readers
may open it. `path` is called inside the scaled database: find objects by what the 2019 record
names them, so the same row is measured at every factor. Admin changelists, add and change forms
and history pages of every registered model are listed from `admin.site._registry` by themselves.

`queries=` gives, by role, the exact number of queries the page's own tests count for it (their
constants, imported from them): the page must cost that at 1 and at 10 times the record, not only
the same at both.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from actiongroups.models import ActionGroup
from invitations.links import make_token
from invitations.models import Invitation
from meetings.models import Meeting
from partners.models import Country, Organization
from tests.alliance87.test_home import QUERIES as HOME_QUERIES
from tests.directory.test_exports import QUERIES as DIRECTORY_EXPORT_QUERIES
from tests.directory.test_organizations import LIST_QUERIES as ORGANIZATIONS_QUERIES
from tests.directory.test_people import ANONYMOUS_QUERIES as DIRECTORY_QUERIES
from tests.directory.test_people import MEMBER_QUERIES as DIRECTORY_MEMBER_QUERIES
from tests.factories import make_announced_meeting
from tests.feeds.test_feeds import QUERIES as LIST_FEED_QUERIES
from tests.following.test_feeds import FEED_QUERIES
from tests.following.test_follow_page import PAGE_QUERIES as FOLLOW_PAGE_QUERIES
from tests.invitations.test_answer_page import QUERIES as ANSWER_PAGE_QUERIES
from tests.invitations.test_briefing_pack_queries import QUERIES as BRIEFING_PACK_QUERIES
from tests.meetings.test_calendar_feed import QUERIES as EVENTS_ICS_QUERIES
from tests.meetings.test_events import QUERIES as EVENTS_QUERIES
from tests.meetings.test_followups_pages import LIST_QUERIES as FOLLOW_UPS_QUERIES
from tests.meetings.test_meeting_pages import LIST_QUERIES as MEETINGS_QUERIES
from tests.meetings.test_open_data import LIST_QUERIES as JSON_LIST_QUERIES
from tests.meetings.test_planned_meetings_queries import ANNOUNCEMENT_QUERIES
from tests.meetings.test_voices import VOICES_QUERIES
from tests.pathfinders.test_country_pages import DETAIL_QUERIES as COUNTRY_QUERIES
from tests.pathfinders.test_country_pages import LIST_QUERIES as COUNTRIES_QUERIES
from tests.site_pages.test_pages import QUERIES as SITE_PAGE_QUERIES
from tests.site_pages.test_sitemap import QUERIES as SITEMAP_QUERIES

ROLES = ("anonymous", "member", "staff")
STAFF = ("staff",)
SIGNED_IN = ("member", "staff")


@dataclass(frozen=True)
class Page:
    name: str
    path: object  # () -> str, called inside the scaled database
    paginated: bool = False
    roles: tuple = ROLES
    # The admin's lists number their pages with "p"; public lists with "page".
    page_var: str = "page"
    # {role: the exact number of queries its tests count}, for the roles they count it for.
    queries: dict = field(default_factory=dict, hash=False)


# The calendar feed signed in: its events (EVENTS_ICS_QUERIES), and the session and the user.
EVENTS_ICS_SIGNED_IN_QUERIES = EVENTS_ICS_QUERIES + 2
# The directory as JSON: the people, and for a signed-in reader the session, the user and the
# addresses shown: the directory page's own queryset.
DIRECTORY_JSON_QUERIES = {"anonymous": 2, "member": 5}


def _meeting():
    return Meeting.objects.get(number=5)


def _planned_meeting():
    """The next meeting, announced (the scaled record holds none), its day not yet known and its
    draft agenda of the 5th meeting's size circulated: made when its page is first measured, the
    first page, so that every page after it is measured with a planned meeting to show."""
    meeting = Meeting.objects.announced().first()
    if meeting is None:
        next_year = timezone.localdate().year + 1
        meeting = make_announced_meeting(
            agenda=[f"Item {n}" for n in range(1, 8)],
            number=Meeting.objects.order_by("-number").values_list("number", flat=True)[0] + 1,
            title="The next meeting of the Global Coordinating Group",
            date=datetime.date(next_year, 11, 1),
            agenda_circulated=True,
        )
    return meeting


def _invitation():
    return Invitation.objects.order_by("pk").first()


PUBLIC_PAGES = [
    Page(
        "meeting-announced",
        lambda: _planned_meeting().get_absolute_url(),
        queries={"anonymous": ANNOUNCEMENT_QUERIES},
    ),
    Page("home", lambda: reverse("home"), queries={"anonymous": HOME_QUERIES}),
    Page(
        "meetings",
        lambda: reverse("meetings:list"),
        paginated=True,
        queries={"anonymous": MEETINGS_QUERIES},
    ),
    Page("meeting", lambda: _meeting().get_absolute_url()),
    Page("meeting-report", lambda: reverse("meetings:report", args=[_meeting().slug])),
    Page(
        "briefing-pack",
        lambda: reverse("briefing_pack:page", args=[_meeting().slug]),
        queries={"anonymous": BRIEFING_PACK_QUERIES},
    ),
    Page(
        "events",
        lambda: reverse("meetings:events"),
        paginated=True,
        queries={"anonymous": EVENTS_QUERIES},
    ),
    Page(
        "countries",
        lambda: reverse("pathfinders:country_list"),
        queries={"anonymous": COUNTRIES_QUERIES},
    ),
    Page(
        "country",
        lambda: Country.objects.get(name="Nepal").get_absolute_url(),
        paginated=True,
        queries={"anonymous": COUNTRY_QUERIES},
    ),
    Page("action-groups", lambda: reverse("directory:action_group_list")),
    Page(
        "action-group",
        lambda: ActionGroup.objects.get(name="Supply Chains").get_absolute_url(),
        paginated=True,
    ),
    Page(
        "organizations",
        lambda: reverse("directory:organization_list"),
        paginated=True,
        queries={"anonymous": ORGANIZATIONS_QUERIES},
    ),
    Page(
        "organization",
        lambda: Organization.objects.get(acronym="ILO").get_absolute_url(),
        paginated=True,
    ),
    Page(
        "directory",
        lambda: reverse("directory:people"),
        paginated=True,
        queries={"anonymous": DIRECTORY_QUERIES, "member": DIRECTORY_MEMBER_QUERIES},
    ),
    Page("directory-search", lambda: reverse("directory:people") + "?q=andrees", paginated=True),
    Page("login", lambda: reverse("login")),
    Page("search", lambda: reverse("search:results") + "?q=forced+labour"),
    Page("search-one-kind", lambda: reverse("search:results") + "?q=labour&kind=interventions"),
    # "Did you mean" on SQLite (3 queries: tests/search/test_forgiving.py); on PostgreSQL the
    # scale data's names are near enough for trigrams to find some at once.
    Page("search-did-you-mean", lambda: reverse("search:results") + "?q=trafficing"),
    Page(
        "follow-ups",
        lambda: reverse("meetings:followups"),
        paginated=True,
        queries={"anonymous": FOLLOW_UPS_QUERIES},
    ),
    Page(
        "voices",
        lambda: reverse("meetings:voices"),
        paginated=True,
        queries={"anonymous": VOICES_QUERIES},
    ),
    Page("me", lambda: reverse("directory:me"), roles=SIGNED_IN),
    *(
        Page(
            name,
            lambda name=name: reverse(f"site_pages:{name}"),
            queries={"anonymous": SITE_PAGE_QUERIES},
        )
        for name in ("about", "join", "privacy", "contact")
    ),
    Page("contact-sent", lambda: reverse("site_pages:contact_sent")),
    # The follow page of a target: the member's own (staff follow as members do).
    Page(
        "follow-country",
        lambda: reverse("following:follow", args=["country", "nepal"]),
        roles=SIGNED_IN,
        queries={"member": FOLLOW_PAGE_QUERIES},
    ),
    Page("healthz", lambda: reverse("healthz")),
    Page("readyz", lambda: reverse("readyz")),
]

# One person's pages, by their personal link (never cached): the invitee's page, whose holder is
# not signed in (an account signed in that is not the invitee's is refused). The 2019 record has
# no invitation: the scale data's are measured.
PERSONAL_PAGES = [
    Page(
        "invitation",
        lambda: reverse("invitations:answer", args=[make_token(_invitation())]),
        roles=("anonymous",),
        queries={"anonymous": ANSWER_PAGE_QUERIES},
    ),
]

# The lists' Atom feeds (feeds/urls.py): the same for every reader, a visitor's.
FEED_PAGES = [
    Page(
        f"feed-{name}",
        lambda name=name: reverse(f"feeds:{name}"),
        queries={"anonymous": queries},
    )
    for name, queries in LIST_FEED_QUERIES.items()
]

# The exports and feeds: JSON lists are paged by `page` too, but say nothing of their last page
# in a template context, so they are compared at 1 and 10 times the record only.
EXPORT_PAGES = [
    Page(
        "events-ics",
        lambda: reverse("meetings:events_ics"),
        queries={"member": EVENTS_ICS_SIGNED_IN_QUERIES},
    ),
    Page(
        "events-json",
        lambda: reverse("meetings:events_json"),
        queries={"anonymous": JSON_LIST_QUERIES["meetings:events_json"]},
    ),
    Page(
        "meetings-json",
        lambda: reverse("meetings:list_json"),
        queries={"anonymous": JSON_LIST_QUERIES["meetings:list_json"]},
    ),
    Page("meeting-json", lambda: reverse("meetings:detail_json", args=[_meeting().slug])),
    Page(
        "meeting-interventions-csv",
        lambda: reverse("meetings:interventions_csv", args=[_meeting().slug]),
    ),
    Page(
        "meeting-attendance-csv", lambda: reverse("meetings:attendance_csv", args=[_meeting().slug])
    ),
    Page(
        "countries-json",
        lambda: reverse("pathfinders:country_list_json"),
        queries={"anonymous": JSON_LIST_QUERIES["pathfinders:country_list_json"]},
    ),
    Page(
        "organizations-json",
        lambda: reverse("directory:organization_list_json"),
        queries={"anonymous": JSON_LIST_QUERIES["directory:organization_list_json"]},
    ),
    Page("action-groups-json", lambda: reverse("directory:action_group_list_json")),
    Page("sitemap", lambda: reverse("site_pages:sitemap"), queries={"anonymous": SITEMAP_QUERIES}),
    # What changed about each followed target, as Atom (following.feeds).
    Page(
        "country-feed",
        lambda: reverse("following:country_feed", args=["nepal"]),
        queries={"anonymous": FEED_QUERIES["country"]},
    ),
    Page(
        "action-group-feed",
        lambda: reverse(
            "following:action_group_feed",
            args=[ActionGroup.objects.get(name="Supply Chains").slug],
        ),
        queries={"anonymous": FEED_QUERIES["action_group"]},
    ),
    Page(
        "organization-feed",
        lambda: reverse(
            "following:organization_feed", args=[Organization.objects.get(acronym="ILO").slug]
        ),
        queries={"anonymous": FEED_QUERIES["organization"]},
    ),
    Page(
        "meetings-feed",
        lambda: reverse("following:meetings_feed"),
        queries={"anonymous": FEED_QUERIES["meetings"]},
    ),
    Page(
        "directory-json", lambda: reverse("directory:people_json"), queries=DIRECTORY_JSON_QUERIES
    ),
    Page(
        "directory-csv",
        lambda: reverse("directory:people_csv"),
        roles=SIGNED_IN,
        queries={"member": DIRECTORY_EXPORT_QUERIES},
    ),
    Page(
        "directory-vcard",
        lambda: reverse("directory:people_vcard"),
        roles=SIGNED_IN,
        queries={"member": DIRECTORY_EXPORT_QUERIES},
    ),
    *FEED_PAGES,
]

ADMIN_PAGES = [
    Page("admin-index", lambda: reverse("admin:index"), roles=STAFF),
    Page("admin-recently-deleted", lambda: reverse("admin:recently_deleted"), roles=STAFF),
    Page(
        "admin-meeting-import-participants",
        lambda: reverse("admin:meetings_meeting_import_participants", args=[_meeting().pk]),
        roles=STAFF,
    ),
    Page(
        "admin-meeting-publish",
        lambda: reverse("admin:meetings_meeting_publish", args=[_meeting().pk]),
        roles=STAFF,
    ),
    # A meeting's registrations, counted; their export; its attendance filled from them: the
    # first meeting the scale data adds, which has its invitations at every factor.
    Page(
        "admin-meeting-registrations",
        lambda: (
            reverse("admin:invitations_registration_changelist")
            + f"?meeting__id__exact={_invited_meeting().pk}"
        ),
        paginated=True,
        roles=STAFF,
        page_var="p",
    ),
    Page(
        "admin-meeting-registrations-csv",
        lambda: reverse("admin:invitations_registration_export", args=[_invited_meeting().pk]),
        roles=STAFF,
    ),
    Page(
        "admin-meeting-fill-attendance",
        lambda: reverse(
            "admin:invitations_registration_fill_attendance", args=[_invited_meeting().pk]
        ),
        roles=STAFF,
    ),
]


def _invited_meeting():
    return Meeting.objects.get(number=6)


def _first_row_url(model, view):
    opts = model._meta
    row = model._default_manager.order_by("pk").first()
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[row.pk])


def registered_model_pages():
    """The changelist, add form, change form and history of every model the admin registers;
    the change form and history of the row with the smallest key (the 2019 record's, or the
    staff user), which every factor has."""
    pages = []
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin-{opts.app_label}-{opts.model_name}"
        pages += [
            Page(
                f"{name}-changelist",
                lambda opts=opts: reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                paginated=True,
                roles=STAFF,
                page_var="p",
            ),
        ]
        if model._meta.label not in READ_ONLY_MODELS | NO_ADD_FORM:
            pages.append(
                Page(
                    f"{name}-add",
                    lambda opts=opts: reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
                    roles=STAFF,
                )
            )
        if model._meta.label not in READ_ONLY_MODELS | NOT_IN_THE_SCALED_RECORD:
            pages += [
                Page(f"{name}-change", lambda m=model: _first_row_url(m, "change"), roles=STAFF),
                Page(f"{name}-history", lambda m=model: _first_row_url(m, "history"), roles=STAFF),
            ]
    return pages


# The sign-in attempts axes logs: the admin only lists them (no add form), and no test makes any.
READ_ONLY_MODELS = {"axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}
# Rows made elsewhere and changed here: a meeting's invitations, seen as their answers.
NO_ADD_FORM = {"invitations.Registration"}
# What reviewers wrote: read in the admin, never written (no add form).
READ_ONLY_MODELS |= {"comment_rounds.Comment"}
# The scaled record holds no comment round: their pages' queries are counted at 1x and 10x by
# tests/comment_rounds/test_admin_rounds.py and test_admin_resolve.py.
NOT_IN_THE_SCALED_RECORD = {"comment_rounds.CommentRound"}
# The contact form's messages: written from the form alone; their admin's queries are counted at
# 1x and 10x by tests/site_pages/test_admin.py.
NO_ADD_FORM |= {"site_pages.ContactMessage"}
NOT_IN_THE_SCALED_RECORD |= {"site_pages.ContactMessage"}
# The members' follows: their own choices, listed in the admin, never added nor changed there; the
# scaled record holds none (their admin list is counted at 1x and 10x by
# tests/following/test_admin.py).
READ_ONLY_MODELS |= {"following.Follow"}


def every_page():
    return [
        *PUBLIC_PAGES,
        *PERSONAL_PAGES,
        *EXPORT_PAGES,
        *ADMIN_PAGES,
        *registered_model_pages(),
    ]
