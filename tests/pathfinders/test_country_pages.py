"""The countries list (filterable pipeline) and a country's page (one chronological timeline)."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import Office, OfficeTerm
from partners.models import Country, CountryKind
from pathfinders.models import Stage
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_milestone,
    make_organization,
)

pytestmark = pytest.mark.django_db

LIST = reverse("pathfinders:country_list")
# The filters' choices present among the visible countries, the countries with their stage, then
# their office terms.
LIST_QUERIES = 3
# Country+stage, office terms; the timeline's count and its page's places; the page's milestones,
# interventions, their on-behalf-of, action points, their owners, documents, their authors,
# events: each asked whichever kinds the page shows, so every page costs the same.
DETAIL_QUERIES = 12


def section(body, heading):
    """The HTML from an <h2> or <h3> with this text up to the next heading of any level."""
    match = re.search(rf"<h([23])[^>]*>\s*{re.escape(heading)}.*?(?=<h[1-6]|</main>)", body, re.S)
    assert match, f"no section {heading!r}"
    return match.group(0)


def names_in(html):
    return re.findall(r'<a href="/countries/[^"]+/">([^<]+)</a>', html)


def detail(slug):
    return reverse("pathfinders:country_detail", kwargs={"slug": slug})


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The countries list and pages of the July 2019 record, loaded once for the class."""

    def test_pipeline_by_stage_then_the_other_countries_with_their_roles(
        self, client, django_assert_num_queries
    ):
        with pytest.raises(AssertionError):
            section("", "nothing")  # the helper itself can fail
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get(LIST)
        assert response.status_code == 200
        body = response.content.decode()
        held = names_in(section(body, "Strategic planning workshop held"))
        assert held == [
            "African Union", "Albania", "Chile", "Madagascar", "Mauritania", "Nepal", "Nigeria",
            "Tunisia", "Uganda", "Vietnam",
        ]  # fmt: skip
        scheduled = names_in(section(body, "Strategic planning workshop scheduled"))
        assert scheduled == ["Fiji", "Malawi", "Mexico", "Peru"]
        assert names_in(section(body, "Expression of interest")) == ["Morocco", "Sri Lanka"]
        intention = section(body, "Intention announced")
        assert names_in(intention) == ["France"]
        assert "Chair since 17 July 2019" in intention
        others = section(body, "Other countries in the record")
        assert {"Australia", "Argentina"} <= set(names_in(others))
        assert "France" not in names_in(others)
        assert "Chair until 17 July 2019" in others
        assert "Deputy Chair" in others
        # Pathfinders come first: furthest stage first, and the others after them all.
        listing = body[body.index("</form>", body.index('class="filters"')) :]
        assert listing.index("Strategic planning workshop held") < listing.index(
            "Intention announced"
        )
        assert listing.index("Intention announced") < listing.index("Other countries in the record")

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("stage=workshop_scheduled", ["Fiji", "Malawi", "Mexico", "Peru"]),
            ("stage=intention_announced", ["France"]),
            ("stage=expression_of_interest", ["Morocco", "Sri Lanka"]),
            ("kind=regional_body", ["African Union"]),
            ("stage=roadmap", []),
        ],
    )
    def test_filters_narrow_the_list(self, client, query, expected):
        body = client.get(f"{LIST}?{query}").content.decode()
        assert names_in(body) == expected

    def test_every_country_of_the_record_has_its_iso_code_and_region(self):
        # Typed from ISO 3166-1 alpha-2.
        assert dict(Country.objects.values_list("name", "iso_code")) == {
            "Albania": "AL", "Argentina": "AR", "Australia": "AU", "Canada": "CA", "Chile": "CL",
            "Fiji": "FJ", "France": "FR", "Ireland": "IE", "Madagascar": "MG", "Malawi": "MW",
            "Mauritania": "MR", "Mexico": "MX", "Morocco": "MA", "Nepal": "NP", "New Zealand": "NZ",
            "Nigeria": "NG", "Peru": "PE", "Sri Lanka": "LK", "Tunisia": "TN", "Uganda": "UG",
            "United Kingdom": "GB", "United States": "US", "Vietnam": "VN", "African Union": "",
        }  # fmt: skip
        assert set(
            Country.objects.filter(kind=CountryKind.COUNTRY).values_list("region", flat=True)
        ) == {"002", "019", "142", "150", "009"}
        # No row of the M49 (or ISO) standard names the African Union: its region is left to
        # the Secretariat.
        assert Country.objects.get(name="African Union").region == ""

    # Typed from UN M49 (unstats.un.org/unsd/methodology/m49): 002 Africa, 019 Americas,
    # 142 Asia, 150 Europe, 009 Oceania. The African Union is a regional body, in none.
    @pytest.mark.parametrize(
        ("region", "expected"),
        [
            ("002", [
                "Madagascar", "Malawi", "Mauritania", "Morocco", "Nigeria", "Tunisia", "Uganda",
            ]),
            ("019", ["Argentina", "Canada", "Chile", "Mexico", "Peru", "United States"]),
            ("142", ["Nepal", "Sri Lanka", "Vietnam"]),
            ("150", ["Albania", "France", "Ireland", "United Kingdom"]),
            ("009", ["Australia", "Fiji", "New Zealand"]),
        ],
    )  # fmt: skip
    def test_region_filter(self, client, region, expected):
        body = client.get(f"{LIST}?region={region}").content.decode()
        assert sorted(names_in(body)) == expected

    def test_the_region_filter_names_its_classification_and_offers_the_five_regions(self, client):
        body = client.get(LIST).content.decode()
        select = re.search(
            r'<label for="id_region">([^<]+)</label>\s*<select[^>]*>(.*?)</select>', body, re.S
        )
        assert select.group(1) == "Region (UN M49)"
        options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]+)</option>', select.group(2))
        assert options == [
            ("", "Any region"), ("002", "Africa"), ("019", "Americas"), ("142", "Asia"),
            ("150", "Europe"), ("009", "Oceania"),
        ]  # fmt: skip

    def test_a_country_page_names_its_region_and_code(self, client):
        body = client.get(detail("vietnam")).content.decode()
        assert re.search(
            r"<dt>Region \(UN M49\)</dt><dd><a href=\"/countries/\?region=142\">Asia</a>", body
        )
        assert "<dt>ISO 3166-1 code</dt><dd>VN</dd>" in body

    def test_a_regional_body_page_has_no_empty_region_line(self, client):
        body = client.get(detail("african-union")).content.decode()
        assert "<dt>Region" not in body and "ISO 3166-1" not in body
        assert "Not recorded" not in body

    def test_an_unknown_country_is_not_found(self, client):
        assert client.get(detail("atlantis")).status_code == 404

    def test_france_stage_roles_and_timeline(self, client, django_assert_num_queries):
        with django_assert_num_queries(DETAIL_QUERIES):
            response = client.get(detail("france"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Intention announced" in body
        assert "Chair since 17 July 2019" in body
        assert "Milestone: Intention announced" in body
        # The Chair's announcement that France will explore seeking pathfinder status, linked to
        # its place in the meeting record.
        assert "intention of France to explore seeking pathfinder status" in body
        assert re.search(r'href="/meetings/5th-meeting-2019-07-17/#intervention-\d+"', body)
        assert "5th Meeting of the Global Coordinating Group, item 1, Welcome and handover" in body

    def test_an_undated_milestone_is_placed_at_its_source_meeting(self, client):
        body = client.get(detail("albania")).content.decode()
        assert body.count("Reported at the 5th meeting, 17 July 2019") == 2  # EOI and workshop held
        assert body.index("Milestone: Expression of interest") < body.index(
            "Milestone: Strategic planning workshop held"
        )


# The list


# One country


def populate(country, meetings):
    """Everything a country's timeline shows, once per meeting."""
    for index in range(meetings):
        meeting = make_meeting(date=datetime.date(2019, 1, 1) + datetime.timedelta(days=index))
        item = make_agenda_item(meeting=meeting)
        intervention = make_intervention(agenda_item=item, countries=[country])
        intervention.on_behalf_of.add(make_organization())
        make_milestone(
            country=country, kind=Stage.values[index % 6], source_meeting=meeting,
            source_agenda_item=item, source_intervention=intervention,
        )  # fmt: skip
        action_point = make_action_point(meeting=meeting, agenda_item=item)
        action_point.countries.add(country)
        action_point.owners.add(intervention.organization)
        document = make_document(meeting=meeting, agenda_item=item)
        document.countries.add(country)
        document.organizations.add(intervention.organization)
        make_event(mentioned_at=item, start_date=meeting.date).countries.add(country)
        OfficeTerm.objects.create(
            office=Office.DEPUTY_CHAIR, country=country, source_meeting=meeting
        )


def test_timeline_is_sorted_by_date_then_kind(client):
    country = make_country(name="Sortland")
    late = make_meeting(date=datetime.date(2020, 2, 1), title="Later meeting")
    early = make_meeting(date=datetime.date(2019, 3, 1), title="Earlier meeting")
    make_intervention(
        agenda_item=make_agenda_item(meeting=late), countries=[country], summary="LATE"
    )
    make_intervention(
        agenda_item=make_agenda_item(meeting=early), countries=[country], summary="EARLY"
    )
    make_milestone(country=country, source_meeting=early)  # undated: at the earlier meeting
    make_event(title="Mid event", start_date=datetime.date(2019, 9, 1)).countries.add(country)
    body = client.get(detail(country.slug)).content.decode()
    order = [
        body.index("Milestone: Expression of interest"),
        body.index("EARLY"),
        body.index("Mid event"),
        body.index("LATE"),
    ]
    assert order == sorted(order)


def test_a_long_timeline_is_read_a_page_at_a_time(client, django_assert_num_queries):
    country = make_country(name="Longland", kind=CountryKind.COUNTRY)
    populate(country, 11)  # 55 entries: 50 on the first page, 5 on the second
    with django_assert_num_queries(DETAIL_QUERIES):
        first = client.get(detail(country.slug)).content.decode()
    with django_assert_num_queries(DETAIL_QUERIES):
        second = client.get(detail(country.slug) + "?page=2").content.decode()
    assert first.count('<li><span class="when">') == 50
    assert second.count('<li><span class="when">') == 5
    assert 'href="?page=2"' in first and "Page 1 of 2" in first
    assert 'href="?page=1"' in second and "Page 2 of 2" in second
    # A page past the end, or not a number, shows a page rather than an error.
    assert client.get(detail(country.slug) + "?page=9").content.decode().count("Page 2 of 2")
    assert client.get(detail(country.slug) + "?page=x").status_code == 200
