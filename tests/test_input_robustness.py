"""Hostile and random query strings on every list page: never a server error."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.filters import EventFilter
from partners.filters import DirectoryFilter, OrganizationFilter
from pathfinders.filters import CountryFilter

# Each list page with the FilterSet that reads its query string (None: it reads no filter).
LISTS = {
    "meetings:list": None,
    "pathfinders:country_list": CountryFilter,
    "actiongroups:list": None,
    "partners:organization_list": OrganizationFilter,
    "partners:directory": DirectoryFilter,
    "meetings:events": EventFilter,
}
SQL_AND_LIKE = ["' OR 1=1--", "%", "_", "%%", "\\", "' OR '1'='1", '"; DROP TABLE x;--']


def parameters_of(url_name):
    """The query parameters a list reads: its FilterSet's filters, plus page and q."""
    filterset = LISTS[url_name]
    names = list(filterset.base_filters) if filterset else []
    return sorted({*names, "page", "q"})


hostile_values = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.just("x" * 10_240),
    st.text(min_size=1, max_size=8).map(lambda s: (s * 10_240)[:10_240]),
    st.just("\x00"),
    st.text(max_size=5).map(lambda s: f"{s}\x00{s}"),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(["-1", "0", "2147483648", "9223372036854775808", "1e309", "NaN", "1.5"]),
    st.sampled_from(SQL_AND_LIKE),
)


@pytest.mark.parametrize("url_name", LISTS)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_query_strings_never_give_a_server_error(client, record, url_name, data):
    parameters = parameters_of(url_name)
    pairs = data.draw(
        st.lists(st.tuples(st.sampled_from(parameters), hostile_values), min_size=1, max_size=4)
    )
    response = client.get(f"{reverse(url_name)}?{urlencode(pairs)}")
    assert response.status_code < 500, (pairs, response.status_code)


PAGINATED = ["meetings:list", "partners:directory", "meetings:events"]
INVALID_FILTERS = [
    ("pathfinders:country_list", {"stage": "x"}),
    ("pathfinders:country_list", {"region": "atlantis"}),
    ("partners:organization_list", {"kind": "x"}),
    ("partners:organization_list", {"country": "abc"}),
    ("partners:directory", {"organization": "abc"}),
    ("partners:directory", {"meeting": "99999999999999999999"}),
    ("partners:directory", {"q": "\x00"}),
    ("meetings:events", {"kind": "x"}),
]
NOT_VALID = "not valid"  # In both the lists' and the calendar's messages.


@pytest.mark.parametrize("url_name", PAGINATED)
@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0"])
def test_a_bad_page_number_is_not_found(client, record, url_name, page):
    assert client.get(reverse(url_name), {"page": page}).status_code == 404


@pytest.mark.parametrize(("url_name", "query"), INVALID_FILTERS)
def test_an_invalid_filter_value_answers_with_a_message_and_an_empty_list(
    client, record, url_name, query
):
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "Nepal" not in body
    assert "Beate Andrees" not in body
    assert "Paris Peace Forum" not in body
    assert "International Labour Organization" not in body.split("</form>")[-1]


def test_the_stage_message_says_the_filter_is_not_valid(client, record):
    response = client.get(reverse("pathfinders:country_list"), {"stage": "x"})
    assert "Some filter values are not valid" in response.content.decode()


@pytest.mark.parametrize("q", SQL_AND_LIKE)
def test_sql_and_wildcards_in_the_name_search_match_nobody(client, record, q):
    response = client.get(reverse("partners:directory"), {"q": q})
    assert response.status_code == 200
    body = response.content.decode()
    assert "No one matches these filters." in body
    assert "Beate Andrees" not in body


def test_the_name_search_still_finds_by_name(client, record):
    response = client.get(reverse("partners:directory"), {"q": "andrees"})
    body = response.content.decode()
    assert "Beate Andrees" in body
    assert "Thomas Wissing" not in body


@pytest.mark.parametrize("url_name", ["meetings:list", "actiongroups:list"])
def test_lists_without_search_ignore_a_hostile_q(client, record, url_name):
    hostile = client.get(reverse(url_name), {"q": "' OR 1=1--"})
    plain = client.get(reverse(url_name))
    assert hostile.status_code == 200
    assert hostile.content == plain.content
