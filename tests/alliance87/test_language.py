"""No page claims a language it does not speak: until the French and Spanish catalogues ship, a
browser asking for French or Spanish gets the English pages, marked `lang="en-gb"`, with English
dates (day first)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("asked", ["fr", "fr-FR,fr;q=0.9", "es", "es-ES,en;q=0.5", "de"])
def test_a_browser_asking_for_another_language_gets_english(client, asked):
    meeting = make_meeting(title="Meeting of the test", date=datetime.date(2019, 7, 17))

    page = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=asked)

    html = page.content.decode()
    assert page.status_code == 200
    assert page["Content-Language"] == "en-gb"
    assert '<html lang="en-gb">' in html
    assert "17 July 2019" in html
    assert "juillet" not in html and "julio" not in html


def test_a_language_cookie_or_prefix_changes_nothing(client):
    client.cookies["django_language"] = "fr"

    html = client.get(reverse("home")).content.decode()

    assert '<html lang="en-gb">' in html
    assert client.get("/fr/").status_code == 404
