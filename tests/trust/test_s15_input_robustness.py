"""S15: random query values never give a server error (the directory: the richest filters;
tests/test_input_robustness.py covers every list page)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARAMS = ["q", "organization", "kind", "country", "meeting", "page"]
VALUES = st.one_of(
    st.text(max_size=50),
    st.sampled_from(["aé€😀", "x", "%00"]).map(lambda chunk: chunk * (10_000 // len(chunk))),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["\x00", "abc\x00", "-1", "0", "99999", "1e9", " ", "%", "' OR 1=1--"]),
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.lists(st.tuples(st.sampled_from(PARAMS), VALUES), max_size=4))
def test_s15_never_a_server_error(client, query):
    # Repeated keys happen: the list of pairs can hold the same parameter twice.
    url = reverse("partners:directory")
    response = client.get(url, {}, QUERY_STRING="&".join(f"{k}={quote(v)}" for k, v in query))
    assert response.status_code in (200, 404), (query, response.status_code)


def quote(value):
    from urllib.parse import quote as url_quote

    return url_quote(value, safe="")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"page": "abc"}, 404),
        ({"page": "-1"}, 404),
        ({"page": str(10**20)}, 404),
        ({"q": "a\x00b"}, 200),
    ],
)
def test_s15_bad_values_answer_cleanly(client, query, status):
    response = client.get(reverse("partners:directory"), query)
    assert response.status_code == status
    if "q" in query:
        assert "Null characters are not allowed." in response.content.decode()
