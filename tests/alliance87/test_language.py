"""The portal speaks British English, French and Spanish. The language cookie, set by the header's
switcher, decides; without it, the browser's Accept-Language; anything else gets English. Every
page says which language it is in, and prints dates and numbers the way that language does."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.cache import has_vary_header

from base.record.partial_dates import DatePrecision, format_partial_date
from tests.factories import make_meeting

pytestmark = pytest.mark.django_db

SET_LANGUAGE = reverse("set_language")


def _language_of(response):
    html = response.content.decode()
    lang = html.split("<html lang=", 1)[1].split(">", 1)[0].strip('"')
    return lang, response["Content-Language"]


def test_the_switcher_keeps_the_choice_in_a_cookie_and_returns_to_the_page(client):
    back_to = reverse("meetings:list") + "?page=1"

    response = client.post(SET_LANGUAGE, {"language": "fr", "next": back_to})

    assert response.status_code == 302
    assert response["Location"] == back_to
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get(back_to)
    assert _language_of(page) == ("fr", "fr")
    assert "Réunions du Groupe de coordination mondial" in page.content.decode()


def test_the_switcher_is_a_form_that_works_without_javascript(client):
    # `q` is the directory's search (the page reads it); `x` is not, and is dropped.
    path = reverse("directory:people") + "?q=%3Cb%3E&x=1"

    html = client.get(path, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    form = html.split('<form class="language-switcher"', 1)[1].split("</form>", 1)[0]
    assert f'method="post" action="{SET_LANGUAGE}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="next" value="/directory/?q=%3Cb%3E">' in form
    assert '<label for="language-switcher-language">Idioma</label>' in form
    assert '<option value="es" lang="es" selected>Español</option>' in form
    assert '<option value="fr" lang="fr">Français</option>' in form
    assert '<option value="en-gb" lang="en-gb">English</option>' in form
    assert '<button type="submit" class="language-switcher-button">Cambiar de idioma</button>' in (
        form
    )
    assert "<script" not in form and "style=" not in form


def test_the_switcher_does_not_send_the_visitor_to_another_site(client):
    response = client.post(SET_LANGUAGE, {"language": "es", "next": "https://example.com/"})

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("asked", "language", "heading"),
    [
        ("fr", "fr", "Calendrier des événements"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "fr", "Calendrier des événements"),
        ("es-ES,es;q=0.9", "es", "Calendario de eventos"),
        ("en-US,en;q=0.9", "en-gb", "Calendar of events"),
        ("de-DE,de;q=0.9", "en-gb", "Calendar of events"),
        ("", "en-gb", "Calendar of events"),
    ],
)
def test_accept_language_chooses_the_language_of_a_first_visit(client, asked, language, heading):
    response = client.get(reverse("meetings:events"), HTTP_ACCEPT_LANGUAGE=asked)

    assert _language_of(response) == (language, language)
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_cookie_wins_over_accept_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")

    assert _language_of(response) == ("es", "es")


def test_an_unknown_language_in_the_cookie_falls_back_to_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    response = client.get(reverse("home"))

    assert _language_of(response) == ("en-gb", "en-gb")


def test_no_url_carries_a_language_prefix(client):
    assert client.get("/fr/").status_code == 404
    assert client.get("/es/meetings/").status_code == 404


def test_every_page_varies_with_the_language_cookie_and_accept_language(client):
    response = client.get(reverse("meetings:list"))

    assert has_vary_header(response, "Accept-Language")
    assert has_vary_header(response, "Cookie")


@pytest.mark.parametrize(
    ("language", "date"),
    [("en-gb", "17 July 2019"), ("fr", "17 juillet 2019"), ("es", "17 de julio de 2019")],
)
def test_a_meeting_date_in_each_language(client, language, date):
    meeting = make_meeting(title="Meeting of the test", date=datetime.date(2019, 7, 17))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert date in html


@pytest.mark.parametrize(
    ("language", "month", "end_of_month", "early_year", "span", "across_months"),
    [
        (
            "en-gb",
            "August 2019",
            "end of August 2019",
            "early 2020",
            "22–23 July 2019",
            "30 July – 2 August 2019",
        ),
        (
            "fr",
            "août 2019",
            "fin août 2019",
            "début 2020",
            "22–23 juillet 2019",
            "30 juillet – 2 août 2019",
        ),
        (
            "es",
            "agosto de 2019",
            "finales de agosto de 2019",
            "principios de 2020",
            "22–23 de julio de 2019",
            "30 de julio – 2 de agosto de 2019",
        ),
    ],
)
def test_partial_dates_in_each_language(
    language, month, end_of_month, early_year, span, across_months
):
    august, july = datetime.date(2019, 8, 1), datetime.date(2019, 7, 22)

    with translation.override(language):
        assert format_partial_date(august, DatePrecision.MONTH) == month
        assert format_partial_date(august, DatePrecision.END_MONTH) == end_of_month
        assert format_partial_date(datetime.date(2020, 1, 1), DatePrecision.EARLY_YEAR) == (
            early_year
        )
        assert format_partial_date(july, DatePrecision.DAY, datetime.date(2019, 7, 23)) == span
        assert (
            format_partial_date(
                datetime.date(2019, 7, 30), DatePrecision.DAY, datetime.date(2019, 8, 2)
            )
            == across_months
        )


@pytest.mark.parametrize(
    ("language", "separator"), [("en-gb", ","), ("fr", "\xa0"), ("es", "\xa0")]
)
class TestNumbersOnTheRecord:
    """The 2019 report's 20,000 (a key figure) in each language's format; years never split."""

    def test_a_key_figure_is_grouped_in_the_language_of_the_page(
        self, record, client, language, separator
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        meeting = reverse("meetings:detail", kwargs={"slug": "5th-meeting-2019-07-17"})

        html = client.get(meeting).content.decode()

        assert f"20{separator}000" in html

    def test_years_are_never_grouped(self, record, client, language, separator):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        meeting = reverse("meetings:detail", kwargs={"slug": "5th-meeting-2019-07-17"})

        for path in [reverse("home"), meeting, reverse("meetings:events")]:
            html = client.get(path).content.decode()
            assert "2019" in html
            for grouped in ["2,019", "2.019", "2\xa0019", "2\u202f019", "2 019"]:
                assert grouped not in html, (path, grouped)
