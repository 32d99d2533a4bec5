"""A meeting's ordinal in every language (meetings/ordinals.py): plain text, feminine in French
and Spanish as "réunion" and "reunión" are, and the same on every page that names a meeting."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeData

from meetings.models import Meeting
from meetings.ordinals import meeting_ordinal
from meetings.timeline import reported_at
from partners.models import Country

ENGLISH = [
    (1, "1st"),
    (2, "2nd"),
    (3, "3rd"),
    (4, "4th"),
    (5, "5th"),
    (10, "10th"),
    (11, "11th"),
    (12, "12th"),
    (13, "13th"),
    (21, "21st"),
    (22, "22nd"),
    (23, "23rd"),
    (101, "101st"),
    (111, "111th"),
    (112, "112th"),
    (113, "113th"),
    (121, "121st"),
]
# French: "1re" (première) for the first alone; 21e, not "21re" nor humanize's "21er".
FRENCH = [(1, "1re"), (2, "2e"), (3, "3e"), (5, "5e"), (11, "11e"), (21, "21e"), (22, "22e")]
# Spanish: feminine, with the abbreviation's full stop, for every number.
SPANISH = [(1, "1.ª"), (2, "2.ª"), (3, "3.ª"), (5, "5.ª"), (11, "11.ª"), (21, "21.ª"), (22, "22.ª")]
ORDINALS = (
    [("en-gb", number, text) for number, text in ENGLISH]
    + [("fr", number, text) for number, text in FRENCH]
    + [("es", number, text) for number, text in SPANISH]
)


@pytest.mark.parametrize(("language", "number", "expected"), ORDINALS)
def test_the_ordinal_of_a_meeting(language, number, expected):
    with translation.override(language):
        ordinal = meeting_ordinal(number)

    assert ordinal == expected
    # Plain text, never markup a template would have to be trusted with.
    assert not isinstance(ordinal, SafeData)


@pytest.mark.parametrize(
    ("language", "number", "expected"),
    [
        ("en-gb", 1, "1st meeting"),
        ("en-gb", 22, "22nd meeting"),
        ("fr", 1, "1re réunion"),
        ("fr", 6, "6e réunion"),
        ("es", 1, "1.ª reunión"),
        ("es", 5, "5.ª reunión"),
    ],
)
def test_a_meeting_is_named_by_its_ordinal(language, number, expected):
    meeting = Meeting(number=number, date=datetime.date(2019, 7, 17))

    with translation.override(language):
        assert meeting.short_label == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-gb", "Reported at the 1st meeting, 17 July 2019"),
        ("fr", "Rapporté à la 1re réunion, le 17 juillet 2019"),
        ("es", "Informado en la 1.ª reunión, el 17 de julio de 2019"),
    ],
)
def test_an_undated_entry_of_a_timeline_names_its_meeting(language, expected):
    meeting = Meeting(number=1, date=datetime.date(2019, 7, 17))

    with translation.override(language):
        assert reported_at(meeting) == expected


def in_language(client, language, path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    return response.content.decode()


def cells(html, label):
    """The text of the table cells labelled `label` (the cards' data-label), tags removed."""
    found = re.findall(rf'<td data-label="{re.escape(label)}">(.*?)</td>', html, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in found]


@pytest.mark.usefixtures("record", "sixth_meeting")
class TestThePagesThatNameMeetings:
    """The 2019 record with a 6th meeting (the `sixth_meeting` test data): a follow-up of the 5th
    carried over at the 6th, and an undated paper of the 6th concerning Nepal."""

    def test_the_spanish_follow_ups_table_says_5_a_reunion(self, client):
        html = in_language(client, "es", reverse("meetings:followups"))

        decided_at = cells(html, "Acordado en")
        assert decided_at, "no 'Decided at' cell in the Spanish follow-ups list"
        assert {cell.split(" 17 ")[0] for cell in decided_at} == {"5.ª reunión"}
        assert "prorrogado en la 6.ª reunión" in html
        assert "º" not in html

    def test_the_spanish_matters_arising_table_says_5_a_reunion(self, client):
        html = in_language(client, "es", Meeting.objects.get(number=6).get_absolute_url())

        decided_at = cells(html, "Acordado en")
        assert decided_at and set(decided_at) == {"5.ª reunión"}
        assert "º" not in html

    def test_the_french_follow_ups_list(self, client):
        html = in_language(client, "fr", reverse("meetings:followups"))

        assert ">5e réunion</a>" in html
        assert "reporté lors de la 6e réunion" in html
        assert "<sup>" not in html and "&lt;sup" not in html

    def test_the_french_matters_arising(self, client):
        html = in_language(client, "fr", Meeting.objects.get(number=6).get_absolute_url())

        decided_at = cells(html, "Décidé lors de")
        assert decided_at and set(decided_at) == {"5e réunion"}
        assert "&lt;sup" not in html

    def test_the_french_timeline_of_nepal(self, client):
        html = in_language(client, "fr", Country.objects.get(name="Nepal").get_absolute_url())

        assert "Rapporté à la 5e réunion, le 17 juillet 2019" in html
        assert "Rapporté à la 6e réunion, le 14 novembre 2019" in html
        assert "&lt;sup" not in html

    def test_the_french_search_results(self, client):
        html = in_language(client, "fr", reverse("search:results") + "?q=forced+labour")

        assert "5e réunion · 1. Welcome and handover to the new Chair" in html
        assert "&lt;sup" not in html

    @pytest.mark.parametrize(
        ("language", "footer"),
        [("fr", "le rapport de la 5e réunion"), ("es", "el informe de la 5.ª reunión")],
    )
    def test_the_footer_names_the_5th_meeting_as_the_tables_do(self, client, language, footer):
        html = in_language(client, language, reverse("meetings:followups"))

        assert footer in " ".join(html.split())
