"""The directory's organisation and meeting filters: typed and matched, not listed, so the page
does not grow with the record; old links (an id) still choose; visibility holds."""

import datetime
import html
import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from base.record.visibility import PublicationStatus
from base.web.searched_filters import MOST_CHARS, MOST_SHOWN
from tests.factories import make_attendance, make_meeting, make_organization, make_person

from .test_people import ANONYMOUS_QUERIES

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("directory:people")


def get(client, query=""):
    response = client.get(f"{DIRECTORY}?{query}" if query else DIRECTORY)
    assert response.status_code == 200, query
    return response.content.decode()


def names(body):
    return [html.unescape(name).strip() for name in re.findall(r'<th scope="row">([^<]+)', body)]


def notes(body):
    found = re.findall(r'<p class="notice searched-(\w+)"[^>]*>(.*?)</p>', body, re.S)
    return [(kind, html.unescape(re.sub(r"<[^>]+>", "", text))) for kind, text in found]


def input_value(body, name):
    tag = re.search(rf'<input type="text" name="{name}"[^>]*>', body).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return html.unescape(value.group(1)) if value else ""


@pytest.fixture
def ilo():
    organization = make_organization(name="Organización Internacional del Trabajo", acronym="OIT")
    make_person(name="Beate Andrees", organization=organization)
    return organization


@pytest.fixture
def fifth():
    meeting = make_meeting(
        number=5, title="5th Meeting of the Global Coordinating Group", city="Genève"
    )
    make_attendance(meeting, make_person(name="Ambet Yuson"))
    return meeting


class TestThePageDoesNotGrowWithTheRecord:
    def add(self, organizations, meetings, start):
        """Organisations and meetings, each with someone listed, sorted after the first page."""
        for index in range(start, start + organizations):
            organization = make_organization(name=f"Organisation number {index}")
            make_person(name=f"Zed Zz{index}", organization=organization)
        for index in range(start, start + meetings):
            make_attendance(
                make_meeting(title=f"Meeting number {index}"),
                make_person(name=f"Zoe Zz{index}"),
            )

    def test_ten_times_the_organisations_and_meetings_keep_the_page_size(self, client):
        first = make_organization(name="First Organisation")
        for index in range(50):  # a full first page, the same at both sizes
            make_person(name=f"Anna Aa{index:02}", organization=first)
        self.add(organizations=5, meetings=5, start=100)
        small = len(get(client))
        self.add(organizations=45, meetings=45, start=200)
        large = len(get(client))
        # Only the people count and the pages' links may differ: a <select> listing them grew
        # by some 4 KB here.
        assert abs(large - small) < 200, (small, large)
        assert "Organisation number 1" not in get(client)
        assert "Meeting number 2" not in get(client)


class TestTypedText:
    def test_accents_and_case_aside(self, client, ilo):
        for typed in ["organizacion internacional", "ORGANIZACIÓN trab", "oit", "Oit"]:
            body = get(client, f"organization_search={quote(typed)}")
            assert names(body) == ["Beate Andrees"], typed
            assert notes(body) == [
                ("one", "Filtered by organisation: Organización Internacional del Trabajo")
            ]
            assert input_value(body, "organization_search") == typed

    def test_inside_a_word_is_not_a_match(self, client, ilo):
        assert notes(get(client, "organization_search=ternacional")) == [
            ("none", "No organisation matches “ternacional”.")
        ]

    def test_a_meeting_by_number_ordinal_year_title_or_city(self, client, fifth):
        make_attendance(make_meeting(number=6, date=datetime.date(2020, 3, 20)))
        for typed in ["5", "5th", "2019", "5th meeting", "global coord", "geneve", "Genève"]:
            body = get(client, f"meeting_search={quote(typed)}")
            assert names(body) == ["Ambet Yuson"], typed
            assert notes(body) == [
                (
                    "one",
                    "Filtered by meeting attended: 5th Meeting of the Global Coordinating Group",
                )
            ], typed

    def test_no_match_says_so(self, client, ilo, fifth, django_assert_num_queries):
        # The match is one query; with none, no list or attendances to read.
        with django_assert_num_queries(ANONYMOUS_QUERIES + 1 - 2):
            body = get(client, "organization_search=nowhere+at+all")
        assert names(body) == []
        assert notes(body) == [("none", "No organisation matches “nowhere at all”.")]
        assert 'role="alert"' in body
        assert "No one matches these filters." in body
        assert notes(get(client, "meeting_search=1999")) == [("none", "No meeting matches “1999”.")]

    def test_several_matches_filter_by_all_and_name_the_first_ten(self, client):
        for index in range(MOST_SHOWN + 2):
            organization = make_organization(name=f"Labour Office {index:02}")
            make_person(name=f"Person {index:02}", organization=organization)
        make_person(name="Someone Else")
        body = get(client, "organization_search=labour&sort=first")
        assert names(body) == [f"Person {index:02}" for index in range(MOST_SHOWN + 2)]
        [(kind, text)] = notes(body)
        assert kind == "several"
        assert text.startswith("“labour” matches several organisations")
        assert "Labour Office 09" in text and "Labour Office 10" not in text
        assert text.endswith("and more: type more of it to narrow the list.")
        # Each named match links to the list of its people alone, the other parameters kept.
        links = re.findall(r'<a href="(\?[^"]*organization=\d+[^"]*)">Labour Office 00</a>', body)
        assert len(links) == 1
        chosen = html.unescape(links[0])
        assert "sort=first" in chosen and "organization_search" not in chosen
        assert names(get(client, chosen[1:])) == ["Person 00"]

    def test_the_whole_name_chooses_it_alone(self, client):
        """The name an old link shows in the input, sent again, chooses the same one."""
        labour = make_organization(name="Labour Office")
        make_person(name="Chosen One", organization=labour)
        make_person(name="Other One", organization=make_organization(name="Labour Office Two"))
        assert names(get(client, "organization_search=labour+office")) == ["Chosen One"]

    def test_a_set_filter_costs_one_query(self, client, ilo, fifth, django_assert_num_queries):
        make_attendance(fifth, ilo.people.get())
        with django_assert_num_queries(ANONYMOUS_QUERIES + 2):
            body = get(client, "organization_search=OIT&meeting_search=5")
        assert names(body) == ["Beate Andrees"]


