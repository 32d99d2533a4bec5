"""The follow page: anonymous visitors sent to sign in; a member follows, changes how often and in
which language, or stops; bad input gets a clear message; /me/ lists the follows; a fixed number
of queries."""

import pytest
from django.urls import reverse
from django.utils import translation

from actiongroups.models import ActionGroup
from following.models import Follow
from partners.models import Country, Organization
from tests.factories import make_country

from .conftest import follow

NEPAL = "/follow/country/nepal/"
# The session, the user, the country, the member's follow of it.
PAGE_QUERIES = 4
# /me/ for an account linked to no person: the session, the user, the person (none), the follows.
ME_QUERIES = 4


@pytest.mark.django_db
class TestFollowPage:
    def test_followed_meanwhile_from_another_tab_keeps_one_follow_with_the_latest_choice(
        self, record, member_client, member, monkeypatch
    ):
        """The page was read before the other tab followed: its save meets the unique key and
        becomes a change of that follow, never a server error nor a second follow."""
        from following import follow_page

        nepal = Country.objects.get(name="Nepal")
        Follow.objects.create(
            user=member, target_kind="country", country=nepal, frequency="daily", language="en-gb"
        )
        real = follow_page._follow_of
        looked = []

        def as_read_before(user, kind, row):
            looked.append(kind)
            return None if len(looked) == 1 else real(user, kind, row)

        monkeypatch.setattr(follow_page, "_follow_of", as_read_before)

        response = member_client.post(NEPAL, {"frequency": "weekly", "language": "fr"})

        assert response.status_code == 302
        [followed] = Follow.objects.filter(user=member)
        assert (followed.frequency, followed.language) == ("weekly", "fr")

    def test_anonymous_is_sent_to_sign_in_and_back(self, record, client):
        response = client.get(NEPAL)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={NEPAL}"

    def test_a_member_follows_weekly_changes_to_daily_then_stops(
        self, record, member_client, member
    ):
        page = member_client.get(NEPAL)
        assert page.status_code == 200
        assert "You do not follow Nepal." in page.content.decode()
        assert page["Cache-Control"] == "private, no-store"

        response = member_client.post(NEPAL, {"frequency": "weekly", "language": "fr"})
        assert response.status_code == 302
        [followed] = Follow.objects.filter(user=member)
        assert (followed.country.name, followed.frequency, followed.language) == (
            "Nepal",
            "weekly",
            "fr",
        )
        page = member_client.get(NEPAL).content.decode()
        assert "You follow Nepal: e-mailed weekly." in page

        member_client.post(NEPAL, {"frequency": "daily", "language": "es"})
        followed.refresh_from_db()
        assert (followed.frequency, followed.language) == ("daily", "es")
        assert Follow.objects.filter(user=member).count() == 1

        member_client.post(NEPAL, {"action": "stop"})
        assert not Follow.objects.filter(user=member).exists()

    def test_the_language_offered_is_the_members_current_one(self, record, member_client):
        page = member_client.get("/follow/country/nepal/", HTTP_ACCEPT_LANGUAGE="es")
        assert '<option value="es" selected>' in page.content.decode()
        translation.deactivate()

    def test_a_bad_choice_is_refused_saying_so(self, record, member_client, member):
        response = member_client.post(NEPAL, {"frequency": "hourly", "language": "en-gb"})
        assert response.status_code == 400
        assert "Please correct the choice below." in response.content.decode()
        assert not Follow.objects.filter(user=member).exists()

    def test_an_unknown_target_or_kind_is_404(self, record, member_client):
        assert member_client.get("/follow/country/atlantis/").status_code == 404
        assert member_client.get("/follow/planet/nepal/").status_code == 404

    def test_every_kind_of_target_can_be_followed(self, record, member_client, member):
        group = ActionGroup.objects.get(name="Supply Chains")
        ilo = Organization.objects.get(acronym="ILO")
        for url in (
            reverse("following:follow", args=["action-group", group.slug]),
            reverse("following:follow", args=["organization", ilo.slug]),
            reverse("following:follow_meetings"),
        ):
            assert (
                member_client.post(url, {"frequency": "daily", "language": "en-gb"}).status_code
                == 302
            )
        assert sorted(Follow.objects.filter(user=member).values_list("target_kind", flat=True)) == [
            "action_group",
            "meetings",
            "organization",
        ]

    def test_a_country_nobody_may_see_cannot_be_followed(self, record, member_client):
        from tests.factories import make_meeting, make_milestone

        hidden = make_country(name="Only in a draft")
        make_milestone(hidden, source_meeting=make_meeting(status="draft"))
        assert member_client.get(f"/follow/country/{hidden.slug}/").status_code == 404


@pytest.mark.django_db
class TestMyPage:
    def test_me_lists_the_follows_each_with_a_stop_button(self, record, member_client, member):
        follow(member, Country.objects.get(name="Nepal"), frequency="weekly")
        follow(member, None)
        page = member_client.get(reverse("directory:me")).content.decode()
        assert '<a href="/follow/country/nepal/">Nepal</a>' in page
        assert '<a href="/follow/meetings/">All meetings</a>' in page
        assert "Stop following Nepal" in page

        response = member_client.post(NEPAL, {"action": "stop", "next": "/me/#follows"})
        assert response["Location"] == "/me/#follows"
        assert list(Follow.objects.filter(user=member).values_list("target_kind", flat=True)) == [
            "meetings"
        ]

    def test_next_elsewhere_is_not_followed(self, record, member_client):
        response = member_client.post(NEPAL, {"action": "stop", "next": "https://evil.example/"})
        assert response["Location"] == NEPAL


@pytest.mark.django_db
class TestQueries:
    def test_the_follow_page_at_1_and_10_times(
        self, record, member_client, member, django_assert_num_queries
    ):
        follow(member, Country.objects.get(name="Nepal"))
        with django_assert_num_queries(PAGE_QUERIES):
            member_client.get(NEPAL)
        for _n in range(9):
            follow(member, make_country())
        with django_assert_num_queries(PAGE_QUERIES):
            member_client.get(NEPAL)

    def test_me_at_1_and_10_times(self, record, member_client, member, django_assert_num_queries):
        follow(member, Country.objects.get(name="Nepal"))
        with django_assert_num_queries(ME_QUERIES):
            page = member_client.get(reverse("directory:me"))
        for _n in range(9):
            follow(member, make_country())
        with django_assert_num_queries(ME_QUERIES):
            page = member_client.get(reverse("directory:me"))
        assert page.content.decode().count("Stop following") == 10
