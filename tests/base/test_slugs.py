import pytest

from base.record.slugs import unique_slugs
from meetings.models import Event
from partners.models import Person
from tests.factories import make_event, make_organization, make_person

pytestmark = pytest.mark.django_db


def test_a_slug_is_made_from_the_name():
    assert make_organization(name="Free the Slaves").slug == "free-the-slaves"


def test_two_people_with_one_name_get_distinct_slugs():
    first, second = make_person(name="Maria Lopez"), make_person(name="Maria Lopez")
    assert (first.slug, second.slug) == ("maria-lopez", "maria-lopez-2")


def test_titled_models_take_their_slug_from_the_title():
    assert make_event(title="Paris Peace Forum").slug == "paris-peace-forum"


def test_a_slug_given_is_kept():
    event = make_event(title="Paris Peace Forum", slug="ppf-2019")
    assert Event.objects.get(pk=event.pk).slug == "ppf-2019"


def test_slugs_for_several_new_rows_are_distinct_from_each_other_and_from_the_table(
    django_assert_num_queries,
):
    make_person(name="Maria Lopez")

    with django_assert_num_queries(1):
        slugs = unique_slugs(Person, ["Maria Lopez", "Maria Lopez", "Jin Sook Lee", ""])

    assert slugs == ["maria-lopez-2", "maria-lopez-3", "jin-sook-lee", "person"]
