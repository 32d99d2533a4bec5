"""The Secretariat's admin site: its index lists the models by task, not by app; its own pages
beside the models' ("Recently deleted", base.audit.admin_recently_deleted)."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from two_factor.admin import AdminSiteOTPRequiredMixin

from alliance87.admin_autocomplete import LabelledAutocompleteJsonView
from base.audit.admin_recently_deleted import (
    recently_deleted_view,
    restore_save_view,
    restore_view,
)

# Each task and its models, in the order the Secretariat meets them: recording a meeting and its
# parts first, then the reference data the record points at, accounts last. A model not named
# here (a new one) is listed after the reference data, under its app, until it is placed.
TASKS = [
    (
        "record",
        _("Record a meeting"),
        [
            "meetings.Meeting",
            "meetings.AgendaItem",
            "meetings.Intervention",
            "meetings.Attendance",
            "meetings.ActionPoint",
            "meetings.Document",
            "meetings.KeyFigure",
            "meetings.Event",
            "meetings.Objective",
            "meetings.OfficeTerm",
        ],
    ),
    (
        "reference",
        _("Reference data: organisations, people, countries, action groups"),
        [
            "partners.Organization",
            "partners.Person",
            "partners.EmailAddress",
            "partners.Country",
            "pathfinders.Milestone",
            "actiongroups.ActionGroup",
        ],
    ),
]
ACCOUNTS = (
    "accounts",
    _("Accounts and sign-in"),
    ["auth.User", "auth.Group", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"],
)

# django-axes names its models in English and French only. Marked here, these names reach the
# portal's catalogues, which Django reads before any app's, so the index lists them in Spanish too.
AXES_MODEL_NAMES = [
    gettext_noop("access attempts"),
    gettext_noop("access logs"),
    gettext_noop("access failures"),
]


class PortalAdminSite(AdminSiteOTPRequiredMixin, admin.AdminSite):
    """Admits a staff session only once it has given its second factor (S23); its sign-in page
    is the portal's, which asks for both."""

    def login(self, request, extra_context=None):
        if request.method in ("GET", "HEAD") and self.has_permission(request):
            return redirect("admin:index")  # already in, as Django's own admin sign-in does
        return super().login(request, extra_context)

    def get_urls(self):
        # Before Django's own, which end with the catch-all of unknown admin addresses.
        return [
            path(
                "recently-deleted/",
                self.admin_view(recently_deleted_view),
                name="recently_deleted",
            ),
            path(
                "recently-deleted/save/<uuid:save>/",
                self.admin_view(restore_save_view),
                name="recently_deleted_restore_save",
            ),
            path(
                "recently-deleted/<str:label>/<int:history_id>/",
                self.admin_view(restore_view),
                name="recently_deleted_restore",
            ),
            *super().get_urls(),
        ]

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        if app_label is not None:  # one app's own index page keeps Django's listing
            return super().get_app_list(request, app_label)
        apps = self._build_app_dict(request)
        models = {
            f"{app['app_label']}.{entry['object_name']}": (app, entry)
            for app in apps.values()
            for entry in app["models"]
        }
        placed = [label for _key, _name, labels in [*TASKS, ACCOUNTS] for label in labels]
        unplaced = {}
        for label, (app, entry) in models.items():
            if label not in placed:
                unplaced.setdefault(app["app_label"], (app, []))[1].append(entry)
        groups = [self._task(task, models) for task in TASKS]
        groups += [
            {**app, "models": sorted(entries, key=lambda entry: entry["name"])}
            for app, entries in sorted(unplaced.values(), key=lambda pair: pair[0]["name"])
        ]
        groups.append(self._task(ACCOUNTS, models))
        return [group for group in groups if group["models"]]

    def _task(self, task, models):
        key, name, labels = task
        entries = [models[label] for label in labels if label in models]
        return {
            "name": name,
            "app_label": key,
            # The heading links to the first model's app, the one the task starts from.
            "app_url": entries[0][0]["app_url"] if entries else "",
            "has_module_perms": True,
            "models": [entry for _app, entry in entries],
        }