class TestOldLinks:
    def test_an_id_still_chooses_and_its_name_is_shown(self, client, ilo, fifth):
        body = get(client, f"organization={ilo.pk}")
        assert names(body) == ["Beate Andrees"]
        assert input_value(body, "organization_search") == ilo.name
        assert notes(body) == [("one", f"Filtered by organisation: {ilo.name}")]
        body = get(client, f"meeting={fifth.pk}")
        assert names(body) == ["Ambet Yuson"]
        assert input_value(body, "meeting_search") == fifth.title
        # The name shown, sent again by the form, chooses the same.
        assert names(get(client, f"meeting_search={quote(fifth.title)}")) == ["Ambet Yuson"]

    def test_dropping_an_old_links_filter(self, client, ilo):
        body = html.unescape(get(client, f"organization={ilo.pk}&q=nobody"))
        assert f'<a href="{DIRECTORY}?q=nobody">Without Organisation: “{ilo.name}”' in body

    @pytest.mark.parametrize("value", ["0", "abc", "99999999999999999999999999", "²", "-1"])
    def test_an_unknown_id_matches_nothing_and_says_so(self, client, ilo, value):
        body = get(client, f"organization={quote(value)}")
        assert names(body) == []
        assert notes(body) == [("none", f"No organisation matches “{value}”.")]


class TestVisibility:
    @pytest.fixture
    def draft(self):
        meeting = make_meeting(title="Secret Draft Meeting", status=PublicationStatus.DRAFT)
        organization = make_organization(name="Secret Draft Organisation")
        make_attendance(meeting, make_person(name="Drafted Person", organization=organization))
        return meeting, organization

    def test_a_drafts_meeting_and_organisation_are_not_matched_for_a_visitor(
        self, client, member, draft, ilo
    ):
        meeting, organization = draft
        for who in (client, member):
            if who is member:
                client.force_login(member)
            assert notes(get(client, "meeting_search=secret")) == [
                ("none", "No meeting matches “secret”.")
            ]
            assert notes(get(client, "organization_search=secret")) == [
                ("none", "No organisation matches “secret”.")
            ]
            body = get(client, f"meeting={meeting.pk}&organization={organization.pk}")
            assert "Secret" not in body.replace("secret", "")
            assert names(body) == []

    def test_staff_find_them(self, client, staff, draft):
        client.force_login(staff)
        assert names(get(client, "meeting_search=secret")) == ["Drafted Person"]
        assert names(get(client, "organization_search=secret")) == ["Drafted Person"]


class TestBadInput:
    @pytest.mark.parametrize(
        "typed",
        [
            "x" * 5000,
            "%_\\'\"<script>",
            "%%%%",
            "____",
            "🙂 ∑ ﷽",
            "99999999999999999999999999",
            "'; DROP TABLE partners_person; --",
        ],
    )
    @pytest.mark.parametrize("name", ["organization_search", "meeting_search"])
    def test_odd_or_long_text_is_answered_with_a_message(self, client, ilo, fifth, name, typed):
        body = get(client, f"{name}={quote(typed)}")
        assert names(body) == []
        [(kind, text)] = notes(body)
        assert kind == "none"
        assert typed[:MOST_CHARS] in text
        assert len(input_value(body, name)) <= MOST_CHARS
        assert "<script>" not in body.split("</nav>", 1)[-1].replace("<script src", "")

    def test_a_nul_is_refused_as_in_any_text_field(self, client, ilo):
        body = get(client, "organization_search=o%00it")
        assert names(body) == []
        assert "Null characters are not allowed." in body
        assert "Some filter values are not valid" in body

    def test_a_nul_in_an_old_link_matches_nothing(self, client, ilo):
        body = get(client, "organization=%00")
        assert names(body) == []
        assert notes(body) == [("none", "No organisation matches “”.")]

    def test_only_spaces_is_no_filter(self, client, ilo, fifth):
        assert len(names(get(client, "organization_search=+++&meeting_search=%20"))) == 2
