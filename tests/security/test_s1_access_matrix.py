"""S1: every URL the URL configuration declares, for every role, against an explicit table
(tests/security/url_table.py).

The walk is generated from the URL configuration: a page added without an entry in the table
fails `test_s1_every_url_has_an_entry`. Admin pages of a registered model follow the rules in
`admin_model_expectation` (so a new model is checked as soon as it is registered); any other
admin page (a custom view such as the participant-list import) needs its own entry.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.responses import read_streaming

from .conftest import client_for
from .url_table import (
    ADMIN_LOGIN,
    LOGIN,
    MODEL_KINDS,
    REDIRECT,
    ROLES,
    SITE,
    admin_model_expectation,
    app_list_expectation,
    url_entries,
    url_for,
)


def expectation(key, model, kind):
    if kind == "app_list":
        return app_list_expectation(model)
    if kind in MODEL_KINDS:
        return admin_model_expectation(model._meta.app_label, model._meta.model_name, kind)
    return SITE[key][1]


def answer(response):
    if response.streaming:  # a document's file: what matters here is who gets it
        read_streaming(response)
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
