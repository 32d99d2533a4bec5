"""Every page costs the same number of queries at 1 and at 10 times the record, and a paginated
list's last page costs what its first does: nothing grows with the data. Where the page's own
tests count its queries (`Page.queries`), it costs exactly that number at both."""

import pytest

from .pages import every_page

# The measuring fixture uses the test database, which pytest-django sets up for marked tests only.
pytestmark = pytest.mark.django_db

CASES = [
    pytest.param(page, role, id=f"{page.name}-{role}")
    for page in every_page()
    for role in page.roles
]
COUNTED = [case for case in CASES if case.values[1] in case.values[0].queries]


@pytest.mark.parametrize(("page", "role"), CASES)
def test_the_query_count_does_not_grow_with_the_record(counts_at, page, role):
    at_1, at_10 = counts_at[1][page.name, role, "first"], counts_at[10][page.name, role, "first"]
    assert at_1.status == at_10.status == 200
    assert at_1.queries == at_10.queries


@pytest.mark.parametrize(("page", "role"), COUNTED)
def test_the_query_count_is_the_one_its_tests_count(counts_at, page, role):
    at_1, at_10 = counts_at[1][page.name, role, "first"], counts_at[10][page.name, role, "first"]
    expected = page.queries[role]
    assert at_1.queries == expected, "\n".join(at_1.sql)
    assert at_10.queries == expected, "\n".join(at_10.sql)


@pytest.mark.parametrize(("page", "role"), [case for case in CASES if case.values[0].paginated])
def test_the_last_page_costs_what_the_first_does(counts_at, page, role):
    at_10 = counts_at[10]
    first, last = at_10[page.name, role, "first"], at_10[page.name, role, "last"]
    assert last.status == 200
    assert last.queries == first.queries
