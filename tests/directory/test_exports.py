"""The directory as CSV and vCard: signed-in users only, with the page's filters and exactly the
addresses the page shows each of them."""

import csv
import io

import pytest
import vobject
from django.urls import reverse

from meetings.participant_import import attendance_import
from partners.models import ContactVisibility, EmailAddress, Person
from tests.factories import make_meeting, make_organization, make_person

pytestmark = pytest.mark.django_db

CSV = reverse("directory:people_csv")
VCARD = reverse("directory:people_vcard")
LISTED_IN_THE_2019_RECORD = 43
# The session, the user, the people (the page's queryset) and their addresses.
QUERIES = 4


def rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # a byte-order mark, for Excel
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def cards(response):
    return list(vobject.readComponents(response.content.decode()))


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    @pytest.mark.parametrize("url", [CSV, VCARD])
    @pytest.mark.parametrize("query", ["", "?q=ilo", "?country=no-such-country"])
    def test_anonymous_visitors_are_sent_to_sign_in_and_told_nothing(self, client, url, query):
        response = client.get(url + query)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=")
        assert "@" not in response.content.decode()

    def test_a_member_gets_every_listed_person_with_their_addresses(
        self, client, member, django_assert_num_queries
    ):
        client.force_login(member)
        with django_assert_num_queries(QUERIES):
            response = client.get(CSV)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        header, *people = rows(response)
        assert header == ["Name", "Position", "Organisation", "Country", "E-mail"]
        assert len(people) == LISTED_IN_THE_2019_RECORD
        guzman = next(row for row in people if row[0] == "Graciela Guzman")
        assert guzman[2:] == [
            "Ministry of Production and Labour",
            "Argentina",
            "gbguzman@trabajo.gob.ar",
        ]

    def test_the_filters_of_the_page_apply(self, client, member):
        client.force_login(member)
        _header, *people = rows(client.get(CSV, {"q": "ilo"}))
        assert sorted(row[0] for row in people) == [
            "Beate Andrees",
            "Francesco d'Ovidio",
            "Katherine Torres",
            "Thomas Wissing",
        ]
        assert len(cards(client.get(VCARD, {"q": "ilo"}))) == 4

    def test_an_invalid_filter_gets_a_message(self, client, member):
        client.force_login(member)
        response = client.get(CSV, {"country": "no-such-country"})
        assert response.status_code == 400
        assert "not valid" in response.content.decode()

    def test_vcards_are_version_4_one_per_person_with_every_address_shown(self, client, member):
        beate = Person.objects.get(name="Beate Andrees")
        EmailAddress.objects.create(person=beate, address="beate.second@example.org", position=2)
        client.force_login(member)
        response = client.get(VCARD)
        assert response["Content-Type"] == "text/vcard; charset=utf-8"
        assert "no-store" in response["Cache-Control"]
        assert "\n" not in response.content.decode().replace("\r\n", "")
        found = cards(response)
        assert len(found) == LISTED_IN_THE_2019_RECORD
        card = next(c for c in found if c.fn.value == "Beate Andrees")
        assert card.version.value == "4.0"
        assert card.n.value.family == "Andrees" and card.n.value.given == "Beate"
        assert card.org.value == ["International Labour Organization"]
        assert [e.value for e in card.contents["email"]] == [
            "andrees@ilo.org",
            "beate.second@example.org",
        ]

    def test_linked_from_the_directory_for_signed_in_users_with_the_query(self, client, member):
        assert CSV not in client.get(reverse("directory:people")).content.decode()
        client.force_login(member)
        html = client.get(reverse("directory:people"), {"q": "ilo"}).content.decode()
        assert f'href="{CSV}?q=ilo"' in html
        assert f'href="{VCARD}?q=ilo"' in html


def test_each_role_gets_the_addresses_the_directory_shows_it(client, member, staff):
    organization = make_organization(name="Visibility Trust")
    for name, visibility in [
        ("Mia Members", ContactVisibility.MEMBERS),
        ("Sam Secretariat", ContactVisibility.SECRETARIAT),
        ("Hugo Hidden", ContactVisibility.HIDDEN),
    ]:
        make_person(
            name=name,
            organization=organization,
            contact_visibility=visibility,
            email=f"{name.split()[0].lower()}@example.org",
        )
    client.force_login(member)
    member_rows = {row[0]: row[4] for row in rows(client.get(CSV))[1:]}
    assert member_rows == {"Mia Members": "mia@example.org", "Sam Secretariat": ""}
    client.force_login(staff)
    staff_rows = {row[0]: row[4] for row in rows(client.get(CSV))[1:]}
    assert staff_rows == {"Mia Members": "mia@example.org", "Sam Secretariat": "sam@example.org"}
    staff_cards = {c.fn.value: c for c in cards(client.get(VCARD))}
    assert sorted(staff_cards) == ["Mia Members", "Sam Secretariat"]
    client.force_login(member)
    member_cards = {c.fn.value: c for c in cards(client.get(VCARD))}
    assert "email" not in member_cards["Sam Secretariat"].contents
    assert member_cards["Mia Members"].email.value == "mia@example.org"


def test_a_cell_a_spreadsheet_would_run_is_made_plain_text(client, member):
    make_person(name='=HYPERLINK("http://evil.example")', position="+1 555", email=False)
    client.force_login(member)
    _header, person = rows(client.get(CSV))
    assert person[0] == '\'=HYPERLINK("http://evil.example")'
    assert person[1] == "'+1 555"


def test_positions_imported_from_a_list_are_in_the_csv_and_the_vcards(
    client, member, django_assert_num_queries
):
    """The directory's Position is the person's current position, which a participants list with
    a position column now fills (test data)."""
    attendance_import(
        make_meeting(),
        "Name,Title,Organisation,E-mail\n"
        "Test Person A,Director of Test Studies,Test Union,a@example.org\n"
        "Test Person B,,Test Union,b@example.org\n",
    )
    client.force_login(member)

    with django_assert_num_queries(QUERIES):
        people = rows(client.get(CSV))[1:]
    with django_assert_num_queries(QUERIES):
        found = {card.fn.value: card for card in cards(client.get(VCARD))}

    assert [row[:3] for row in people] == [
        ["Test Person A", "Director of Test Studies", "Test Union"],
        ["Test Person B", "", "Test Union"],
    ]
    assert found["Test Person A"].title.value == "Director of Test Studies"
    assert "title" not in found["Test Person B"].contents
