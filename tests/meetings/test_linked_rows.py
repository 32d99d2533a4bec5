"""The many-to-many lists of a meeting's rows, one query a relation."""

import pytest

from meetings.linked_rows import Linked, attach_linked
from tests.factories import make_action_point, make_meeting, make_organization

pytestmark = pytest.mark.django_db


def test_each_row_lists_its_own_links_by_name_and_no_other_meetings(
    django_assert_num_queries,
):
    meeting = make_meeting()
    zeta = make_organization(name="Zeta Union", slug="zeta")
    alpha = make_organization(name="Alpha & Co", slug="alpha")
    owned = make_action_point(meeting)
    owned.owners.add(zeta, alpha)
    unowned = make_action_point(meeting)
    make_action_point(make_meeting()).owners.add(zeta)

    with django_assert_num_queries(1):
        attach_linked([owned, unowned], "owners", meeting, "meeting")

    assert owned.listed_owners == [
        Linked("Alpha & Co", alpha.get_absolute_url()),
        Linked("Zeta Union", zeta.get_absolute_url()),
    ]
    assert unowned.listed_owners == []


def test_no_rows_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        attach_linked([], "owners", None, "meeting")


def test_a_linked_row_reads_as_its_object_in_a_template():
    linked = Linked("Alpha & Co", "/organizations/alpha/")
    assert str(linked) == "Alpha & Co"
    assert linked.get_absolute_url() == "/organizations/alpha/"
