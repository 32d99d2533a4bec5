"""A member's follows are theirs: in their export (S27), and deleted when they are erased, with
the digests sent for them; another's follows stay."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from following.models import Follow, FollowDigestSent
from partners.models import Country, Person
from partners.personal_data.erasure import person_erase
from partners.personal_data.export import account_models, as_json, for_export, personal_data

from .conftest import follow, make_follower


def linked(person, username):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org")
    person.user = user
    person.save()
    return user


@pytest.mark.django_db
class TestTheirFollows:
    def test_in_their_export(self, record):
        person = Person.objects.get(name="Patrick Lawless")
        user = linked(person, "plawless")
        nepal = follow(user, Country.objects.get(name="Nepal"), frequency="weekly", language="fr")
        FollowDigestSent.objects.create(
            follow=nepal, sent_on=datetime.date(2027, 3, 1), up_to=nepal.followed_at, changes=2
        )
        follow(user, None)
        make_follower(Country.objects.get(name="Nepal"))  # someone else's

        data = as_json(*personal_data(for_export(Person.objects.all()).get(pk=person.pk)))
        assert [
            (row["follows"], row["frequency"], row["language"], row["digests_sent"])
            for row in data["follows"]
        ] == [("Nepal", "Weekly", "fr", 1), ("All meetings", "Daily", "en-gb", 0)]

    def test_none_without_an_account(self, record):
        person = Person.objects.get(name="Patrick Lawless")
        data = as_json(*personal_data(for_export(Person.objects.all()).get(pk=person.pk)))
        assert data["follows"] == []

    def test_deleted_when_they_are_erased(self, record, officer):
        person = Person.objects.get(name="Patrick Lawless")
        user = linked(person, "plawless")
        theirs = follow(user, Country.objects.get(name="Nepal"))
        FollowDigestSent.objects.create(
            follow=theirs, sent_on=datetime.date(2027, 3, 1), up_to=theirs.followed_at, changes=1
        )
        others = make_follower(Country.objects.get(name="Nepal"))
        person_erase(person.pk, officer)
        assert list(Follow.objects.all()) == [others]
        assert FollowDigestSent.objects.count() == 0

    def test_every_model_kept_for_an_account_says_what_its_export_shows(self):
        assert Follow in account_models()
        for model in account_models():
            key, _title, columns = model.PERSONAL_DATA
            assert key and columns and callable(model.personal_data_rows)
