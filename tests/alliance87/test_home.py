"""The home page: the GCG at a glance."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from actiongroups.models import ActionGroupStatus
from base.record.visibility import PublicationStatus
from pathfinders.models import Stage
from tests.factories import (
    make_action_group,
    make_country,
    make_meeting,
    make_milestone,
)

pytestmark = pytest.mark.django_db

# The planned meetings still to come, offices, latest meeting, pipeline, action groups, events,
# key figures.
QUERIES = 7


def home(client):
    return client.get(reverse("home")).content.decode()


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def section(html, heading_id):
    start = html.rindex("<section", 0, html.index(f'id="{heading_id}"'))
    return html[start : html.index("</section>", start)]


def stage_count(html, stage):
    link = reverse("pathfinders:country_list") + f"?stage={stage}"
    return int(re.search(re.escape(link) + r'">\s*<span class="stat">(\d+)</span>', html)[1])


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The home page over the record as loaded, once for the class."""

    def test_offices_and_latest_meeting(self, client, django_assert_num_queries):
        with django_assert_num_queries(QUERIES):
            response = client.get(reverse("home"))
        assert response.status_code == 200
        html = response.content.decode()
        offices = text(section(html, "offices-heading"))
        chair = "Chair: France since 17 July 2019 (from Australia) represented by Anousheh Karvar"
        assert chair in offices
        assert "Deputy Chair: Argentina represented by Graciela Guzman" in offices
        assert reverse("pathfinders:country_detail", kwargs={"slug": "france"}) in html
        latest = section(html, "latest-meeting-heading")
        assert "5th Meeting of the Global Coordinating Group" in latest
        assert "17 July 2019, New York" in text(latest)
        assert reverse("meetings:detail", kwargs={"slug": "5th-meeting-2019-07-17"}) in latest

    def test_pipeline_counts_each_stage_from_the_report(self, client):
        html = home(client)
        # The report: France's intention; 15 expressions of interest, of which 9 held a workshop
        # and 4 have one scheduled (leaving Morocco and Sri Lanka); the 9 plus the African Union
        # held one.
        assert stage_count(html, Stage.INTENTION_ANNOUNCED) == 1
        assert stage_count(html, Stage.EXPRESSION_OF_INTEREST) == 2
        assert stage_count(html, Stage.WORKSHOP_SCHEDULED) == 4
        assert stage_count(html, Stage.WORKSHOP_HELD) == 10
        assert stage_count(html, Stage.ROADMAP) == 0
        assert stage_count(html, Stage.PROGRESS_REPORT) == 0

    def test_action_groups_with_status(self, client):
        groups = section(home(client), "action-groups-heading")
        assert groups.count('class="badge badge-active"') == 2
        assert groups.count('class="badge badge-not_launched"') == 2
        assert reverse("directory:action_group_detail", kwargs={"slug": "migration"}) in groups

    def test_key_figures_with_their_source(self, client):
        figures = section(home(client), "figures-heading")
        assert "217 active partners of the Alliance" in text(figures)
        assert "over 4,000" in text(figures)
        assert "over 20,000 users from 183 countries" in text(figures)  # the report: "Over 20,000"
        assert "45 Delta 8.7 dashboards cleared by National Statistics Offices" in text(figures)
        meeting = reverse("meetings:detail", kwargs={"slug": "5th-meeting-2019-07-17"})
        assert f'href="{meeting}#item-4"' in figures  # 217 partners: under item 4
        assert f'href="{meeting}#item-6"' in figures  # Delta 8.7: under item 6
        assert "Reported by" in figures and "UNU-CPR" in figures
        assert '<time datetime="2019-07-17">17 July 2019</time>' in figures

    def test_upcoming_events_the_day_after_the_meeting(self, client, today_is):
        today_is(datetime.date(2019, 7, 18))
        events = text(section(home(client), "events-heading"))
        assert "No upcoming events" not in events
        assert events.index("Bali Process") < events.index("early September 2019")
        assert "Most recent events" not in events

    def test_month_precision_event_stays_upcoming_through_its_month(self, client, today_is):
        # The Paris Peace Forum (11–13 November) is over; the next GCG meeting, "November 2019",
        # is not.
        today_is(datetime.date(2019, 11, 20))
        events = text(section(home(client), "events-heading"))
        assert "Next meeting of the Global Coordinating Group" in events
        assert "Paris Peace Forum" not in events

    def test_says_plainly_when_nothing_is_upcoming(self, client, today_is):
        today_is(datetime.date(2030, 1, 1))
        events = section(home(client), "events-heading")
        assert "No upcoming events are recorded." in events
        recent = text(events.split("Most recent events")[1])
        # The most recent past events, most recent first: February 2020, then January 2020.
        assert recent.index("ILO Technical Meeting on Supply Chains") < recent.index(
            "Child Labour Forum"
        )
        assert f'href="{reverse("meetings:events")}"' in events


def test_with_nothing_recorded(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "No meeting is recorded yet." in html
    assert "No upcoming events are recorded." in html
    assert stage_count(html, Stage.WORKSHOP_HELD) == 0
    assert make_action_group(status=ActionGroupStatus.ACTIVE).name in home(client)


def test_the_pipeline_counts_a_country_at_the_furthest_stage_its_reader_may_see(staff_client):
    """A country is counted once, at its furthest stage; a stage reported only at a draft
    meeting counts for staff alone."""
    country = make_country()
    published = make_meeting(status=PublicationStatus.PUBLISHED)
    draft = make_meeting(status=PublicationStatus.DRAFT)
    make_milestone(country=country, kind=Stage.INTENTION_ANNOUNCED, source_meeting=published)
    make_milestone(country=country, kind=Stage.EXPRESSION_OF_INTEREST, source_meeting=published)
    make_milestone(country=country, kind=Stage.WORKSHOP_HELD, source_meeting=draft)
    for_visitors, for_staff = home(Client()), home(staff_client)
    assert stage_count(for_visitors, Stage.EXPRESSION_OF_INTEREST) == 1
    assert stage_count(for_visitors, Stage.INTENTION_ANNOUNCED) == 0
    assert stage_count(for_visitors, Stage.WORKSHOP_HELD) == 0
    assert stage_count(for_staff, Stage.WORKSHOP_HELD) == 1
    assert stage_count(for_staff, Stage.EXPRESSION_OF_INTEREST) == 0
