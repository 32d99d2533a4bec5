"""S1: every URL the URL configuration declares, for every role, against an explicit table.

The walk is generated from the URL configuration: a page added without an entry in the table
fails `test_s1_every_url_has_an_entry`. Admin pages of a registered model follow the rules in
`admin_model_expectation` (so a new model is checked as soon as it is registered); any other
admin page (a custom view such as the participant-list import) needs its own entry.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import client_for

ROLES = ["anonymous", "member", "staff", "secretariat", "superuser"]
PORTAL_APPS = {"partners", "pathfinders", "actiongroups", "meetings"}

LOGIN = "302 to sign-in"
ADMIN_LOGIN = "302 to admin sign-in"
REDIRECT = "302 on the site"


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def by_role(anonymous, member, staff, secretariat, superuser):
    return dict(zip(ROLES, [anonymous, member, staff, secretariat, superuser], strict=True))


PUBLIC = everyone(200)
SIGNED_IN = by_role(LOGIN, 200, 200, 200, 200)
ADMIN_STAFF = by_role(ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200)
ADMIN_SECRETARIAT = by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 200, 200)
ADMIN_SUPERUSER = by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200)


def slug_of(model_label):
    def url_kwargs(data):
        from django.apps import apps

        return {"slug": apps.get_model(model_label)._default_manager.first().slug}

    return url_kwargs


# URL name -> (how to fill its arguments, expected answer per role). Query strings go in "query".
SITE = {
    "home": (None, PUBLIC),
    "meetings:list": (None, PUBLIC),
    "meetings:detail": (slug_of("meetings.Meeting"), PUBLIC),
    "meetings:events": (None, PUBLIC),
    "pathfinders:country_list": (None, PUBLIC),
    "pathfinders:country_detail": (slug_of("pathfinders.Country"), PUBLIC),
    "actiongroups:list": (None, PUBLIC),
    "actiongroups:detail": (slug_of("actiongroups.ActionGroup"), PUBLIC),
    "partners:organization_list": (None, PUBLIC),
    "partners:organization_detail": (slug_of("partners.Organization"), PUBLIC),
    # Names and organisations are public; the addresses in it are for signed-in users only.
    "partners:directory": (None, PUBLIC),
    "login": (None, PUBLIC),
    # Signing out is a POST (a GET could be forged by any page linking here).
    "logout": (None, everyone(405)),
    "password_change": (None, SIGNED_IN),
    "password_change_done": (None, SIGNED_IN),
    "password_reset": (None, PUBLIC),
    "password_reset_done": (None, PUBLIC),
    # A made-up link: the page says the link is not valid.
    "password_reset_confirm": (lambda data: {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    "password_reset_complete": (None, PUBLIC),
    "admin:index": (None, ADMIN_STAFF),
    # A signed-in non-staff user is shown the form (with a message); staff go to the index.
    "admin:login": (None, by_role(200, 200, REDIRECT, REDIRECT, REDIRECT)),
    # POST only for staff; anyone else is sent to the index (and from there to sign-in).
    "admin:logout": (None, by_role(REDIRECT, REDIRECT, 405, 405, 405)),
    "admin:password_change": (None, ADMIN_STAFF),
    "admin:password_change_done": (None, ADMIN_STAFF),
    "admin:jsi18n": (None, ADMIN_STAFF),
    "admin:autocomplete": (
        {"query": "app_label=meetings&model_name=intervention&field_name=organization"},
        ADMIN_SECRETARIAT,
    ),
    "admin:view_on_site": (
        lambda data: {
            "content_type_id": ContentType.objects.get_for_model(data.meeting).pk,
            "object_id": data.meeting.pk,
        },
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT, REDIRECT, REDIRECT),
    ),
    # Unknown admin addresses: outsiders learn nothing, not even that the page is missing.
    "admin:catch_all": (
        {"path": "/admin/no-such-page/"},
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, 404, 404, 404),
    ),
    # Accounts belong to the superuser alone.
    "admin:auth_user_password_change": (
        lambda data: {"id": data.users["member"].pk},
        ADMIN_SUPERUSER,
    ),
    # The Secretariat's participant-list import (change permission on the meeting).
    "admin:meetings_meeting_import_participants": (
        lambda data: {"object_id": data.meeting.pk},
        ADMIN_SECRETARIAT,
    ),
}

MODEL_KINDS = {"changelist", "add", "change", "delete", "history", "simple_history", "redirect"}


def admin_model_expectation(app_label, model_name, kind):
    """The rule for the admin's own pages of a registered model."""
    if kind == "redirect":  # /admin/<app>/<model>/<id>/ forwards to .../change/
        return by_role(ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT, REDIRECT, REDIRECT)
    if app_label in PORTAL_APPS:
        return ADMIN_SECRETARIAT
    if app_label == "axes" and kind == "add":  # the sign-in log is written by sign-ins only
        return by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403)
    return ADMIN_SUPERUSER


