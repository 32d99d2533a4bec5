"""S5: signed-in pages are private to the browser, and never served to the next visitor."""

import pytest
from django.urls import reverse
from django.utils.cache import has_vary_header

from .conftest import client_for


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
