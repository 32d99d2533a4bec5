"""The Atom feed of each followable target: valid Atom (parsed), the same changes as the digest,
never a draft's, and a fixed number of queries."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import caches
from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import Meeting
from partners.models import Country, Organization
from pathfinders.models import Stage
from tests.factories import make_action_point, make_document, make_meeting, make_milestone

ATOM = "{http://www.w3.org/2005/Atom}"
# For a visitor: the target's row, then one query per kind of change that can concern it (seven
# kinds; no milestone concerns an action group or an organisation).
FEED_QUERIES = {"country": 1 + 7, "action_group": 1 + 6, "organization": 1 + 6, "meetings": 7}


def feeds():
    return {
        "country": reverse("following:country_feed", args=["nepal"]),
        "action_group": reverse(
            "following:action_group_feed",
            args=[ActionGroup.objects.get(name="Supply Chains").slug],
        ),
        "organization": reverse(
            "following:organization_feed", args=[Organization.objects.get(acronym="ILO").slug]
        ),
        "meetings": reverse("following:meetings_feed"),
    }


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(feed):
    return feed.findall(f"{ATOM}entry")


@pytest.mark.django_db
class TestFeeds:
    @pytest.mark.parametrize("kind", ["country", "action_group", "organization", "meetings"])
    def test_each_feed_is_atom_with_its_required_elements(self, record, client, kind):
        feed = parsed(client.get(feeds()[kind]))
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{required}").text
        assert feed.find(f"{ATOM}link[@rel='alternate']") is not None
        assert entries(feed), kind
        for entry in entries(feed):
            for required in ("id", "title", "updated"):
                assert entry.find(f"{ATOM}{required}").text
            assert entry.find(f"{ATOM}link").get("href").startswith("http")
        # Ids as every feed of the portal makes them (base.exports.atom.stable_id): unique, and
        # nothing in them reads as an address.
        ids = [entry.find(f"{ATOM}id").text for entry in entries(feed)]
        assert all(id_.startswith("urn:uuid:") and "@" not in id_ for id_ in ids), ids
        assert len(set(ids)) == len(ids)

    def test_a_change_has_the_same_id_in_every_feed_it_is_in(self, record, client):
        """A meeting's publication is in its country's feed and in all meetings': one entry, one
        id, whichever feed a reader takes it from."""
        ids = {
            kind: {
                entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}id").text
                for entry in entries(parsed(client.get(feeds()[kind])))
            }
            for kind in ("country", "meetings")
        }
        in_both = ids["country"].keys() & ids["meetings"].keys()
        assert in_both
        assert {title: ids["country"][title] for title in in_both} == {
            title: ids["meetings"][title] for title in in_both
        }

    def test_the_country_feed_has_its_milestones_and_meeting(self, record, client):
        titles = [
            entry.find(f"{ATOM}title").text
            for entry in entries(parsed(client.get(feeds()["country"])))
        ]
        assert "Nepal: Expression of interest" in titles
        assert "Nepal: Strategic planning workshop held" in titles
        assert "Meeting published: 5th Meeting of the Global Coordinating Group" in titles
        assert not any("Fiji" in title for title in titles)

    def test_a_draft_never_appears(self, record, client):
        nepal = Country.objects.get(name="Nepal")
        draft = make_meeting(status="draft", title="Draft meeting, never shown")
        make_milestone(nepal, Stage.ROADMAP, draft)
        make_action_point(draft, text="A draft's decision, never shown").countries.add(nepal)
        make_document(title="A draft's paper, never shown", meeting=draft).countries.add(nepal)
        published = Meeting.objects.get(number=5)
        make_document(
            title="A paper still a draft in the pack",
            meeting=published,
            briefing_pack_position=1,
            briefing_pack_draft=True,
        ).countries.add(nepal)
        for kind in ("country", "meetings"):
            text = client.get(feeds()[kind]).content.decode()
            assert "never shown" not in text and "Roadmap" not in text
            assert "still a draft" not in text

    def test_an_unknown_target_is_404(self, record, client):
        assert client.get(reverse("following:country_feed", args=["atlantis"])).status_code == 404

    def test_the_feeds_pages_link_them(self, record, client):
        nepal = client.get(reverse("pathfinders:country_detail", args=["nepal"])).content.decode()
        assert (
            '<link rel="alternate" type="application/atom+xml" title="What changed about Nepal '
            '(Atom feed)" href="/countries/nepal/feed/">'
        ) in nepal
        assert 'href="/follow/country/nepal/"' in nepal
        meetings = client.get(reverse("meetings:list")).content.decode()
        assert 'href="/meetings/feed/"' in meetings and 'href="/follow/meetings/"' in meetings


def _ten_times(nepal, group, ilo):
    """Nine more of every kind of change for each target."""
    for n in range(9):
        meeting = make_meeting(title=f"Scaled meeting {n}")
        make_milestone(nepal, Stage.ROADMAP, meeting)
        for text, kind in ((f"Scaled decision {n}", "decision"), (f"Scaled {n}", "follow_up")):
            point = make_action_point(meeting, text=text, kind=kind)
            point.countries.add(nepal)
            point.action_groups.add(group)
            point.owners.add(ilo)
        document = make_document(title=f"Scaled paper {n}", meeting=meeting)
        document.countries.add(nepal)
        document.action_groups.add(group)
        document.organizations.add(ilo)


@pytest.mark.django_db
class TestFeedQueries:
    @pytest.mark.parametrize("kind", ["country", "action_group", "organization", "meetings"])
    def test_the_same_at_1_and_10_times(self, record, client, django_assert_num_queries, kind):
        url = feeds()[kind]
        with django_assert_num_queries(FEED_QUERIES[kind]):
            client.get(url)
        _ten_times(
            Country.objects.get(name="Nepal"),
            ActionGroup.objects.get(name="Supply Chains"),
            Organization.objects.get(acronym="ILO"),
        )
        caches["default"].clear()  # the record changed: the kept copy is retired anyway
        with django_assert_num_queries(FEED_QUERIES[kind]):
            response = client.get(url)
        assert len(entries(parsed(response))) > 9
