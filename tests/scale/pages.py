"""Every page of the site, one line each, for the query-count tests at scale.

To add a page: one `Page(name, path)` line in PUBLIC_PAGES (or ADMIN_PAGES), with `paginated=True`
if it is a paginated list (its last page is then measured too), and `roles=` if only some readers
may open it. `path` is called inside the scaled database: find objects by what the 2019 record
names them, so the same row is measured at every factor. Admin changelists, add and change forms
and history pages of every registered model are listed from `admin.site._registry` by themselves.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import Meeting
from partners.models import Country, Organization

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


def _meeting():
    return Meeting.objects.get(number=5)


PUBLIC_PAGES = [
    Page("home", lambda: reverse("home")),
    Page("meetings", lambda: reverse("meetings:list"), paginated=True),
    Page("meeting", lambda: _meeting().get_absolute_url()),
    Page("meeting-report", lambda: reverse("meetings:report", args=[_meeting().slug])),
    Page("events", lambda: reverse("meetings:events"), paginated=True),
    Page("countries", lambda: reverse("pathfinders:country_list")),
    Page("country", lambda: Country.objects.get(name="Nepal").get_absolute_url(), paginated=True),
    Page("action-groups", lambda: reverse("directory:action_group_list")),
    Page(
        "action-group",
        lambda: ActionGroup.objects.get(name="Supply Chains").get_absolute_url(),
        paginated=True,
    ),
    Page("organizations", lambda: reverse("directory:organization_list"), paginated=True),
    Page(
        "organization",
        lambda: Organization.objects.get(acronym="ILO").get_absolute_url(),
        paginated=True,
    ),
    Page("directory", lambda: reverse("directory:people"), paginated=True),
    Page("directory-search", lambda: reverse("directory:people") + "?q=andrees", paginated=True),
    Page("login", lambda: reverse("login")),
    Page("search", lambda: reverse("search:results") + "?q=forced+labour"),
    Page("search-one-kind", lambda: reverse("search:results") + "?q=labour&kind=interventions"),
    Page("follow-ups", lambda: reverse("meetings:followups"), paginated=True),
    Page("voices", lambda: reverse("meetings:voices"), paginated=True),
    Page("me", lambda: reverse("directory:me"), roles=SIGNED_IN),
    Page("healthz", lambda: reverse("healthz")),
    Page("readyz", lambda: reverse("readyz")),
]

# The exports and feeds: JSON lists are paged by `page` too, but say nothing of their last page
# in a template context, so they are compared at 1 and 10 times the record only.
EXPORT_PAGES = [
    Page("events-ics", lambda: reverse("meetings:events_ics")),
    Page("events-json", lambda: reverse("meetings:events_json")),
    Page("meetings-json", lambda: reverse("meetings:list_json")),
    Page("meeting-json", lambda: reverse("meetings:detail_json", args=[_meeting().slug])),
    Page(
        "meeting-interventions-csv",
        lambda: reverse("meetings:interventions_csv", args=[_meeting().slug]),
    ),
    Page(
        "meeting-attendance-csv", lambda: reverse("meetings:attendance_csv", args=[_meeting().slug])
    ),
    Page("countries-json", lambda: reverse("country_list_json")),
    Page("organizations-json", lambda: reverse("directory:organization_list_json")),
    Page("action-groups-json", lambda: reverse("directory:action_group_list_json")),
    Page("directory-json", lambda: reverse("directory:people_json")),
    Page("directory-csv", lambda: reverse("directory:people_csv"), roles=SIGNED_IN),
    Page("directory-vcard", lambda: reverse("directory:people_vcard"), roles=SIGNED_IN),
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
]


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
        if model._meta.label not in READ_ONLY_MODELS:
            pages += [
                Page(
                    f"{name}-add",
                    lambda opts=opts: reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
                    roles=STAFF,
                ),
                Page(f"{name}-change", lambda m=model: _first_row_url(m, "change"), roles=STAFF),
                Page(f"{name}-history", lambda m=model: _first_row_url(m, "history"), roles=STAFF),
            ]
    return pages


# The sign-in attempts axes logs: the admin only lists them (no add form), and no test makes any.
READ_ONLY_MODELS = {"axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}


def every_page():
    return [*PUBLIC_PAGES, *EXPORT_PAGES, *ADMIN_PAGES, *registered_model_pages()]
