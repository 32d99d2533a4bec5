"""The follows in the admin, for the Secretariat: listed, with how many follow each target; never
added there, nor changed."""

import pytest
from django.urls import reverse

from actiongroups.models import ActionGroup
from partners.models import Country
from tests.factories import make_country

from .conftest import make_follower

# The session, the user, the second factor; the permissions; the followers per target; the
# changelist's count, its total and its rows.
LIST_QUERIES = 9


@pytest.mark.django_db
class TestFollowAdmin:
    def test_listed_by_target_with_the_followers_of_each(self, record, officer_client):
        nepal = Country.objects.get(name="Nepal")
        make_follower(nepal)
        make_follower(nepal)
        make_follower(ActionGroup.objects.get(name="Supply Chains"))
        make_follower(None)
        page = officer_client.get(reverse("admin:following_follow_changelist"))
        assert page.status_code == 200
        # The most followed first, then by kind of target (action groups before all meetings).
        assert [(row["target"], row["followers"]) for row in page.context["per_target"]] == [
            ("Nepal", 2),
            ("Supply Chains", 1),
            ("All meetings", 1),
        ]
        assert "Followers per target" in page.content.decode()

    def test_never_added_nor_changed_there(self, record, officer_client):
        follow = make_follower(Country.objects.get(name="Nepal"))
        assert officer_client.get(reverse("admin:following_follow_add")).status_code == 403
        change = reverse("admin:following_follow_change", args=[follow.pk])
        response = officer_client.post(change, {"frequency": "weekly"})
        assert response.status_code == 403
        follow.refresh_from_db()
        assert follow.frequency == "daily"

    def test_the_list_at_1_and_10_times(self, record, officer_client, django_assert_num_queries):
        make_follower(Country.objects.get(name="Nepal"))
        with django_assert_num_queries(LIST_QUERIES):
            officer_client.get(reverse("admin:following_follow_changelist"))
        for _n in range(9):
            make_follower(make_country())
        with django_assert_num_queries(LIST_QUERIES):
            officer_client.get(reverse("admin:following_follow_changelist"))