def app_list_expectation(app_label):
    # An app with nothing the user may see is "not found" for staff, as Django's admin answers.
    secretariat = 200 if app_label in PORTAL_APPS else 404
    return by_role(ADMIN_LOGIN, ADMIN_LOGIN, 404, secretariat, 200)


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        else:
            assert isinstance(pattern, URLPattern)
            yield namespace, pattern.name, prefix + str(pattern.pattern)


def model_admins():
    return {
        f"{model._meta.app_label}_{model._meta.model_name}": model for model in admin.site._registry
    }


def url_entries():
    """(key, model or None, kind) for every pattern the URL configuration declares."""
    models = model_admins()
    for namespace, name, route in walk(get_resolver().url_patterns):
        if name is None and namespace == "admin":
            if route.endswith("(?P<url>.*)$"):
                yield "admin:catch_all", None, None
                continue
            model_part = route.removeprefix("admin/").removesuffix("/<path:object_id>/")
            app_label, model_name = model_part.split("/")
            yield (
                f"admin:{app_label}_{model_name}_redirect",
                models[f"{app_label}_{model_name}"],
                "redirect",
            )
            continue
        assert name, f"unnamed URL pattern {route!r}: name it and add it to the table"
        key = f"{namespace}:{name}" if namespace else name
        if key == "admin:app_list":
            for app_label in {m._meta.app_label for m in admin.site._registry}:
                yield f"admin:app_list:{app_label}", app_label, "app_list"
            continue
        if namespace == "admin" and key not in SITE:
            for prefix, model in models.items():
                kind = name.removeprefix(f"{prefix}_")
                if name.startswith(f"{prefix}_") and kind in MODEL_KINDS:
                    yield key, model, kind
                    break
            else:
                yield key, None, None
            continue
        yield key, None, None


def expectation(key, model, kind):
    if kind == "app_list":
        return app_list_expectation(model)
    if kind in MODEL_KINDS:
        return admin_model_expectation(model._meta.app_label, model._meta.model_name, kind)
    return SITE[key][1]


def url_for(key, model, kind, data):
    if kind == "app_list":
        return reverse("admin:app_list", kwargs={"app_label": model})
    if kind in MODEL_KINDS:
        opts = model._meta
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {opts.label} to test its admin pages with: add one"
        base = f"admin:{opts.app_label}_{opts.model_name}"
        if kind in ("changelist", "add"):
            return reverse(f"{base}_{kind}")
        if kind == "redirect":
            return reverse(f"{base}_change", args=[obj.pk]).removesuffix("change/")
        if kind == "simple_history":
            # The historical model's own pk is history_id; the record's id is a plain field there.
            versions = model.history.filter(**{opts.pk.attname: obj.pk})
            version = versions.order_by("history_id").first()
            return reverse(f"{base}_simple_history", args=[obj.pk, version.history_id])
        return reverse(f"{base}_{kind}", args=[obj.pk])
    how = SITE[key][0]
    if isinstance(how, dict):
        if "path" in how:
            return how["path"]
        return f"{reverse(key)}?{how['query']}"
    return reverse(key, kwargs=how(data) if how else None)


def answer(response):
    if response.status_code == 302:
        location = urlsplit(response["Location"])
        assert location.netloc in ("", "testserver"), f"off the site: {response['Location']}"
        if location.path == reverse("login"):
            return LOGIN
        if location.path == reverse("admin:login"):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


@pytest.mark.django_db
def test_s1_every_url_has_an_entry():
    keys = {key for key, model, kind in url_entries() if model is None and kind is None}
    missing = sorted(keys - SITE.keys())
    stale = sorted(SITE.keys() - keys)
    assert not missing, f"URLs with no expected answers in SITE: {missing}"
    assert not stale, f"entries in SITE for URLs that no longer exist: {stale}"


def test_s1_access_matrix(users, every_model):
    every_model.users = users  # the factories saved through the ORM: each has a history row
    entries = list(url_entries())
    assert len(entries) > 100  # the walk really covered the admin
    wrong = []
    for role in ROLES:
        client = client_for(users[role])
        for key, model, kind in entries:
            url = url_for(key, model, kind, every_model)
            expected = expectation(key, model, kind)[role]
            got = answer(client.get(url))
            if got != expected:
                wrong.append(f"{role:12} {url}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_s1_secretariat_may_not_manage_accounts(users):
    officer = users["secretariat"]
    assert officer.is_staff and not officer.is_superuser
    assert not any(perm.startswith("auth.") for perm in officer.get_all_permissions())
    assert officer.has_perm("meetings.change_meeting")
    assert officer.has_perm("meetings.view_historicalmeeting")
    assert not officer.has_perm("meetings.change_historicalmeeting")
    member = users["member"]
    assert not member.is_staff and not member.get_all_permissions()
