"""S5: signed-in pages are private to the browser, and never served to the next visitor."""

import pytest
from django.urls import reverse
from django.utils.cache import has_vary_header

from tests.responses import read_streaming

from .conftest import client_for
from .test_s1_access_matrix import url_for
from .url_table import url_entries


@pytest.mark.django_db
def test_s5_member_pages_are_private(record, users):
    member = client_for(users["member"])
    response = member.get(reverse("directory:people"))
    assert "private" in response["Cache-Control"]
    assert has_vary_header(response, "Cookie")
    assert "mailto:" in response.content.decode()
    # The next visitor, without the member's cookie, gets the anonymous page.
    anonymous = client_for(None).get(reverse("directory:people"))
    assert "mailto:" not in anonymous.content.decode()
    assert "@" not in anonymous.content.decode()


def test_s5_every_page_to_a_signed_in_user_is_kept_by_no_cache(users, every_model):
    """Every URL the URL configuration declares (tests/security/url_table.py), as each signed-in
    role gets it: whatever carries addresses or members-only content now or later, no proxy
    stores it and the browser does not keep it after sign-out."""
    every_model.users = users
    entries = list(url_entries())
    for role in ["member", "secretariat"]:
        client = client_for(users[role])
        for key, model, kind in entries:
            url = url_for(key, model, kind, every_model)
            response = client.get(url)
            if response.streaming:
                read_streaming(response)
            cache_control = response.get("Cache-Control", "")
            assert "private" in cache_control and "no-store" in cache_control, (role, url)
            assert has_vary_header(response, "Cookie"), (role, url)


@pytest.mark.django_db
def test_s5_anonymous_pages_may_be_kept(client):
    """Visitors' pages carry neither addresses nor drafts: the rule is for signed-in users."""
    response = client.get(reverse("directory:people"))
    assert "no-store" not in response.get("Cache-Control", "")
