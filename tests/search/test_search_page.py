"""The search page over the 2019 record: grouped results linking to the exact place, the drafts
rule, addresses for members only, bad queries, and its query count at ten times the data."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from base.record.visibility import PublicationStatus
from partners.models import ContactVisibility, Person
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)

SEARCH = reverse("search:results")
MEETING = "/meetings/5th-meeting-2019-07-17/"
# One query finds every kind's best rows and counts, then one per kind with results reads the
# rows it shows, whatever the number of results: "forced labour" is in 4 kinds of the record.
ANONYMOUS_QUERIES = 1 + 4
# With 9 * 8 more rows that say it, it is in every kind but countries.
TEN_TIMES_QUERIES = 1 + 9
# The session, the user, the finding, the person found by the address, and their addresses.
MEMBER_QUERIES = 5


def get(client, **query):
    response = client.get(SEARCH, query)
    assert response.status_code == 200, query
    return response


def links(body):
    return [
        html.unescape(href) for href in re.findall(r'class="search-hit-title" href="([^"]+)"', body)
    ]


def counts(response):
    return {
        group.kind.key: group.count for group in response.context["results"].groups if group.count
    }


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_forced_labour_is_found_in_each_kind_that_says_it(self, client):
        response = get(client, q="forced labour")
        assert counts(response) == {
            "interventions": 5,
            "decisions": 1,
            "documents": 1,
            "events": 1,
        }

    def test_results_link_to_the_exact_place(self, client):
        body = get(client, q="pathfinder").content.decode()
        assert f"{MEETING}#item-2" in links(body)  # "Update from pathfinder countries"
        assert f"{MEETING}#intervention-8" in links(body) or any(
            link.startswith(f"{MEETING}#intervention-") for link in links(body)
        )
        assert f"{MEETING}#documents" in links(body)

    def test_an_intervention_links_to_its_anchor_on_the_meeting_page(self, client):
        body = get(client, q="Guzman").content.decode()
        intervention = next(link for link in links(body) if "#intervention-" in link)
        meeting_page = client.get(intervention.split("#")[0]).content.decode()
        assert f'id="{intervention.split("#")[1]}"' in meeting_page

    def test_a_decision_links_to_its_row_on_the_meeting_page(self, client):
        body = get(client, q="advance copy").content.decode()
        decision = next(link for link in links(body) if "#decision-" in link)
        meeting_page = client.get(decision.split("#")[0]).content.decode()
        assert f'<tr id="{decision.split("#")[1]}">' in meeting_page

    def test_a_name_without_its_accent_finds_the_person(self, client):
        response = get(client, q="Guzman")
        people = response.context["results"].groups[7]
        assert people.kind.key == "people"
        assert [str(hit.title) for hit in people.hits] == ["Graciela <mark>Guzman</mark>"]
        assert people.hits[0].url == "/directory/?q=Graciela+Guzman"

    def test_an_acronym_finds_the_organisation_and_its_people(self, client):
        found = counts(get(client, q="ILO"))
        assert found["organisations"] == 1
        assert found["people"] == 4

    def test_the_snippet_marks_the_words_found(self, client):
        body = get(client, q="forced labour").content.decode()
        assert "<mark>forced</mark> <mark>labour</mark>" in body

    def test_dates_read_as_the_record_knows_them(self, client):
        # The report gives the G-20 labour ministers' meeting as "early September" in Osaka.
        body = get(client, q="Osaka", kind="events").content.decode()
        assert "early September 2019 · Osaka" in body
        assert "2019-09-01" not in body
        body = get(client, q="pathfinder", kind="meetings").content.decode()
        assert "17 July 2019 · New York" in body

    def test_show_all_lists_one_kind_page_by_page(self, client):
        response = get(client, q="pathfinder")
        body = response.content.decode()
        assert 'href="/search/?q=pathfinder&amp;kind=interventions"' in body
        one_kind = get(client, q="pathfinder", kind="interventions")
        assert one_kind.context["page_obj"].paginator.count == 16
        assert len(links(one_kind.content.decode())) == 16

    def test_the_grouped_page_asks_one_query_and_one_per_kind_found(
        self, client, django_assert_num_queries
    ):
        with django_assert_num_queries(ANONYMOUS_QUERIES):
            get(client, q="forced labour")

    def test_one_kind_asks_its_count_and_its_page(self, client, django_assert_num_queries):
        with django_assert_num_queries(2):
            get(client, q="pathfinder", kind="interventions")

    def test_the_query_count_stays_with_ten_times_the_data(self, client, django_assert_num_queries):
        add_matching_rows(9 * 8)  # the 2019 record has 8 results for "forced labour"
        with django_assert_num_queries(TEN_TIMES_QUERIES):
            response = get(client, q="forced labour")
        assert sum(counts(response).values()) > 8 * 10

    def test_a_member_sees_addresses_and_can_search_them(
        self, member_client, django_assert_num_queries
    ):
        person = Person.objects.get(name="Graciela Guzman")
        address = person.emails.first().address
        with django_assert_num_queries(MEMBER_QUERIES):
            body = get(member_client, q=address).content.decode()
        assert f'href="mailto:{address}"' in body
        assert "Graciela <mark>Guzman</mark>" not in body  # found by address, title unmarked
        assert "/directory/?q=Graciela+Guzman" in body

    def test_an_anonymous_visitor_gets_the_same_answer_for_any_address(self, client):
        person = Person.objects.get(name="Graciela Guzman")
        existing = get(client, q=person.emails.first().address)
        invented = get(client, q="nobody-at-all@nowhere.example")
        for response in (existing, invented):
            assert counts(response) == {}
            assert "@" not in "".join(
                str(hit) for g in response.context["results"].groups for hit in g.hits
            )
            assert (
                "E-mail addresses are searched only for signed-in members."
                in response.content.decode()
            )
        assert "mailto:" not in existing.content.decode()

    def test_people_hidden_from_the_directory_are_not_found(self, client):
        Person.objects.filter(name="Graciela Guzman").update(
            contact_visibility=ContactVisibility.HIDDEN
        )
        assert "people" not in counts(get(client, q="Guzman"))


class TestDrafts:
    pytestmark = pytest.mark.django_db

    def make_draft_record(self):
        draft = make_meeting(title="Zanzibar gathering", status=PublicationStatus.DRAFT)
        item = make_agenda_item(meeting=draft, title="Zanzibar item")
        make_intervention(agenda_item=item, summary="Zanzibar statement.")
        make_action_point(meeting=draft, text="Zanzibar follow-up.")
        make_document(title="Zanzibar paper", meeting=draft)
        make_event(title="Zanzibar event", meeting=draft)
        organization = make_organization(name="Zanzibar Org")
        make_attendance(
            meeting=draft, person=make_person(name="Zanzibar Person", organization=organization)
        )

    def test_a_draft_and_what_hangs_off_it_are_found_by_staff_only(self, staff_client):
        self.make_draft_record()
        assert counts(get(Client(), q="Zanzibar")) == {}
        assert counts(get(staff_client, q="Zanzibar")) == {
            "meetings": 1,
            "agenda_items": 1,
            "interventions": 1,
            "decisions": 1,
            "documents": 1,
            "events": 1,
            "organisations": 1,
            "people": 1,
        }


@pytest.mark.django_db
class TestBadQueries:
    def test_an_empty_query_explains_what_can_be_searched(self, client):
        body = get(client, q="").content.decode()
        assert "Search the meetings, their agenda items" in body
        assert get(client).status_code == 200

    def test_only_punctuation_is_nothing_to_search_for(self, client):
        body = get(client, q="?!… -- ;").content.decode()
        assert "There is nothing to search for: type a word." in body

    def test_a_thousand_characters_are_refused_with_a_message(self, client):
        body = get(client, q="labour " * 143).content.decode()
        assert "The search is too long: use at most 200 characters." in body

    @pytest.mark.parametrize("query", ["принудительный труд", "强迫劳动", "العمل الجبري"])
    def test_another_script_gets_a_normal_no_results_page(self, client, query):
        response = get(client, q=query)
        assert response.context["results"].count == 0
        assert "Nothing in the record matches" in response.content.decode()

    @pytest.mark.parametrize("raw", ["q=a%00b", "q=%00", "q=%ED%A0%80", "q=%C0"])
    def test_nul_and_broken_characters_get_a_clear_message(self, client, raw):
        response = client.get(f"{SEARCH}?{raw}")
        assert response.status_code == 200
        assert "The search contains characters that cannot be searched for." in (
            response.content.decode()
        )

    @pytest.mark.parametrize("query", ["' OR 1=1--", "%", "_", "\\", '"', "a & b | !c", "-", "or"])
    def test_query_syntax_is_plain_text(self, client, query):
        make_action_point(text="Circulate the paper.")
        assert get(client, q=query).status_code == 200

    def test_an_unknown_kind_or_page_shows_every_kind(self, client):
        make_action_point(text="Circulate the paper.")
        response = get(client, q="paper", kind="nothing", page="x")
        assert counts(response) == {"decisions": 1}
        assert get(client, q="paper", kind="decisions", page="99999").status_code == 200


@pytest.mark.django_db
def test_record_text_is_escaped_and_the_mark_kept(client):
    make_action_point(text="<script>alert('labour')</script> on forced labour")
    body = get(client, q="forced labour").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;<mark>labour</mark>&#x27;)&lt;/script&gt;" in body


@pytest.mark.django_db
def test_the_header_of_every_page_has_the_search_box(client):
    body = client.get(reverse("meetings:list")).content.decode()
    assert 'role="search"' in body
    assert f'action="{SEARCH}"' in body
    assert '<input type="search" id="search-box-q" name="q"' in body


def add_matching_rows(count):
    """`count` more rows that "forced labour" finds, spread over every kind but countries."""
    meeting = make_meeting(title="Forced labour meeting")
    item = make_agenda_item(meeting=meeting, title="Forced labour item")
    for n in range(count // 8):
        make_intervention(agenda_item=item, summary=f"On forced labour, {n}.")
        make_action_point(meeting=meeting, text=f"Act on forced labour, {n}.")
        make_document(title=f"Forced labour paper {n}", meeting=meeting)
        make_event(title=f"Forced labour event {n}", mentioned_at=item)  # one event per meeting
        organization = make_organization(name=f"Forced Labour Network {n}")
        make_person(position="Forced labour adviser", organization=organization)
        make_action_group(name=f"Forced labour group {n}")
        make_agenda_item(meeting=meeting, title=f"Forced labour item {n}")


@pytest.mark.django_db
def test_a_page_beyond_the_first_counts_every_result_and_shows_its_own(client):
    meeting = make_meeting()
    points = [make_action_point(meeting=meeting, text=f"Quokka census {n}.") for n in range(45)]
    grouped = get(client, q="quokka")
    assert counts(grouped) == {"decisions": 45}
    assert len(grouped.context["results"].groups[3].hits) == 5
    shown = []
    for page in (1, 2, 3):
        response = get(client, q="quokka", kind="decisions", page=page)
        assert response.context["results"].groups[0].count == 45
        assert response.context["page_obj"].paginator.count == 45
        shown += [hit.url for hit in response.context["results"].groups[0].hits]
    assert len(shown) == len(set(shown)) == 45
    assert sorted(shown) == sorted(
        f"{meeting.get_absolute_url()}#{point.anchor}" for point in points
    )


@pytest.mark.django_db
def test_a_page_past_the_end_shows_the_last_and_a_bad_number_the_first(client):
    meeting = make_meeting()
    for n in range(45):
        make_action_point(meeting=meeting, text=f"Quokka census {n}.")
    first = get(client, q="quokka", kind="decisions", page="x")
    assert first.context["page_obj"].number == 1
    for asked in ("4", "99999"):
        response = get(client, q="quokka", kind="decisions", page=asked)
        page = response.context["page_obj"]
        assert (page.number, page.paginator.num_pages, page.paginator.count) == (3, 3, 45)
        assert len(response.context["results"].groups[0].hits) == 45 - 2 * 20
    nothing = get(client, q="quokka", kind="meetings", page="2")
    assert nothing.context["page_obj"].number == 1
    assert nothing.context["page_obj"].paginator.count == 0


@pytest.mark.django_db
def test_one_kind_reads_only_its_page_of_ids(client, django_assert_num_queries):
    meeting = make_meeting()
    for n in range(45):
        make_action_point(meeting=meeting, text=f"Quokka census {n}.")
    with django_assert_num_queries(2) as captured:
        get(client, q="quokka", kind="decisions", page="2")
    assert "LIMIT" in captured.captured_queries[0]["sql"].upper()
